"""The parsed playbook is cached between runs, and a stale or broken cache is never trusted."""

from __future__ import annotations

import pytest

from wizard import paths
from wizard.content import playbook


@pytest.fixture(autouse=True)
def _clear_loaded_playbook():
    """Later tests must get the shipped playbook, not one a test changed."""
    playbook.load.cache_clear()
    yield
    playbook.load.cache_clear()


def _fresh_load():
    playbook.load.cache_clear()
    return playbook.load()


def test_second_start_reads_the_cache_and_gets_the_same_playbook():
    first = _fresh_load()
    cached = list(paths.cache_dir().glob("playbook-*.pickle"))
    assert len(cached) == 1
    assert _fresh_load() == first


def test_changed_content_is_parsed_afresh(monkeypatch):
    _fresh_load()
    files = playbook.read_files()
    files["finish"] = files["finish"].replace('title = "Summary"', 'title = "Wrap-up"')
    monkeypatch.setattr(playbook, "read_files", lambda: files)
    assert _fresh_load().step("summary").title == "Wrap-up"
    assert len(list(paths.cache_dir().glob("playbook-*.pickle"))) == 1  # the old one is gone


def test_a_corrupt_cache_file_is_ignored():
    _fresh_load()
    (cache,) = paths.cache_dir().glob("playbook-*.pickle")
    cache.write_bytes(b"not a pickle")
    assert _fresh_load().step("summary").title == "Summary"
