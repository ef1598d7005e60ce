"""Window size and position, splitter, open disclosures: small UI state kept between runs.

An INI file in the user config folder (platformdirs), looked up on every call so tests that point
the config folder elsewhere get their own file. Setups never go here; only how the window looked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from wizard import APP_NAME


def settings_path() -> Path:
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(appname=APP_NAME, appauthor=False).user_config_path) / "window.ini"


def settings() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def get_bool(key: str, default: bool = False) -> bool:
    value = settings().value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def put(key: str, value: object) -> None:
    s = settings()
    s.setValue(key, value)
    s.sync()
