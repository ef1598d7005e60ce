"""Calendar reminders (.ics) for the wait after the public IM connectivity request.

The app does not stay running for 30 days, so the reminders go to the user's calendar: one check
two days after the request was submitted (changes "typically complete within 24-48 hours") and one
at the documented maximum of 30 days. Each event has a DISPLAY alarm, repeats the next steps and
the re-check commands, and has a UID derived from the setup id and the check, so exporting again
updates the events instead of adding duplicates. Times are 09:00 UTC, so no VTIMEZONE is needed.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from wizard import APP_DISPLAY_NAME, __version__
from wizard.content import validate
from wizard.content.flow import ACTIVATION_MAX_DAYS, ACTIVATION_TYPICAL_DAYS
from wizard.storage.document import Clock, Setup, utc_now
from wizard.storage.outputs import write_output

PRODID = f"-//Lync-Skype Connect//lync-skype-wizard {__version__}//EN"
UID_DOMAIN = "lync-skype-wizard"
#: Reminders start at this time (UTC) and last this long.
START_TIME = _dt.time(9, 0)
DURATION = _dt.timedelta(minutes=30)
#: The alarm rings this long before the start.
ALARM_BEFORE = _dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Reminder:
    key: str  # stable part of the UID: "check-2d", "check-30d"
    day: int  # days after the submission
    when: _dt.datetime  # start, UTC
    summary: str
    description: str

    def uid(self, setup_id: str) -> str:
        return f"{setup_id}-{self.key}@{UID_DOMAIN}"


def submitted_on(setup: Setup) -> _dt.date:
    """The date the provisioning request was submitted, or ValueError with a user message."""
    raw = setup.values.get("pic_submitted_on")
    if not raw:
        raise ValueError(
            "This setup has no date for when the provisioning request was submitted, so there "
            "is nothing to remind you about yet. Enter the date on the request step first."
        )
    day = validate.parse_date(raw)
    if day is None:
        shown = str(raw) if not validate.bad_character(str(raw)) else ascii(raw)
        raise ValueError(
            f"The submission date “{shown[:40]}” is not a date between "
            f"{validate.DATE_MIN.isoformat()} and {validate.DATE_MAX.isoformat()} (YYYY-MM-DD). "
            "Correct it on the request step first."
        )
    return day


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value] if value else []


def reminders(setup: Setup) -> list[Reminder]:
    """The two checks for this setup (ValueError if it has no submission date)."""
    start = submitted_on(setup)
    # Values are user text: one line each, no control characters, no lone surrogates, so
    # nothing (a newline, a bare CR) can break or add a line of the calendar file.
    client = validate.plain_text(setup.client_name) or f"setup {setup.id}"
    domains = [validate.plain_text(str(d)) for d in _list(setup.values.get("sip_domains")) if d]
    domains = domains or ["<SIP domain>"]
    edge = validate.plain_text(str(setup.values.get("access_edge_fqdn") or ""))
    edge = edge or "your Access Edge FQDN"
    recheck = "\n".join(
        [
            "Re-check:",
            *(f"  nslookup -type=SRV _sipfederationtls._tcp.{d}" for d in domains),
            f"  (the answer should name {edge}, port 5061)",
            (
                f"  In {APP_DISPLAY_NAME}, open “{client}” and run the checks on the "
                "verification step."
            ),
            (
                "  Functional test: sign in with the test account and add a Skype contact; "
                "test from a network outside the company (for example a public Wi-Fi) to rule "
                "out the firewall."
            ),
        ]
    )
    submitted = start.isoformat()

    def at(days: int) -> _dt.datetime:
        day = start + _dt.timedelta(days=days)
        return _dt.datetime.combine(day, START_TIME, tzinfo=_dt.UTC)

    typical = ACTIVATION_TYPICAL_DAYS
    maximum = ACTIVATION_MAX_DAYS
    return [
        Reminder(
            key=f"check-{typical}d",
            day=typical,
            when=at(typical),
            summary=f"{client}: check Skype connectivity (day {typical} after the request)",
            description=(
                f"The public IM connectivity request for {client} was submitted on {submitted}. "
                "Microsoft says changes typically complete within 24-48 hours.\n\n"
                "Next steps:\n"
                "  1. Run the re-checks below.\n"
                "  2. If they pass, mark the activation as confirmed in the app and continue "
                "with the verification step.\n"
                "  3. If Skype contacts still fail 48 hours after submitting, open a Microsoft "
                "support case.\n\n" + recheck
            ),
        ),
        Reminder(
            key=f"check-{maximum}d",
            day=maximum,
            when=at(maximum),
            summary=f"{client}: Skype connectivity should be active (day {maximum})",
            description=(
                f"The public IM connectivity request for {client} was submitted on {submitted}. "
                f"Provisioning can take up to {maximum} days; today is that limit.\n\n"
                "Next steps:\n"
                "  1. Run the re-checks below.\n"
                "  2. If they pass, mark the activation as confirmed in the app.\n"
                "  3. If not, check the request details and open a Microsoft support case.\n\n"
                + recheck
            ),
        ),
    ]


def calendar_bytes(setup: Setup, clock: Clock = utc_now) -> bytes:
    """The .ics file for this setup's reminders (ValueError if it has no submission date)."""
    from icalendar import Alarm, Calendar, Event

    stamp = clock().astimezone(_dt.UTC).replace(microsecond=0)
    events = []
    for item in reminders(setup):
        alarm = Alarm.new(description=item.summary)
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -ALARM_BEFORE)
        events.append(
            Event.new(
                uid=item.uid(setup.id),
                stamp=stamp,
                start=item.when,
                end=item.when + DURATION,
                summary=item.summary,
                description=item.description,
                subcomponents=[alarm],
            )
        )
    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"{setup.id}@{UID_DOMAIN}",
        name=f"{APP_DISPLAY_NAME}: {validate.plain_text(setup.client_name) or setup.id}",
        subcomponents=events,
    )
    return bytes(calendar.to_ical())


def write_calendar(
    setup: Setup, out: Path, clock: Clock = utc_now, data_dir: Path | None = None
) -> Path:
    """Write the .ics to ``out`` atomically, never through a link nor into ``data_dir``'s own
    folders. ValueError without a submission date; OutputRefused (a StoreError) for a path that
    must not be written; OSError from the disk."""
    return write_output(Path(out), calendar_bytes(setup, clock), data_dir=data_dir)
