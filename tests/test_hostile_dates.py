"""Any saved date, however absurd, is survived by every reader (issue 10, defect 3).

A "submitted on" date at or after 9999-12-02 made start-up, list, checklist and remind die with
OverflowError. Saved files may hold anything (typed while still invalid, imported, edited by hand):
readers re-validate every saved date with ``validate.parse_date`` and treat what it refuses as no
date at all, never as a valid one.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from tests.cli_helpers import headless_env, no_traceback, run_cli
from wizard.content import flow, playbook
from wizard.output import checklist, reminders
from wizard.session import Session
from wizard.storage.document import Setup
from wizard.storage.store import SetupStore

HOSTILE_DATES = [
    "9999-12-31",
    "9999-12-02",
    "0001-01-01",
    "garbage",
    "2014-W11-1",
    "99999-01-01",
    "",
]


def hostile_setup(clock, when: str, name: str) -> Setup:
    setup = Setup.new(name, clock=clock)
    setup.values.update(
        {
            "deployment": "onprem",
            "sip_domains": ["contoso.com"],
            "access_edge_fqdn": "sip.contoso.com",
            "pic_submitted_on": when,
            "activation_confirmed_on": when,
        }
    )
    setup.visit("onprem-wait")
    return setup


@pytest.fixture
def hostile_folder(tmp_path, clock):
    data = tmp_path / "data"
    store = SetupStore(data, clock=clock)
    ids = {}
    for i, when in enumerate(HOSTILE_DATES):
        setup = hostile_setup(clock, when, f"Client {i}")
        store.save(setup)
        ids[when] = setup.id
    return data, ids


def test_list_survives_every_date(hostile_folder):
    data, ids = hostile_folder
    for tz in ("Pacific/Kiritimati", "Etc/GMT+12"):  # UTC+14 and UTC-12
        env = headless_env(data.parent)
        env["TZ"] = tz
        result = run_cli(data, "list", env=env)
        no_traceback(result)
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) == len(ids)
        assert "Waiting for activation" not in result.stdout  # no invalid date taken as valid


@pytest.mark.parametrize("when", HOSTILE_DATES[:4])
def test_checklist_and_remind_survive_every_date(hostile_folder, tmp_path, when):
    data, ids = hostile_folder
    out = tmp_path / "out.md"
    result = run_cli(data, "checklist", ids[when], "--out", str(out))
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Client" in text
    shown = [line for line in text.splitlines() if when in line]
    assert shown and all("⚠" in line for line in shown)  # shown only as a flagged error

    ics = tmp_path / "r.ics"
    result = run_cli(data, "remind", ids[when], "--out", str(ics))
    no_traceback(result)
    assert result.returncode == 2
    assert "is not a date between 2000-01-01 and 2099-12-31" in result.stderr
    assert not ics.exists()


def test_timestamps_at_the_ends_of_the_calendar_are_survived(tmp_path, clock):
    """created_at/updated_at at year 9999 or 1 overflow when shown in local time: such a file
    counts as damaged (the backup is restored), step and check times print as blank."""
    data = tmp_path / "data"
    store = SetupStore(data, clock=clock)
    setup = hostile_setup(clock, "2014-03-01", "Contoso")
    setup.mark("onprem-request", "done", clock)
    setup.steps["onprem-request"].at = "9999-12-31T23:59:59+00:00"
    setup.checks = [
        {"id": "srv", "title": "SRV", "status": "ok", "at": "0001-01-01T00:00:00+00:00"}
    ]
    store.save(setup)
    path = store.path_of(setup.id)
    raw = path.read_text(encoding="utf-8")
    path.write_text(raw.replace(setup.updated_at, "9999-12-31T23:59:59+00:00"), encoding="utf-8")
    env = headless_env(tmp_path)
    env["TZ"] = "Pacific/Kiritimati"
    result = run_cli(data, "list", env=env)
    no_traceback(result)
    assert result.returncode == 0
    assert "is not a date and time" in result.stdout  # the damaged file, with its problem
    path.write_text(raw, encoding="utf-8")
    result = run_cli(data, "checklist", setup.id, "--out", str(tmp_path / "c.html"), env=env)
    no_traceback(result)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("when", ["9999-12-31", "0001-01-01", "2014-02-30", "garbage"])
def test_a_date_typed_in_the_window_is_never_saved_as_valid(tmp_path, clock, when):
    """The window path: the session saves what was typed, and every reader of the saved file
    treats an invalid date as no date: an error on the field, no wait, no reminder."""
    book = playbook.load()
    store = SetupStore(tmp_path / "data", clock=clock)
    setup = hostile_setup(clock, "2014-03-01", "Contoso")
    store.save(setup)
    session = Session(book, store, setup, clock=clock)
    session.set_value("pic_submitted_on", when)
    session.set_value("activation_confirmed_on", when)
    session.save()  # the window saves after a short pause; here at once

    saved = SetupStore(tmp_path / "data", clock=clock).load(setup.id)
    assert saved.values["pic_submitted_on"] == when  # nothing typed is lost...
    verdict = flow.field_verdict(book, saved.values, "pic_submitted_on")
    assert not verdict.ok  # ...but it is an error on the field, blocking Next
    step = book.step("onprem-request")
    assert "pic_submitted_on" in flow.step_problems(book, step, saved.values)
    today = _dt.date(2014, 3, 5)
    for tz_today in (today, _dt.date.max, _dt.date.min):
        assert flow.activation(book, saved, tz_today) is None
        assert "Waiting" not in flow.status_line(book, saved, tz_today)
    assert not flow.progress(book, saved).waiting
    chk = checklist.build(book, saved, clock=clock)
    assert when not in (chk.timeline.submitted_on if chk.timeline else "")
    with pytest.raises(ValueError, match="not a date between"):
        reminders.calendar_bytes(saved, clock)


def test_every_valid_date_is_still_read(tmp_path, clock):
    book = playbook.load()
    for when in ("2000-01-01", "2014-03-01", "2099-12-31"):
        setup = hostile_setup(clock, when, "Contoso")
        setup.values.pop("activation_confirmed_on")
        act = flow.activation(book, setup, _dt.date(2014, 3, 5))
        assert act is not None and act.submitted_on.isoformat() == when
        assert len(reminders.reminders(setup)) == 2
        assert checklist.build(book, setup, clock=clock).timeline is not None


def test_no_reader_of_the_hostile_folder_fails_in_process(hostile_folder, clock):
    """The start screen lists through the store and flow: the same readers, in-process."""
    data, ids = hostile_folder
    book = playbook.load()
    entries = SetupStore(Path(data), clock=clock).entries()
    assert {e.id for e in entries} == set(ids.values())
    for entry in entries:
        assert entry.setup is not None
        for today in (_dt.date(2014, 3, 5), _dt.date.max, _dt.date.min):
            flow.status_line(book, entry.setup, today)
