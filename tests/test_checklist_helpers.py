"""Shared builders for the checklist tests: a filled setup, and a small fixed playbook.

The shipped playbook content is still being written, so the tests run twice over: once against the
shipped content (asserting on what ``flow.applicable`` says, not hard-coded lists) and once against
the fixed playbook below, which has the on-premises artefacts the checklist must print.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from wizard.content import playbook
from wizard.content.playbook import Playbook
from wizard.storage.document import DONE, SKIPPED, Setup
from wizard.storage.secrets import SecretStore

NOW = _dt.datetime(2014, 3, 20, 12, 0, tzinfo=_dt.UTC)
SECRET = "ABC-98765-XYZ"


def clock() -> _dt.datetime:
    return NOW


def at(day: int) -> str:
    # midday UTC: the same calendar date in every time zone from UTC-11 to UTC+11
    return _dt.datetime(2014, 3, day, 12, 0, tzinfo=_dt.UTC).isoformat(timespec="seconds")


FIXED_STEPS = r"""
when = { field = "deployment", equals = "onprem" }

[[steps]]
id = "fx-version"
title = "Server version"
summary = "Pick the Lync Server version"
fields = ["server_version", "provisioning_route", "hybrid"]

[[steps]]
id = "fx-dns"
title = "Publish the federation DNS records"
summary = "SRV and A records in the external zone"
fields = ["sip_domains", "access_edge_fqdn", "edge_public_ip", "dns_ttl"]
checklist = ["Create the SRV record in the public zone", "Check it with nslookup from outside"]
[[steps.artefacts]]
id = "srv"
title = "DNS records"
kind = "dns"
caption = "One SRV record per SIP domain."
[[steps.artefacts.lines]]
each = "sip_domains"
text = "_sipfederationtls._tcp.{{item|dot}} {{dns_ttl}} IN SRV 0 0 5061 {{access_edge_fqdn|dot}}"
[[steps.artefacts.lines]]
text = "{{access_edge_fqdn|dot}} {{dns_ttl}} IN A {{edge_public_ip}}"

[[steps]]
id = "fx-request"
title = "Submit the provisioning request"
summary = "Fill in the request at pic.lync.com"
fields = ["agreement_type", "agreement_number", "admin_email", "pic_submitted_on"]
when = { field = "provisioning_route", equals = "request" }
[[steps.artefacts]]
id = "sheet"
title = "Request sheet"
kind = "text"
lines = ["Company: {{client_name}}", "Agreement number: {{agreement_number}}", "Access Edge: {{access_edge_fqdn}}"]

[[steps]]
id = "fx-provider"
title = "Enable the Skype provider"
summary = "Run the provider command in the Management Shell"
optional = true
fields = ["verification_level"]
[[steps.artefacts]]
id = "provider"
title = "Skype public provider"
kind = "powershell"
lines = ["Set-CsPublicProvider -Identity Skype -ProxyFqdn federation.messenger.msn.com -IconUrl 'https://images.edge.messenger.live.com/Messenger_16x16.png' -VerificationLevel {{verification_level}} -Enabled $true -NameDecorationRoutingDomain msn.com -NameDecorationExcludedDomainList 'msn.com,outlook.com,live.com,hotmail.com'"]

[[steps]]
id = "fx-wait"
title = "Wait for activation"
kind = "wait"
wait_from = "pic_submitted_on"
summary = "Microsoft activates the request within 30 days"
when = [{ field = "provisioning_route", equals = "request" }, { field = "already_pic_provisioned", is_true = false }]
fields = ["activation_confirmed_on"]
"""

FIXED_O365 = r"""
when = { field = "deployment", in = ["o365-enterprise", "o365-sbp"] }
[[steps]]
id = "fx-online"
title = "Turn on Skype in Lync Online"
summary = "External communications in the admin center"
fields = ["test_account"]
"""


def fixed_book() -> Playbook:
    shipped = playbook.read_files()
    return playbook.parse(
        {
            "playbook": 'title = "Fixed"\nsequence = ["start", "fx-onprem", "fx-o365"]\n',
            "fields": shipped["fields"],
            "start": shipped["start"],
            "status": shipped["status"],
            "fx-onprem": FIXED_STEPS,
            "fx-o365": FIXED_O365,
        }
    )


def filled_setup(
    book: Playbook,
    deployment: str = "onprem",
    client: str = "Contoso Ltd",
) -> Setup:
    """A setup with the brief's values; the first half of the applicable steps done."""
    from wizard.content import flow

    setup = Setup.new(client, clock=clock)
    setup.values.update(
        {
            "deployment": deployment,
            "sip_domains": ["contoso.com", "fabrikam.com"],
            "access_edge_fqdn": "sip.contoso.com",
            "edge_public_ip": "203.0.113.10",
            "admin_email": "lync-admin@contoso.com",
            "agreement_type": "vl",
            "pic_submitted_on": "2014-03-10",
            "test_account": "tester@outlook.com",
        }
    )
    if deployment == "onprem":
        setup.values["server_version"] = "2015"
        # the route has no default since issue 9: this setup documents a submitted request
        setup.values["provisioning_route"] = "request"
        setup.values["pic_submitted"] = True
    steps = [s for s in flow.applicable(book, setup.values) if s.kind != "summary"]
    half = max(1, len(steps) // 2)
    for i, step in enumerate(steps[:half]):
        setup.mark(step.id, DONE, clock=lambda i=i: _dt.datetime.fromisoformat(at(11 + i)))
    if len(steps) > half + 1:
        last = steps[-1]
        setup.mark(last.id, SKIPPED, clock=lambda: _dt.datetime.fromisoformat(at(18)))
    return setup


def secret_getter(setup: Setup, memory_keyring: object) -> Callable[[str], str | None]:
    """Store the agreement number in the (in-memory) keyring and return a getter for it."""
    store = SecretStore()
    store.set(setup.id, "agreement_number", SECRET)
    return lambda fid: store.get(setup.id, fid)
