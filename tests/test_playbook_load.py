"""The playbook is parsed from the shipped files: nothing kept between runs can go stale or run code."""

from __future__ import annotations

import pytest

from wizard import paths
from wizard.content import playbook, source


@pytest.fixture(autouse=True)
def _clear_loaded_playbook():
    """Later tests must get the shipped playbook, not one a test changed."""
    playbook.load.cache_clear()
    yield
    playbook.load.cache_clear()


def test_changed_content_is_what_the_next_start_gets(monkeypatch):
    assert playbook.load().step("summary").title == "Summary"
    files = source.read_files()
    files["finish"] = files["finish"].replace('title = "Summary"', 'title = "Wrap-up"')
    monkeypatch.setattr(playbook, "read_files", lambda: files)
    playbook.load.cache_clear()  # a new process
    assert playbook.load().step("summary").title == "Wrap-up"
    assert source.key_of(files) != source.content_key()


def test_loading_writes_nothing_to_the_cache_folder():
    playbook.load()
    folder = paths.cache_dir()
    assert not folder.exists() or not [p for p in folder.rglob("*") if "playbook" in p.name]
