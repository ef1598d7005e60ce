"""The generic step page: renders any playbook step (task, choice, wait, verify) for a session.

The page owns no truth. Every keystroke goes to the session (which marks the setup dirty; the
wizard view saves after a short pause, and when a field is left: ``left``), and what is shown
(notes, field visibility, artefacts, verdicts) is recomputed from the session's values. A keystroke
touches only the widgets whose content changed: notes, links and artefacts are rebuilt only when
what they show is different. Typed text is kept as typed even when it is invalid; the verdict next
to the field says what to fix.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wizard.content import templates, validate
from wizard.content.playbook import Field, Step
from wizard.pages import dialogs, features, keyboard
from wizard.pages.todo_list import TodoList
from wizard.pages.widgets import (
    ArtefactBox,
    Banner,
    Disclosure,
    clear_layout,
    heading,
    link_button,
    plain_label,
    status_banner,
    std_icon,
)
from wizard.session import Session
from wizard.storage.document import DONE, SKIPPED

#: Notes that stay in the main part of a page; the others (info, timeline) go behind "More".
MAIN_NOTES = ("warning", "error", "status")  # today's status (issue 9) is never hidden

#: A page's lead says what to do in about this many words; the rest goes behind "More".
LEAD_WORDS = 45
LEAD_BULLETS = 5


def readable_width(widget: QWidget, chars: int = 100) -> int:
    """The width of about ``chars`` characters of ordinary text in the widget's font."""
    sample = "Publish the federation SRV record and a matching Edge certificate for it. "
    advance = widget.fontMetrics().horizontalAdvance(sample) / len(sample)
    return int(advance * chars)


def split_body(
    step: Step, body: str
) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """(lead, more) paragraphs. A step with its own ``more`` text leads with its whole body;
    otherwise the lead is the first paragraph (and the next, while it is short or a list)."""
    paras = paragraphs(body)
    if step.more or len(paras) <= 1:
        return paras, []
    lead = [paras[0]]
    words = len(paras[0][0].split())
    for text, bullets in paras[1:]:
        # A long list after the lead is reference or troubleshooting: it goes behind "More".
        if len(bullets) > LEAD_BULLETS or words + len(text.split()) > LEAD_WORDS:
            break
        lead.append((text, bullets))
        words += len(text.split())
    return lead, paras[len(lead) :]


def paragraphs(body: str) -> list[tuple[str, list[str]]]:
    """Split body text into paragraphs, each with the bullet lines that follow it."""
    out: list[tuple[str, list[str]]] = []
    for block in body.split("\n\n"):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        text_lines = [ln for ln in lines if not ln.startswith("- ")]
        bullets = [ln[2:].strip() for ln in lines if ln.startswith("- ")]
        out.append((" ".join(text_lines), bullets))
    return out


class ClickLabel(QLabel):
    """A wrapping label that ticks its box when clicked, as a check box's own text does."""

    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class FieldEditor(QWidget):
    """One input of a step: the control, its help, and the verdict line under it."""

    edited = Signal(str)  # field id
    submitted = Signal()  # Return pressed in a single-line input
    left = Signal()  # the input lost the keyboard focus

    def __init__(
        self,
        fld: Field,
        value: Any,
        parent: QWidget | None = None,
        today: Callable[[], _dt.date] = _dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.field = fld
        self.touched = False
        self._today = today
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.control: QWidget
        self._radios: list[QRadioButton] = []
        kind = fld.kind
        if kind == "choice" and fld.style == "cards":
            self.control = self._build_cards(fld, value, lay)
        elif kind == "choice":
            combo = QComboBox(self)
            combo.addItem(self.tr("Choose…"), None)
            for choice in fld.choices:
                combo.addItem(choice.label, choice.value)
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.currentIndexChanged.connect(self._on_edit)
            self.control = combo
            lay.addWidget(combo)
        elif kind == "bool":
            # The box's text is a wrapping label beside it: long questions are never cut off.
            box = QCheckBox(self)
            box.setChecked(bool(value))
            box.toggled.connect(self._on_edit)
            self.control = box
            self.bool_label = ClickLabel(f"&{fld.label}", self)
            self.bool_label.setBuddy(box)
            self.bool_label.clicked.connect(box.toggle)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(self.bool_label, 1)
            lay.addLayout(row)
        elif kind.endswith("-list"):
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(fld.placeholder)
            if isinstance(value, list):
                edit.setPlainText("\n".join(value))
            elif value:
                edit.setPlainText(str(value))
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            edit.textChanged.connect(self._on_edit)
            self.control = edit
            lay.addWidget(edit)
        else:
            line = QLineEdit(self)
            line.setPlaceholderText(fld.placeholder)
            line.setText("" if value is None else str(value))
            line.setClearButtonEnabled(True)
            if fld.secret:
                line.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
            line.textChanged.connect(self._on_edit)
            line.returnPressed.connect(self.submitted)
            self.control = line
            if kind == "date":
                row = QHBoxLayout()
                row.addWidget(line, 1)
                today_button = QPushButton(self.tr("Today"), self)
                today_button.setAccessibleName(f"{fld.label}: today")
                today_button.clicked.connect(self._set_today)
                row.addWidget(today_button)
                lay.addLayout(row)
            else:
                lay.addWidget(line)
        if not self._radios:  # each radio button is named by its own text (in _build_cards)
            self.control.setAccessibleName(fld.label)
        self.control.installEventFilter(self)
        if fld.help and not (fld.kind == "choice" and fld.style == "cards"):
            self.help = plain_label(fld.help, self)
            self.help.setForegroundRole(self.help.foregroundRole())
            small = self.help.font()
            small.setPointSizeF(small.pointSizeF() * 0.92)
            self.help.setFont(small)
            lay.addWidget(self.help)
            self.control.setAccessibleDescription(fld.help)
        self.verdict_row = QWidget(self)
        vlay = QHBoxLayout(self.verdict_row)
        vlay.setContentsMargins(0, 0, 0, 0)
        self.verdict_icon = QLabel(self.verdict_row)
        vlay.addWidget(self.verdict_icon)
        self.verdict = plain_label("", self.verdict_row)
        vlay.addWidget(self.verdict, 1)
        self.verdict_row.hide()
        lay.addWidget(self.verdict_row)

    def _build_cards(self, fld: Field, value: Any, lay: QVBoxLayout) -> QWidget:
        # A screen reader hears the group's name from the group box (role "grouping") and each
        # option's own text from its radio button; the form's label shows the name on screen.
        group_box = QGroupBox(self)
        group_box.setFlat(True)
        group_box.setStyleSheet("QGroupBox { border: none; margin: 0; padding: 0; }")
        group_box.setAccessibleName(fld.label)
        self.group_box = group_box
        glay = QVBoxLayout(group_box)
        glay.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        for i, choice in enumerate(fld.choices):
            radio = QRadioButton(choice.label, group_box)
            radio.setAccessibleName(choice.label)
            radio.setAccessibleDescription(choice.description)
            radio.setChecked(choice.value == value)
            radio.setProperty("choice_value", choice.value)
            self._group.addButton(radio, i)
            self._radios.append(radio)
            glay.addWidget(radio)
            if choice.description:
                desc = plain_label(choice.description, group_box)
                desc.setContentsMargins(24, 0, 0, 6)
                glay.addWidget(desc)
        self._group.buttonToggled.connect(lambda *_: self._on_edit())
        lay.addWidget(group_box)
        if fld.help:
            toggle = QPushButton(self.tr("Which one do I have?"), self)
            toggle.setCheckable(True)
            toggle.setAccessibleName(self.tr("Which one do I have?"))
            self.help_text = plain_label(fld.help, self)
            self.help_text.hide()
            toggle.toggled.connect(self.help_text.setVisible)
            row = QHBoxLayout()
            row.addWidget(toggle)
            row.addStretch(1)
            lay.addLayout(row)
            lay.addWidget(self.help_text)
            self.help_button = toggle
        return self._radios[0] if self._radios else group_box

    def _set_today(self) -> None:
        assert isinstance(self.control, QLineEdit)
        self.control.setText(self._today().isoformat())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.control and event.type() == QEvent.Type.FocusOut:
            self.left.emit()
        return super().eventFilter(watched, event)

    def detach(self) -> None:
        """Stop watching the focus: a focused input that is being deleted loses the focus too,
        and that must not call back into half-deleted pages."""
        self.control.removeEventFilter(self)

    def _on_edit(self, *_: Any) -> None:
        self.touched = True
        self.edited.emit(self.field.id)

    def focus_target(self) -> QWidget:
        if self._radios:
            checked = [r for r in self._radios if r.isChecked()]
            return checked[0] if checked else self._radios[0]
        return self.control

    def value(self) -> Any:
        c = self.control
        if self._radios:
            for r in self._radios:
                if r.isChecked():
                    return r.property("choice_value")
            return None
        if isinstance(c, QComboBox):
            return c.currentData()
        if isinstance(c, QCheckBox):
            return c.isChecked()
        if isinstance(c, QPlainTextEdit):
            return validate.split_list(c.toPlainText())
        assert isinstance(c, QLineEdit)
        text = c.text()
        return text if text.strip() else ""

    def set_value(self, value: Any) -> None:
        """Show a value given from elsewhere (a panel); fires ``edited`` like typing it."""
        c = self.control
        if self._radios:
            for r in self._radios:
                r.setChecked(r.property("choice_value") == value)
        elif isinstance(c, QComboBox):
            c.setCurrentIndex(max(c.findData(value), 0))
        elif isinstance(c, QCheckBox):
            c.setChecked(bool(value))
        elif isinstance(c, QPlainTextEdit):
            c.setPlainText("\n".join(value) if isinstance(value, list) else str(value or ""))
        elif isinstance(c, QLineEdit):
            c.setText("" if value is None else str(value))

    def show_verdict(self, verdict: validate.Verdict, force: bool = False) -> None:
        if verdict.level == validate.OK or not (self.touched or force):
            if not self.verdict_row.isHidden():
                self.verdict_row.hide()
                self.control.setAccessibleDescription(self.field.help)
            return
        kind = "error" if verdict.level == validate.ERROR else "warning"
        word = self.tr("Error") if kind == "error" else self.tr("Warning")
        text = f"{word}: {verdict.message}"
        if text != self.verdict.text() or self.verdict_row.isHidden():
            self.verdict_icon.setPixmap(std_icon(self, kind).pixmap(16, 16))
            self.verdict.setText(text)
            self.control.setAccessibleDescription(text)
            self.verdict_row.show()


class StepPage(QWidget):
    """Renders one step. ``changed`` fires after any edit so the view can refresh the sidebar and
    restart its save timer; ``left`` when an input loses the focus (a moment to save)."""

    changed = Signal()
    submitted = Signal()
    left = Signal()

    def __init__(self, session: Session, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.step = step
        book = session.book
        values = session.values()
        # One text column at a readable measure; the rest of a wide window stays empty.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(18, 12, 18, 12)
        self.column = QWidget(self)
        self.column.setMaximumWidth(readable_width(self))
        outer.addWidget(self.column, 1)
        outer.addStretch(0)
        root = QVBoxLayout(self.column)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(6)
        self.title_label = heading(step.title, 1, self)
        root.addWidget(self.title_label)
        # What to do comes first; background, history and troubleshooting go behind "More".
        lead, more = split_body(step, templates.render_text(book, step.body, values))
        if step.more:
            more += paragraphs(templates.render_text(book, step.more, values))
        for widget in self._paragraph_labels(lead):
            root.addWidget(widget)
        self.notes_box = QVBoxLayout()
        root.addLayout(self.notes_box)
        self.nav_box = QVBoxLayout()
        root.addLayout(self.nav_box)
        self.todo: TodoList | None = None
        if step.checklist:
            self.todo = TodoList(session, step, self)
            self.todo.toggled.connect(self._on_tick)
            root.addWidget(self.todo)

        # Labels above their fields, wrapped: a long label is never clipped, whatever the width.
        self.form = QVBoxLayout()
        self.form.setSpacing(10)
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        for fid in step.fields:
            fld = book.field(fid)
            editor = FieldEditor(fld, values.get(fid), self, today=session.today)
            editor.edited.connect(self._on_edited)
            editor.submitted.connect(self.submitted)
            editor.left.connect(self.left)
            self.editors[fid] = editor
            pair = QVBoxLayout()
            pair.setSpacing(3)
            if fld.kind != "bool":  # a tick box carries its own label
                mark = "\u00a0*" if fld.required and fid not in step.optional_fields else ""
                label = QLabel(f"&{fld.label}{mark}", self)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                label.setBuddy(editor.focus_target())
                self.labels[fid] = label
                pair.addWidget(label)
            pair.addWidget(editor)
            self.form.addLayout(pair)
        root.addLayout(self.form)

        self.artefact_box = QVBoxLayout()
        root.addLayout(self.artefact_box)
        self.artefact_widgets: dict[str, ArtefactBox] = {}
        self._shown: dict[str, object] = {}  # what notes/nav/links show, to rebuild only on change

        self.extra: QWidget | None = None
        factory = features.extra_panel(step)
        if factory is not None:
            self.extra = factory(self)
            if self.extra is not None:
                root.addWidget(self.extra)

        self.links_box = QVBoxLayout()
        root.addLayout(self.links_box)

        self.done_box: QCheckBox | None = None
        self.skip_box: QCheckBox | None = None
        if not step.auto_done and step.kind != "summary":
            row = QHBoxLayout()
            self.done_box = QCheckBox(self.tr("This step is &done"), self)
            self.done_box.setChecked(session.setup.status_of(step.id) == DONE)
            self.done_box.toggled.connect(self._on_done)
            row.addWidget(self.done_box)
            if step.optional:
                self.skip_box = QCheckBox(self.tr("S&kip this step"), self)
                self.skip_box.setChecked(session.setup.status_of(step.id) == SKIPPED)
                self.skip_box.toggled.connect(self._on_skip)
                row.addWidget(self.skip_box)
            row.addStretch(1)
            root.addLayout(row)

        # Evidence (a note, files) is for the record, not for doing the step: it sits below the
        # main part, behind its own disclosure, open by default once something is kept.
        evidence = features.evidence_panel(step)
        self.evidence = evidence(self) if evidence is not None else None
        self.evidence_disclosure: Disclosure | None = None
        if self.evidence is not None:
            panel: Any = self.evidence
            kept = bool(panel.names() or panel.note.toPlainText())
            self.evidence_disclosure = Disclosure(
                f"{step.id}/evidence", self.tr("E&vidence for the checklist"), self, kept
            )
            self.evidence_disclosure.add(self.evidence)
            root.addWidget(self.evidence_disclosure)

        self.more = Disclosure(step.id, self.tr("&More about this step"), self)
        for widget in self._paragraph_labels(more):
            self.more.add(widget)
        self.more_notes_box = QVBoxLayout()
        self.more.panel_layout.addLayout(self.more_notes_box)
        self.more_paragraphs = len(more)
        root.addWidget(self.more)
        root.addStretch(1)
        self.refresh()

    def main_part_height(self) -> int:
        """Height of what is above "More about this step" (what should fit on one screen)."""
        layout = self.column.layout()
        assert layout is not None
        bottom = 0
        for i in range(layout.count()):
            item = layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if item is None or isinstance(widget, Disclosure):
                break
            if widget is not None and not widget.isVisible():
                continue
            if not item.isEmpty():
                bottom = max(bottom, item.geometry().bottom())
        return self.column.mapTo(self, QPoint(0, bottom)).y() + 1

    def _paragraph_labels(self, paras: list[tuple[str, list[str]]]) -> list[QWidget]:
        out: list[QWidget] = []
        for text, bullets in paras:
            if text:
                out.append(plain_label(text, self))
            out.extend(plain_label(f"•  {bullet}", self) for bullet in bullets)
        return out

    # -- reacting to edits --------------------------------------------------------------------
    def _on_edited(self, fid: str) -> None:
        editor = self.editors[fid]
        self.session.set_value(fid, editor.value())
        self.refresh()
        self.changed.emit()

    def fill(self, fid: str, value: Any, done: bool = False) -> None:
        """A panel's answer (e.g. "Activation confirmed"), recorded as if typed here; ``done``
        also marks the step done."""
        self.session.set_value(fid, value)
        editor = self.editors.get(fid)
        if editor is not None:
            editor.set_value(value)
        if done and self.done_box is not None:
            self.done_box.setChecked(True)  # records it, through _on_done
        elif done:
            self.session.mark(self.step.id, DONE)
        self.refresh()
        self.changed.emit()

    def _on_done(self, checked: bool) -> None:
        if checked and not self._confirm_done_with_unticked():
            self._show_done(False)
            return
        if checked and self.skip_box is not None:
            self.skip_box.setChecked(False)
        self.session.mark(self.step.id, DONE if checked else None)
        self.changed.emit()

    def _confirm_done_with_unticked(self) -> bool:
        """Ask before "done" when to-do items are unticked; True to go ahead (maybe ticking all)."""
        missing = self.todo.unticked() if self.todo is not None else []
        if not missing or self.session.setup.status_of(self.step.id) == DONE:
            return True
        total = len(self.todo.boxes) if self.todo is not None else 0
        items = "\n".join(f"•  {text}" for text in missing)
        text = self.tr(
            "{} of the {} to-do items of this step are not ticked:\n\n{}\n\n"
            "The printed checklist shows only the items that are ticked."
        ).format(len(missing), total, items)
        answer = dialogs.choose(
            self,
            self.tr("Mark this step done?"),
            text,
            [self.tr("Tick them all and mark done"), self.tr("Mark done, leave them unticked")],
        )
        if answer is None:
            return False
        if answer == 0 and self.todo is not None:
            self.todo.tick_all()
        return True

    def _on_tick(self, _key: str, on: bool) -> None:
        """ "This step is done" follows from the ticks: all ticked marks it done, and unticking
        one of them undoes a "done" that came from the ticks (not one the user confirmed)."""
        assert self.todo is not None
        done = self.session.setup.status_of(self.step.id) == DONE
        if self.done_box is not None:
            if on and not done and self.todo.all_ticked():
                self._show_done(True)
                if self.skip_box is not None:
                    self.skip_box.setChecked(False)
                self.session.mark(self.step.id, DONE)
            elif not on and done and len(self.todo.unticked()) == 1:
                self._show_done(False)
                self.session.mark(self.step.id, None)
        self.changed.emit()

    def _show_done(self, checked: bool) -> None:
        """Set the done box without running its handler (the caller saves the status)."""
        if self.done_box is not None:
            self.done_box.blockSignals(True)
            self.done_box.setChecked(checked)
            self.done_box.blockSignals(False)

    def _on_skip(self, checked: bool) -> None:
        if checked and self.done_box is not None:
            self.done_box.setChecked(False)
        if checked or self.session.setup.status_of(self.step.id) == SKIPPED:
            self.session.mark(self.step.id, SKIPPED if checked else None)
        self.changed.emit()

    def refresh(self) -> None:
        """Recompute everything derived from values: visibility, verdicts, notes, artefacts."""
        values = self.session.values()
        visible = set(self.step.visible_fields(values))
        for fid, editor in self.editors.items():
            shown = fid in visible
            if editor.isHidden() == shown:
                editor.setVisible(shown)
                if fid in self.labels:
                    self.labels[fid].setVisible(shown)
            editor.show_verdict(self.session.field_verdict(fid, values, self.step))
        book = self.session.book
        notes = [
            (n.kind, templates.render_text(book, n.text, values))
            for n in self.step.notes
            if n.when.holds(values)
        ]
        nav = [
            (f"Where ({n.label}): " if n.label else "Where: ") + n.path
            for n in self.step.nav
            if n.when.holds(values)
        ]
        links = [(lk.label, lk.url) for lk in self.step.links if lk.when.holds(values)]
        # Warnings stay in the main part; info and timeline notes are background ("More").
        main_notes = [n for n in notes if n[0] in MAIN_NOTES]
        more_notes = [n for n in notes if n[0] not in MAIN_NOTES]
        self._fill(self.notes_box, "notes", main_notes, self._note)
        self._fill(self.more_notes_box, "more-notes", more_notes, self._note)
        self.more.setVisible(bool(self.more_paragraphs or more_notes))
        self._fill(self.nav_box, "nav", nav, self._nav_label)
        self._fill(self.links_box, "links", links, lambda lk: self._link_button(*lk))
        self._refresh_artefacts(values)
        keyboard.follow_layout(self)  # Tab follows the screen, new boxes included

    def _nav_label(self, text: str) -> QWidget:
        label = plain_label(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _link_button(self, text: str, url: str) -> QWidget:
        return link_button(text, url, self)

    def _note(self, note: tuple[str, str]) -> QWidget:
        """A note banner; today's status (issue 9) comes with its details link."""
        kind, text = note
        if kind == "status":
            status = self.session.book.status
            return status_banner(text, status.details_label, status.details_url, self)
        return Banner(kind, text, self)

    def _fill(self, box: QVBoxLayout, key: str, items: list[Any], make: Callable) -> None:
        """Show ``items`` in ``box``, rebuilding its widgets only when the items changed."""
        if self._shown.get(key) == items:
            return
        self._shown[key] = items
        clear_layout(box)
        for item in items:
            box.addWidget(make(item))

    def _refresh_artefacts(self, values: dict[str, Any]) -> None:
        rendered = templates.render_step(self.session.book, self.step, values)
        wanted = [r.id for r in rendered]
        for aid in list(self.artefact_widgets):
            if aid not in wanted:
                self.artefact_widgets.pop(aid).deleteLater()
        for i, r in enumerate(rendered):
            caption = r.caption
            if r.missing:
                caption = (caption + "\n" if caption else "") + (
                    "Fill in " + ", ".join(r.missing) + " to complete this."
                )
            box = self.artefact_widgets.get(r.id)
            if box is None:
                box = ArtefactBox(r.title, r.text, caption, self)
                self.artefact_widgets[r.id] = box
                self.artefact_box.insertWidget(i, box)
                continue
            if box.text() != r.text:
                box.set_text(r.text)
            box.set_caption(caption)

    def detach(self) -> None:
        """Called before the page is deleted (see FieldEditor.detach)."""
        for editor in self.editors.values():
            editor.detach()

    # -- navigation support -------------------------------------------------------------------
    def problems(self) -> dict[str, str]:
        return self.session.step_problems(self.step)

    def validate_for_next(self) -> bool:
        """Show every verdict; focus the first field in error. True when the step may be left."""
        values = self.session.values()
        problems = self.problems()
        for fid, editor in self.editors.items():
            if editor.isVisible() or fid in problems:
                verdict = self.session.field_verdict(fid, values, self.step)
                editor.show_verdict(
                    verdict, force=fid in problems or verdict.level != validate.ERROR
                )
        if problems:
            first = next(fid for fid in self.step.fields if fid in problems)
            self.editors[first].focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        return True

    def first_input(self) -> QWidget | None:
        for fid in self.step.fields:
            editor = self.editors[fid]
            if editor.isVisibleTo(self):
                return editor.focus_target()
        if self.todo is not None and self.todo.boxes:  # "done" follows from the ticks
            return next(iter(self.todo.boxes.values()))
        return self.done_box
