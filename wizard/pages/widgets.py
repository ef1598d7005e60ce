"""Small building blocks shared by the pages: plain-text labels, banners, artefact boxes.

Every label that can show user text is forced to plain text (QLabel would otherwise guess rich text
and render a client name like ``<b>x</b>`` as bold). Status is always an icon *and* a word.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)


def plain_label(
    text: str = "", parent: QWidget | None = None, wrap: bool = True, selectable: bool = True
) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:  # lets users copy names and values; headings don't need it
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of a layout (banners and notes are rebuilt, not patched)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    label = plain_label(text, parent, selectable=False)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * {1: 1.6, 2: 1.25, 3: 1.1}.get(level, 1.0))
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def std_icon(widget: QWidget, kind: str) -> QIcon:
    pixmap = {
        "pass": QStyle.StandardPixmap.SP_DialogApplyButton,
        "done": QStyle.StandardPixmap.SP_DialogApplyButton,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "fail": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
        "era": QStyle.StandardPixmap.SP_FileDialogInfoView,
        "waiting": QStyle.StandardPixmap.SP_BrowserReload,
        "skipped": QStyle.StandardPixmap.SP_ArrowRight,
        "current": QStyle.StandardPixmap.SP_MediaPlay,
        "todo": QStyle.StandardPixmap.SP_FileIcon,
    }.get(kind, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return widget.style().standardIcon(pixmap)


class Banner(QFrame):
    """A framed message with an icon and a word saying what kind of message it is."""

    KIND_WORD = {"info": "Note", "warning": "Warning", "error": "Problem", "era": "Timeline"}

    def __init__(self, kind: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.AlternateBase)
        pal.setColor(QPalette.ColorRole.Window, base)
        self.setPalette(pal)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        icon = QLabel(self)
        icon.setPixmap(std_icon(self, kind).pixmap(20, 20))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        lay.addWidget(icon)
        self.label = plain_label(f"{self.KIND_WORD.get(kind, 'Note')}: {text}", self)
        lay.addWidget(self.label, 1)
        self.setAccessibleName(self.label.text())

    def set_text(self, text: str) -> None:
        self.label.setText(f"{self.KIND_WORD.get(self.kind, 'Note')}: {text}")
        self.setAccessibleName(self.label.text())


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    return font


class ArtefactBox(QFrame):
    """A read-only monospace box for generated commands or records, with a Copy button."""

    copied = Signal(str)

    def __init__(self, title: str, text: str, caption: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        top = QHBoxLayout()
        self.title_label = heading(title, 3, self)
        top.addWidget(self.title_label, 1)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setAccessibleName(f"Copy {title}")
        self.copy_button.setToolTip(self.tr("Copy to the clipboard"))
        self.copy_button.clicked.connect(self.copy)
        top.addWidget(self.copy_button)
        lay.addLayout(top)
        self.caption_label = plain_label(caption, self)
        self.caption_label.setVisible(bool(caption))
        lay.addWidget(self.caption_label)
        self.edit = QPlainTextEdit(self)
        self.edit.setReadOnly(True)
        self.edit.setFont(monospace_font())
        # Commands are not wrapped on screen: a wrapped PowerShell line is easy to mis-copy by eye.
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.edit.setAccessibleName(title)
        self.edit.setTabChangesFocus(True)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lay.addWidget(self.edit)
        self.set_text(text)

    def set_caption(self, caption: str) -> None:
        """The line under the title (e.g. which fields are still missing); hidden when empty."""
        if caption != self.caption_label.text():
            self.caption_label.setText(caption)
            self.caption_label.setVisible(bool(caption))

    def set_text(self, text: str) -> None:
        if text != self.edit.toPlainText():
            self.copy_button.setText(self.tr("Copy"))  # "Copied" was about the old text
        self.edit.setPlainText(text)
        lines = max(1, text.count("\n") + 1)
        metrics = self.edit.fontMetrics()
        scrollbar = self.edit.horizontalScrollBar().sizeHint().height()
        # Every line visible up to 18; longer artefacts scroll inside the box.
        self.edit.setFixedHeight(min(18, lines) * metrics.lineSpacing() + scrollbar + 14)

    def text(self) -> str:
        return self.edit.toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText(self.tr("Copied"))
        self.copied.emit(self.text())
