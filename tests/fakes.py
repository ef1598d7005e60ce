"""Test doubles shared by the suite: an in-memory keyring and a controllable clock."""

from __future__ import annotations

import datetime as _dt

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps values in a dict, so tests never touch the real one."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: _dt.datetime | None = None) -> None:
        self.now = start or _dt.datetime(2014, 3, 3, 9, 0, tzinfo=_dt.UTC)

    def __call__(self) -> _dt.datetime:
        return self.now

    def advance(self, days: float = 0, hours: float = 0) -> None:
        self.now += _dt.timedelta(days=days, hours=hours)
