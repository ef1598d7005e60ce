"""The look: the platform's own style, the system's light or dark scheme (followed live), fonts.

Windows gets its Windows 11 (or Vista) style and macOS its native style; elsewhere Fusion, which
draws with the palette, so a dark palette is built when the system asks for dark. Nothing here sets
a pixel font size: text follows the system font, and layouts grow with it.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

#: "dark" or "light" overrides the system's scheme (screenshots, or a user's preference).
ENV_SCHEME = "LYNC_SKYPE_WIZARD_SCHEME"

#: Preferred styles per platform, best first (the first one Qt has is used).
PLATFORM_STYLES = {
    "win32": ("windows11", "windowsvista", "fusion"),
    "darwin": ("macos", "fusion"),
}


def preferred_style(platform: str = sys.platform, available: list[str] | None = None) -> str:
    """The style name to use on this platform, from the styles Qt offers here."""
    have = [k.lower() for k in (QStyleFactory.keys() if available is None else available)]
    for name in PLATFORM_STYLES.get(platform, ("fusion",)):
        if name in have:
            return name
    return "fusion"


def dark_palette() -> QPalette:
    """A dark palette for Fusion (contrast of text on window and base above 7:1)."""
    pal = QPalette()
    # Fields a little lighter than the window: Fusion outlines boxes with a darker window colour,
    # so darker fields would make check boxes and edits vanish.
    window, base, text = QColor(37, 37, 40), QColor(56, 56, 60), QColor(235, 235, 235)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(66, 66, 71),
        QPalette.ColorRole.ToolTipBase: QColor(60, 60, 64),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(160, 160, 160),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(62, 62, 66),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 120, 120),
        QPalette.ColorRole.Link: QColor(120, 170, 255),
        QPalette.ColorRole.LinkVisited: QColor(190, 150, 255),
        QPalette.ColorRole.Highlight: QColor(42, 110, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Light: QColor(80, 80, 84),
        QPalette.ColorRole.Midlight: QColor(66, 66, 70),
        QPalette.ColorRole.Mid: QColor(40, 40, 42),
        QPalette.ColorRole.Dark: QColor(25, 25, 27),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
    }
    for role, colour in roles.items():
        pal.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(130, 130, 130))
    return pal


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


class Theme(QObject):
    """Applies the style and palette, and re-applies them when the system scheme changes."""

    changed = Signal(bool)  # dark?

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.style_name = preferred_style()
        self.fusion = self.style_name == "fusion"
        app.setStyle(self.style_name)
        # PySide6 quirk: keep the hints object referenced while connected.
        self.hints = app.styleHints()
        self.hints.colorSchemeChanged.connect(self._on_scheme)
        forced = os.environ.get(ENV_SCHEME, "").strip().lower()
        if forced in ("dark", "light"):
            self.force(Qt.ColorScheme.Dark if forced == "dark" else Qt.ColorScheme.Light)
        else:
            self.apply(self.hints.colorScheme() == Qt.ColorScheme.Dark)

    def apply(self, dark: bool) -> None:
        """Follow the scheme: the system's palette when it matches, else a built one (Fusion).

        Native styles (Windows 11, macOS) draw their own light and dark schemes.
        """
        if self.fusion:
            self.app.setPalette(QPalette())  # back to the platform's palette
            if dark != is_dark(self.app.palette()):
                self.app.setPalette(dark_palette() if dark else self.app.style().standardPalette())
        self.changed.emit(dark)

    def force(self, scheme: Qt.ColorScheme) -> None:
        """Ask for a scheme (tests, or a future preference); falls back to the palette offscreen."""
        self.hints.setColorScheme(scheme)
        self.apply(scheme == Qt.ColorScheme.Dark)

    def _on_scheme(self, scheme: Qt.ColorScheme) -> None:
        self.apply(scheme == Qt.ColorScheme.Dark)


def high_dpi() -> None:
    """Sharp at 100, 150 and 200 %: fractional scale factors are used as they are, not rounded
    (Qt 6's default PassThrough, stated here so it stays that way)."""
    if QGuiApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )


def setup(app: QApplication) -> Theme:
    """Call once, right after the QApplication exists."""
    theme = app.findChild(Theme)
    if isinstance(theme, Theme):
        return theme
    return Theme(app)
