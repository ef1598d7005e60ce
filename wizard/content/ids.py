"""The names the code and the content share, declared once.

The content (``resources/playbook/*.toml``) defines fields and steps; a few of them the code reads
or names. Those are listed here and nowhere else: ``tests/test_content_ids.py`` fails when the
content lacks one of them, and when a module of ``wizard/`` uses a field or step id (as a string
literal) that is not declared here. To rename a field the code relies on, rename it here, in the
content and in the code together.
"""

from __future__ import annotations

# -- fields the code reads or writes by name -------------------------------------------------------
CLIENT_NAME = "client_name"  # the setup's name (document, store, checklist)
DEPLOYMENT = "deployment"  # which branch (document, checklist, checks, command line)
SERVER_VERSION = "server_version"  # printed on the checklist's cover
SIP_DOMAINS = "sip_domains"  # checks, reminders, the edge-suffix warning
ACCESS_EDGE_FQDN = "access_edge_fqdn"  # checks, reminders, the edge-suffix warning
EDGE_PUBLIC_IP = "edge_public_ip"  # the A record check
PIC_SUBMITTED_ON = "pic_submitted_on"  # "not in the future"; the reminders count from it
ACTIVATION_CONFIRMED_ON = "activation_confirmed_on"  # "Activation confirmed" fills it
AGREEMENT_NUMBER = "agreement_number"  # the secret field (storage.secrets)
ADMIN_EMAIL = "admin_email"  # the request sheet's administrator e-mail (templates |adminfor)
ADMIN_EMAILS = "admin_emails"  # one per further SIP domain (templates |adminfor)

FIELDS = frozenset(
    {
        CLIENT_NAME,
        DEPLOYMENT,
        SERVER_VERSION,
        SIP_DOMAINS,
        ACCESS_EDGE_FQDN,
        EDGE_PUBLIC_IP,
        PIC_SUBMITTED_ON,
        ACTIVATION_CONFIRMED_ON,
        AGREEMENT_NUMBER,
        ADMIN_EMAIL,
        ADMIN_EMAILS,
    }
)

# -- steps the code names ----------------------------------------------------------------------------
DEPLOYMENT_STEP = "deployment"  # the self-test walks to it

STEPS = frozenset({DEPLOYMENT_STEP})

#: The values of the deployment field, in the order of the content's choices.
DEPLOYMENTS = ("onprem", "o365-enterprise", "o365-sbp", "teams-free")
#: The deployments whose procedure no longer works today (DOMAIN.md 9.1): kept as history. Only
#: these have DNS records and a certificate to check.
HISTORICAL_DEPLOYMENTS = ("onprem", "o365-enterprise", "o365-sbp")

#: Filters usable in templates as ``{{field|name}}``; ``templates.FILTERS`` implements exactly these.
FILTERS = frozenset(
    {
        "ps",
        "psbool",
        "fqdn",
        "dot",
        "sipuri",
        "pssip",
        "msn",
        "plus2",
        "plus30",
        "label",
        "yesno",
        "pslist",
        # filters that also read other values (templates.CONTEXT_FILTERS)
        "edgefor",
        "adminfor",
    }
)
