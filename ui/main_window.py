"""The main window: the store gate in front, the caseload behind it, and locking.

The window owns the open ``Store`` and hands it out; nothing reaches back into the window.
Whoever keeps a store (the caseload view, a plan wizard) follows three signals:
``about_to_lock`` (save what is typed; the store is still open), ``store_changed(None)`` when
the store is closed, and ``store_changed(Store)`` with the reopened store after unlocking.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid

from iep_desktop.clock import Clock
from iep_desktop.store.keys import KdfParams
from iep_desktop.store.store import Store
from ui.autolock import IdleWatcher
from ui.caseload import CaseloadView
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.unlock import StoreGate

WIZARD_MISSING = "The plan wizard is not available."


class MainWindow(QMainWindow):
    about_to_lock = Signal()        # last chance to save typing: the store is still open
    store_changed = Signal(object)  # the Store after each unlock; None once it is closed by a lock
    locked = Signal()               # the store is closed and the window covered

    def __init__(self, db_path: Path, *, settings: Settings, demo: bool = False,
                 kdf: KdfParams | None = None, clock: Clock | None = None, actor: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._path = Path(db_path)
        self._demo = demo
        self._actor = actor or getpass.getuser()
        self._store: Store | None = None
        self._hidden_windows: list[QWidget] = []
        self._focus_before_lock: QWidget | None = None
        self._opened_before = False
        self.notice: QMessageBox | None = None

        self.runner = TaskRunner(self)
        self.gate = StoreGate(self.runner, kdf=kdf, clock=clock)
        self.caseload = CaseloadView(self.runner, settings, self._actor, clock=clock)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.gate)
        self.pages.addWidget(self.caseload)
        self.setCentralWidget(self.pages)

        self.idle = IdleWatcher(settings.autolock_ms, self)
        self.idle.timed_out.connect(lambda: self.lock(idle=True))
        self.gate.opened.connect(self._adopt)
        self.caseload.open_plan_requested.connect(lambda pid: self.open_plan(pid))
        self.caseload.start_review_requested.connect(lambda pid: self.open_plan(pid, review=True))

        self.summary = QLabel()
        self.store_name = QLabel()
        self.statusBar().addWidget(self.summary, 1)
        self.statusBar().addPermanentWidget(self.store_name)
        self.caseload.summary_changed.connect(self.summary.setText)
        self._build_actions()

        self.setWindowTitle("IEP Desktop — Demo" if demo else "IEP Desktop")
        self.setMinimumSize(720, 480)  # 200% on a 1440x960 screen still fits
        if not self.restoreGeometry(settings.window_geometry):
            self.resize(1180, 760)
        self.gate.show_for(self._path, demo=demo)
        self._set_unlocked_ui(False)

    # -- public API -------------------------------------------------------------------------
    @property
    def store(self) -> Store | None:
        return self._store

    @property
    def actor(self) -> str:
        return self._actor

    @property
    def is_locked(self) -> bool:
        return self._store is None

    def lock(self, *, idle: bool = False) -> None:
        """Close the store and cover everything; unlocking resumes where the coach was."""
        if self._store is None:
            return
        self.idle.stop()
        self.about_to_lock.emit()
        focus = QApplication.focusWidget()
        self._focus_before_lock = focus if focus is not None and self.caseload.isAncestorOf(focus) else None
        self._hidden_windows = self._hide_other_windows()
        self.caseload.set_store(None)
        store, self._store = self._store, None
        store.close()
        del store
        self.store_changed.emit(None)
        minutes = self.settings.autolock_minutes
        reason = (f"IEP Desktop locked itself after {minutes} minute{'s' if minutes != 1 else ''} without use. "
                  if idle else "")
        self.gate.show_unlock(self._path, demo=self._demo, relock=True,
                              reason=reason + "Enter your passphrase to continue where you were.")
        self.pages.setCurrentWidget(self.gate)
        self._set_unlocked_ui(False)
        self.summary.setText("Locked")
        self.locked.emit()

    def open_plan(self, participant_id: str, *, review: bool = False) -> QWidget | None:
        """Open the plan wizard for one participant (a new plan when they have none)."""
        if self._store is None:
            return None
        try:
            from ui.wizard import open_plan_wizard
        except ImportError as exc:
            if exc.name not in ("ui.wizard", "ui"):
                raise  # the wizard is there but broken: the excepthook reports it
            self.notice = QMessageBox(QMessageBox.Icon.Information, "Plan", WIZARD_MISSING,
                                      QMessageBox.StandardButton.Ok, self)
            self.notice.open()  # not exec(): locking can hide it like any other window
            return None
        wizard = open_plan_wizard(self, self._store, participant_id, self._actor, review=review)
        self.about_to_lock.connect(wizard.flush)
        self.store_changed.connect(wizard.set_store)
        wizard.finished.connect(lambda _result: self.caseload.refresh())
        if not wizard.isVisible():
            wizard.show()
        return wizard

    # -- opening and locking ----------------------------------------------------------------
    def _adopt(self, store: Store) -> None:
        first_open, self._opened_before = not self._opened_before, True
        self._store = store
        self._path = store.path
        if not self._demo:
            self.settings.last_db_path = str(store.path)
        self.pages.setCurrentWidget(self.caseload)
        self._set_unlocked_ui(True)
        self.caseload.set_store(store)
        for window in self._hidden_windows:
            if isValid(window):  # not deleted meanwhile
                window.show()
        self._hidden_windows = []
        focus = self._focus_before_lock
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        elif first_open:
            self.caseload.focus_search()
        self.idle.set_timeout_ms(self.settings.autolock_ms)
        self.idle.start()
        self.store_changed.emit(store)

    def _hide_other_windows(self) -> list[QWidget]:
        hidden = []
        for window in QApplication.topLevelWidgets():
            if window is self or not window.isVisible():
                continue
            if window.windowType() == Qt.WindowType.Popup or window.windowType() == Qt.WindowType.ToolTip:
                window.close()  # menus, completers, tooltips: not worth bringing back
                continue
            window.hide()
            hidden.append(window)
        return hidden

    # -- actions ----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        menu = self.menuBar()
        store_menu = menu.addMenu("&Store")
        participant_menu = menu.addMenu("&Participant")

        self.new_action = self._action("&New participant…", QKeySequence.StandardKey.New,
                                       self.caseload.new_participant)
        self.find_action = self._action("&Find participant", QKeySequence.StandardKey.Find,
                                        self.caseload.focus_search)
        self.open_action = self._action("&Open plan", "", self.caseload.open_button.click)
        self.review_action = self._action("Start &review", "Ctrl+R", self.caseload.review_button.click)
        self.lock_action = self._action("&Lock now", "Ctrl+L", self.lock)
        self.autolock_action = self._action("&Auto-lock after…", "", self._ask_autolock)
        quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.open_action.setToolTip("Open plan (Enter)")

        participant_menu.addActions([self.find_action, self.new_action, self.open_action, self.review_action])
        store_menu.addActions([self.lock_action, self.autolock_action])
        store_menu.addSeparator()
        store_menu.addAction(quit_action)
        self._store_actions = [self.new_action, self.find_action, self.open_action, self.review_action,
                               self.lock_action]

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        for action in self._store_actions:
            action.setEnabled(unlocked)
        self.store_name.setText(self._path.name)
        self.store_name.setToolTip(str(self._path))

    def _ask_autolock(self) -> None:
        minutes, ok = QInputDialog.getInt(self, "Auto-lock", "Lock after this many minutes without use:",
                                          self.settings.autolock_minutes, 1, 240, 1)
        if ok:
            self.settings.autolock_ms = minutes * 60_000
            self.idle.set_timeout_ms(self.settings.autolock_ms)

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.settings.window_geometry = self.saveGeometry()
        self.settings.sync()
        self.idle.uninstall()
        self.runner.cancel_all()
        self.runner.wait(10_000)
        if self._store is not None:
            self._store.close()
            self._store = None
        super().closeEvent(event)
