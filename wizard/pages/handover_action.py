"""The "Handover pack…" action: ask where, then write the .zip (``wizard.output.handover``).

Offered on the summary page and in the start screen's Checklist menu (``features``). The file
dialog and the error message go through the same seams as the checklist's (``print_actions``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from wizard.pages import print_actions

LABEL = "Handover pac&k…"


def save_pack(session: Any, parent: QWidget | None) -> Path | None:
    """Ask for a file name and write the handover pack; the path written, or None."""
    from wizard.output import extras, handover

    setup = session.setup
    chosen = print_actions.ask_save_path(
        parent,
        "Save the handover pack",
        print_actions.default_path(handover.default_filename(setup, session.clock)),
        "Zip archives (*.zip)",
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".zip":
        path = path.with_name(path.name + ".zip")
    try:
        files = handover.build_files(
            session.book,
            setup,
            secret=lambda fid: session.secrets.get(setup.id, fid),
            clock=session.clock,
            **extras.for_setup(session.store, setup.id),
        )
        handover.write(path, files, session.clock)
    except OSError as exc:
        print_actions.report_error(
            parent,
            f"The handover pack could not be written to {path}: {exc.strerror or exc}. "
            "Choose another folder and try again.",
        )
        return None
    return path
