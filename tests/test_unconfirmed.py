"""Nothing DOMAIN.md marks UNCONFIRMED, "could not confirm" or conflicting is stated as fact.

The scan reads every text of the shipped content (all TOML strings: bodies, notes, labels, help,
checklist items, artefact lines and captions) and looks for the risky claims by wording. Each
pattern is a statement that would present an unconfirmed point as settled; the content may mention
the topic only with a hedge ("not confirmed", "test it", "a page that carries no date").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

import pytest

from wizard.content.playbook import read_files

FILES = read_files()


def _strings(node: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}[{i}]")


TEXTS = [
    (f"{name}.toml{where}", text)
    for name, raw in FILES.items()
    for where, text in _strings(tomllib.loads(raw), "")
]

#: The files about today (the Skype branches describe a service that did have calls and presence).
TODAY = ("teams-free.toml", "status.toml", "start.toml")

#: (what DOMAIN.md leaves open, a pattern that would state it as fact)
RISKY = [
    # 9 "Could not confirm": calls, presence and DNS for Teams (free)
    ("Teams (free) calls", r"\b(audio|video)?\s*calls?\s+(work|works|are supported|are available)"),
    ("Teams (free) presence", r"\bpresence\s+(works|is shown|is available|is supported)"),
    (
        "no DNS change needed",
        r"\bno DNS (change|record|records|changes) (is|are) (needed|required)",
    ),
    ("no DNS change needed", r"\b(don't|do not|doesn't|does not) need (any )?DNS"),
    ("no DNS change needed", r"\bwithout (any )?DNS (change|record)"),
    # 9 "Could not confirm": the least-privileged role
    ("least-privileged role", r"(only|minimum|least[- ]privileged) role"),
    # 9.5 fact 32: Get-CsServerVersion cannot tell CU5 apart
    (
        "Get-CsServerVersion shows CU5",
        r"Get-CsServerVersion\b[^.]*\b(shows|tells|reveals)\b(?! only)(?![^.]*can't)[^.]*CU5",
    ),
    ("Get-CsServerVersion shows CU5", r"CU5[^.]*\bby Get-CsServerVersion\b"),
    # 9.1 fact 6 is an inference: never "stopped on" for on-prem without a hedge (status.toml)
    ("on-prem end as fact", r"Skype for Business Server[^.]*(stopped|ended) (working )?on 5 May"),
    # 5: Test-CsFederatedPartner is not a test of your own domain
    ("Test-CsFederatedPartner own domain", r"Test-CsFederatedPartner[^.]*\byour own (SIP )?domain"),
    # 6.3 the named value behind -VerificationLevel 2
    ("VerificationLevel 2 name", r"VerificationLevel 2 (means|is)"),
    # 6.4 live: addressing
    ("live: addressing", r"\blive:[a-z]"),
    # 6.6 Lync 2010 video with Skype (sources conflict)
    ("Lync 2010 video", r"Lync 2010[^.]*video (works|is supported)"),
    # 6.8 SRV priority/weight values
    ("SRV priority", r"Microsoft recommends (a )?(priority|weight)"),
    # 6.1 the PIC e-mail fallback address
    ("PIC mailbox", r"[A-Za-z0-9._-]+@(microsoft|lync)\.com"),
]


@pytest.mark.parametrize(
    ("topic", "pattern"), RISKY, ids=[f"{t}-{i}" for i, (t, _) in enumerate(RISKY)]
)
def test_no_unconfirmed_claim_is_stated_as_fact(topic, pattern):
    rx = re.compile(pattern, re.IGNORECASE)
    today_only = topic.startswith("Teams (free)")
    hits = [
        f"{where}: {text[:160]!r}"
        for where, text in TEXTS
        if rx.search(text) and (not today_only or where.startswith(TODAY))
    ]
    assert not hits, f"{topic} stated as fact:\n" + "\n".join(hits)


def test_the_scan_sees_the_content():
    """The scan would catch a claim: planted statements are found by the patterns."""
    planted = [
        "Audio and video calls work between work and personal accounts.",
        "Presence works both ways.",
        "No DNS change is needed for Teams (free).",
        "Get-CsServerVersion shows whether CU5 is installed.",
        "Test-CsFederatedPartner checks federation with your own domain.",
    ]
    for text in planted:
        assert any(re.search(p, text, re.IGNORECASE) for _, p in RISKY), text
    assert len(TEXTS) > 200


def test_the_uncertain_points_are_mentioned_with_a_hedge():
    teams = " ".join(t for where, t in TEXTS if where.startswith("teams-free.toml"))
    assert "carries no date" in teams  # calls: the support page's date is unknown
    assert "Presence: not confirmed" in teams
    assert "at the time of writing" in teams  # admin-centre labels (fact 11)
    assert "don't say whether any are needed" in teams  # DNS: no statement either way
