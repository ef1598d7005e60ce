"""The live-check panel of the verification page: run the DNS and certificate checks, show results.

The checks block on the network for seconds, so they run on a worker thread (a QRunnable in a
thread pool); results come back through queued signals and the GUI thread never waits. Cancel sets
a ``threading.Event`` that the runner looks at between checks. Every result is shown with an icon
*and* the word Pass/Warning/Fail/Couldn't check (a neutral icon: a silent DNS server is not a
failed record), with the time it was checked, as plain text (DNS names come from the outside world
and are never interpreted as markup). Results saved by a check on another step say which step and
when. The panel owns no data: ``finished`` hands the result dicts (tagged with the panel's step) to
the page, which saves them in the setup (``Session.record_checks``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wizard.checks import (
    DEFAULT_TIMEOUT,
    FAIL,
    PASS,
    STATUS_WORDS,
    UNKNOWN,
    WARNING,
    CheckResult,
    PlannedCheck,
    local_time,
    parse_nameserver,
    plan,
    run_checks,
)
from wizard.checks.runner import sip_domains

ValuesProvider = Callable[[], Mapping[str, Any]]

_ICONS = {
    PASS: QStyle.StandardPixmap.SP_DialogApplyButton,
    WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
    UNKNOWN: QStyle.StandardPixmap.SP_MessageBoxQuestion,  # neutral: nothing was concluded
}
ID_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
PENDING = "pending"
NOT_CHECKED = "not-checked"


class _Bridge(QObject):
    """Carries results from the worker thread to the GUI thread (queued: it lives in the GUI)."""

    result = Signal(object)
    done = Signal(object)


class _Worker(QRunnable):
    def __init__(self, bridge: _Bridge, cancel: threading.Event, kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the panel drops it when `done` arrives
        self.bridge = bridge
        self.cancel = cancel
        self.kwargs = kwargs

    def run(self) -> None:
        error = ""
        results: list[dict[str, str]] = []
        try:
            for r in run_checks(
                cancel=self.cancel,
                on_result=lambda r: self.bridge.result.emit(r.to_dict()),
                **self.kwargs,
            ):
                results.append(r.to_dict())
        except Exception as exc:  # noqa: BLE001 - reported in the panel, never lost in a thread
            error = str(exc) or type(exc).__name__
        self.bridge.done.emit({"results": results, "error": error})


class ChecksPanel(QWidget):
    """Runs the live checks for the values ``values_provider()`` returns and lists the results.

    Signals: ``started()``, ``result_added(dict)`` for each result as it arrives, and
    ``finished(list)`` with all result dicts (also after Cancel, with those done so far).
    """

    started = Signal()
    result_added = Signal(dict)
    finished = Signal(list)

    def __init__(
        self,
        values_provider: ValuesProvider,
        parent: QWidget | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        tls_port: int = 5061,
        trust_cafile: str | None = None,
        nameserver: str = "",
        step_id: str = "",
        step_title: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.values_provider = values_provider
        #: The step this panel is on: new results are tagged with it; saved ones from another
        #: step are shown as such (``step_title`` turns a step id into words).
        self.step_id = step_id
        self.step_title = step_title or (lambda sid: sid)
        self.timeout = timeout
        self.tls_port = tls_port
        self.trust_cafile = trust_cafile
        self.results: list[dict[str, str]] = []
        self.cancelled = False
        self._planned: list[PlannedCheck] = []
        self._items: dict[str, QListWidgetItem] = {}
        self._cancel: threading.Event | None = None
        self._worker: _Worker | None = None
        self._bridge: _Bridge | None = None
        self._spent: tuple[_Worker | None, _Bridge | None] = (None, None)
        self._pool = QThreadPool.globalInstance()
        # If the panel goes away mid-run, let the worker stop at the next check.
        box = self._cancel_box = [threading.Event()]
        self.destroyed.connect(lambda *_a: box[0].set())

        self.nameserver_label = QLabel(self.tr("&DNS server to ask (optional):"))
        self.nameserver_edit = QLineEdit(nameserver)
        self.nameserver_edit.setPlaceholderText(self.tr("host[:port], e.g. 8.8.8.8"))
        self.nameserver_edit.setAccessibleName(self.tr("DNS server to ask (optional)"))
        self.nameserver_edit.setAccessibleDescription(
            self.tr(
                "An IP address with an optional port. Leave empty to use this computer's DNS "
                "servers. Inside a company network, a public DNS server shows what the Internet "
                "sees."
            )
        )
        self.nameserver_label.setBuddy(self.nameserver_edit)
        self.nameserver_edit.returnPressed.connect(self.start)

        self.check_button = QPushButton(self.tr("C&heck now"))
        self.check_button.setAccessibleName(self.tr("Check now"))
        self.check_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the checks"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Check progress"))
        self.progress.setFormat(self.tr("%v of %m checks"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)

        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setAccessibleName(self.tr("Check status"))

        self.results_view = QListWidget()
        self.results_view.setAccessibleName(self.tr("Check results"))
        self.results_view.setWordWrap(True)
        self.results_view.setUniformItemSizes(False)
        self.results_view.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Only as tall as its results (none: hidden), so the page around it reads in one screen.
        model = self.results_view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self._fit_results)

        row = QHBoxLayout()
        row.addWidget(self.nameserver_label)
        row.addWidget(self.nameserver_edit, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results_view)
        self._fit_results()

    def _fit_results(self, *_: object) -> None:
        view = self.results_view
        count = view.count()
        view.setVisible(count > 0)
        if count:
            rows = sum(view.sizeHintForRow(i) for i in range(min(count, 8)))
            view.setFixedHeight(rows + 2 * view.frameWidth() + 4)

    # -- state ----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._worker is not None

    @property
    def planned(self) -> list[PlannedCheck]:
        return list(self._planned)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    # -- actions --------------------------------------------------------------------------------
    @Slot()
    def start(self) -> bool:
        """Start the checks; False (with the reason shown) when they cannot start."""
        if self.running:
            return False
        try:
            nameserver = parse_nameserver(self.nameserver_edit.text())
        except ValueError as exc:
            self._set_status(str(exc))
            self.nameserver_edit.setFocus()
            return False
        values = dict(self.values_provider())
        if not sip_domains(values):
            self._set_status(self.tr("Enter at least one SIP domain first; then check again."))
            return False
        try:
            planned = plan(values, tls_port=self.tls_port)
        except ValueError:
            self._set_status(self.tr("Choose the deployment type first; then the checks can run."))
            return False

        self.results = []
        self.cancelled = False
        self._planned = planned
        self._show_pending(planned)
        self.progress.setRange(0, len(planned))
        self.progress.setValue(0)
        cancel = threading.Event()
        self._cancel = cancel
        self._cancel_box[0] = cancel
        bridge = _Bridge()
        bridge.result.connect(self._on_result)
        bridge.done.connect(self._on_done)
        kwargs = {
            "values": values,
            "nameserver": nameserver,
            "timeout": self.timeout,
            "tls_port": self.tls_port,
            "trust_cafile": self.trust_cafile,
        }
        self._bridge = bridge
        self._worker = _Worker(bridge, cancel, kwargs)
        self.check_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.nameserver_edit.setReadOnly(True)
        self._update_running_status()
        self._pool.start(self._worker)
        self.started.emit()
        return True

    @Slot()
    def cancel(self) -> None:
        if self._cancel is not None and self.running:
            self._cancel.set()
            self.cancelled = True
            self.cancel_button.setEnabled(False)
            self._set_status(self.tr("Cancelling: waiting for the current check to end…"))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()
        super().closeEvent(event)

    # -- results --------------------------------------------------------------------------------
    def show_results(self, saved: list[dict[str, Any]]) -> None:
        """Show saved results (``Setup.checks``) without running anything; bad entries are skipped."""
        self.results_view.clear()
        self._items = {}
        self.results = []
        for doc in saved:
            try:
                result = CheckResult.from_dict(doc)
            except (TypeError, ValueError):
                continue
            self.results.append(result.to_dict())
            self._fill(self._new_item(result.id), result)
        self.progress.setRange(0, max(1, len(self.results)))
        self.progress.setValue(len(self.results))
        self._set_status(self._summary(self.results, prefix=self._saved_prefix(self.results)))

    def _saved_prefix(self, results: list[dict[str, str]]) -> str:
        """ "Last check, on 2026-11-25 22:50" (and the step it was made on, when not this one)."""
        when = max((local_time(r.get("at", "")) for r in results), default="")
        steps = {r.get("step", "") for r in results} - {""}
        other = sorted(steps - {self.step_id})
        if other and self.step_id:
            where = ", ".join(f"“{self.step_title(sid)}”" for sid in other)
            if when:
                return self.tr("Last check, made on the step {} on {}").format(where, when)
            return self.tr("Last check, made on the step {}").format(where)
        if when:
            return self.tr("Last check, on {}").format(when)
        return self.tr("Last check")

    def _new_item(self, check_id: str) -> QListWidgetItem:
        item = QListWidgetItem()
        item.setData(ID_ROLE, check_id)
        self.results_view.addItem(item)
        self._items[check_id] = item
        return item

    def _show_pending(self, planned: list[PlannedCheck]) -> None:
        self.results_view.clear()
        self._items = {}
        for check in planned:
            item = self._new_item(check.id)
            item.setText(self.tr("Pending: {}").format(check.title))
            item.setData(STATUS_ROLE, PENDING)
            item.setForeground(self.palette().placeholderText())

    def _fill(self, item: QListWidgetItem, result: CheckResult) -> None:
        lines = [f"{STATUS_WORDS[result.status]}: {result.title}", result.found]
        if result.action:
            what = (
                self.tr("What to try: {}")
                if result.status == UNKNOWN
                else self.tr("What to do: {}")
            )
            lines.append(what.format(result.action))
        when = local_time(result.at)
        asked = [self.tr("Checked {}").format(when)] if when else []
        if result.server:
            asked.append(result.server)
        if result.step and result.step != self.step_id and self.step_id:
            asked.append(self.tr("on the step “{}”").format(self.step_title(result.step)))
        if asked:
            lines.append(" · ".join(asked))
        text = "\n".join(lines)
        item.setText(text)
        item.setToolTip(text)
        item.setIcon(self._icon(result.status))
        item.setData(STATUS_ROLE, result.status)
        item.setData(Qt.ItemDataRole.ForegroundRole, None)

    def _icon(self, status: str) -> QIcon:
        return self.style().standardIcon(_ICONS[status])

    @Slot(object)
    def _on_result(self, doc: dict[str, str]) -> None:
        if self.step_id:
            doc = {**doc, "step": self.step_id}
        result = CheckResult.from_dict(doc)
        self.results.append(doc)
        item = self._items.get(result.id) or self._new_item(result.id)
        self._fill(item, result)
        self.progress.setValue(min(len(self.results), self.progress.maximum()))
        if self.running and not self.cancelled:
            self._update_running_status()
        self.result_added.emit(doc)

    def _update_running_status(self) -> None:
        done = {r["id"] for r in self.results}
        upcoming = [c for c in self._planned if c.id not in done]
        if upcoming:
            position = len(self._planned) - len(upcoming) + 1
            self._set_status(
                self.tr("Checking {} of {}: {}…").format(
                    position, len(self._planned), upcoming[0].title
                )
            )

    @Slot(object)
    def _on_done(self, payload: dict[str, Any]) -> None:
        # Keep the last worker alive until the next run: `done` is emitted from inside its run(),
        # which may not have returned yet when this slot runs.
        self._spent = (self._worker, self._bridge)
        self._worker = None
        self._bridge = None
        self._cancel = None
        self.check_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.nameserver_edit.setReadOnly(False)
        for check_id, item in self._items.items():
            if item.data(STATUS_ROLE) != PENDING:
                continue
            item.setData(STATUS_ROLE, NOT_CHECKED)
            title = next((c.title for c in self._planned if c.id == check_id), check_id)
            if self.cancelled:
                item.setText(self.tr("Not checked (cancelled): {}").format(title))
            else:
                item.setText(
                    self.tr(
                        "Not checked: {}\nNo certificate could be read; see the port check above."
                    ).format(title)
                )
        if payload.get("error"):
            self._set_status(self.tr("The checks could not run: {}").format(payload["error"]))
        elif self.cancelled:
            self._set_status(
                self.tr("Cancelled after {} of {} checks.").format(
                    len(self.results), len(self._planned)
                )
            )
        else:
            self.progress.setValue(self.progress.maximum())
            when = max((local_time(r.get("at", "")) for r in self.results), default="")
            prefix = self.tr("Done, on {}").format(when) if when else self.tr("Done")
            self._set_status(self._summary(self.results, prefix=prefix))
        self.finished.emit(list(self.results))

    def _summary(self, results: list[dict[str, str]], prefix: str) -> str:
        if not results:
            return self.tr("No checks have been run yet.")
        counts = {
            s: sum(1 for r in results if r.get("status") == s)
            for s in (PASS, WARNING, FAIL, UNKNOWN)
        }
        text = self.tr("{}: {} passed, {} with a warning, {} failed").format(
            prefix, counts[PASS], counts[WARNING], counts[FAIL]
        )
        if counts[UNKNOWN]:
            text += self.tr(", {} couldn't be checked").format(counts[UNKNOWN])
        text += "."
        # The plan starts with DNS checks, so the first result names the DNS server asked.
        dns_server = results[0].get("server", "")
        if dns_server:
            text += " " + self.tr("DNS server: {}.").format(dns_server)
        return text
