"""Connects the feature modules (printing, live checks, reminders) to the generic pages.

Each feature is installed only if its module is present, and loads its heavy parts on first use.
"""

from __future__ import annotations


def install() -> None:
    pass
