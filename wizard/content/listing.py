"""What the start screen shows of each saved setup, from the setup index, without the playbook.

The index (``wizard.storage.index``) keeps per setup what the storage layer knows (client name,
deployment, last change, SIP domains) plus a summary made here with the playbook and the flow:
progress, the status line, the deployment's label and the dates of the wait for activation. The
summary is data; the day count and "overdue" are worked out for today from those dates. The
playbook is loaded only when a summary has to be made (after a save, or for a file the index did
not know), so the first window needs neither the playbook nor the flow.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wizard.content.activation import activation_at
from wizard.content.source import content_key
from wizard.storage.document import Setup
from wizard.storage.index import IndexEntry

if TYPE_CHECKING:
    from wizard.content.playbook import Playbook
    from wizard.storage.store import SetupStore

BookGetter = Callable[[], "Playbook"]

#: States of a listed setup, in the order "needs attention first".
OVERDUE, WAITING, TODO, DONE, BROKEN = "overdue", "waiting", "todo", "done", "error"
RANK = {OVERDUE: 0, WAITING: 1, TODO: 2, DONE: 3, BROKEN: 4}


def describe(book: Playbook, setup: Setup) -> dict[str, Any]:
    """The summary kept in the index: everything shown that needs the playbook."""
    from wizard.content import flow

    prog = flow.progress(book, setup)
    act = flow.activation(book, setup, _dt.date.today())
    dep = book.field("deployment").choice_label(setup.deployment) if setup.deployment else ""
    return {
        "deployment_label": dep,
        "done": prog.done,
        "total": prog.total,
        "progress": prog.text,
        "status": flow.status_line(book, setup, _dt.date.today(), prog),
        "submitted_on": act.submitted_on.isoformat() if act else "",
        "confirmed_on": act.confirmed_on.isoformat() if act and act.confirmed_on else "",
    }


def summarizer(book: BookGetter) -> Callable[[Setup], tuple[str, dict[str, Any]]]:
    def summarize(setup: Setup) -> tuple[str, dict[str, Any]]:
        return content_key(), describe(book(), setup)

    return summarize


def attach(store: SetupStore, book: BookGetter) -> None:
    """Make every save through ``store`` keep the setup's summary in the index."""
    store.summarize = summarizer(book)


@dataclass(slots=True)
class Row:
    """One listed setup as shown today."""

    id: str
    client: str
    deployment: str
    progress: str
    updated_at: str
    status: str
    state: str
    search: str  # client name and SIP domains, lower case
    done: int = 0
    total: int = 0
    expected_by: str = ""

    @property
    def enabled(self) -> bool:
        return self.state != BROKEN


def _date(text: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def row_of(entry: IndexEntry, today: _dt.date) -> Row:
    if entry.error:
        return Row(entry.id, entry.id, "", "", "", f"Can't be opened: {entry.error}", BROKEN, "")
    summary = entry.summary or {}
    done, total = int(summary.get("done", 0)), int(summary.get("total", 0))
    status = str(summary.get("status", ""))
    state = DONE if total and done >= total else TODO
    expected = ""
    submitted = _date(summary.get("submitted_on"))
    if submitted is not None:
        act = activation_at(submitted, _date(summary.get("confirmed_on")), today)
        expected = act.expected_by.isoformat()
        if act.confirmed_on is None:
            status = act.text
            state = OVERDUE if act.overdue else WAITING
            if act.overdue:
                status = "⚠ " + status
    search = " ".join([entry.client_name, *entry.sip_domains]).casefold()
    return Row(
        id=entry.id,
        client=entry.client_name or "(unnamed)",
        deployment=str(summary.get("deployment_label", entry.deployment)),
        progress=str(summary.get("progress", "")),
        updated_at=entry.updated_at,
        status=status,
        state=state,
        search=search,
        done=done,
        total=total,
        expected_by=expected,
    )


def rows(store: SetupStore, book: BookGetter, today: _dt.date) -> list[Row]:
    """Every saved setup, newest first, from the index (checked against the files)."""
    summarize = summarizer(book)
    entries = store.index.listing(store.load, content_key(), summarize)
    entries.sort(key=lambda e: (e.updated_at, e.id), reverse=True)
    return [row_of(e, today) for e in entries]
