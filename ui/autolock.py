"""Idle auto-lock: any key, click, touch, pen or wheel anywhere in the app restarts the timer.

The watcher only says *when*; the main window decides what locking means (close the store,
cover the window, hide other windows).

The application-wide event filter is in place only while the timer runs (unlocked): a Python
filter sees every event of every object, and each call wraps the event and its receiver for
Python, which for the first object of a class Python has not met yet loads every class of its Qt
module (start-up, issue 17: the unlock screen's first paint went through it event by event).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

# The events that count as use, by name: QEvent is imported when the watcher first starts
# (unlocked), since importing it builds its ~180-member enum (issue 17: the unlock window).
ACTIVITY_NAMES = ("KeyPress", "MouseButtonPress", "MouseMove", "Wheel", "TouchBegin", "TouchUpdate",
                  "TabletPress", "TabletMove", "InputMethod")


@cache
def activity() -> frozenset[QEvent.Type]:
    from PySide6.QtCore import QEvent

    return frozenset(QEvent.Type[name] for name in ACTIVITY_NAMES)


PRECISE_TIMER = 0  # Qt.TimerType.PreciseTimer, by value (see below)


class IdleWatcher(QObject):
    """An application-wide event filter around a single-shot timer."""

    timed_out = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may lock 5% early. Set through the property, by value: importing
        # the Qt namespace for it would build its ~90 enum types before the unlock screen (issue 17).
        self._timer.setProperty("timerType", PRECISE_TIMER)
        self._timer.setInterval(max(1, timeout_ms))
        self._timer.timeout.connect(self.timed_out)
        self._activity: frozenset[QEvent.Type] = frozenset()  # filled by start(), with the filter
        assert QCoreApplication.instance() is not None, "create the QApplication first"

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timer.setInterval(max(1, timeout_ms))
        if self._timer.isActive():
            self._timer.start()

    @property
    def watching(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._activity = activity()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # once: installing it again only moves it first
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def uninstall(self) -> None:
        self.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._activity and self._timer.isActive():
            self._timer.start()
        return False
