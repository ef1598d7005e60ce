"""The wait for Microsoft to activate a provisioning request, as a function of two dates.

Kept apart from ``flow`` (which needs the whole playbook) so that the start screen can show
"day 12 of up to 30" and "overdue" from the setup index without loading the playbook.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

#: The documented maximum wait for a public IM connectivity request (DOMAIN.md 2.6).
ACTIVATION_MAX_DAYS = 30
#: From April 2019 Microsoft said changes typically complete within 24-48 hours (DOMAIN.md 2.6).
ACTIVATION_TYPICAL_DAYS = 2


@dataclass(frozen=True)
class Activation:
    """The state of the wait for Microsoft to activate a provisioning request."""

    submitted_on: _dt.date
    day: int
    expected_by: _dt.date
    typical_by: _dt.date
    confirmed_on: _dt.date | None
    overdue: bool

    @property
    def past_typical(self) -> bool:
        """Not confirmed yet, and the typical 24-48 hours have passed."""
        return self.confirmed_on is None and self.day >= ACTIVATION_TYPICAL_DAYS

    @property
    def text(self) -> str:
        if self.confirmed_on:
            return f"Activation confirmed on {self.confirmed_on.isoformat()}"
        if self.overdue:
            return (
                f"Waiting for activation, day {self.day}: past the expected date "
                f"{self.expected_by.isoformat()}"
            )
        return (
            f"Waiting for activation, day {self.day} of up to {ACTIVATION_MAX_DAYS}, "
            f"expected by {self.expected_by.isoformat()}"
        )


def activation_at(submitted: _dt.date, confirmed: _dt.date | None, today: _dt.date) -> Activation:
    """The wait as it stands on ``today`` for a request submitted on ``submitted``."""
    expected = submitted + _dt.timedelta(days=ACTIVATION_MAX_DAYS)
    return Activation(
        submitted_on=submitted,
        day=max((today - submitted).days, 0),
        expected_by=expected,
        typical_by=submitted + _dt.timedelta(days=ACTIVATION_TYPICAL_DAYS),
        confirmed_on=confirmed,
        overdue=confirmed is None and today > expected,
    )
