"""Files the user asks for (checklists, calendars, exports): written so nothing is destroyed.

* atomically (temp file in the same folder, fsync, replace): a full disk or a crash leaves the
  previous file, never half a file;
* never through a link: a link at the target is refused (replacing it would silently turn the
  user's link into a file; writing through it would change a file they did not name);
* never into the data folder's ``setups`` or ``locks`` folders, and never over a saved setup file
  wherever it is (an export is recognised and may be replaced);
* 0600 when the file may hold a secret (a checklist printed with ``--include-secrets``); otherwise
  an existing file keeps its mode and a new one gets the usual mode (0666 less the umask).

Text is encoded as UTF-8 with anything that can't be encoded (a lone surrogate from a bad paste)
replaced, so writing never fails on a value.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from wizard.storage.errors import StoreError
from wizard.storage.safefile import IS_WINDOWS, MAX_FILE_BYTES, fsync_dir, replace, write_temp

T = TypeVar("T")
SECRET_MODE = 0o600
#: Folders of the data folder that hold the app's own files.
PROTECTED = ("setups", "locks")


class OutputRefused(StoreError, ValueError):
    """The output path would destroy or expose something; ``str()`` says what to do instead.

    Also a ValueError, so callers that report a calendar's ValueError report this too."""


def text_bytes(text: str) -> bytes:
    """UTF-8, with lone surrogates replaced: a value pasted badly never stops a file being written."""
    return text.encode("utf-8", errors="replace")


def check_target(out: Path, data_dir: Path | None) -> Path:
    """``out`` if it is a place an output may be written, else OutputRefused with the reason."""
    out = Path(out)
    if not out.name or out.name in (".", ".."):
        raise OutputRefused(f"{out} is not a file name.")
    folder = out.parent
    if not folder.is_dir():
        raise OutputRefused(
            f"The folder {folder} does not exist. Create it first, or choose another."
        )
    if out.is_symlink():
        raise OutputRefused(
            f"{out} is a link to another file; it is not written through. Give the path of a "
            "plain file instead."
        )
    if out.exists() and not out.is_file():
        raise OutputRefused(
            f"{out} is not a plain file (a folder or a device); choose a file name."
        )
    if data_dir is not None:
        real_folder = folder.resolve()
        for name in PROTECTED:
            protected = (Path(data_dir) / name).resolve()
            if real_folder == protected or protected in real_folder.parents:
                raise OutputRefused(
                    f"{out} is inside the app's own {name} folder ({protected}), where a file "
                    "could destroy a saved setup. Write it somewhere else, for example your "
                    "Documents folder."
                )
    if _is_setup_file(out):
        raise OutputRefused(
            f"{out} is a saved setup file; writing there would destroy the setup. Choose "
            "another file name."
        )
    return out


def _is_setup_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAX_FILE_BYTES + 1)
    except OSError:
        return False
    if len(head) > MAX_FILE_BYTES:
        return False
    try:
        doc = json.loads(head.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return isinstance(doc, dict) and "schema_version" in doc


def _usual_mode(existing: Path) -> int:
    with contextlib.suppress(OSError):
        return stat.S_IMODE(existing.stat().st_mode)
    umask = os.umask(0o077)
    os.umask(umask)
    return 0o666 & ~umask


def write_via(
    out: Path,
    fill: Callable[[Path], T],
    *,
    data_dir: Path | None,
    secret: bool = False,
) -> T:
    """Have ``fill(temp_path)`` write the file, then put it at ``out`` atomically.

    Raises OutputRefused for a path that must not be written, OSError from the disk.
    """
    out = check_target(out, data_dir)
    tmp = Path(write_temp(out.parent, out.name, b""))
    try:
        result = fill(tmp)
        if not IS_WINDOWS:
            os.chmod(tmp, SECRET_MODE if secret else _usual_mode(out))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        check_target(out, data_dir)  # nothing appeared at the target meanwhile
        replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(out.parent)
    return result


def write_output(out: Path, data: bytes, *, data_dir: Path | None, secret: bool = False) -> Path:
    """Write ``data`` to ``out`` (see the module docstring). OutputRefused or OSError."""
    write_via(out, lambda tmp: tmp.write_bytes(data), data_dir=data_dir, secret=secret)
    return out
