"""The consultant profile: who did the work, printed on every checklist and handover pack.

Optional. Kept as one small JSON file in the user's config folder (platformdirs), written
atomically like a setup. The logo (PNG or SVG, at most ``MAX_LOGO_BYTES``) is stored beside it as
``logo.png``/``logo.svg``, and printed as a ``data:`` URL, scaled to the cover's logo width.
Nothing here knows about Qt.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from wizard import APP_NAME
from wizard.storage import safefile

FILE_NAME = "consultant.json"
MAX_LOGO_BYTES = 512 * 1024
MAX_TEXT = 200
LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}
ENV_CONFIG_DIR = "LYNC_SKYPE_WIZARD_CONFIG_DIR"


class ProfileError(ValueError):
    """A value that can't be kept, with a message for the user."""


@dataclass(frozen=True)
class Profile:
    name: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    logo: str = ""  # file name of the logo in the config folder ("logo.png"), or ""

    @property
    def empty(self) -> bool:
        return not (self.name or self.company or self.email or self.phone or self.logo)


def config_dir() -> Path:
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(appname=APP_NAME, appauthor=False).user_config_path)


def check_email(text: str) -> str:
    """The e-mail address normalised, or ProfileError saying what is wrong."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return str(validate_email(text, check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise ProfileError(f"The e-mail address “{text}” is not valid: {exc}") from None


def _clean(text: Any, label: str) -> str:
    value = " ".join(str(text or "").split())
    if len(value) > MAX_TEXT:
        raise ProfileError(f"The {label} is too long (at most {MAX_TEXT} characters).")
    return value


def validated(profile: Profile) -> Profile:
    """The profile with tidy values, or ProfileError for the first bad one."""
    email = _clean(profile.email, "e-mail address")
    return replace(
        profile,
        name=_clean(profile.name, "name"),
        company=_clean(profile.company, "company"),
        email=check_email(email) if email else "",
        phone=_clean(profile.phone, "phone number"),
    )


class ProfileStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else config_dir()

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def load(self) -> Profile:
        """The saved profile; an empty one when there is none or it can't be read."""
        try:
            raw = safefile.read_limited(self.path)
            doc = json.loads(raw) if raw else {}
        except (OSError, ValueError):
            return Profile()
        if not isinstance(doc, dict):
            return Profile()
        fields = {k: str(doc.get(k) or "") for k in ("name", "company", "email", "phone", "logo")}
        if fields["logo"] and not (self.folder / Path(fields["logo"]).name).is_file():
            fields["logo"] = ""
        return Profile(**fields)

    def save(self, profile: Profile) -> Profile:
        """Check and save the profile atomically; returns what was saved."""
        clean = validated(profile)
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(asdict(clean), indent=2, ensure_ascii=False).encode("utf-8")
        safefile.atomic_write(self.path, data)
        return clean

    def set_logo(self, source: Path) -> str:
        """Copy a PNG or SVG logo into the config folder; the stored file name."""
        ext = source.suffix.lower()
        if ext not in LOGO_TYPES:
            raise ProfileError("The logo must be a PNG or SVG file.")
        try:
            size = source.stat().st_size
            if size > MAX_LOGO_BYTES:
                raise ProfileError(
                    f"The logo is {size // 1024} KB; at most {MAX_LOGO_BYTES // 1024} KB fits. "
                    "Save a smaller version and choose it again."
                )
            data = source.read_bytes()
        except OSError as exc:
            raise ProfileError(f"Could not read {source}: {exc.strerror or exc}") from None
        if ext == ".png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ProfileError(f"{source.name} is not a PNG image.")
        if ext == ".svg" and b"<svg" not in data[:4096]:
            raise ProfileError(f"{source.name} is not an SVG image.")
        self.folder.mkdir(parents=True, exist_ok=True)
        name = "logo" + ext
        safefile.atomic_write(self.folder / name, data)
        for other in LOGO_TYPES:
            if other != ext:
                (self.folder / ("logo" + other)).unlink(missing_ok=True)
        return name

    def logo_uri(self, profile: Profile) -> str:
        """The logo as a data: URL, or "" when there is none (or it can't be read)."""
        if not profile.logo:
            return ""
        path = self.folder / Path(profile.logo).name
        mime = LOGO_TYPES.get(path.suffix.lower())
        try:
            data = path.read_bytes()
        except OSError:
            return ""
        if mime is None or len(data) > MAX_LOGO_BYTES:
            return ""
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
