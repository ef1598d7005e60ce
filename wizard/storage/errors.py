"""The errors of the storage layer; ``str()`` of each is a message for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.storage.document import Setup


class StoreError(Exception):
    """A setup could not be read or written. ``str()`` is a message for the user."""


class SetupLocked(StoreError):
    """The setup is open in another window of the app (this or another process)."""

    def __init__(self, setup_id: str, label: str) -> None:
        super().__init__(
            f"{label} is already open in another window of the app. Switch to that window to "
            "make changes, or open it read-only here to look at it."
        )
        self.setup_id = setup_id


class ImportConflict(StoreError):
    """An imported setup has the id of an existing one: the caller must choose replace or keep both."""

    def __init__(self, setup: Setup, existing: Setup | None) -> None:
        name = f"“{existing.client_name}”" if existing and existing.client_name else setup.id
        super().__init__(
            f"A setup with the same id ({name}) already exists. Choose to replace it with the "
            "imported one, or keep both (the imported one gets a new id)."
        )
        self.setup = setup
        self.existing = existing
