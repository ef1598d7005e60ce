"""Lock files are opened safely (issue 10, defect 5): no links followed, nothing truncated, 0600."""

from __future__ import annotations

import os
import stat

import pytest

from wizard.storage.store import SetupLocked, SetupStore, StoreError

POSIX = os.name != "nt"
VICTIM = b"precious data that must survive\n" * 10


def store_for(data_dir):
    return SetupStore(data_dir, secret_fields=())


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_a_link_at_the_lock_path_is_not_followed(data_dir, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM)
    victim.chmod(0o644)
    store = store_for(data_dir)
    store._ensure_dirs()
    link = store.lock_path("abc123")
    link.symlink_to(victim)

    with pytest.raises(StoreError, match="link") as info:
        store.open_lock("abc123")
    assert str(link) in str(info.value)
    assert victim.read_bytes() == VICTIM  # not truncated, not written
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644  # not chmod-ed through the link
    assert link.is_symlink()


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_a_dangling_link_does_not_create_its_target(data_dir, tmp_path):
    target = tmp_path / "would-be-created"
    store = store_for(data_dir)
    store._ensure_dirs()
    store.lock_path("abc123").symlink_to(target)
    with pytest.raises(StoreError):
        store.open_lock("abc123")
    assert not target.exists()


def test_a_hard_linked_lock_file_is_never_truncated(data_dir, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM)
    store = store_for(data_dir)
    store._ensure_dirs()
    os.link(victim, store.lock_path("abc123"))
    with store.open_lock("abc123") as lock:
        assert lock.held
    assert victim.read_bytes() == VICTIM


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_lock_files_are_owner_only(data_dir):
    store = store_for(data_dir)
    old_umask = os.umask(0o022)
    try:
        with store.open_lock("new1"):
            pass
        assert stat.S_IMODE(store.lock_path("new1").stat().st_mode) == 0o600
        store.lock_path("old1").write_bytes(b"")
        store.lock_path("old1").chmod(0o666)  # left by an older version
        with store.open_lock("old1"):
            assert stat.S_IMODE(store.lock_path("old1").stat().st_mode) == 0o600
    finally:
        os.umask(old_umask)


def test_the_lock_still_excludes_after_the_library_change(data_dir):
    first, second = store_for(data_dir), store_for(data_dir)
    with first.open_lock("abc123"), pytest.raises(SetupLocked):
        second.open_lock("abc123")
    with second.open_lock("abc123") as lock:
        assert lock.held
