"""Print many plans at once: the plans of everyone in the caseload list, as PDFs in a folder.

The PDFs are made off the GUI thread (the window's TaskRunner), one participant at a time, with
a progress dialog that can be cancelled. Each file is written whole or not at all
(``atomic_write_bytes``), so cancelling, a full disk or a crash never leaves half a PDF. File
names carry no personal data: a running number and the first 8 characters of the record id,
which the office can look up; the name is inside the PDF.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from iep_desktop.app_session import AppSession
from iep_desktop.errors import IepError, NotFound
from iep_desktop.fsutil import atomic_write_bytes
from iep_desktop.services import printing
from iep_desktop.services.caseload import CaseStatus, caseload
from ui.operations import Operation, ScreenTasks
from ui.tasks import Task, TaskContext, TaskRunner
from ui.wizard.widgets import TOUCH_HEIGHT


MAX_BATCH = 5000  # far more than a coach's caseload


def pdf_name(number: int, participant_id: str) -> str:
    return f"plan-{number:03d}-{participant_id[:8]}.pdf"


@dataclass
class BatchResult:
    folder: Path
    total: int
    written: list[Path] = field(default_factory=list)
    without_plan: int = 0
    cancelled: bool = False

    def summary(self) -> str:
        plans = "1 plan" if len(self.written) == 1 else f"{len(self.written)} plans"
        if self.cancelled:
            text = (f"Cancelled. {plans} of {self.total} participants were saved to {self.folder}; each of "
                    f"them is complete. Print again to make the rest.")
        else:
            text = f"Saved {plans} as PDF files to {self.folder}."
        if self.without_plan:
            who = "1 participant has" if self.without_plan == 1 else f"{self.without_plan} participants have"
            text += f" {who} no plan yet, so nothing was printed for them."
        return text


class BatchPrint(QObject):
    """One batch: start it, watch ``finished`` (a BatchResult) or ``failed`` (plain words)."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, session: AppSession, runner: TaskRunner, folder: Path, parent: QWidget, *,
                 typed: str = "", statuses: set[CaseStatus] | None = None) -> None:
        """Everyone the caseload's search ``typed`` and status filter ``statuses`` find (every page
        of them, not only the rows read so far), in the caseload's order."""
        super().__init__(parent)
        self.session, self._tasks = session, ScreenTasks(runner)
        self._typed, self._statuses = typed, statuses
        self._total = 0
        self.folder = Path(folder)
        self._stop = threading.Event()
        self.task: Task | None = None
        self.result: BatchResult | None = None
        self.progress = QProgressDialog("Finding the plans…", "Cancel", 0, 0, parent)
        self.progress.setWindowTitle("Print plans to a folder")
        self.progress.setAccessibleName("Printing plans")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(460)
        self.cancel_button: QWidget | None = None
        for button in self.progress.findChildren(QWidget):
            if button.metaObject().className() == "QPushButton":
                button.setMinimumHeight(TOUCH_HEIGHT)
                button.setAccessibleName("Cancel printing")
                self.cancel_button = button
        self.progress.canceled.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

    def start(self) -> None:
        session, folder, stop = self.session, self.folder, self._stop
        typed, statuses = self._typed, self._statuses

        def work(context: TaskContext) -> BatchResult:
            ids = session.read(lambda uow: [row.participant.id for row in
                                            caseload(uow, typed, limit=MAX_BATCH, statuses=statuses)])
            result = BatchResult(folder=folder, total=len(ids))
            context.progress((0, len(ids)))
            for done, participant_id in enumerate(ids):
                if stop.is_set() or context.cancelled:  # Cancel, or the window closing
                    result.cancelled = True
                    break
                try:
                    data = session.read(partial(printing.plan_pdf, participant_id=participant_id))
                except NotFound:
                    result.without_plan += 1
                else:
                    target = folder / pdf_name(len(result.written) + 1, participant_id)
                    atomic_write_bytes(target, data)  # whole or not at all
                    result.written.append(target)
                context.progress((done + 1, len(ids)))
            return result

        self.progress.setValue(0)
        self.progress.show()
        self.task = Operation(self._tasks, work).success(self._done).failure(self._failed) \
            .progress(self._step).run_in_background()

    def cancel(self) -> None:
        """Stop after the PDF being written now; what was written stays, complete."""
        if self._stop.is_set():
            return
        self._stop.set()
        self.progress.setLabelText("Cancelling after the plan being saved now…")
        self.progress.show()  # QProgressDialog hides itself on cancel; stay until the worker stops

    def _step(self, step: object) -> None:
        if self._stop.is_set():
            return
        done, total = cast(tuple[int, int], step)  # the worker reports (done, total)
        if self.progress.maximum() != total:
            self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.setLabelText(f"Saved {done} of {total}…" if done else f"Saving the plans of {total} participants…")

    def _done(self, result: BatchResult) -> None:
        self.result = result
        self.progress.hide()
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        if isinstance(error, IepError):
            text = error.message
        elif isinstance(error, OSError):
            text = (f"The PDFs could not be saved in {self.folder} ({error.strerror or 'write error'}). "
                    f"Check that the folder or USB stick is there and has room, then try again.")
        else:
            text = "Something went wrong while printing; the PDFs already saved are complete. Please report this."
        self.failed.emit(text)
