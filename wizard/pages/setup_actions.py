"""Start-screen actions on saved setups: rename, duplicate, delete, export, import.

Each action asks its questions through ``wizard.pages.dialogs`` (patched in tests), reports
problems in plain words, and reloads the list so the user sees the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wizard import paths
from wizard.pages import dialogs
from wizard.session import KEEP_BOTH, REPLACE
from wizard.storage.document import Setup
from wizard.storage.errors import ImportConflict, StoreError

FILE_FILTER = "Lync–Skype setup (*.lsw.json);;JSON files (*.json);;All files (*)"


def _selected(screen: Any, setup_id: str | None, what: str) -> bool:
    if setup_id:
        return True
    dialogs.inform(screen, what, "Select a setup in the list first.")
    return False


def _load(screen: Any, setup_id: str | None, what: str) -> Setup | None:
    """The selected setup, or None after telling the user why it can't be used."""
    if not _selected(screen, setup_id, what):
        return None
    try:
        return screen.workspace.load(setup_id)
    except StoreError as exc:
        dialogs.inform(screen, what, str(exc), warning=True)
        return None


def rename(screen: Any, setup_id: str | None) -> None:
    setup = _load(screen, setup_id, "Rename")
    if setup is None:
        return
    name = dialogs.get_text(
        screen, "Rename setup", "Client or organisation name:", setup.client_name
    )
    if name is None or not name.strip():
        return
    try:
        screen.workspace.rename(setup.id, name.strip())
    except (StoreError, ValueError) as exc:
        dialogs.inform(screen, "Rename", str(exc), warning=True)
    screen.reload(select=setup.id)


def duplicate(screen: Any, setup_id: str | None) -> None:
    if not _selected(screen, setup_id, "Duplicate"):
        return
    try:
        copy = screen.workspace.duplicate(setup_id)
    except StoreError as exc:
        dialogs.inform(screen, "Duplicate", str(exc), warning=True)
        return
    screen.reload(select=copy.id)


def delete(screen: Any, setup_id: str | None) -> None:
    setup = _load(screen, setup_id, "Delete")
    if setup is None:
        return
    name = setup.client_name or "this setup"
    if not dialogs.confirm(
        screen,
        "Delete setup",
        f"Delete the setup for {name}? Its answers, progress and saved secrets are removed from "
        "this computer. This can't be undone (export it first if you may need it).",
        "Delete",
    ):
        return
    try:
        screen.workspace.delete(setup.id)
    except StoreError as exc:
        dialogs.inform(screen, "Delete", str(exc), warning=True)
    screen.reload()


def export(screen: Any, setup_id: str | None) -> None:
    setup = _load(screen, setup_id, "Export")
    if setup is None:
        return
    name = paths.safe_filename(setup.client_name, setup.id)
    default = str(paths.documents_dir() / f"{name}.lsw.json")
    chosen = dialogs.save_path(screen, "Export setup", default, FILE_FILTER)
    if not chosen:
        return
    try:
        out = screen.workspace.export(setup.id, Path(chosen))
    except (StoreError, OSError) as exc:
        dialogs.inform(screen, "Export", str(exc), warning=True)
        return
    dialogs.inform(
        screen,
        "Export",
        f"Exported to {out}. Secrets such as the agreement number are not included; enter them "
        "again after importing.",
    )


def import_(screen: Any, setup_id: str | None) -> None:
    chosen = dialogs.open_path(screen, "Import setup", str(paths.documents_dir()), FILE_FILTER)
    if not chosen:
        return
    try:
        imported = screen.workspace.import_setup(Path(chosen))
    except ImportConflict as exc:
        answer = dialogs.choose(
            screen, "Import setup", str(exc), ["Replace the existing one", "Keep both"]
        )
        if answer is None:
            return
        try:
            imported = screen.workspace.import_setup(
                Path(chosen), mode=REPLACE if answer == 0 else KEEP_BOTH
            )
        except StoreError as exc2:
            dialogs.inform(screen, "Import", str(exc2), warning=True)
            return
    except StoreError as exc:
        dialogs.inform(screen, "Import", str(exc), warning=True)
        return
    screen.reload(select=imported.id)


ACTIONS = [
    ("&Rename…", rename),
    ("D&uplicate", duplicate),
    ("&Delete…", delete),
    ("&Export…", export),
    ("&Import…", import_),
]
