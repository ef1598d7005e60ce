"""Shared fixtures. Qt runs offscreen; every standard path and the keyring are test-local."""

from __future__ import annotations

import os

# Before anything imports PySide6: no display needed, same result on every machine.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest

from tests.fakes import FakeClock, MemoryKeyring

# Real DNS and TLS servers on 127.0.0.1 for the live checks; also forbids the system resolver.
pytest_plugins = ["tests.checks_fixtures"]


@pytest.fixture(autouse=True)
def _isolate_paths(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real home, config or data folders."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(path))
    monkeypatch.delenv("LYNC_SKYPE_WIZARD_DATA_DIR", raising=False)


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every test gets an empty in-memory keyring; the previous backend is restored after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture(autouse=True)
def _no_modal_dialogs(request, monkeypatch):
    """A modal exec() would hang the suite: make it fail fast instead (GUI tests only)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(*_a, **_k):
        raise AssertionError("a modal dialog was opened in a test; route it through a seam")

    monkeypatch.setattr(QDialog, "exec", refuse)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    yield
