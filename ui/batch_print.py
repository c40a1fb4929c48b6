"""Print many plans at once: the plans of everyone in the caseload list, as PDFs in a folder.

The plans are read off the GUI thread (the window's TaskRunner) and rendered in worker processes,
one per core (iep_desktop/pdf/workers.py), with a progress dialog that can be cancelled: Cancel
kills the workers at once. Each file is written whole or not at all (``atomic_write_bytes``) by
this process, never by a worker, so cancelling, a full disk or a crash never leaves half a PDF. File
names carry no personal data: a running number and the first 8 characters of the record id,
which the office can look up; the name is inside the PDF.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
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
from iep_desktop.services.printing import PoolStopped, RenderPool
from iep_desktop.services.caseload import CaseStatus, caseload
from ui.i18n import translate, live
from ui.operations import Operation, ScreenTasks
from ui.tasks import Task, TaskContext, TaskRunner
from ui.wizard.widgets import TOUCH_HEIGHT


MAX_BATCH = 5000  # far more than a coach's caseload


def tr(text: str) -> str:
    return translate("BatchPrint", text)  # a Tr: widgets given it follow a language switch


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
        plans = tr("1 plan") if len(self.written) == 1 else tr("{count} plans").format(count=len(self.written))
        if self.cancelled:
            text = tr("Cancelled. {plans} of {total} participants were saved to {folder}; each of them is "
                      "complete. Print again to make the rest.").format(plans=plans, total=self.total,
                                                                         folder=self.folder)
        else:
            text = tr("Saved {plans} as PDF files to {folder}.").format(plans=plans, folder=self.folder)
        if self.without_plan == 1:
            text += " " + tr("1 participant has no plan yet, so nothing was printed for them.")
        elif self.without_plan:
            text += " " + tr("{count} participants have no plan yet, so nothing was printed for them.").format(
                count=self.without_plan)
        return text


def _print_all(ids: list[str], result: BatchResult, pool: RenderPool, session: AppSession,
               should_stop: Callable[[], bool], step: Callable[[], None]) -> None:
    """Read each plan here, render it in the pool, write the PDFs in the list's order. A few
    plans are in flight at a time, so every worker stays busy while this thread reads and writes."""
    pending: deque[tuple[str, int | None]] = deque()  # (participant, ticket; None: no plan)
    in_flight = 2 * pool.workers

    def write_oldest() -> None:
        participant_id, ticket = pending.popleft()
        if ticket is None:
            result.without_plan += 1
        else:
            data = pool.result(ticket, should_stop)
            target = result.folder / pdf_name(len(result.written) + 1, participant_id)
            atomic_write_bytes(target, data)  # whole or not at all
            result.written.append(target)
        step()

    for participant_id in ids:
        if should_stop():
            raise PoolStopped()
        try:
            job = session.read(partial(printing.print_job, participant_id=participant_id))
        except NotFound:
            pending.append((participant_id, None))
        else:
            pending.append((participant_id, pool.submit(job)))
        while len(pending) > in_flight or (pending and pending[0][1] is None):
            write_oldest()
    while pending:
        write_oldest()


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
        self._pool: RenderPool | None = None
        self.result: BatchResult | None = None
        self.progress = QProgressDialog(tr("Finding the plans…"), tr("Cancel"), 0, 0, parent)
        live(self.progress, "setWindowTitle", tr("Print plans to a folder"))
        live(self.progress, "setAccessibleName", tr("Printing plans"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(460)
        self.cancel_button: QWidget | None = None
        for button in self.progress.findChildren(QWidget):
            if button.metaObject().className() == "QPushButton":
                button.setMinimumHeight(TOUCH_HEIGHT)
                live(button, "setAccessibleName", tr("Cancel printing"))
                self.cancel_button = button
        self.progress.canceled.connect(self.cancel)

    @property
    def worker_pids(self) -> list[int]:
        """The processes rendering this batch's PDFs (empty before ``start``)."""
        return self._pool.pids if self._pool is not None else []

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

    def start(self) -> None:
        session, folder, stop = self.session, self.folder, self._stop
        typed, statuses = self._typed, self._statuses
        # The workers boot while the list of plans is read (a fresh interpreter each).
        pool = self._pool = RenderPool()

        def work(context: TaskContext) -> BatchResult:
            result = BatchResult(folder=folder, total=0)
            try:
                ids = session.read(lambda uow: [row.participant.id for row in
                                                caseload(uow, typed, limit=MAX_BATCH, statuses=statuses)])
                result.total = len(ids)
                context.progress((0, len(ids)))
                _print_all(ids, result, pool, session, lambda: stop.is_set() or context.cancelled,
                           lambda: context.progress((len(result.written) + result.without_plan, len(ids))))
            except PoolStopped:  # Cancel, or the window closing: what was written is complete
                result.cancelled = True
            finally:
                pool.close()
            return result

        self.progress.setValue(0)
        self.progress.show()
        self.task = Operation(self._tasks, work).success(self._done).failure(self._failed) \
            .progress(self._step).run_in_background()

    def cancel(self) -> None:
        """Stop now: the worker processes are killed at once; the PDFs already saved stay, complete."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self._pool is not None:
            self._pool.stop()
        self.progress.setLabelText(tr("Cancelling: the plans saved so far stay, each one complete…"))
        self.progress.show()  # QProgressDialog hides itself on cancel; stay until the worker stops

    def _step(self, step: object) -> None:
        if self._stop.is_set():
            return
        done, total = cast(tuple[int, int], step)  # the worker reports (done, total)
        if self.progress.maximum() != total:
            self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.setLabelText(tr("Saved {done} of {total}…").format(done=done, total=total) if done else
                                   tr("Saving the plans of {total} participants…").format(total=total))

    def _done(self, result: BatchResult) -> None:
        self.result = result
        self.progress.hide()
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        if isinstance(error, IepError):
            text = error.message
        elif isinstance(error, OSError):
            text = tr("The PDFs could not be saved in {folder} ({why}). Check that the folder or USB stick is "
                      "there and has room, then try again.").format(folder=self.folder,
                                                                    why=error.strerror or tr("write error"))
        else:
            text = tr("Something went wrong while printing; the PDFs already saved are complete. Please report "
                      "this.")
        self.failed.emit(text)
