"""Which steps apply, what comes next, and how complete a setup is: pure functions of saved state.

The pages, the sidebar, the start screen's progress figures and the printed checklist all ask these
functions, so they can never disagree. Nothing here has side effects or knows about Qt.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wizard.content import ids, validate
from wizard.content.activation import (  # noqa: F401 - re-exported
    ACTIVATION_MAX_DAYS,
    ACTIVATION_TYPICAL_DAYS,
    Activation,
    activation_at,
)
from wizard.content.playbook import Playbook, Step
from wizard.storage.document import DONE, SKIPPED, Setup, utc_now

TODO = "todo"
WAITING = "waiting"


def values_with_defaults(book: Playbook, values: Mapping[str, Any]) -> dict[str, Any]:
    return book.with_defaults(values)


def applicable(book: Playbook, values: Mapping[str, Any]) -> list[Step]:
    """The steps that apply to these answers, in order."""
    vals = values_with_defaults(book, values)
    return [s for s in book.steps if s.when.holds(vals)]


def applicable_ids(book: Playbook, values: Mapping[str, Any]) -> list[str]:
    return [s.id for s in applicable(book, values)]


def first_step(book: Playbook, values: Mapping[str, Any]) -> Step:
    return applicable(book, values)[0]


def next_step(book: Playbook, values: Mapping[str, Any], current: str) -> Step | None:
    steps = applicable(book, values)
    ids = [s.id for s in steps]
    if current not in ids:
        return steps[0] if steps else None
    i = ids.index(current)
    return steps[i + 1] if i + 1 < len(steps) else None


def previous_step(book: Playbook, values: Mapping[str, Any], current: str) -> Step | None:
    steps = applicable(book, values)
    ids = [s.id for s in steps]
    if current not in ids:
        return None
    i = ids.index(current)
    return steps[i - 1] if i > 0 else None


def resume_step(book: Playbook, setup: Setup) -> Step:
    """Where a setup reopens: its current step if it still applies, else the first not done."""
    steps = applicable(book, setup.values)
    ids = [s.id for s in steps]
    if setup.current_step in ids:
        return steps[ids.index(setup.current_step)]
    for s in steps:
        if setup.status_of(s.id) is None:
            return s
    return steps[-1]


# ---------------------------------------------------------------------------------------------
# Field verdicts


def local_today() -> _dt.date:
    """Today's date where the user is (not in UTC: ahead of UTC, that is already tomorrow)."""
    return utc_now().astimezone().date()


def field_verdict(
    book: Playbook,
    values: Mapping[str, Any],
    fid: str,
    today: _dt.date | None = None,
    step: Step | None = None,
) -> validate.Verdict:
    """The verdict on one field, including the cross-field warnings the content defines.

    ``today`` is the user's local date (dates after it are refused); with ``step``, a field that
    step declares optional may stay empty.
    """
    fld = book.fields[fid]
    value = values.get(fid)
    empty = value is None or value == "" or value == []
    if empty:
        if fld.kind == "bool" or (step is not None and fid in step.optional_fields):
            return validate.PASS
        if fld.required:
            if fld.kind == "choice":
                return validate.Verdict(validate.ERROR, f"Choose one: {fld.label}.")
            return validate.check_value(fld.kind, "" if not fld.kind.endswith("list") else [])
        return validate.PASS
    if fld.kind == "choice":
        if value not in {c.value for c in fld.choices}:
            return validate.Verdict(validate.ERROR, f"Choose one of the options for {fld.label}.")
        return validate.PASS
    if fld.kind == "bool":
        return validate.PASS
    verdict = validate.check_value(fld.kind, value)
    if not verdict.ok:
        return verdict
    if fid == "access_edge_fqdn":
        warn = validate.edge_suffix_warning(str(value), list(values.get("sip_domains") or []))
        if warn.level != validate.OK:
            return warn
    if fid == "pic_submitted_on":
        when = validate.parse_date(value)
        if when is None:
            return verdict
        if when > (today or local_today()):
            return validate.Verdict(validate.ERROR, "The submission date can't be in the future.")
    return verdict


def step_problems(
    book: Playbook, step: Step, values: Mapping[str, Any], today: _dt.date | None = None
) -> dict[str, str]:
    """Errors that block leaving the step forward, by field id."""
    problems = {}
    vals = values_with_defaults(book, values)
    for fid in step.visible_fields(vals):
        verdict = field_verdict(book, vals, fid, today, step)
        if not verdict.ok:
            problems[fid] = verdict.message
    return problems


# ---------------------------------------------------------------------------------------------
# Completeness


def is_waiting(book: Playbook, step: Step, setup: Setup) -> bool:
    """A wait step (``wait_from`` in the content) whose date is set and that is not done yet."""
    return (
        bool(step.wait_from)
        and setup.status_of(step.id) is None
        and validate.parse_date(setup.values.get(step.wait_from)) is not None
    )


def step_status(book: Playbook, step: Step, setup: Setup) -> str:
    """done, skipped, waiting or todo; the UI adds 'current' for the step on screen."""
    status = setup.status_of(step.id)
    if status in (DONE, SKIPPED):
        return status
    if is_waiting(book, step, setup):
        return WAITING
    return TODO


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    waiting: bool

    @property
    def text(self) -> str:
        return f"{self.done} of {self.total} steps"


def progress(book: Playbook, setup: Setup) -> Progress:
    steps = [s for s in applicable(book, setup.values) if s.kind != "summary"]
    done = sum(1 for s in steps if setup.status_of(s.id) in (DONE, SKIPPED))
    waiting = any(is_waiting(book, s, setup) for s in steps)
    return Progress(done, len(steps), waiting)


def wait_step(book: Playbook, values: Mapping[str, Any]) -> Step | None:
    """The wait step that applies to these answers (the content's ``wait_from``), if any: the
    one place that decides whether there is an activation to wait for."""
    for step in applicable(book, values):
        if step.wait_from:
            return step
    return None


def activation(book: Playbook, setup: Setup, today: _dt.date) -> Activation | None:
    step = wait_step(book, setup.values)
    if step is None:
        return None
    # Saved dates are re-validated here: a file may hold anything (typed while still invalid,
    # imported, edited by hand), and only a valid date starts the wait.
    submitted = validate.parse_date(setup.values.get(step.wait_from))
    if submitted is None:
        return None
    confirmed = validate.parse_date(setup.values.get(ids.ACTIVATION_CONFIRMED_ON))
    return activation_at(submitted, confirmed, today)


def status_line(book: Playbook, setup: Setup, today: _dt.date, prog: Progress | None = None) -> str:
    """One line for the start screen and the command line (``prog`` if already computed)."""
    act = activation(book, setup, today)
    if act and not act.confirmed_on:
        return act.text
    prog = prog or progress(book, setup)
    if not setup.deployment:
        return "Deployment type not chosen yet"
    if prog.done >= prog.total:
        return "All steps done"
    current = setup.current_step
    if current and book.has_step(current):
        return f"Next: {book.step(current).title}"
    return "In progress"
