"""Small building blocks shared by the pages: plain-text labels, banners, artefact boxes.

Every label that can show user text is forced to plain text (QLabel would otherwise guess rich text
and render a client name like ``<b>x</b>`` as bold). Status is always an icon *and* a word.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QPalette,
    QResizeEvent,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QToolButton,
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
            widget.hide()  # gone now, not at the next event loop pass
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

    KIND_WORD = {
        "info": "Note",
        "warning": "Warning",
        "error": "Problem",
        "era": "Timeline",
        "status": "Today's status",
    }

    def __init__(self, kind: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A palette role, not a copied colour: the banner follows a light/dark switch.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
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


class CommandText(QTextEdit):
    """Read-only monospace text that wraps long lines at spaces (PowerShell parameters, zone
    fields) and grows to show every line, up to ``max_lines``; beyond that it scrolls."""

    def __init__(self, parent: QWidget | None = None, max_lines: int = 18) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFont(monospace_font())
        self.document().setDefaultFont(monospace_font())
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def _fit(self, *_: object) -> None:
        doc = self.document()
        line = self.fontMetrics().lineSpacing()
        most = self.max_lines * line + 2 * doc.documentMargin()
        height = int(min(doc.size().height(), most)) + 2 * self.frameWidth() + 1
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ArtefactBox(QFrame):
    """A read-only monospace box for generated commands or records, with a Copy button.

    Long lines wrap at spaces on screen, so nothing is cut off at the right edge; Copy always
    copies the exact text (one PowerShell command per line).
    """

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
        self.edit = CommandText(self)
        self.edit.setAccessibleName(title)
        lay.addWidget(self.edit)
        self.set_text(text)

    def set_caption(self, caption: str) -> None:
        """The line under the title (e.g. which fields are still missing); hidden when empty."""
        if caption != self.caption_label.text():
            self.caption_label.setText(caption)
            self.caption_label.setVisible(bool(caption))

    def set_text(self, text: str) -> None:
        if text != self.text():
            self.copy_button.setText(self.tr("Copy"))  # "Copied" was about the old text
            self.edit.setPlainText(text)

    def text(self) -> str:
        return self.edit.toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText(self.tr("Copied"))
        self.copied.emit(self.text())


class Disclosure(QWidget):
    """ "More about this step": a checkable button and a panel shown only when it is pressed.

    The open/closed state is kept per ``key`` (the step id) in the UI settings, so it survives
    moving between steps and restarting the app.
    """

    def __init__(
        self, key: str, text: str, parent: QWidget | None = None, default: bool = False
    ) -> None:
        super().__init__(parent)
        from wizard.pages import ui_settings

        self.key = f"disclosure/{key}"
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.button = QToolButton(self)
        self.button.setText(text)
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAccessibleName(text.replace("&", ""))
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.panel = QWidget(self)
        self.panel_layout = QVBoxLayout(self.panel)
        self.panel_layout.setContentsMargins(18, 0, 0, 0)
        lay.addWidget(self.panel)
        opened = ui_settings.get_bool(self.key, default)
        self.button.setChecked(opened)
        self._show(opened)
        self.button.toggled.connect(self._toggled)

    def add(self, widget: QWidget) -> None:
        widget.setParent(self.panel)
        self.panel_layout.addWidget(widget)

    def is_open(self) -> bool:
        return self.button.isChecked()

    def _show(self, opened: bool) -> None:
        self.panel.setVisible(opened)
        self.button.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.button.setAccessibleDescription("Open" if opened else "Closed")

    def _toggled(self, opened: bool) -> None:
        from wizard.pages import ui_settings

        self._show(opened)
        ui_settings.put(self.key, opened)


def link_button(label: str, url: str, parent: QWidget | None = None) -> QPushButton:
    """A flat button that opens ``url`` in the browser; its accessible name says so."""
    from wizard.pages import dialogs

    button = QPushButton(f"{label} ↗", parent)
    button.setToolTip(url)
    button.setAccessibleName(f"Open in browser: {label}")
    button.setFlat(True)
    button.setStyleSheet("text-align: left;")
    button.clicked.connect(lambda _=False: dialogs.open_url(url))
    return button


def status_banner(text: str, label: str, url: str, parent: QWidget | None = None) -> QWidget:
    """Today's status (status.toml) with its details link, as the start screen and pages show it."""
    box = QWidget(parent)
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    banner = Banner("status", text, box)
    lay.addWidget(banner)
    if url:
        lay.addWidget(link_button(label or "Details", url, box))
    box.setObjectName("status-note")
    box.setAccessibleName(banner.accessibleName())
    return box
