"""The Sync screen: export a bundle to a folder or USB stick, take in the office's return bundle,
and see each record's sync state (not sent / sent / acknowledged / conflict).

Export and import run off the GUI thread through the operation helper (ui/operations.py); each
is one call to a use case of iep_desktop.services.laptop_sync through the app session. Nothing
here decides what is sent: the core does.
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from iep_desktop.app_session import AppSession, Store, UnitOfWork
from iep_desktop.domain.models import PlanVersion
from iep_desktop.errors import IepError
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.services.printing import version_pdf
from ui.i18n import QT_TRANSLATE_NOOP, Retranslatable, translate
from ui.operations import Operation, ScreenTasks, SessionEvents, report_failure
from ui.tasks import Cancelled, TaskContext, TaskRunner
from ui.widgets.screen_fit import largest_size
from ui.theme import mark_primary, set_role, touch_rows

STATE_LABELS = {laptop.NOT_SENT: QT_TRANSLATE_NOOP("Sync", "Not sent"),
                laptop.SENT: QT_TRANSLATE_NOOP("Sync", "Sent, waiting for the office"),
                laptop.ACKNOWLEDGED: QT_TRANSLATE_NOOP("Sync", "Acknowledged"),
                laptop.CONFLICT: QT_TRANSLATE_NOOP("Sync", "Waiting for the office (a conflict to decide; your "
                                                            "value is kept)"),
                laptop.KEPT: QT_TRANSLATE_NOOP("Sync", "Kept here (R-A2)"),
                laptop.REFUSED: QT_TRANSLATE_NOOP("Sync", "Refused by the office: this laptop may not change "
                                                           "this participant (your value is kept here)")}
COUNT_LABELS = {laptop.NOT_SENT: QT_TRANSLATE_NOOP("Sync", "Not sent: {count}"),  # the short form, in the counts
                laptop.SENT: QT_TRANSLATE_NOOP("Sync", "Sent: {count}"),
                laptop.ACKNOWLEDGED: QT_TRANSLATE_NOOP("Sync", "Acknowledged: {count}"),
                laptop.CONFLICT: QT_TRANSLATE_NOOP("Sync", "Waiting for the office: {count}"),
                laptop.KEPT: QT_TRANSLATE_NOOP("Sync", "Kept here: {count}"),
                laptop.REFUSED: QT_TRANSLATE_NOOP("Sync", "Refused by the office: {count}")}
KIND_LABELS = {"participant": QT_TRANSLATE_NOOP("Sync", "Participant"), "plan": QT_TRANSLATE_NOOP("Sync", "Plan"),
               "goal": QT_TRANSLATE_NOOP("Sync", "Goal"), "objective": QT_TRANSLATE_NOOP("Sync", "Objective"),
               "service": QT_TRANSLATE_NOOP("Sync", "Service"), "barrier": QT_TRANSLATE_NOOP("Sync", "Barrier"),
               "assessment": QT_TRANSLATE_NOOP("Sync", "Assessment"),
               "case_note": QT_TRANSLATE_NOOP("Sync", "Case note"), "review": QT_TRANSLATE_NOOP("Sync", "Review"),
               "plan_version": QT_TRANSLATE_NOOP("Sync", "Plan version"),
               "signature": QT_TRANSLATE_NOOP("Sync", "Signature"),
               "counseling_statement": QT_TRANSLATE_NOOP("Sync", "Counseling statement")}


def tr(text: str) -> str:
    return translate("Sync", text)  # a Tr: widgets given it follow a language switch


class SyncStateModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("Sync", "Record"), QT_TRANSLATE_NOOP("Sync", "Id"),
               QT_TRANSLATE_NOOP("Sync", "Sync state"), QT_TRANSLATE_NOOP("Sync", "Changes"),
               QT_TRANSLATE_NOOP("Sync", "Last change"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[laptop.RecordSyncState] = []

    def set_rows(self, rows: list[laptop.RecordSyncState]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (tr(KIND_LABELS.get(row.record_kind, row.record_kind)), row.record_id[:8],
                tr(STATE_LABELS.get(row.state, row.state)), str(row.changes),
                row.last_change_at.astimezone().strftime("%m/%d/%Y %I:%M %p"))[index.column()]


class SyncDialog(Retranslatable, QDialog):
    """One place for everything sync. Follows the main window's lock and unlock with ``set_store``."""

    def __init__(self, session: AppSession, runner: TaskRunner, parent: QWidget | None = None, *,
                 events: SessionEvents | None = None) -> None:
        super().__init__(parent)
        self.live(self.setWindowTitle, lambda: tr("Sync with the office"))
        self.setMinimumSize(640, 480)
        self.session = session
        self.tasks = ScreenTasks(runner)
        self._build()
        if events is not None:  # a record saved elsewhere (a plan, a note) changes what waits to be sent
            events.records_changed.connect(lambda _kinds: self._refresh_when_idle())
        self.resize(self._first_size())
        self.refresh()

    def _first_size(self) -> QSize:
        """Wide enough that every column shows its whole text (the date and time of the last
        change), but never larger than the screen (a small laptop at 200% scaling)."""
        room = largest_size(self)  # the screen less the window frame (ui/widgets/screen_fit.py)
        return QSize(min(880, room.width()), min(600, room.height()))

    def _build(self) -> None:
        live = self.live
        title = QLabel()
        live(title.setText, lambda: tr("Sync with the office"))
        set_role(title, "title")
        self.enrollment = QLabel()
        self.enrollment.setWordWrap(True)
        self.counts = QLabel()
        live(self.counts.setAccessibleName, lambda: tr("Sync counts"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.export_button = QPushButton()
        live(self.export_button.setText, lambda: tr("Export to folder or USB stick…"))
        mark_primary(self.export_button)
        live(self.export_button.setAccessibleName, lambda: tr("Export a sync bundle"))
        self.import_button = QPushButton()
        live(self.import_button.setText, lambda: tr("Import return bundle…"))
        live(self.import_button.setAccessibleName, lambda: tr("Import a return bundle from the office"))
        self.cancel_button = QPushButton()
        live(self.cancel_button.setText, lambda: tr("Cancel"))
        live(self.cancel_button.setAccessibleName, lambda: tr("Cancel the export"))
        self.cancel_button.hide()
        self.progress_label = QLabel()
        self.progress_label.hide()
        self._stop = threading.Event()
        self._succeeded = False
        self.export_button.clicked.connect(self.choose_export_folder)
        self.import_button.clicked.connect(self.choose_return_bundle)
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.model = SyncStateModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        live(self.table.setAccessibleName, lambda: tr("Sync state of each record"))
        self.table.verticalHeader().hide()
        touch_rows(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        for widget in (title, self.enrollment, self.counts):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self._task: Any = None
        self._summary: tuple[str | None, dict[str, int]] | None = None

    def retranslate_ui(self) -> None:
        """A language switch: the headers, kinds and states of the table, the enrollment and counts."""
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))
        if self._summary is not None:
            self._show_summary(*self._summary)

    def _show_summary(self, enrolled: str | None, counts: dict[str, int]) -> None:
        self._summary = (enrolled, counts)
        self.enrollment.setText(tr("This laptop is enrolled as {office}.").format(office=enrolled) if enrolled else
                                tr("This laptop is not enrolled with an office yet. Ask office IT for an "
                                   "enrollment file, then run 'iep enroll'."))
        self.counts.setText(tr("{counts} (changes)").format(counts=" · ".join(
            tr(COUNT_LABELS[k]).format(count=n) if k in COUNT_LABELS else f"{k}: {n}" for k, n in counts.items()
            if n or k != laptop.REFUSED)))  # refusals are rare (an honest laptop sends none): named when there are some

    # -- store hand-over (auto-lock) -----------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self.export_button.setEnabled(store is not None)
        self.import_button.setEnabled(store is not None)
        if store is not None:
            self.refresh()

    def _refresh_when_idle(self) -> None:
        if not self.tasks.busy and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        try:
            enrolled, counts, rows = self.session.read(
                lambda uow: (laptop.enrollment_summary(uow), laptop.sync_counts(uow), laptop.record_sync_states(uow)))
        except IepError as exc:
            report_failure(exc, self)
            return
        self._show_summary(enrolled, dict(counts))
        self.export_button.setEnabled(enrolled is not None)
        self.import_button.setEnabled(enrolled is not None)
        self.model.set_rows(rows)

    # -- actions -------------------------------------------------------------------------------
    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Export the sync bundle to…"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        session = self.session
        stop = self._stop = threading.Event()

        def work(context: TaskContext) -> laptop.ExportResult:
            made = itertools.count(1)

            def render(uow: UnitOfWork, version: PlanVersion) -> bytes:
                # Cancel is honoured here, inside the export's transaction and before the bundle
                # file is written: raising rolls everything back and leaves no file.
                if stop.is_set():
                    raise Cancelled()
                context.progress(next(made))
                return version_pdf(uow, version)

            if stop.is_set():
                raise Cancelled()
            return session.with_store(lambda store, actor: laptop.export(store, folder, actor, render_pdf=render),
                                      changes=frozenset({"sync"}))

        def exported(r: laptop.ExportResult) -> None:
            if stop.is_set():
                saved = tr("Saved {name} (it was already being written when you pressed Cancel) with {changes} "
                           "changes and {signed} signed plans.")
            else:
                saved = tr("Saved {name} with {changes} changes and {signed} signed plans.")
            self._done(saved.format(name=r.path.name, changes=r.changes, signed=r.signed_pdfs) + " " + tr(
                "Take it to the office; nothing is removed from this laptop until the office confirms it."))

        self._start(work, exported, cancellable=True,
                    on_progress=lambda n: self.progress_label.setText(tr("Adding signed plan {number}…").format(number=n)))

    def choose_return_bundle(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Import the office's return bundle"), "",
                                              tr("IEP bundles (*.iepb)"))
        if name:
            self.import_from(Path(name))

    def import_from(self, path: Path) -> None:
        session = self.session
        self._start(lambda context: session.with_store(lambda store, actor: laptop.import_return(store, path, actor)),
                    lambda r: self._done(
            tr("Return bundle {number} was already imported; nothing changed.").format(number=r.sequence)
            if r.already_imported else
            tr("Imported: {confirmed} changes confirmed by the office, {conflicts} waiting for the office to "
               "decide, {updated} records updated.").format(confirmed=r.acknowledged, conflicts=r.conflicts,
                                                            updated=r.records_updated)
            + ("" if not r.refused else " " + tr(
                "{refused} changes were refused by the office: this laptop may not change those participants. "
                "Your values are kept here; ask the office to share the participants with this laptop.")
               .format(refused=r.refused))))

    def _start(self, work: Any, on_success: Any, *, cancellable: bool = False, on_progress: Any = None) -> None:
        self.busy.show()
        self.progress_label.setText(tr("Working…"))
        self.progress_label.show()
        self.cancel_button.setVisible(cancellable)  # an import cannot be stopped halfway: no false promise
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.message.hide()
        self._succeeded = False

        def succeeded(result: Any) -> None:
            self._succeeded = True
            on_success(result)

        operation = Operation(self.tasks, work).success(succeeded).failure(self._failed)
        if on_progress is not None:
            operation.progress(on_progress)
        self._task = operation.run_in_background()
        # After the result's own callback (Task emits finished first): the outcome is known then.
        self._task.finished.connect(lambda: QTimer.singleShot(0, self._idle))

    def _idle(self) -> None:
        self.busy.hide()
        self.progress_label.hide()
        self.cancel_button.hide()
        self._task = None
        if self._stop.is_set() and not self._succeeded:
            self._show(tr("Cancelled. Nothing was exported and nothing changed on this laptop."), "note")
        self._stop = threading.Event()
        self.refresh()

    def _cancel(self) -> None:
        if self._task is not None:
            self._stop.set()  # the export stops at its next step; see export_to
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(tr("Cancelling…"))

    def _done(self, text: str) -> None:
        self._show(text, "good")

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, IepError):
            report_failure(error, self)
        else:
            self._show(tr("Something went wrong; nothing changed on this laptop. Please report this."), "error")

    def show_warning(self, text: str) -> None:
        self._show(text, "note")

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def _show(self, text: str, role: str) -> None:
        self.message.setText(text)
        set_role(self.message, role)
        self.message.show()
