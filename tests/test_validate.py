"""Field validators: each verdict is error, warning or ok, with a message that says what to fix."""

from __future__ import annotations

import pytest

from wizard.content import validate
from wizard.content.validate import ERROR, OK, WARNING


def level(verdict: validate.Verdict) -> str:
    return verdict.level


# -- FQDN ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "sip.contoso.com",
        "SIP.Contoso.COM",
        "sip.contoso.com.",  # trailing dot: the absolute form is accepted
        "  sip.contoso.com  ",
        "a.b",
        "x1-y2.example.co.uk",
        "sip." + "a" * 63 + ".com",  # a label of exactly 63 characters
        "123.contoso.com",
    ],
)
def test_valid_fqdns(name):
    assert validate.check_fqdn(name) == validate.PASS


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "Enter"),
        ("   ", "Enter"),
        ("203.0.113.10", "IP address"),
        ("203.0.113.10.", "IP address"),
        ("[2001:db8::1]", "IP address"),
        ("*.contoso.com", "wildcard"),
        ("sip.*.com", "wildcard"),
        ("sip." + "a" * 64 + ".com", "63"),
        ("-sip.contoso.com", "hyphen"),
        ("sip-.contoso.com", "hyphen"),
        ("contoso", "two parts"),
        ("localhost.", "two parts"),
        ("sip..contoso.com", "empty part"),
        (".contoso.com", "empty part"),
        ("sip.contoso.com..", "empty part"),
        ("sip contoso.com", "spaces"),
        ("sip_fed.contoso.com", "letters"),
        ("sip.contoso.123", "digits"),
        (("a" * 62 + ".") * 4 + "com", "253"),
    ],
)
def test_invalid_fqdns(name, words):
    verdict = validate.check_fqdn(name)
    assert verdict.level == ERROR and not verdict.ok
    assert words in verdict.message


def test_normalise_fqdn():
    assert validate.normalise_fqdn(" SIP.Contoso.com. ") == "sip.contoso.com"
    assert validate.normalise_fqdn("sip.contoso.com") == "sip.contoso.com"
    assert validate.normalise_fqdn("a..") == "a.."  # not silently repaired


def test_messages_name_the_field():
    assert "Access Edge FQDN" in validate.check_edge_fqdn("").message
    assert "SIP domain" in validate.check_sip_domain("contoso").message


# -- SIP domain lists ----------------------------------------------------------------------------


def test_domain_list():
    assert validate.check_domain_list(["contoso.com", "fabrikam.com"]) == validate.PASS
    assert level(validate.check_domain_list([])) == ERROR
    dup = validate.check_domain_list(["contoso.com", "Contoso.com."])
    assert dup.level == ERROR and "twice" in dup.message
    bad = validate.check_domain_list(["contoso.com", "*.fabrikam.com"])
    assert bad.level == ERROR and bad.message.startswith("*.fabrikam.com:")


def test_check_value_splits_typed_lists():
    assert validate.check_value("domain-list", "contoso.com, fabrikam.com") == validate.PASS
    assert validate.split_list("a.com\nb.com; c.com  d.com") == [
        "a.com",
        "b.com",
        "c.com",
        "d.com",
    ]
    assert level(validate.check_value("domain-list", "")) == ERROR


# -- rule C7: the Edge name is one label under each SIP domain -----------------------------------


@pytest.mark.parametrize("edge", ["sip.contoso.com", "sipfed.contoso.com", "access.contoso.com"])
def test_suffix_rule_accepts_one_label_under_the_domain(edge):
    assert validate.edge_suffix_warning(edge, ["contoso.com"]) == validate.PASS


@pytest.mark.parametrize("edge", ["sip.contoso-edge.com", "sip.it.contoso.com"])
def test_suffix_rule_warns_otherwise(edge):
    verdict = validate.edge_suffix_warning(edge, ["contoso.com"])
    assert verdict.level == WARNING and verdict.ok
    assert "contoso.com" in verdict.message


def test_suffix_rule_with_several_domains_gives_each_other_domain_its_own_name():
    # C7: one Edge name can't sit under two domains; fabrikam.com gets sip.fabrikam.com
    verdict = validate.edge_suffix_warning("sip.contoso.com", ["contoso.com", "fabrikam.com"])
    assert verdict.level == "ok"
    assert validate.srv_target("fabrikam.com", "sip.contoso.com") == "sip.fabrikam.com"
    assert validate.srv_target("Contoso.com", "SIP.contoso.com.") == "sip.contoso.com"
    # an Edge name under none of the domains is named, with every domain that doesn't match
    verdict = validate.edge_suffix_warning("sip.edge.net", ["contoso.com", "fabrikam.com"])
    assert verdict.level == WARNING
    assert "contoso.com, fabrikam.com" in verdict.message


def test_suffix_rule_warns_when_the_edge_is_the_domain_itself():
    verdict = validate.edge_suffix_warning("contoso.com", ["contoso.com"])
    assert verdict.level == WARNING and "same as the SIP domain" in verdict.message


def test_suffix_rule_ignores_invalid_input():
    assert validate.edge_suffix_warning("not valid", ["contoso.com"]) == validate.PASS
    assert validate.edge_suffix_warning("sip.contoso.com", ["bad domain"]) == validate.PASS
    assert validate.edge_suffix_warning("SIP.Contoso.com.", ["contoso.com."]) == validate.PASS


# -- e-mail and SIP addresses --------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["admin@contoso.com", "o'brien@contoso.com", "first.last+tag@sub.contoso.co.uk"],
)
def test_valid_email(email):
    assert validate.check_email(email) == validate.PASS


@pytest.mark.parametrize("email", ["", "admin", "admin@", "@contoso.com", "a@b", "a b@contoso.com"])
def test_invalid_email(email):
    assert validate.check_email(email).level == ERROR


def test_sip_uri():
    assert validate.check_sip_uri("sip:anna@contoso.com") == validate.PASS
    assert validate.check_sip_uri("SIP:anna@contoso.com") == validate.PASS
    assert validate.check_sip_uri("anna@contoso.com") == validate.PASS
    assert validate.check_sip_uri("sip:anna").level == ERROR
    assert validate.normalise_sip_uri(" Anna@Contoso.com ") == "sip:anna@contoso.com"
    assert validate.normalise_sip_uri("SIP:anna@contoso.com") == "sip:anna@contoso.com"
    assert validate.check_sip_uri_list([]).level == ERROR
    bad = validate.check_sip_uri_list(["anna@contoso.com", "nobody"])
    assert bad.level == ERROR and bad.message.startswith("nobody:")


# -- IPv4 ----------------------------------------------------------------------------------------


def test_public_ipv4_is_ok():
    assert validate.check_ipv4("8.8.8.8") == validate.PASS
    # used as typed in the DNS record: blanks at the ends are refused, not silently kept
    assert validate.check_ipv4(" 131.107.1.1 ").level == ERROR


@pytest.mark.parametrize(
    "addr",
    [
        "10.0.0.5",
        "172.16.1.1",
        "192.168.1.10",
        "127.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
        "169.254.1.1",
        "224.0.0.1",
        "192.0.2.10",
    ],
)
def test_non_public_ipv4_warns(addr):
    verdict = validate.check_ipv4(addr)
    assert verdict.level == WARNING and verdict.ok
    assert "public" in verdict.message


@pytest.mark.parametrize(
    "addr", ["", "256.1.1.1", "1.2.3", "sip.contoso.com", "2001:db8::1", "1.2.3.4/24"]
)
def test_invalid_ipv4(addr):
    assert validate.check_ipv4(addr).level == ERROR


# -- agreement, dates, policy names, TTL ---------------------------------------------------------


@pytest.mark.parametrize("number", ["12345678", "V-1234-AB", "S1234"])
def test_agreement_number_ok(number):
    assert validate.check_agreement_number(number) == validate.PASS


@pytest.mark.parametrize("number", ["", "   ", "-1234", "12 34", "12/34", "1234'"])
def test_agreement_number_rejected(number):
    assert validate.check_agreement_number(number).level == ERROR


def test_dates():
    assert validate.check_date("2014-03-17") == validate.PASS
    for bad in ("", "17/03/2014", "2014-02-30", "tomorrow"):
        assert validate.check_date(bad).level == ERROR


def test_policy_names():
    assert validate.check_policy_name("SkypeUsers") == validate.PASS
    assert validate.check_policy_name("Redmond_site-1.a") == validate.PASS
    for bad in ("", "Skype Users", "Sky*", "it's", "x" * 65):
        assert validate.check_policy_name(bad).level == ERROR
    assert "Global scope" in validate.check_policy_name("Global").message


def test_ttl():
    assert validate.check_ttl("3600") == validate.PASS
    assert validate.check_ttl("60") == validate.PASS
    assert validate.check_ttl("604800") == validate.PASS
    for bad in ("", "59", "604801", "-1", "1h", "36.5"):
        assert validate.check_ttl(bad).level == ERROR
    assert validate.check_value("ttl", 3600) == validate.PASS


def test_text():
    assert validate.check_text("Contoso") == validate.PASS
    assert validate.check_text(" ").level == ERROR
    assert validate.check_text("x" * 201).level == ERROR


def test_check_value_dispatches_by_kind():
    assert validate.check_value("fqdn", "sip.contoso.com").level == OK
    assert validate.check_value("email", "nope").level == ERROR
    assert validate.check_value("sip-uri-list", ["sip:anna@contoso.com"]).level == OK
    assert validate.check_value("bool", True) == validate.PASS  # no validator: nothing to judge


# -- Hostile input: every validator (issue 10, defect 6) -------------------------------------------

#: A valid value per validator, to be spoiled by the cases below.
GOOD = {
    "text": "Contoso Ltd",
    "fqdn": "sip.contoso.com",
    "domain": "contoso.com",
    "email": "admin@contoso.com",
    "ipv4": "203.0.113.10",
    "agreement": "AB-1234",
    "date": "2014-03-17",
    "policy-name": "SkypeUsers",
    "sip-uri": "sip:anna@contoso.com",
    "ttl": "3600",
}
#: Characters that must never pass, anywhere in a value: they split PowerShell and zone lines,
#: end strings early, or make text read differently than it runs.
HOSTILE = {
    "newline": "\n",
    "CR": "\r",
    "NUL": "\0",
    "tab": "\t",
    "escape": "\x1b",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "lone surrogate": "\udcff",
    "bidi override": "\u202e",
}


def test_every_validator_is_in_the_hostile_tests():
    assert set(GOOD) == set(validate.TEXT_VALIDATORS)
    for kind, value in GOOD.items():
        assert validate.check_value(kind, value).ok, kind


@pytest.mark.parametrize("kind", sorted(GOOD))
@pytest.mark.parametrize("where", ["end", "middle", "start"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_no_validator_accepts_a_control_character(kind, where, name):
    good, ch = GOOD[kind], HOSTILE[name]
    value = {"end": good + ch, "start": ch + good, "middle": good[:3] + ch + good[3:]}[where]
    verdict = validate.check_value(kind, value)
    assert verdict.level == ERROR, (kind, where, name)
    assert "\n" not in verdict.message and "\r" not in verdict.message


def test_a_newline_after_an_fqdn_label_is_refused():
    # `$` matched before a final newline: "sip.contoso.com\nInvoke-Evil" split the PowerShell
    for value in ("sip.contoso.com\n", "sip.contoso\n.com", "contoso.com\nx.com"):
        assert validate.check_fqdn(value).level == ERROR
    assert validate.check_domain_list(["contoso.com\n"]).level == ERROR


@pytest.mark.parametrize(
    "kind", ["email", "ipv4", "agreement", "date", "policy-name", "sip-uri", "ttl"]
)
@pytest.mark.parametrize("blank", [" ", "\u00a0", "\u3000"])
def test_tokens_used_as_typed_refuse_blanks_at_the_ends(kind, blank):
    for value in (GOOD[kind] + blank, blank + GOOD[kind]):
        verdict = validate.check_value(kind, value)
        assert verdict.level == ERROR, (kind, repr(value))


def test_names_and_free_text_strip_blanks_explicitly():
    # DNS names are normalised (stripped) wherever used; free text is stripped by its reader
    assert validate.check_fqdn("  sip.contoso.com  ").ok
    assert validate.normalise_fqdn(" sip.contoso.com ") == "sip.contoso.com"
    assert validate.check_text(" Contoso ").ok
    from wizard.storage.document import Setup

    assert Setup.new(" Contoso ").client_name == "Contoso"


@pytest.mark.parametrize("value", ["²", "3600²", "٣٦٠٠", "３６００", "3600.0", "+3600", "36 00"])
def test_ttl_accepts_ascii_digits_only(value):
    assert validate.check_ttl(value).level == ERROR  # "²".isdigit() is True; int("²") raises


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",
        "9999-12-02",
        "0001-01-01",
        "1999-12-31",
        "2100-01-01",
        "20140317",  # date.fromisoformat accepts these forms on Python 3.11+
        "2014-W11-1",
        "2014-03-17T00:00",
        "٢٠١٤-٠٣-١٧",
        "2014-02-30",
        "garbage",
    ],
)
def test_dates_outside_the_supported_form_and_range_are_refused(value):
    assert validate.check_date(value).level == ERROR
    assert validate.parse_date(value) is None


def test_parse_date_accepts_exactly_what_check_date_accepts():
    for value in ("2000-01-01", "2014-03-17", "2099-12-31"):
        assert validate.check_date(value).ok
        assert validate.parse_date(value) is not None
    for value in (None, 20140317, ["2014-03-17"], " 2014-03-17"):
        assert validate.parse_date(value) is None


@pytest.mark.parametrize("kind", ["domain-list", "sip-uri-list"])
def test_list_items_with_control_characters_are_refused(kind):
    item = "contoso.com" if kind == "domain-list" else "anna@contoso.com"
    verdict = validate.check_value(kind, [item, "x" + "\x00" + item])
    assert verdict.level == ERROR
    assert "\x00" not in verdict.message
