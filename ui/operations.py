"""The one way a screen runs work: through the app session, slow work in the background.

- ``SessionEvents`` turns the session's "records changed" notice (sent from whichever thread
  wrote) into the Qt signal ``records_changed`` on the GUI thread. Screens refresh from it.
- ``ScreenTasks`` gives a screen one background task at a time: starting a new one cancels the
  one before (a newer search makes the older one pointless). Built on ``ui/tasks.py``: results,
  failures and progress arrive on the GUI thread; a cancelled task reports nothing.
- ``Operation`` is the call a screen writes:
  ``Operation(self.tasks, work).success(show).failure(tell).progress(step).run_in_background()``.
- ``report_failure`` tells a failed service call the same way on every screen: the locked
  store as a warning (what was typed is kept), any other error the app explains as an error,
  and anything else goes to the app's excepthook.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from iep_desktop.app_session import AppSession
from iep_desktop.errors import IepError, StoreClosed
from ui.tasks import Task, TaskContext, TaskRunner

T = TypeVar("T")


class Reports(Protocol):
    """Where a screen tells the coach how it went (a ``MessageLabel``, a status line)."""

    def show_warning(self, text: str) -> None: ...

    def show_error(self, text: str) -> None: ...


def report_failure(error: BaseException, reports: Reports) -> None:
    """Tell a failure on ``reports``: locked as a warning, the app's own errors as errors."""
    if isinstance(error, StoreClosed):  # StoreLocked, or a store closed under a running task
        reports.show_warning(error.message)
    elif isinstance(error, IepError):
        reports.show_error(error.message)
    else:  # not ours to explain: the app's excepthook reports it
        sys.excepthook(type(error), error, error.__traceback__)


class SessionEvents(QObject):
    """The session's notices as Qt signals. One per session (the main window makes it)."""

    records_changed = Signal(object)  # frozenset[str]: the record kinds written ("*": any)

    def __init__(self, session: AppSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # Emitted from the writing thread; Qt queues it to receivers on the GUI thread.
        self._unsubscribe = session.on_records_changed(self.records_changed.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def close(self) -> None:
        self._unsubscribe()


class ScreenTasks:
    """One background task at a time for one screen (Orange3's ConcurrentWidgetMixin idea)."""

    def __init__(self, runner: TaskRunner) -> None:
        self.runner = runner
        self._task: Task | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def current(self) -> Task | None:
        return self._task

    def start(self, work: Callable[[TaskContext], T], on_success: Callable[[T], None],
              on_failure: Callable[[BaseException], None] | None = None,
              on_progress: Callable[[Any], None] | None = None) -> Task:
        """Cancel the task still running (its result is dropped) and start ``work``."""
        self.cancel()
        task = self.runner.run(work, on_success, on_failure, on_progress)
        self._task = task
        # Finished comes first on the GUI thread, before the result's callback, however the task
        # ended (a result, a failure, or a Cancelled raised inside the work): the screen is idle then.
        task.finished.connect(lambda: self._forget(task))
        return task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _forget(self, task: Task) -> None:
        if self._task is task:
            self._task = None


class Operation(Generic[T]):
    """One piece of slow work of a screen, with what to do on success, failure and progress."""

    def __init__(self, tasks: ScreenTasks, work: Callable[[TaskContext], T]) -> None:
        self._tasks, self._work = tasks, work
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[Any], None] | None = None

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation[T]:
        self._on_failure = callback
        return self

    def progress(self, callback: Callable[[Any], None]) -> Operation[T]:
        self._on_progress = callback
        return self

    def run_in_background(self) -> Task:
        return self._tasks.start(self._work, self._on_success, self._on_failure, self._on_progress)
