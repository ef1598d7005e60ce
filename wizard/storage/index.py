"""A small index of the saved setups, so the start screen can list 1,000 of them without reading
1,000 files.

``<data>/index.json`` holds one entry per setup: client name, deployment, last change, SIP domains
(for the search) and a summary computed by the caller (progress, state, expected date: it needs the
playbook, which this layer does not know), each with the signature of the file it was read from
(size, mtime and ctime in ns, inode). The index is a cache and never trusted over the files: every listing
takes one ``os.scandir`` of the folder and re-reads only the files whose signature differs from the
entry (changed by another process, copied in, restored), reads the ones it has no entry for, and
drops entries whose file is gone. A missing or damaged index is rebuilt from the files. It is
rewritten atomically (temp file, ``safefile.replace``) after every save and delete, so a crash
leaves the old or the new index, and either is checked against the files again at the next start.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.storage.document import Setup
from wizard.storage.errors import StoreError
from wizard.storage.safefile import replace

#: Kept in the data folder, beside ``setups/`` (inside, it could clash with a setup's file name).
INDEX_NAME = "index.json"
INDEX_FORMAT = "lync-skype-wizard-index"
INDEX_VERSION = 2
#: Leftover temp files older than this are removed when the setups are listed.
STALE_TEMP_SECONDS = 24 * 3600

#: (size, mtime_ns, inode, ctime_ns) of a setup file; None when there was no file to trust. The
#: ctime can't be set by programs: an edit that keeps size and mtime (and gets the same inode
#: back) still changes it on POSIX.
Signature = tuple[int, int, int, int]
#: The caller's summary of a setup: (key of what it was computed with, JSON-able data).
Summarize = Callable[[Setup], tuple[str, dict[str, Any]]]


@dataclass(slots=True)
class IndexEntry:
    """What the start screen shows of one setup, or of a file that could not be read."""

    id: str
    client_name: str = ""
    deployment: str = ""
    updated_at: str = ""
    sip_domains: list[str] = field(default_factory=list)
    error: str = ""
    summary: dict[str, Any] | None = None
    summary_key: str = ""
    sig: Signature | None = None
    #: ``"id":{...}``, this entry as JSON, made once: a save re-encodes one entry, not all.
    encoded: str = field(default="", compare=False, repr=False)

    @classmethod
    def of(cls, setup: Setup, sig: Signature | None) -> IndexEntry:
        domains = setup.values.get("sip_domains")
        return cls(
            id=setup.id,
            client_name=setup.client_name,
            deployment=setup.deployment or "",
            updated_at=setup.updated_at,
            sip_domains=[str(d) for d in domains] if isinstance(domains, list) else [],
            sig=sig,
        )

    def to_json(self) -> list[Any]:
        """A flat list (no key names: the index of 1,000 setups is read at every start)."""
        sig = self.sig or (0, 0, 0, 0)  # never matches a file: read again
        return [
            self.client_name,
            self.deployment,
            self.updated_at,
            self.sip_domains,
            self.error,
            self.summary,
            self.summary_key,
            *sig,
        ]

    @classmethod
    def from_json(cls, sid: str, raw: Any) -> IndexEntry | None:
        """The entry, or None if anything in it is not what this module writes."""
        if type(raw) is not list or len(raw) != 11:
            return None
        name, dep, updated, domains, error, summary, key, *sig = raw
        # Plain checks, no generators: 1,000 entries are read at every start.
        if not (
            type(name) is str
            and type(dep) is str
            and type(updated) is str
            and type(error) is str
            and type(key) is str
            and type(domains) is list
            and (summary is None or type(summary) is dict)
        ):
            return None
        for item in domains:
            if type(item) is not str:
                return None
        for n in sig:
            if type(n) is not int or n < 0:
                return None
        signed = (sig[0], sig[1], sig[2], sig[3])
        return cls(sid, name, dep, updated, domains, error, summary, key, signed)


def signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def _stat_sig(path: Path) -> Signature | None:
    try:
        return signature(path.stat())
    except OSError:
        return None


class SetupIndex:
    """The index of one ``setups`` folder. ``setup_id`` is the store's id pattern."""

    def __init__(self, folder: Path, setup_id: re.Pattern[str]) -> None:
        self.folder = folder
        self.path = folder.parent / INDEX_NAME
        self.setup_id = setup_id
        self._entries: dict[str, IndexEntry] | None = None
        #: Why the index was not used as it was at the last listing ("" if it was; for tests
        #: and the benchmark: "missing", "damaged", "stale: N files").
        self.last_rebuild = ""
        #: How many setup files the last listing had to read.
        self.last_reads = 0

    # -- reading and writing the index file -----------------------------------------------------
    def _loaded(self) -> dict[str, IndexEntry]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> dict[str, IndexEntry]:
        self._remove_stale_temp_files()
        try:
            raw = self.path.read_bytes()
        except OSError:
            self.last_rebuild = "missing"
            return {}
        try:
            doc = json.loads(raw)
        except (ValueError, RecursionError):
            doc = None
        if not (
            isinstance(doc, dict)
            and doc.get("format") == INDEX_FORMAT
            and doc.get("version") == INDEX_VERSION
            and isinstance(doc.get("entries"), dict)
        ):
            self.last_rebuild = "damaged"
            return {}
        out: dict[str, IndexEntry] = {}
        for sid, item in doc["entries"].items():
            entry = IndexEntry.from_json(sid, item) if self.setup_id.match(sid) else None
            if entry is not None:
                out[sid] = entry
        return out

    def _remove_stale_temp_files(self) -> None:
        """Temp files of index writes a killed process left (a day old: never one in flight)."""
        now = time.time()
        with contextlib.suppress(OSError):
            for tmp in self.path.parent.glob(f".{INDEX_NAME}.*.tmp"):
                with contextlib.suppress(OSError):
                    if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                        tmp.unlink()

    def write(self) -> None:
        """Best effort: an index that could not be written is rebuilt at the next start."""
        parts = []
        for sid, entry in self._loaded().items():
            if not entry.encoded:
                # ASCII: a lone surrogate in a name (a setup keeps it) must not break the index.
                entry.encoded = json.dumps({sid: entry.to_json()}, separators=(",", ":"))[1:-1]
            parts.append(entry.encoded)
        head = json.dumps({"format": INDEX_FORMAT, "version": INDEX_VERSION})[:-1]
        data = f'{head}, "entries": {{{",".join(parts)}}}}}'.encode()
        if not self.path.parent.is_dir():
            return
        # Temp file and rename, so a reader (or the next start after a crash) sees the old index
        # or the new one, never half of one. No fsync: it would double the cost of every save
        # (~10 ms on a busy disk), and after a power cut an index that is old or empty is only
        # slower, never wrong, since every entry is checked against its file.
        try:
            fd, tmp = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{INDEX_NAME}.", suffix=".tmp"
            )
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    # -- hooks called by the store after it changed a file --------------------------------------
    def saved(self, setup: Setup, path: Path, summarize: Summarize | None) -> None:
        entry = IndexEntry.of(setup, _stat_sig(path))
        if summarize is not None:
            try:
                entry.summary_key, entry.summary = summarize(setup)
            except Exception:  # noqa: BLE001 - the save succeeded; the summary is made later
                entry.summary = None
        self._loaded()[setup.id] = entry
        self.write()

    def removed(self, setup_id: str) -> None:
        if self._loaded().pop(setup_id, None) is not None:
            self.write()

    # -- listing --------------------------------------------------------------------------------
    def _scan(self) -> tuple[dict[str, Signature | None], list[str]]:
        """One pass over the folder: {id: signature of <id>.json or None if only a backup
        exists}, and the names of ``.json`` files that are not setup files of this app."""
        found: dict[str, Signature | None] = {}
        odd: list[str] = []
        now = time.time()
        try:
            scan = os.scandir(self.folder)
        except OSError:
            return found, odd
        with scan:
            for de in scan:
                name = de.name
                if name.startswith("."):
                    if name.endswith(".tmp"):
                        with contextlib.suppress(OSError):
                            if now - de.stat().st_mtime > STALE_TEMP_SECONDS:
                                os.unlink(de.path)
                    continue
                if name.endswith(".json"):
                    sid = name[:-5]
                    if not self.setup_id.match(sid):
                        odd.append(name)
                        continue
                    try:
                        found[sid] = signature(de.stat())
                    except OSError:
                        found[sid] = None
                elif name.endswith(".json.bak"):
                    sid = name[:-9]
                    if self.setup_id.match(sid):
                        found.setdefault(sid, None)
        return found, odd

    def listing(
        self,
        load: Callable[[str], Setup],
        summary_key: str,
        summarize: Summarize | None,
    ) -> list[IndexEntry]:
        """Every setup in the folder, from the index where it matches the files.

        ``load`` reads (and if need be repairs) one setup and raises StoreError with a message;
        ``summarize`` computes the caller's summary, which is recomputed for entries whose
        ``summary_key`` differs from ``summary_key`` (e.g. another app version's progress).
        Unreadable files are entries with ``error`` set.
        """
        entries = self._loaded()
        found, odd = self._scan()
        changed = False
        reads = 0
        for sid in [s for s in entries if s not in found]:
            del entries[sid]
            changed = True
        for sid, sig in found.items():
            entry = entries.get(sid)
            if (
                entry is not None
                and sig is not None
                and entry.sig == sig
                and (entry.error or entry.summary_key == summary_key or summarize is None)
            ):
                continue
            reads += 1
            changed = True
            path = self.folder / f"{sid}.json"
            before = sig if sig is not None else _stat_sig(path)
            try:
                setup = load(sid)
            except StoreError as exc:
                entries[sid] = IndexEntry(sid, error=str(exc), sig=_stat_sig(path))
                continue
            after = _stat_sig(path)
            # Trust the signature only if the file did not change while it was read. If ``load``
            # repaired it from the backup, or another process wrote meanwhile, the entry is kept
            # without one and the file is read once more at the next listing.
            entry = IndexEntry.of(setup, after if before == after else None)
            if summarize is not None:
                entry.summary_key, entry.summary = summarize(setup)
            entries[sid] = entry
        self.last_reads = reads
        if reads and not self.last_rebuild:
            self.last_rebuild = f"stale: {reads} files"
        if changed:
            self.write()
        rows = list(entries.values())
        for name in odd:
            rows.append(IndexEntry(name[:-5], error=f"{name} is not a setup file of this app."))
        return rows
