"""Hostile setup files, and running every command on them (shared by the fuzz test and
bench/hostile_run.py; not a test module).

``mutated(rng)`` spoils real setup files (the shipped fixtures and a fully filled one): values
replaced by hostile text, dates, numbers and shapes, keys dropped, bytes flipped, cut or prefixed.
``generated(rng)`` builds setups from nothing: every field of the playbook with a value of a random
kind, random progress, random check results. ``exercise(raw, folder)`` saves the bytes as a setup
file and runs ``load`` and then, if the file loads, ``list``, ``checklist`` (Markdown, HTML and
optionally PDF), ``remind`` and ``export`` through ``wizard.cli.main``, with stdout and stderr
that refuse what they can't encode, as a real console does. It returns the tracebacks.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import sys
import traceback
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
SETUP_ID = "f00dfeedbeef"

HOSTILE_TEXT = [
    "",
    " ",
    "\udcff",
    "\ud800x",
    "Con\ntoso",
    "Con\rtoso",
    "a\r\nb",
    "\x00",
    "\x1b[31mred",
    "\u202etxt.exe",
    "\u2028",
    "²",
    "٣٦٠٠",
    "<script>alert(1)</script>",
    "&amp;&lt;",
    "'; Remove-Item C:\\ -Recurse; '",
    '"quoted"',
    "{{client_name}}",
    "%s%n%x",
    "\\u0000",
    "x" * 5000,
    "é" * 300,
    "🙂" * 50,
    "sip.contoso.com\nEVIL",
    "contoso.com.",
    "..",
    "-",
    "*.contoso.com",
    "203.0.113.10",
    "999.1.1.1",
    "anna@contoso.com",
    "sip:",
    "9999-12-31",
    "9999-12-02",
    "0001-01-01",
    "2014-02-30",
    "2014-W11-1",
    "20140317",
    "2014-03-17T25:00",
    "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00+00:00",
    "2014-03-01T00:00:00-23:59",
    "onprem",
    "o365-enterprise",
    "o365-sbp",
    "request",
    "true",
    "3600",
    "59",
    "604801",
]
HOSTILE_VALUES: list[Any] = [
    *HOSTILE_TEXT,
    None,
    True,
    False,
    0,
    -1,
    2**63,
    10**300,
    1e308,
    -0.0,
    3.5,
    [],
    [""],
    ["contoso.com", "contoso.com"],
    ["\udcff"],
    ["a\nb", "x" * 300],
    {"nested": {"deeper": [1, 2, 3]}},
    [[[]]],
]
#: The hostile values a saved setup may legally hold (anything else makes the file unreadable).
PLAIN_VALUES = [
    v
    for v in HOSTILE_VALUES
    if not isinstance(v, (list, dict)) or all(isinstance(x, str) for x in v)
]
DATE_FIELDS = ("pic_submitted_on", "activation_confirmed_on")
GOOD_STAMP = "2014-03-01T09:00:00+00:00"
STAMP_KEYS = ("created_at", "updated_at")
TOP_KEYS = [
    "schema_version",
    "id",
    "created_at",
    "updated_at",
    "values",
    "steps",
    "current_step",
    "visited",
    "checks",
    "answers",
    "progress",
    "ticks",
]


def _book() -> Any:
    from wizard.content import playbook

    return playbook.load()


def _step_ids() -> list[str]:
    return [s.id for s in _book().steps]


def full_document() -> dict[str, Any]:
    """A fully filled on-premises setup, as the app saves it."""
    from wizard.storage.document import Setup

    setup = Setup(SETUP_ID, "2014-03-01T09:00:00+00:00", "2014-03-01T09:00:00+00:00")
    setup.values.update(
        {
            "client_name": "Contoso Ltd",
            "deployment": "onprem",
            "server_version": "2013",
            "provisioning_route": "request",
            "sip_domains": ["contoso.com", "contoso.co.uk"],
            "access_edge_fqdn": "sip.contoso.com",
            "edge_public_ip": "203.0.113.10",
            "dns_ttl": "3600",
            "agreement_type": "ea",
            "admin_email": "admin@contoso.com",
            "pic_submitted_on": "2014-03-01",
            "policy_scope": "site",
            "site_name": "Redmond",
            "policy_users": ["anna@contoso.com"],
            "test_account": "test@contoso.com",
            "test_sip_uri": "sip:anna@contoso.com",
        }
    )
    setup.steps = {}
    setup.mark("onprem-version", "done", lambda: _fixed())
    setup.visit("onprem-request")
    setup.checks = [
        {
            "id": "srv:contoso.com",
            "title": "SRV record",
            "status": "pass",
            "found": "sip.contoso.com:5061",
            "action": "",
            "server": "127.0.0.1",
            "at": "2014-03-02T10:00:00+00:00",
            "step": "onprem-dns",
        }
    ]
    return setup.to_dict()


def _fixed() -> Any:
    import datetime as _dt

    return _dt.datetime(2014, 3, 1, 9, 0, tzinfo=_dt.UTC)


def base_documents() -> list[dict[str, Any]]:
    docs = [full_document()]
    for name in ("setup-v0.json", "setup-v1.json"):
        doc = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        doc["id"] = SETUP_ID
        docs.append(doc)
    return docs


def _values_key(doc: dict[str, Any]) -> str:
    return "answers" if doc.get("schema_version") == 0 else "values"


def mutated(rng: random.Random, bases: list[dict[str, Any]] | None = None) -> bytes:
    """A real setup file, spoiled in one to four ways."""
    doc = json.loads(json.dumps(rng.choice(bases or base_documents())))
    field_ids = sorted(_book().fields)
    for _ in range(rng.randint(1, 4)):
        how = rng.randrange(14)
        values = doc.get(_values_key(doc))
        if how >= 9:
            how = 0
        if how <= 2 and isinstance(values, dict):  # a field gets a hostile value
            fid = rng.choice(field_ids + list(DATE_FIELDS) * 3)
            values[fid] = rng.choice(PLAIN_VALUES if rng.random() < 0.9 else HOSTILE_VALUES)
        elif how == 3:  # a top-level part replaced or removed
            key = rng.choice(TOP_KEYS)
            if rng.random() < 0.5:
                doc.pop(key, None)
            else:
                doc[key] = rng.choice(HOSTILE_VALUES)
        elif how == 4:  # a timestamp
            doc[rng.choice(STAMP_KEYS)] = rng.choice(HOSTILE_TEXT)
        elif how == 5:  # progress of a step
            steps = doc.get("steps" if "steps" in doc else "progress")
            if isinstance(steps, dict):
                step = rng.choice([*_step_ids(), "nonexistent", "\udcff"])
                at = rng.choice(HOSTILE_TEXT)
                steps[step] = {"status": rng.choice(["done", "skipped", "x"]), "at": at}
        elif how == 6:  # a check result
            checks = doc.setdefault("checks", [])
            if isinstance(checks, list):
                checks.append(
                    {
                        k: rng.choice(HOSTILE_VALUES)
                        for k in ("id", "title", "status", "found", "action", "server", "at")
                    }
                )
        elif how == 7:  # the position in the wizard
            doc["current_step"] = rng.choice([*HOSTILE_TEXT[:10], *_step_ids()])
            doc["visited"] = rng.sample(_step_ids(), 3) + [rng.choice(HOSTILE_TEXT)]
        else:
            doc["schema_version"] = rng.choice([0, 1, 2, -1, "1", 1.0, None])
    raw = json.dumps(doc, ensure_ascii=rng.random() < 0.8).encode("utf-8", "surrogatepass")
    return _spoil_bytes(rng, raw) if rng.random() < 0.15 else raw


def _spoil_bytes(rng: random.Random, raw: bytes) -> bytes:
    how = rng.randrange(5)
    if how == 0:
        return raw[: rng.randrange(len(raw) + 1)]
    if how == 1:
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if how == 2:
        return b"\xef\xbb\xbf" + raw
    if how == 3:
        return raw.replace(b'"', b"'", rng.randint(1, 5))
    return raw + rng.choice([b"\x00", b"garbage", b"}", b"\n\n"])


def generated(rng: random.Random) -> bytes:
    """A setup built from nothing: each field of the playbook maybe set, to a random value."""
    book = _book()
    values: dict[str, Any] = {}
    deployment = rng.choice(["onprem", "o365-enterprise", "o365-sbp", None, "\udcff", "x"])
    if deployment is not None:
        values["deployment"] = deployment
    for fid, fld in book.fields.items():
        if fid == "deployment" or rng.random() < 0.3:
            continue
        roll = rng.random()
        if roll < 0.4 and fld.kind == "choice":
            values[fid] = rng.choice([c.value for c in fld.choices])
        elif roll < 0.4 and fld.kind == "bool":
            values[fid] = rng.random() < 0.5
        elif roll < 0.4 and fld.kind.endswith("-list"):
            values[fid] = [rng.choice(HOSTILE_TEXT) for _ in range(rng.randint(0, 3))]
        elif roll < 0.4 and fld.kind == "date":
            values[fid] = (
                f"{rng.randint(1, 9999):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            )
        else:
            values[fid] = rng.choice(PLAIN_VALUES if rng.random() < 0.97 else HOSTILE_VALUES)
    stamp = GOOD_STAMP
    if rng.random() < 0.15:
        stamp = rng.choice(["2014-03-01T09:00:00", *HOSTILE_TEXT[-12:]])
    steps = {
        sid: {"status": rng.choice(["done", "skipped"]), "at": rng.choice([stamp, *HOSTILE_TEXT])}
        for sid in rng.sample(_step_ids(), rng.randint(0, 6))
    }
    doc = {
        "schema_version": 1,
        "id": SETUP_ID,
        "created_at": stamp,
        "updated_at": stamp,
        "values": values,
        "steps": steps,
        "current_step": rng.choice([None, *_step_ids(), "gone"]),
        "visited": rng.sample(_step_ids(), rng.randint(0, 5)),
        "checks": [
            {
                k: rng.choice(HOSTILE_VALUES)
                for k in ("id", "title", "status", "found", "action", "server", "at", "step")
            }
            for _ in range(rng.randint(0, 3))
        ],
    }
    return json.dumps(doc, ensure_ascii=rng.random() < 0.8).encode("utf-8", "surrogatepass")


class _StrictConsole(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors="strict")


def _command(argv: list[str]) -> str:
    """Run one command in-process; "" or the traceback of an exception that escaped it."""
    from wizard import cli

    out, err = _StrictConsole(), _StrictConsole()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main(argv)
    except SystemExit as exc:  # argparse's own exit for bad arguments: a message, not a crash
        if exc.code not in (0, 2):
            return f"SystemExit({exc.code}) from {argv}"
    except BaseException:  # noqa: BLE001 - what we count
        return f"{' '.join(argv[2:])}\n{traceback.format_exc()}"
    return ""


def exercise(raw: bytes, folder: Path, pdf: bool = True) -> tuple[bool, list[str]]:
    """Save ``raw`` as a setup file in ``folder``/data, then load it and run every command on
    it (if it loads). Whether it loaded, and the tracebacks (empty: none)."""
    from wizard.storage.store import SetupStore, StoreError

    data = folder / "data"
    (data / "setups").mkdir(parents=True, exist_ok=True)
    (data / "setups" / f"{SETUP_ID}.json").write_bytes(raw)
    problems: list[str] = []
    try:
        SetupStore(data).load(SETUP_ID)
        loaded = True
    except StoreError:
        loaded = False
    except BaseException:  # noqa: BLE001
        problems.append(f"load\n{traceback.format_exc()}")
        loaded = False
    return loaded, problems + run_commands(data, SETUP_ID, folder, loaded=loaded, pdf=pdf)


def run_commands(
    data: Path, setup_id: str, folder: Path, *, loaded: bool = True, pdf: bool = True
) -> list[str]:
    """``list`` on the data folder and, for a setup that loads, ``checklist`` (Markdown, HTML,
    PDF if asked, Markdown with secrets), ``remind`` and ``export``: the tracebacks."""
    base = ["--data-dir", str(data)]
    problems = [_command([*base, "list"])]
    if loaded:
        outs = ["c.md", "c.html", *(["c.pdf"] if pdf else [])]
        for name in outs:
            problems.append(_command([*base, "checklist", setup_id, "--out", str(folder / name)]))
        secrets_out = str(folder / "s.md")
        problems.append(
            _command([*base, "checklist", setup_id, "--out", secrets_out, "--include-secrets"])
        )
        problems.append(_command([*base, "remind", setup_id, "--out", str(folder / "r.ics")]))
        problems.append(_command([*base, "export", setup_id, "--out", str(folder / "e.json")]))
    return [p for p in problems if p]


def quiet_keyring() -> None:
    """No real keyring in a hostile run: secrets stay in memory."""
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run bench/hostile_run.py")
