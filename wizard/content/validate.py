"""Field validation: one function per value kind, each returning a plain-language verdict.

Validators never change what the user typed; they only judge it. A verdict is an error (blocks
Next and generated output), a warning (shown, does not block) or ok. The messages say what is wrong
and how to fix it, because they are shown next to the field.

Rules every validator follows (values reach PowerShell, zone files and calendars):

* patterns end in ``\\Z``, never ``$`` (which also matches before a final newline);
* control characters (newline, CR, tab, NUL...), lone surrogates, line/paragraph separators and
  bidirectional overrides are refused anywhere in a value;
* blanks at either end are refused for single-token kinds (TTL, IP, date, e-mail, SIP address,
  agreement, policy name), whose values templates use as typed; DNS names are normalised by
  ``normalise_fqdn`` (which strips them) everywhere they are used, and free text (the client name)
  is stripped by its reader, ``Setup.client_name``.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

OK = "ok"
WARNING = "warning"
ERROR = "error"


@dataclass(frozen=True)
class Verdict:
    level: str = OK
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.level != ERROR


PASS = Verdict()


def _error(msg: str) -> Verdict:
    return Verdict(ERROR, msg)


def _warn(msg: str) -> Verdict:
    return Verdict(WARNING, msg)


_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\Z")
#: Bidirectional embedding/override/isolate controls: they make text read differently than it runs.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: The oldest and newest date accepted: a date outside can't be a step of this work, and dates
#: near the ends of the calendar break date arithmetic (9999-12-31 + 30 days).
DATE_MIN = _dt.date(2000, 1, 1)
DATE_MAX = _dt.date(2099, 12, 31)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def bad_character(text: str) -> str:
    """A description of the first character no value may hold, or "" if there is none."""
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\r":
            return "a line break"
        if cat == "Cc":
            return f"a control character (U+{ord(ch):04X})"
        if cat == "Cs":
            return "an invalid character (a broken surrogate, often from a bad paste)"
        if cat in ("Zl", "Zp"):
            return "a line break"
        if ch in _BIDI:
            return f"a text-direction control character (U+{ord(ch):04X})"
    return ""


def plain_text(text: str, *, lines: bool = False) -> str:
    """``text`` safe to print, write to a file or put in a calendar: a lone surrogate becomes
    U+FFFD, line breaks (any of CR LF, CR, LF, U+2028/2029) become a space (or, with ``lines``,
    one LF), other control and text-direction characters are dropped."""
    out: list[str] = []
    text = text.replace("\r\n", "\n")
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\r\u2028\u2029\x85" or cat in ("Zl", "Zp"):
            out.append("\n" if lines else " ")
        elif ch == "\t":
            out.append(" ")
        elif cat == "Cs":
            out.append("\ufffd")
        elif cat == "Cc" or ch in _BIDI:
            continue
        else:
            out.append(ch)
    return "".join(out)


def _character_error(text: str) -> Verdict | None:
    bad = bad_character(text)
    if bad:
        return _error(f"This contains {bad}; retype the value instead of pasting it.")
    return None


def _token_error(text: str) -> Verdict | None:
    """Bad characters, or blanks at either end, in a value used exactly as typed."""
    verdict = _character_error(text)
    if verdict is None and text != text.strip():
        verdict = _error("Remove the blank at the start or the end.")
    return verdict


def parse_date(value: Any) -> _dt.date | None:
    """A stored date (YYYY-MM-DD between DATE_MIN and DATE_MAX), or None for anything else.

    Every reader of a saved date uses this: saved files may hold anything (typed while invalid,
    imported, edited by hand), and only the dates ``check_date`` accepts are treated as dates.
    """
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        day = _dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if DATE_MIN <= day <= DATE_MAX else None


def normalise_fqdn(text: str) -> str:
    """Lower-case and strip blanks and one trailing dot; the canonical form used everywhere."""
    text = text.strip().lower()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def check_fqdn(text: str, what: str = "name") -> Verdict:
    """A DNS host or domain name: 2+ LDH labels, each 1-63 characters, 253 in all."""
    bad = _character_error(text)
    if bad:
        return bad
    name = normalise_fqdn(text)
    if not name:
        return _error(f"Enter the {what}, for example sip.contoso.com.")
    if "*" in name:
        return _error(
            f"A wildcard can't be used here. Enter the full {what}, for example sip.contoso.com."
        )
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        pass
    else:
        return _error(f"This is an IP address. Enter the {what} as a DNS name instead.")
    if " " in name:
        return _error(f"The {what} can't contain spaces.")
    if len(name) > 253:
        return _error(f"The {what} is {len(name)} characters long; DNS allows at most 253.")
    labels = name.split(".")
    if len(labels) < 2:
        return _error(f"The {what} needs at least two parts separated by a dot, like contoso.com.")
    for label in labels:
        if not label:
            return _error(f"The {what} has an empty part (two dots in a row, or a leading dot).")
        if len(label) > 63:
            return _error(f"The part '{label[:20]}…' is longer than the 63 characters DNS allows.")
        if not _LABEL.match(label):
            if label.startswith("-") or label.endswith("-"):
                return _error(f"The part '{label}' can't start or end with a hyphen.")
            return _error(f"The part '{label}' may contain only letters a-z, digits and hyphens.")
    if labels[-1].isdigit():
        return _error(f"The last part of the {what} can't be only digits.")
    return PASS


def check_sip_domain(text: str) -> Verdict:
    return check_fqdn(text, "SIP domain")


def check_domain_list(values: list[str]) -> Verdict:
    if not values:
        return _error("Enter at least one SIP domain, for example contoso.com.")
    seen: set[str] = set()
    for value in values:
        verdict = check_sip_domain(value)
        if not verdict.ok:
            shown = ascii(value) if bad_character(value) else normalise_fqdn(value) or "(empty)"
            return Verdict(ERROR, f"{shown}: {verdict.message}")
        name = normalise_fqdn(value)
        if name in seen:
            return _error(f"{name} is listed twice. Enter each SIP domain once.")
        seen.add(name)
    return PASS


def check_edge_fqdn(text: str) -> Verdict:
    return check_fqdn(text, "Access Edge FQDN")


def edge_suffix_warning(edge_fqdn: str, sip_domains: list[str]) -> Verdict:
    """Rule C7: the Edge FQDN must be exactly one label under every SIP domain it serves."""
    edge = normalise_fqdn(edge_fqdn)
    if not check_edge_fqdn(edge).ok:
        return PASS
    bad: list[str] = []
    for domain in sip_domains:
        dom = normalise_fqdn(domain)
        if not check_sip_domain(dom).ok:
            continue
        if edge == dom:
            return _warn(
                f"The Access Edge FQDN is the same as the SIP domain {dom}. The SIP domain is "
                "the part after @ in users' addresses; the Edge FQDN is a host name such as "
                f"sip.{dom}."
            )
        _head, _, rest = edge.partition(".")
        if rest != dom:
            bad.append(dom)
    checked = [normalise_fqdn(d) for d in sip_domains if check_sip_domain(normalise_fqdn(d)).ok]
    if bad and len(bad) == len(checked):
        return _warn(
            f"{edge} is not one label directly under {', '.join(bad)}. Since 2019 Microsoft "
            f"matches each domain's SRV target against the domain, so the records and the "
            f"certificate list use sip.{bad[0]} (and sip.<domain> for each other domain) instead; "
            "give those names A records. You can continue, or use an Edge name like that."
        )
    return PASS


def srv_target(domain: str, edge_fqdn: str) -> str:
    """The name a SIP domain's federation SRV record points at (rule C7, DOMAIN.md 2.2).

    The Access Edge FQDN when it is exactly one label under the domain (sip.contoso.com for
    contoso.com); otherwise the domain's own ``sip.<domain>``, which then needs an A record and a
    place on the certificate. One Edge name can't be a suffix match for two domains, so with several
    SIP domains every other domain gets its own name.
    """
    dom = normalise_fqdn(domain)
    edge = normalise_fqdn(edge_fqdn)
    if edge and check_edge_fqdn(edge).ok and edge.partition(".")[2] == dom:
        return edge
    return f"sip.{dom}"


def check_email(text: str) -> Verdict:
    from email_validator import EmailNotValidError, validate_email

    value = text.strip()
    if not value:
        return _error("Enter an e-mail address, for example admin@contoso.com.")
    bad = _token_error(text)
    if bad:
        return bad
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return _error(f"This is not a valid e-mail address: {exc}")
    return PASS


def check_ipv4(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter the public IPv4 address, for example 203.0.113.10.")
    bad = _token_error(text)
    if bad:
        return bad
    try:
        addr = ipaddress.IPv4Address(value)
    except ValueError:
        return _error(
            "Enter an IPv4 address as four numbers 0-255 separated by dots, e.g. 203.0.113.10."
        )
    if not addr.is_global or addr.is_multicast:
        return _warn(
            f"{addr} is not a public Internet address. The DNS A record for the Access Edge must "
            "point at the Edge's public (external) address."
        )
    return PASS


_AGREEMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\Z")


def check_agreement_number(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter the agreement or enrollment number from your licensing paperwork.")
    bad = _token_error(text)
    if bad:
        return bad
    if not _AGREEMENT.match(value):
        return _error("Use only letters, digits and hyphens, as printed on your agreement.")
    return PASS


def check_date(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter a date as YYYY-MM-DD.")
    bad = _token_error(text)
    if bad:
        return bad
    if parse_date(value) is None:
        if _ISO_DATE.match(value):
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                return _error(f"{value} is not a day of the calendar; check the month and day.")
            return _error(
                f"Enter a date between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}."
            )
        return _error("Enter the date as YYYY-MM-DD, for example 2014-03-17.")
    return PASS


_POLICY = re.compile(r"[A-Za-z0-9_.-]{1,64}\Z")


def check_policy_name(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter a name for the policy, for example SkypeUsers.")
    bad = _token_error(text)
    if bad:
        return bad
    if not _POLICY.match(value):
        return _error(
            "Use 1-64 letters, digits, dots, hyphens or underscores; no spaces or wildcards."
        )
    if value.lower() == "global":
        return _error("'global' is the global policy's name. Choose the Global scope instead.")
    return PASS


def check_sip_uri(text: str) -> Verdict:
    bad = _token_error(text)
    if bad:
        return bad
    value = text.strip()
    if value.lower().startswith("sip:"):
        value = value[4:]
    verdict = check_email(value)
    if not verdict.ok:
        return _error("Enter a SIP address like sip:anna@contoso.com (or just anna@contoso.com).")
    return PASS


def _check_each(values: list[str], check: Callable[[str], Verdict], empty: str) -> Verdict:
    """A list of values of one kind: at least one, and the first bad item named."""
    if not values:
        return _error(empty)
    for v in values:
        verdict = check(v)
        if not verdict.ok:
            shown = v if not bad_character(v) else ascii(v)
            return _error(f"{shown}: {verdict.message}")
    return PASS


def check_sip_uri_list(values: list[str]) -> Verdict:
    return _check_each(
        values,
        check_sip_uri,
        "Enter at least one user, for example anna@contoso.com.",
    )


def check_email_list(values: list[str]) -> Verdict:
    return _check_each(
        values,
        check_email,
        "Enter at least one address, for example anna@contoso.com.",
    )


def check_text(text: str) -> Verdict:
    """Free text (the client name): blanks at the ends are allowed (its reader strips them)."""
    if not text.strip():
        return _error("This field can't be empty.")
    bad = _character_error(text)
    if bad:
        return bad
    if len(text) > 200:
        return _error("Keep this under 200 characters.")
    return PASS


_TTL = re.compile(r"[0-9]{1,7}\Z")


def check_ttl(text: str) -> Verdict:
    bad = _token_error(text)
    if bad:
        return bad
    if not _TTL.match(text) or not (60 <= int(text) <= 604800):
        return _error("Enter a TTL in seconds between 60 and 604800 (one week); 3600 is common.")
    return PASS


def normalise_sip_uri(text: str) -> str:
    value = text.strip()
    if value.lower().startswith("sip:"):
        value = value[4:]
    return "sip:" + value.lower()


#: Validators by field kind, for a single text value.
TEXT_VALIDATORS: dict[str, Callable[[str], Verdict]] = {
    "text": check_text,
    "fqdn": check_edge_fqdn,
    "domain": check_sip_domain,
    "email": check_email,
    "ipv4": check_ipv4,
    "agreement": check_agreement_number,
    "date": check_date,
    "policy-name": check_policy_name,
    "sip-uri": check_sip_uri,
    "ttl": check_ttl,
}

LIST_VALIDATORS: dict[str, Callable[[list[str]], Verdict]] = {
    "domain-list": check_domain_list,
    "sip-uri-list": check_sip_uri_list,
    "email-list": check_email_list,
}


def split_list(text: str) -> list[str]:
    """Split a list typed one per line, or separated by commas, semicolons or blanks."""
    return [part for part in re.split(r"[\s,;]+", text.strip()) if part]


def check_value(kind: str, value: Any) -> Verdict:
    """Validate one stored value of a field kind. Empty optional values are checked by the caller."""
    if kind in LIST_VALIDATORS:
        items = value if isinstance(value, list) else split_list(str(value or ""))
        return LIST_VALIDATORS[kind](items)
    if kind in TEXT_VALIDATORS:
        return TEXT_VALIDATORS[kind](str(value if value is not None else ""))
    return PASS
