"""Where the app keeps its files: one data folder (portable with --data-dir), resolved once.

Setups cannot be recreated, so they go in the user *data* folder (platformdirs), not state or
cache. A consultant can point everything at a USB stick with ``--data-dir``.
"""

from __future__ import annotations

import os
from pathlib import Path

from wizard import APP_NAME

ENV_DATA_DIR = "LYNC_SKYPE_WIZARD_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds the setups: --data-dir, then the environment, then platformdirs."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(appname=APP_NAME, appauthor=False).user_data_path)


def resource_dir() -> Path | None:
    """The shipped ``resources`` folder on disk, or None when it is only inside an archive.

    Inside the package for a wheel or a PyInstaller bundle; beside it for a source checkout or an
    editable install (where pyproject maps the top-level ``resources/`` into the package). Reading
    files directly avoids importing importlib.resources at start-up (~10 ms).
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "resources", here.parent / "resources"):
        if (folder / "playbook" / "playbook.toml").is_file():
            return folder
    return None


def cache_dir() -> Path:
    """Regenerable files (the parsed playbook): platformdirs' user cache folder."""
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(appname=APP_NAME, appauthor=False).user_cache_path)


def safe_filename(name: str, fallback: str = "setup", limit: int = 60) -> str:
    """A file name part made from user text that is valid on Windows, macOS and Linux."""
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip(" .")
    return safe[:limit] or fallback


def documents_dir() -> Path:
    from platformdirs import user_documents_path

    return Path(user_documents_path())
