"""Calendar reminders: parsed back with icalendar, as a calendar app would read them."""

from __future__ import annotations

import datetime as _dt

import pytest
from icalendar import Calendar

from wizard.content.flow import ACTIVATION_MAX_DAYS, ACTIVATION_TYPICAL_DAYS
from wizard.output import reminders
from wizard.storage.document import Setup


def waiting_setup(clock, name="Contoso – Zürich") -> Setup:
    setup = Setup.new(name, clock=clock)
    setup.values.update(
        {
            "deployment": "onprem",
            "sip_domains": ["contoso.com", "contoso.ch"],
            "access_edge_fqdn": "sip.contoso.com",
            "pic_submitted_on": "2014-03-03",
        }
    )
    return setup


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_two_events_at_day_2_and_day_30_with_alarms(clock):
    setup = waiting_setup(clock)
    cal = parse(reminders.calendar_bytes(setup, clock))
    events = sorted(cal.events, key=lambda e: e.start)
    assert len(events) == 2
    submitted = _dt.date(2014, 3, 3)
    expected_days = [ACTIVATION_TYPICAL_DAYS, ACTIVATION_MAX_DAYS]
    for event, days in zip(events, expected_days, strict=True):
        start = event.start
        assert start == _dt.datetime.combine(
            submitted + _dt.timedelta(days=days), _dt.time(9), tzinfo=_dt.UTC
        )
        assert event.end > start
        assert "Contoso – Zürich" in str(event["SUMMARY"])
        description = str(event["DESCRIPTION"])
        assert "nslookup -type=SRV _sipfederationtls._tcp.contoso.com" in description
        assert "nslookup -type=SRV _sipfederationtls._tcp.contoso.ch" in description
        assert "sip.contoso.com" in description and "verification step" in description
        assert "Next steps" in description
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt < _dt.timedelta(0)
    assert events[0].start.date() == _dt.date(2014, 3, 5)
    assert events[1].start.date() == _dt.date(2014, 4, 2)
    assert "24-48 hours" in str(events[0]["DESCRIPTION"])
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal


def test_uids_are_stable_across_exports(clock):
    setup = waiting_setup(clock)
    first = parse(reminders.calendar_bytes(setup, clock))
    clock.advance(days=5)
    setup.values["client_name"] = "Contoso renamed"
    second = parse(reminders.calendar_bytes(setup, clock))
    uids_first = sorted(str(e["UID"]) for e in first.events)
    uids_second = sorted(str(e["UID"]) for e in second.events)
    assert uids_first == uids_second
    assert len(set(uids_first)) == 2
    assert all(setup.id in uid for uid in uids_first)
    stamps = {e["DTSTAMP"].dt for e in first.events} | {e["DTSTAMP"].dt for e in second.events}
    assert len(stamps) == 2  # DTSTAMP follows the (injected) clock: calendars see an update

    other = waiting_setup(clock, "Other client")
    uids_other = {str(e["UID"]) for e in parse(reminders.calendar_bytes(other, clock)).events}
    assert not uids_other & set(uids_first)


def test_no_submission_date_is_a_clear_error(clock):
    setup = waiting_setup(clock)
    del setup.values["pic_submitted_on"]
    with pytest.raises(ValueError, match="no date for when the provisioning request"):
        reminders.calendar_bytes(setup, clock)
    setup.values["pic_submitted_on"] = "last tuesday"
    with pytest.raises(ValueError, match="not a date"):
        reminders.calendar_bytes(setup, clock)


def test_without_domains_the_commands_show_a_placeholder(clock):
    setup = waiting_setup(clock, "")
    del setup.values["sip_domains"]
    cal = parse(reminders.calendar_bytes(setup, clock))
    for event in cal.events:
        assert "_sipfederationtls._tcp.<SIP domain>" in str(event["DESCRIPTION"])
        assert setup.id in str(event["SUMMARY"])


def test_write_calendar(tmp_path, clock):
    out = reminders.write_calendar(waiting_setup(clock), tmp_path / "r.ics", clock)
    assert len(parse(out.read_bytes()).events) == 2
