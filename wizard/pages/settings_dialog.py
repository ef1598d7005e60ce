"""Settings: the consultant profile (name, company, e-mail, phone, logo) printed on every checklist
and handover pack. Optional; kept by ``wizard.storage.profile`` in the user's config folder.

Opened with ``open()`` (never ``exec()``) from the start screen's Checklist menu. An SVG logo is
drawn to a PNG here (Qt can, the Qt-free core can't), so every output shows the same picture.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.pages import dialogs
from wizard.storage.profile import Profile, ProfileError, ProfileStore

LOGO_FILTER = "Logos (*.png *.svg)"
SVG_RASTER_PX = 600


def svg_to_png(source: Path) -> Path | None:
    """Draw an SVG logo to a PNG in a temp folder; None when it isn't a drawable SVG."""
    try:
        from PySide6.QtGui import QImage, QPainter
        from PySide6.QtSvg import QSvgRenderer
    except ImportError:  # pragma: no cover - QtSvg is part of PySide6-Essentials
        return None
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        return None
    size = renderer.defaultSize()
    if size.width() <= 0 or size.height() <= 0:
        return None
    scale = SVG_RASTER_PX / max(size.width(), size.height())
    image = QImage(
        max(1, int(size.width() * scale)),
        max(1, int(size.height() * scale)),
        QImage.Format.Format_ARGB32,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    out = Path(tempfile.mkdtemp(prefix="lsw-logo-")) / "logo.png"
    # The stubs want the format as bytes; PySide6 6.11 accepts only str at run time.
    saved = image.save(str(out), "PNG")  # type: ignore[call-overload]
    return out if saved else None


class ProfileDialog(QDialog):
    def __init__(self, store: ProfileStore | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Consultant profile"))
        self.store = store or ProfileStore()
        self.profile = self.store.load()
        root = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Printed on the cover of every checklist and in every handover pack. "
                "Leave it empty to print none."
            ),
            self,
        )
        intro.setWordWrap(True)
        root.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in (
            ("name", self.tr("&Name")),
            ("company", self.tr("&Company")),
            ("email", self.tr("&E-mail")),
            ("phone", self.tr("&Phone")),
        ):
            edit = QLineEdit(getattr(self.profile, key), self)
            edit.setAccessibleName(label.replace("&", ""))
            lab = QLabel(label + ":", self)
            lab.setBuddy(edit)
            form.addRow(lab, edit)
            self.edits[key] = edit
        logo_row = QHBoxLayout()
        self.logo_label = QLabel(self)
        self.logo_label.setTextFormat(Qt.TextFormat.PlainText)  # a path is user text
        self.logo_button = QPushButton(self.tr("Choose &logo…"), self)
        self.clear_logo_button = QPushButton(self.tr("No logo"), self)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.clear_logo_button)
        form.addRow(QLabel(self.tr("Logo:"), self), logo_row)
        root.addLayout(form)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        root.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        root.addWidget(buttons)
        self.logo_button.clicked.connect(self.choose_logo)
        self.clear_logo_button.clicked.connect(self.clear_logo)
        self._show_logo()

    def _show_logo(self) -> None:
        self.logo_label.setText(self.profile.logo or self.tr("(none)"))
        self.clear_logo_button.setEnabled(bool(self.profile.logo))

    def choose_logo(self) -> bool:
        chosen = dialogs.open_path(self, self.tr("Choose a logo"), "", LOGO_FILTER)
        if not chosen:
            return False
        source = Path(chosen)
        try:
            if source.suffix.lower() == ".svg":
                self.store.set_logo(source)  # checks type and size first
                drawn = svg_to_png(source)
                if drawn is None:
                    raise ProfileError(f"{source.name} could not be drawn as a picture.")
                name = self.store.set_logo(drawn)
            else:
                name = self.store.set_logo(source)
        except ProfileError as exc:
            self.error.setText(str(exc))
            return False
        self.profile = Profile(**{**self.profile.__dict__, "logo": name})
        self.error.setText("")
        self._show_logo()
        return True

    def clear_logo(self) -> None:
        self.profile = Profile(**{**self.profile.__dict__, "logo": ""})
        self._show_logo()

    def save(self) -> bool:
        values = {k: e.text() for k, e in self.edits.items()}
        try:
            self.profile = self.store.save(Profile(**values, logo=self.profile.logo))
        except (ProfileError, OSError) as exc:
            self.error.setText(str(exc))  # the dialog stays open with what was typed
            return False
        self.accept()
        return True


def open_profile(parent: QWidget | None) -> ProfileDialog:
    dlg = ProfileDialog(parent=parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
