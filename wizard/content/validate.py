"""Field validation: one function per value kind, each returning a plain-language verdict.

Validators never change what the user typed; they only judge it. A verdict is an error (blocks
Next and generated output), a warning (shown, does not block) or ok. The messages say what is wrong
and how to fix it, because they are shown next to the field.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import re
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


_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def normalise_fqdn(text: str) -> str:
    """Lower-case and strip blanks and one trailing dot; the canonical form used everywhere."""
    text = text.strip().lower()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def check_fqdn(text: str, what: str = "name") -> Verdict:
    """A DNS host or domain name: 2+ LDH labels, each 1-63 characters, 253 in all."""
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
            return Verdict(ERROR, f"{normalise_fqdn(value) or '(empty)'}: {verdict.message}")
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
    if bad:
        doms = ", ".join(bad)
        return _warn(
            f"{edge} is not one label directly under {doms}. Since 2019 Microsoft matches the "
            f"SRV target against the domain (for example sip.{bad[0]}); otherwise federation "
            "with Skype may fail. You can continue, but plan an Edge name like that."
        )
    return PASS


def check_email(text: str) -> Verdict:
    from email_validator import EmailNotValidError, validate_email

    value = text.strip()
    if not value:
        return _error("Enter an e-mail address, for example admin@contoso.com.")
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return _error(f"This is not a valid e-mail address: {exc}")
    return PASS


def check_ipv4(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter the public IPv4 address, for example 203.0.113.10.")
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


_AGREEMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


def check_agreement_number(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter the agreement or enrollment number from your licensing paperwork.")
    if not _AGREEMENT.match(value):
        return _error("Use only letters, digits and hyphens, as printed on your agreement.")
    return PASS


def check_date(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter a date as YYYY-MM-DD.")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return _error("Enter the date as YYYY-MM-DD, for example 2014-03-17.")
    return PASS


_POLICY = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def check_policy_name(text: str) -> Verdict:
    value = text.strip()
    if not value:
        return _error("Enter a name for the policy, for example SkypeUsers.")
    if not _POLICY.match(value):
        return _error(
            "Use 1-64 letters, digits, dots, hyphens or underscores; no spaces or wildcards."
        )
    if value.lower() == "global":
        return _error("'global' is the global policy's name. Choose the Global scope instead.")
    return PASS


def check_sip_uri(text: str) -> Verdict:
    value = text.strip()
    if value.lower().startswith("sip:"):
        value = value[4:]
    verdict = check_email(value)
    if not verdict.ok:
        return _error("Enter a SIP address like sip:anna@contoso.com (or just anna@contoso.com).")
    return PASS


def check_sip_uri_list(values: list[str]) -> Verdict:
    if not values:
        return _error("Enter at least one user, for example anna@contoso.com.")
    for v in values:
        if not check_sip_uri(v).ok:
            return _error(f"{v}: enter a SIP address like sip:anna@contoso.com.")
    return PASS


def check_text(text: str) -> Verdict:
    if not text.strip():
        return _error("This field can't be empty.")
    if len(text) > 200:
        return _error("Keep this under 200 characters.")
    return PASS


def check_ttl(text: str) -> Verdict:
    value = text.strip()
    if not value.isdigit() or not (60 <= int(value) <= 604800):
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
