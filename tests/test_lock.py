"""requirements/lock.txt is what ./run and .ci/run install: it must meet pyproject.toml's bounds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", re.MULTILINE)


def _locked() -> dict[str, str]:
    text = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    raw = list(project["dependencies"])
    for extra in ("test", "build"):
        raw += project["optional-dependencies"][extra]
    return [Requirement(r) for r in raw]


def test_every_requirement_is_locked_within_its_bounds() -> None:
    locked = _locked()
    problems = []
    for req in _wanted():
        version = locked.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} is not in the lock file")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}: locked {version}, pyproject.toml wants {req.specifier}")
    assert problems == [], "run tools/lock.sh and commit requirements/lock.txt: " + "; ".join(
        problems
    )


def test_every_locked_file_has_a_hash() -> None:
    text = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert len(entries) == len(_locked()) > 40
    assert all("--hash=sha256:" in entry for entry in entries)


def test_qt_stays_on_the_release_without_the_refcount_bug() -> None:
    assert _locked()["pyside6-essentials"] == "6.11.3"
