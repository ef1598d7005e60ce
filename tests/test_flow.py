"""Which steps apply for each branch and sub-branch, navigation, blocking, progress and the wait."""

from __future__ import annotations

import datetime as _dt

import pytest

from tests.fakes import FakeClock
from wizard.content import flow
from wizard.content.playbook import load
from wizard.storage.document import DONE, SKIPPED, Setup

BOOK = load()

START = ["client", "deployment"]
CLIENT = [
    "client-skype-users",
    "client-lync-users",
    "client-address",
    "client-capabilities",
    "client-test",
]
END = ["summary"]

ONPREM_REQUEST = [
    "onprem-version",
    "onprem-preflight",
    "onprem-existing",
    "onprem-identity",
    "onprem-request",
    "onprem-certificate",
    "onprem-dns",
    "onprem-edge",
    "onprem-policy",
    "onprem-provider",
    "onprem-wait",
    "onprem-verify",
]
ONPREM_NO_REQUEST = [s for s in ONPREM_REQUEST if s not in ("onprem-request", "onprem-wait")]
#: The request route chosen, but no request said to be submitted: no wait (issue 9).
ONPREM_REQUEST_UNSENT = [s for s in ONPREM_REQUEST if s != "onprem-wait"]
VERSIONS = ["2010", "2013", "2013-cu5", "2015", "2019"]


def ids(**values: object) -> list[str]:
    return flow.applicable_ids(BOOK, values)


def new_setup(**values: object) -> Setup:
    setup = Setup.new("Contoso", clock=FakeClock())
    setup.values.update(values)
    return setup


# -- branches ------------------------------------------------------------------------------------


def test_before_a_deployment_is_chosen_only_start_and_summary_apply():
    assert ids() == START + END


@pytest.mark.parametrize("version", VERSIONS)
def test_onprem_request_route_for_every_version(version):
    """The route has no default; the wait applies only once the user says it was submitted."""
    base = {"deployment": "onprem", "server_version": version}
    assert ids(**base) == START + ONPREM_NO_REQUEST + CLIENT + END
    assert ids(**base, provisioning_route="request") == START + ONPREM_REQUEST_UNSENT + CLIENT + END
    expected = START + ONPREM_REQUEST + CLIENT + END
    assert ids(**base, provisioning_route="request", pic_submitted=True) == expected
    # a setup saved before the route had to be chosen keeps its recorded request and wait
    assert ids(**base, pic_submitted_on="2014-03-03") == expected


def test_the_route_starts_unset_never_on_the_closed_site():
    fld = BOOK.field("provisioning_route")
    assert fld.default is None and fld.required
    assert fld.choices[0].value == "discovery"
    assert set(problems("onprem-version", deployment="onprem", server_version="2015")) == {
        "provisioning_route"
    }


@pytest.mark.parametrize("version", VERSIONS)
def test_onprem_discovery_route_skips_request_and_wait(version):
    got = ids(deployment="onprem", server_version=version, provisioning_route="discovery")
    assert got == START + ONPREM_NO_REQUEST + CLIENT + END


@pytest.mark.parametrize("route", ["request", "discovery"])
def test_onprem_already_provisioned_skips_request_and_wait(route):
    got = ids(deployment="onprem", provisioning_route=route, already_pic_provisioned=True)
    assert got == START + ONPREM_NO_REQUEST + CLIENT + END


def test_onprem_hybrid_adds_the_online_step_after_the_wait():
    got = ids(deployment="onprem", hybrid=True, provisioning_route="request", pic_submitted=True)
    assert "onprem-hybrid-online" in got
    assert got.index("onprem-wait") < got.index("onprem-hybrid-online") < got.index("onprem-verify")
    assert "onprem-hybrid-online" not in ids(deployment="onprem", hybrid=False)
    assert "onprem-hybrid-online" in ids(
        deployment="onprem", hybrid=True, provisioning_route="discovery"
    )


def test_enterprise_branch_and_hybrid_sub_branch():
    plain = [
        "ent-plan",
        "ent-public-im",
        "ent-per-user",
        "ent-firewall",
        "ent-dns",
        "ent-test",
    ]
    assert ids(deployment="o365-enterprise") == START + plain + CLIENT + END
    hybrid = ids(deployment="o365-enterprise", hybrid=True)
    assert hybrid == START + ["ent-plan", "ent-hybrid-first", *plain[1:]] + CLIENT + END


def test_small_business_branch():
    sbp = ["sbp-external", "sbp-legacy-fix", "sbp-per-user", "sbp-dns", "sbp-test"]
    assert ids(deployment="o365-sbp") == START + sbp + CLIENT + END
    # on-premises answers left over from an earlier choice change nothing here
    assert (
        ids(deployment="o365-sbp", hybrid=True, server_version="2010") == START + sbp + CLIENT + END
    )


def test_branches_do_not_leak_into_each_other():
    for dep, prefix in (
        ("onprem", "onprem-"),
        ("o365-enterprise", "ent-"),
        ("o365-sbp", "sbp-"),
    ):
        got = ids(deployment=dep, hybrid=True)
        foreign = [s for s in got if "-" in s and not s.startswith((prefix, "client-"))]
        assert foreign == [], dep


# -- navigation ---------------------------------------------------------------------------------


def test_next_and_previous_follow_the_applicable_steps():
    values = {"deployment": "onprem", "provisioning_route": "discovery"}
    assert flow.next_step(BOOK, values, "onprem-identity").id == "onprem-certificate"
    assert flow.previous_step(BOOK, values, "onprem-certificate").id == "onprem-identity"
    assert flow.next_step(BOOK, values, "onprem-provider").id == "onprem-verify"
    values["provisioning_route"] = "request"
    assert flow.next_step(BOOK, values, "onprem-identity").id == "onprem-request"
    assert flow.next_step(BOOK, values, "onprem-provider").id == "onprem-verify"
    values["pic_submitted"] = True
    assert flow.next_step(BOOK, values, "onprem-provider").id == "onprem-wait"


def test_navigation_ends():
    values = {"deployment": "o365-sbp"}
    assert flow.first_step(BOOK, values).id == "client"
    assert flow.previous_step(BOOK, values, "client") is None
    assert flow.next_step(BOOK, values, "summary") is None
    # a step that no longer applies has no previous, and "next" restarts at the first step
    assert flow.previous_step(BOOK, values, "onprem-request") is None
    assert flow.next_step(BOOK, values, "onprem-request").id == "client"


def test_resume_at_the_current_step_when_it_still_applies():
    setup = new_setup(deployment="onprem")
    setup.visit("onprem-dns")
    assert flow.resume_step(BOOK, setup).id == "onprem-dns"


def test_resume_at_first_unfinished_step_when_current_no_longer_applies():
    setup = new_setup(deployment="onprem", provisioning_route="request")
    for sid in ("client", "deployment", "onprem-version", "onprem-preflight"):
        setup.mark(sid, DONE)
    setup.visit("onprem-request")
    setup.values["provisioning_route"] = "discovery"
    assert flow.resume_step(BOOK, setup).id == "onprem-existing"


def test_resume_when_everything_is_done_lands_on_the_last_step():
    setup = new_setup(deployment="o365-sbp")
    for sid in flow.applicable_ids(BOOK, setup.values):
        setup.mark(sid, DONE)
    setup.current_step = "onprem-wait"
    assert flow.resume_step(BOOK, setup).id == "summary"


# -- blocking -----------------------------------------------------------------------------------


def problems(step_id: str, **values: object) -> dict[str, str]:
    return flow.step_problems(BOOK, BOOK.step(step_id), values)


def test_version_step_blocks_until_a_version_and_a_route_are_chosen():
    assert set(problems("onprem-version", deployment="onprem")) == {
        "server_version",
        "provisioning_route",
    }
    chosen = {"deployment": "onprem", "provisioning_route": "discovery"}
    assert problems("onprem-version", **chosen, server_version="2013-cu5") == {}
    assert problems("onprem-version", **chosen, server_version="2019") == {}
    bad = problems("onprem-version", **chosen, server_version="2012")
    assert set(bad) == {"server_version"}


def test_identity_step_asks_request_details_only_for_a_request():
    request = problems("onprem-identity", deployment="onprem", provisioning_route="request")
    assert set(request) == {
        "sip_domains",
        "access_edge_fqdn",
        "agreement_type",
        "agreement_number",
        "admin_email",
    }
    discovery = problems("onprem-identity", deployment="onprem", provisioning_route="discovery")
    assert set(discovery) == {"sip_domains", "access_edge_fqdn"}
    already = problems(
        "onprem-identity",
        deployment="onprem",
        provisioning_route="request",
        already_pic_provisioned=True,
    )
    assert set(already) == {"sip_domains", "access_edge_fqdn"}


def test_identity_step_passes_when_filled_and_a_suffix_warning_does_not_block():
    values = {
        "deployment": "onprem",
        "sip_domains": ["contoso.com"],
        "access_edge_fqdn": "sip.it.contoso.com",
        "agreement_type": "vl",
        "agreement_number": "V-1234",
        "admin_email": "admin@contoso.com",
    }
    assert flow.step_problems(BOOK, BOOK.step("onprem-identity"), values) == {}
    verdict = flow.field_verdict(BOOK, values, "access_edge_fqdn")
    assert verdict.ok and verdict.level == "warning"


def test_identity_step_blocks_invalid_values():
    got = problems(
        "onprem-identity",
        deployment="onprem",
        provisioning_route="discovery",
        sip_domains=["contoso.com", "contoso.com"],
        access_edge_fqdn="*.contoso.com",
    )
    assert set(got) == {"sip_domains", "access_edge_fqdn"}
    assert "twice" in got["sip_domains"]
    assert "wildcard" in got["access_edge_fqdn"]


def test_policy_step_asks_names_only_for_their_scope():
    assert problems("onprem-policy", deployment="onprem") == {}
    assert set(problems("onprem-policy", deployment="onprem", policy_scope="site")) == {"site_name"}
    user = problems("onprem-policy", deployment="onprem", policy_scope="user")
    assert set(user) == {"policy_name", "policy_users"}
    ok = problems(
        "onprem-policy",
        deployment="onprem",
        policy_scope="user",
        policy_name="SkypeUsers",
        policy_users=["sip:anna@contoso.com"],
    )
    assert ok == {}


def test_submission_date_is_asked_only_once_the_request_was_submitted():
    route = {"deployment": "onprem", "provisioning_route": "request"}
    assert problems("onprem-request", **route) == {}  # not submitted: nothing blocks Next
    sent = {**route, "pic_submitted": True}
    assert set(problems("onprem-request", **sent)) == {"pic_submitted_on"}
    assert problems("onprem-request", **sent, pic_submitted_on="2014-03-03") == {}
    future = problems("onprem-request", **sent, pic_submitted_on="2098-01-01")
    assert "future" in future["pic_submitted_on"]
    assert set(problems("onprem-request", **sent, pic_submitted_on="03/03/2014"))


def test_optional_inputs_do_not_block():
    assert problems("onprem-wait", deployment="onprem") == {}
    assert problems("ent-per-user", deployment="o365-enterprise") == {}
    got = problems("ent-per-user", deployment="o365-enterprise", online_users=["not an address"])
    assert set(got) == {"online_users"}


def test_client_test_needs_the_test_account():
    got = problems("client-test", deployment="o365-sbp")
    assert set(got) == {"test_account"}
    assert problems("client-test", deployment="o365-sbp", test_account="tester@outlook.com") == {}


# -- progress and waiting -----------------------------------------------------------------------


def test_progress_counts_done_and_skipped_and_ignores_the_summary():
    setup = new_setup(deployment="o365-sbp")
    total = len(flow.applicable_ids(BOOK, setup.values)) - 1
    prog = flow.progress(BOOK, setup)
    assert (prog.done, prog.total, prog.waiting) == (0, total, False)
    setup.mark("client", DONE)
    setup.mark("sbp-legacy-fix", SKIPPED)
    setup.mark("onprem-request", DONE)  # not applicable: not counted
    prog = flow.progress(BOOK, setup)
    assert (prog.done, prog.total) == (2, total)
    assert prog.text == f"2 of {total} steps"


def test_progress_follows_the_branch():
    setup = new_setup(deployment="onprem", provisioning_route="request", pic_submitted=True)
    with_request = flow.progress(BOOK, setup).total
    setup.values["provisioning_route"] = "discovery"
    assert flow.progress(BOOK, setup).total == with_request - 2


def test_waiting_after_submission_until_the_wait_step_is_done():
    setup = new_setup(deployment="onprem")
    wait = BOOK.step("onprem-wait")
    assert flow.step_status(BOOK, wait, setup) == flow.TODO
    setup.values["pic_submitted_on"] = "2014-03-03"
    assert flow.step_status(BOOK, wait, setup) == flow.WAITING
    assert flow.progress(BOOK, setup).waiting
    setup.mark("onprem-wait", DONE)
    assert flow.step_status(BOOK, wait, setup) == DONE
    assert not flow.progress(BOOK, setup).waiting


# -- activation ---------------------------------------------------------------------------------


def test_activation_counts_days_from_submission():
    setup = new_setup(deployment="onprem", pic_submitted_on="2014-03-03")
    act = flow.activation(BOOK, setup, _dt.date(2014, 3, 5))
    assert act is not None
    assert act.submitted_on == _dt.date(2014, 3, 3)
    assert act.day == 2
    assert act.typical_by == _dt.date(2014, 3, 5)
    assert act.expected_by == _dt.date(2014, 4, 2)
    assert not act.overdue and act.confirmed_on is None
    assert "day 2 of up to 30" in act.text and "2014-04-02" in act.text


def test_activation_is_overdue_only_after_the_expected_date():
    setup = new_setup(deployment="onprem", pic_submitted_on="2014-03-03")
    assert not flow.activation(BOOK, setup, _dt.date(2014, 4, 2)).overdue
    late = flow.activation(BOOK, setup, _dt.date(2014, 4, 3))
    assert late.overdue and late.day == 31
    assert "past the expected date 2014-04-02" in late.text


def test_activation_confirmed_is_never_overdue():
    setup = new_setup(
        deployment="onprem",
        pic_submitted_on="2014-03-03",
        activation_confirmed_on="2014-03-20",
    )
    act = flow.activation(BOOK, setup, _dt.date(2014, 6, 1))
    assert act.confirmed_on == _dt.date(2014, 3, 20)
    assert not act.overdue
    assert act.text == "Activation confirmed on 2014-03-20"


def test_activation_day_is_never_negative():
    setup = new_setup(deployment="onprem", pic_submitted_on="2014-03-03")
    assert flow.activation(BOOK, setup, _dt.date(2014, 3, 1)).day == 0


@pytest.mark.parametrize(
    "values",
    [
        {"deployment": "onprem"},
        {"deployment": "onprem", "pic_submitted_on": "not a date"},
        {"deployment": "o365-enterprise", "pic_submitted_on": "2014-03-03"},
        {
            "deployment": "onprem",
            "pic_submitted_on": "2014-03-03",
            "provisioning_route": "discovery",
        },
        {
            "deployment": "onprem",
            "pic_submitted_on": "2014-03-03",
            "already_pic_provisioned": True,
        },
    ],
)
def test_no_activation_without_a_pending_request(values):
    assert flow.activation(BOOK, new_setup(**values), _dt.date(2014, 3, 5)) is None


def test_status_line_reports_the_wait_first():
    setup = new_setup(deployment="onprem", pic_submitted_on="2014-03-03")
    assert flow.status_line(BOOK, setup, _dt.date(2014, 3, 10)).startswith(
        "Waiting for activation, day 7"
    )
    setup.values["activation_confirmed_on"] = "2014-03-09"
    setup.visit("onprem-verify")
    assert flow.status_line(BOOK, setup, _dt.date(2014, 3, 10)) == "Next: Check the connection"
