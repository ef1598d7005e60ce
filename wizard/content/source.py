"""The shipped playbook files as text, and a key that changes with them and with the app version.

Apart from ``playbook`` so that the start screen can tell whether the progress kept in the setup
index was computed with this content (``content_key``) without importing or parsing the playbook.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from functools import cache


def read_files() -> dict[str, str]:
    """The shipped playbook files. Read straight from disk when they are there (importing
    importlib.resources costs ~10 ms of start-up); otherwise (zip imports) through it."""
    from wizard import paths

    base = paths.resource_dir()
    if base is not None:
        folder = base / "playbook"
        return {
            p.name[: -len(".toml")]: p.read_text(encoding="utf-8")
            for p in folder.iterdir()
            if p.name.endswith(".toml")
        }

    from importlib import resources

    entries = resources.files("wizard.resources").joinpath("playbook").iterdir()
    return {
        e.name[: -len(".toml")]: e.read_text(encoding="utf-8")
        for e in entries
        if e.name.endswith(".toml")
    }


def key_of(files: Mapping[str, str]) -> str:
    """A short key of the app version and the files' content (not a security measure)."""
    from wizard import __version__

    data = b"\0".join(
        [__version__.encode()] + [n.encode() + b"\0" + files[n].encode() for n in sorted(files)]
    )
    return f"{__version__}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


@cache
def content_key() -> str:
    """The key of the shipped content, read once per process (about 1 ms)."""
    return key_of(read_files())
