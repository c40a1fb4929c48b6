"""The one helper that runs slow work off the GUI thread (unlock, create, demo fill, caseload).

``TaskRunner.run(fn, on_success, on_error, on_progress)`` calls ``fn(context)`` on a pool
thread. The callbacks always run on the GUI thread: the worker only emits signals of a QObject
that lives on the GUI thread, so Qt queues them there. ``fn`` must not touch widgets; it may
call ``context.progress(value)`` and should look at ``context.cancelled`` between steps.
A cancelled task's result is dropped and neither callback runs.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Cancelled(Exception):
    """Raised by ``TaskContext.check()`` to stop a task early."""


class TaskContext:
    """What the worker function sees: a cancel flag and a progress channel."""

    def __init__(self, task: Task) -> None:
        self._task = task

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def progress(self, value: object) -> None:
        self._task._progress.emit(value)


class Task(QObject):
    """One piece of slow work. Lives on the GUI thread; its private signals cross threads."""

    _done = Signal(object)
    _failed = Signal(object)
    _progress = Signal(object)
    finished = Signal()

    def __init__(self, on_success: Callable[[Any], None], on_error: Callable[[BaseException], None] | None,
                 on_progress: Callable[[Any], None] | None) -> None:
        super().__init__()
        self._on_success, self._on_error, self._on_progress = on_success, on_error, on_progress
        self._cancel = threading.Event()
        self.done = False
        # Connected to this object's own slots: queued to the GUI thread when emitted by a worker.
        self._done.connect(self._deliver)
        self._failed.connect(self._fail)
        self._progress.connect(self._report)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot(object)
    def _deliver(self, result: object) -> None:
        self._finish()
        if not self.cancelled:
            self._on_success(result)

    @Slot(object)
    def _fail(self, error: BaseException) -> None:
        self._finish()
        if self.cancelled or isinstance(error, Cancelled):
            return
        if self._on_error is not None:
            self._on_error(error)
        else:  # nobody handles it: the app's excepthook reports it, on the GUI thread
            sys.excepthook(type(error), error, error.__traceback__)

    @Slot(object)
    def _report(self, value: object) -> None:
        if self._on_progress is not None and not self.cancelled and not self.done:
            self._on_progress(value)

    def _finish(self) -> None:
        self.done = True
        self.finished.emit()


class _Job(QRunnable):
    def __init__(self, task: Task, fn: Callable[[TaskContext], Any]) -> None:
        super().__init__()
        self.task, self.fn = task, fn

    def run(self) -> None:
        task, fn = self.task, self.fn
        del self.fn  # drop the closure (it may hold a store) early
        try:
            if task.cancelled:
                raise Cancelled()
            result = fn(TaskContext(task))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            del fn
            task._failed.emit(exc)
            return
        del fn
        task._done.emit(result)


# How long a pool thread running Python may keep the interpreter lock while the GUI thread
# waits for it. Python's default is 5 ms: with a task running, every Python slot of the GUI
# thread (a keystroke's handler, each cell a table paints) could wait that long, a third of a
# 60 Hz frame (issue 17: the caseload's debounce fired up to 4 ms late while its search ran).
GIL_SWITCH_S = 0.001


class TaskRunner(QObject):
    """Runs functions on a thread pool; reports on the GUI thread. One per main window."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        self._pool = pool or QThreadPool.globalInstance()
        self._active: set[Task] = set()

    def run(self, fn: Callable[[TaskContext], Any], on_success: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[Any], None] | None = None) -> Task:
        task = Task(on_success, on_error, on_progress)
        was_busy = self.busy
        self._active.add(task)
        task.finished.connect(lambda: self._forget(task))
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Job(task, fn))
        return task

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def cancel_all(self) -> None:
        for task in list(self._active):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (shutdown and tests); queued callbacks still need events."""
        return self._pool.waitForDone(msecs)

    def _forget(self, task: Task) -> None:
        self._active.discard(task)
        if not self._active:
            self.busy_changed.emit(False)
