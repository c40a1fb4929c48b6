"""The main window: the store gate in front, the caseload behind it, and locking.

The window owns the app session (``iep_desktop.app_session``): the open store, the clock and who
is acting, put together once. Every screen gets the same session and calls services through it;
nothing reaches back into the window. Screens refresh from the session's one "records changed"
notice (``self.events``). Whoever keeps typing or work in progress follows three signals:
``about_to_lock`` (save what is typed; the store is still open), ``store_changed(None)`` when
the store is closed, and ``store_changed(Store)`` with the reopened store after unlocking.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

# No ``Qt`` here: importing the Qt namespace builds its ~90 enum types, a tenth of the unlock
# screen's start (issue 17); the methods that need it after unlocking import it.
from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QStackedWidget, QWidget
from shiboken6 import isValid

from iep_desktop.app_session import AppSession
from iep_desktop.errors import IepError
from ui import i18n
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.autolock import IdleWatcher
from ui.operations import SessionEvents
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.screen_fit import fit_to_screen, keep_on_screen
from ui.unlock import StoreGate

if TYPE_CHECKING:
    # Start-up (issue 17): the unlock screen shows with little more than Qt loaded. The store,
    # the caseload, printing and case notes load while the passphrase is typed (ui/preload.py)
    # and are imported where they are first used. So are the Qt classes the unlock screen does
    # not show (dialogs, message boxes): importing one builds its Python type and enum types.
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QMessageBox

    from iep_desktop.app_session import KdfParams, Store
    from iep_desktop.clock import Clock
    from ui.batch_print import BatchPrint
    from ui.case_notes import CaseNotesWindow
    from ui.caseload import CaseloadView

RECOVERED = QT_TRANSLATE_NOOP("MainWindow", "IEP Desktop did not close properly last time, so the plans open "
                              "then are open again. {what} Check them, then carry on.")
RECOVERED_ON_PAGE = QT_TRANSLATE_NOOP("MainWindow", "Recovered unsaved typing: IEP Desktop did not close properly.")


def tr(text: str) -> str:
    return translate("MainWindow", text)  # a Tr: widgets given it follow a language switch


P = ParamSpec("P")
R = TypeVar("R")


def when_unlocked(action: Callable[P, R | None]) -> Callable[P, R | None]:
    """A window action that does nothing while the store is locked (its menu item is off then too)."""
    @wraps(action)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
        window = args[0]
        assert isinstance(window, MainWindow)
        return None if window.session.locked else action(*args, **kwargs)

    return guarded


class MainWindow(i18n.Retranslatable, QMainWindow):
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
        self.session = AppSession(clock=clock, actor=actor or getpass.getuser())
        self.events = SessionEvents(self.session, self)
        self._hidden_windows: list[QWidget] = []
        self._focus_before_lock: QWidget | None = None
        self._opened_before = False
        self.notice: QMessageBox | None = None
        self.recovery_notice: QMessageBox | None = None
        self._wizards: list[QWidget] = []

        self.runner = TaskRunner(self)
        self.gate = StoreGate(self.runner, kdf=kdf, clock=clock)
        self._caseload: CaseloadView | None = None  # built on first use (after the first unlock)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.gate)
        self.setCentralWidget(self.pages)

        self.idle = IdleWatcher(settings.autolock_ms, self)
        self.idle.timed_out.connect(lambda: self.lock(idle=True))
        self.gate.opened.connect(self._adopt)
        self.batch: BatchPrint | None = None
        self.sync_dialog: QWidget | None = None
        self.about_to_lock.connect(self._stop_batch)
        self.notes_windows: dict[str, CaseNotesWindow] = {}

        self.summary = QLabel()
        self.store_name = QLabel()
        self.statusBar().addWidget(self.summary, 1)
        self.statusBar().addPermanentWidget(self.store_name)
        self._build_actions()

        self.live(self.setWindowTitle, lambda: tr("IEP Desktop — Demo") if self._demo else tr("IEP Desktop"))
        self.setMinimumSize(720, 480)  # reduced to the screen by fit_to_screen when it is smaller
        if self.restoreGeometry(settings.window_geometry):
            keep_on_screen(self)  # saved on a bigger monitor, perhaps
        else:
            fit_to_screen(self, QSize(1180, 760))
        self.gate.show_for(self._path, demo=demo)
        self._set_unlocked_ui(False)

    # -- public API -------------------------------------------------------------------------
    @property
    def caseload(self) -> CaseloadView:
        """The caseload page, built the first time it is needed: its modules (the store, the
        services) are not loaded before the unlock screen shows."""
        if self._caseload is None:
            from ui.caseload import CaseloadView

            view = CaseloadView(self.session, self.events, self.runner, self.settings)
            view.open_plan_requested.connect(lambda pid: self.open_plan(pid))
            view.start_review_requested.connect(lambda pid: self.open_plan(pid, review=True))
            view.case_notes_requested.connect(lambda pid: self.open_case_notes(pid))
            view.print_button.clicked.connect(lambda: self.print_plans())
            view.summary_changed.connect(self.summary.setText)
            self.pages.addWidget(view)
            self._caseload = view
        return self._caseload

    @property
    def store(self) -> Store | None:
        return self.session.store

    @property
    def actor(self) -> str:
        return self.session.actor

    @property
    def is_locked(self) -> bool:
        return self.session.locked

    @when_unlocked
    def lock(self, *, idle: bool = False) -> None:
        """Close the store and cover everything; unlocking resumes where the coach was."""
        self.idle.stop()
        self.about_to_lock.emit()
        focus = QApplication.focusWidget()
        self._focus_before_lock = focus if focus is not None and self.caseload.isAncestorOf(focus) else None
        self._hidden_windows = self._hide_other_windows()
        self.caseload.set_unlocked(False)
        self.session.lock()
        self.store_changed.emit(None)
        minutes = self.settings.autolock_minutes

        def reason() -> str:
            why = ((tr("IEP Desktop locked itself after 1 minute without use.") if minutes == 1 else
                    tr("IEP Desktop locked itself after {minutes} minutes without use.").format(minutes=minutes))
                   + " " if idle else "")
            return why + tr("Enter your passphrase to continue where you were.")

        self.gate.show_unlock(self._path, demo=self._demo, relock=True, reason=reason)
        self.pages.setCurrentWidget(self.gate)
        self._set_unlocked_ui(False)
        self.summary.setText(tr("Locked"))
        self.locked.emit()

    @when_unlocked
    def open_plan(self, participant_id: str, *, review: bool = False) -> QWidget | None:
        """Open the plan wizard for one participant (a new plan when they have none)."""
        from ui.wizard import open_plan_wizard  # on first use: start-up does not pay for the wizard

        wizard = open_plan_wizard(self, self.session, participant_id, review=review)
        self._wizards.append(wizard)
        wizard.destroyed.connect(lambda *_: self._wizards.remove(wizard) if wizard in self._wizards else None)
        self.about_to_lock.connect(wizard.flush)
        self.store_changed.connect(wizard.set_store)
        if not wizard.isVisible():
            wizard.show()
        return wizard

    @when_unlocked
    def open_case_notes(self, participant_id: str) -> CaseNotesWindow | None:
        """The case notes of one participant (one window per person; asking again raises it)."""
        window = self.notes_windows.get(participant_id)
        if window is None or not isValid(window):
            from PySide6.QtCore import Qt

            from ui.case_notes import CaseNotesWindow

            window = CaseNotesWindow(self.session, participant_id, self)
            window.setWindowModality(Qt.WindowModality.NonModal)
            window.finished.connect(lambda _result, pid=participant_id: self._notes_closed(pid))
            self.store_changed.connect(window.set_store)
            self.notes_windows[participant_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # -- printing many plans, sync -------------------------------------------------------------
    def ask_print_folder(self) -> Path | None:
        """Where the PDFs go (a method of its own so tests can answer without a dialog)."""
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, tr("Save the plans as PDF files in…"))
        return Path(folder) if folder else None

    @when_unlocked
    def print_plans(self, folder: Path | None = None) -> BatchPrint | None:
        """The plans of everyone in the caseload list, as PDFs in a folder, with progress and Cancel."""
        if self.batch is not None and self.batch.running:
            return None
        if self.caseload.model.rowCount() == 0:
            self._show_notice(tr("Print plans"), tr("No one is in the list. Clear the search or the filter, "
                                                    "then print again."))
            return None
        folder = folder or self.ask_print_folder()
        if folder is None:
            return None
        typed, statuses = self.caseload.query()
        from ui.batch_print import BatchPrint

        batch = BatchPrint(self.session, self.runner, folder, self, typed=typed, statuses=statuses)
        batch.finished.connect(lambda result: self._show_notice(
            tr("Printing cancelled") if result.cancelled else tr("Plans printed"), result.summary()))
        batch.failed.connect(lambda text: self._show_notice(tr("Printing stopped"), text, warning=True))
        self.batch = batch
        batch.start()
        return batch

    def _stop_batch(self) -> None:
        if self.batch is not None and self.batch.running:
            self.batch.cancel()
            self.runner.wait(30_000)  # the PDF being written finishes before the store closes

    def _show_notice(self, title: str, text: str, *, warning: bool = False) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        self.notice = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        self.notice.setWindowModality(Qt.WindowModality.NonModal)
        self.notice.show()

    @when_unlocked
    def open_sync(self) -> QWidget | None:
        from ui.sync_screen import SyncDialog  # the sync code loads only when it is used

        if self.sync_dialog is None or not isValid(self.sync_dialog):
            dialog = SyncDialog(self.session, self.runner, self, events=self.events)
            self.store_changed.connect(dialog.set_store)
            self.sync_dialog = dialog
        self.sync_dialog.show()
        self.sync_dialog.raise_()
        return self.sync_dialog

    def _notes_closed(self, participant_id: str) -> None:
        window = self.notes_windows.pop(participant_id, None)
        if window is not None and isValid(window):
            self.store_changed.disconnect(window.set_store)
            window.deleteLater()

    # -- opening and locking ----------------------------------------------------------------
    def _adopt(self, store: Store) -> None:
        first_open, self._opened_before = not self._opened_before, True
        self.session.adopt(store)
        self._path = store.path
        if not self._demo:
            self.settings.last_db_path = str(store.path)
        self.pages.setCurrentWidget(self.caseload)
        self._set_unlocked_ui(True)
        self.caseload.set_unlocked(True)
        for window in self._hidden_windows:
            if isValid(window):  # not deleted meanwhile
                window.show()
        self._hidden_windows = []
        focus = self._focus_before_lock
        if focus is not None:
            from PySide6.QtCore import Qt

            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        elif first_open:
            self.caseload.focus_search()
        self.idle.set_timeout_ms(self.settings.autolock_ms)
        self.idle.start()
        self.store_changed.emit(store)
        if first_open:
            self._recover_open_plans()

    def _recover_open_plans(self) -> None:
        """Plans whose wizard did not close cleanly last time (a crash, a kill, a power cut) open
        again where the coach was, with what was typed, and the app says so."""
        try:
            from iep_desktop.services import work_in_progress as wip

            left = self.session.write(wip.plans_to_reopen)
        except IepError:
            return
        names = {where.participant_id: name for where, name in left}
        recovered = []
        for where, _name in left:
            wizard = self.open_plan(where.participant_id, review=where.review)
            resume = getattr(wizard, "resume", None)
            if resume is None:
                continue
            resume(where, tr(RECOVERED_ON_PAGE))
            # Exactly what came back for each plan (ui/wizard/wizard.py, _describe_recovery).
            recovered.append(f"{names[where.participant_id]}: {getattr(wizard, 'recovered_summary', '')}")
        if recovered:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QMessageBox

            self.recovery_notice = QMessageBox(
                QMessageBox.Icon.Information, tr("Recovered unsaved typing"),
                tr(RECOVERED).format(what=" ".join(recovered)), QMessageBox.StandardButton.Ok, self)
            self.recovery_notice.setWindowModality(Qt.WindowModality.NonModal)
            self.recovery_notice.show()

    def _hide_other_windows(self) -> list[QWidget]:
        from PySide6.QtCore import Qt

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
        self.store_menu = store_menu = menu.addMenu("")
        self.participant_menu = participant_menu = menu.addMenu("")
        self.live(store_menu.setTitle, lambda: tr("&Store"))
        self.live(participant_menu.setTitle, lambda: tr("&Participant"))

        self.new_action = self._action(lambda: tr("&New participant…"), QKeySequence.StandardKey.New,
                                       lambda: self.caseload.new_participant())
        self.find_action = self._action(lambda: tr("&Find participant"), QKeySequence.StandardKey.Find,
                                        lambda: self.caseload.focus_search())
        self.open_action = self._action(lambda: tr("&Open plan"), "", lambda: self.caseload.open_button.click())
        self.review_action = self._action(lambda: tr("Start &review"), "Ctrl+R",
                                          lambda: self.caseload.review_button.click())
        self.notes_action = self._action(lambda: tr("Case &notes…"), "Ctrl+Shift+N",
                                         lambda: self.caseload.notes_button.click())
        self.record_action = self._action(lambda: tr("Record a ser&vice…"), "Ctrl+Shift+S",
                                          lambda: self.caseload.record_button.click())
        self.progress_action = self._action(lambda: tr("&Goals and objectives…"), "",
                                            lambda: self.caseload.progress_button.click())
        self.exit_action = self._action(lambda: tr("Close plan at e&xit…"), "",
                                        lambda: self.caseload.exit_button.click())
        self.week_action = self._action(lambda: tr("Needs me this &week…"), "Ctrl+Shift+W",
                                        lambda: self.caseload.week_button.click())
        self.print_action = self._action(lambda: tr("&Print plans to a folder…"), "Ctrl+Shift+P", self.print_plans)
        self.sync_action = self._action(lambda: tr("S&ync with the office…"), "", self.open_sync)
        self.lock_action = self._action(lambda: tr("&Lock now"), "Ctrl+L", self.lock)
        self.autolock_action = self._action(lambda: tr("&Auto-lock after…"), "", self._ask_autolock)
        quit_action = self._action(lambda: tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.live(self.open_action.setToolTip, lambda: tr("Open plan (Enter)"))

        # Store > Language: the app's language, at once and without a restart (issue 18). Each
        # language is named in its own words, so a coach who cannot read the current one finds hers.
        self.language_menu = QMenu(self)
        self.live(self.language_menu.setTitle, lambda: tr("&Language"))
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(self)  # QAction(name, self): its overload check builds QIcon's types
            action.setText(name)
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        participant_menu.addActions([self.find_action, self.new_action, self.open_action, self.review_action,
                                     self.notes_action, self.record_action, self.progress_action,
                                     self.exit_action, self.week_action, self.print_action])
        store_menu.addActions([self.sync_action, self.lock_action, self.autolock_action])
        store_menu.addMenu(self.language_menu)
        store_menu.addSeparator()
        store_menu.addAction(quit_action)
        self._store_actions = [self.new_action, self.find_action, self.open_action, self.review_action,
                               self.notes_action, self.record_action, self.progress_action, self.exit_action,
                               self.week_action, self.print_action, self.sync_action, self.lock_action]

    def set_language(self, code: str) -> str:
        """Store > Language: switch the whole open app and remember the choice for this user."""
        language = i18n.set_language(code)
        self.settings.language = language
        for other, action in self.language_actions.items():
            action.setChecked(other == language)
        return language

    def _action(self, text: Callable[[], str], shortcut: QKeySequence.StandardKey | str,
                slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        self.live(action.setText, text)
        if shortcut:
            # What setShortcut(QKeySequence(shortcut)) sets (a standard key's first binding), through
            # setShortcuts: setShortcut's overload check loads the Qt namespace's ~90 enum types,
            # a tenth of the unlock screen's start (issue 17). Window-wide, QAction's default.
            keys = (QKeySequence.keyBindings(shortcut)[:1] if isinstance(shortcut, QKeySequence.StandardKey)
                    else [QKeySequence.fromString(shortcut, QKeySequence.SequenceFormat.NativeText)])
            action.setShortcuts(keys)

        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        for action in self._store_actions:
            action.setEnabled(unlocked)
        self.store_name.setText(self._path.name)
        self.store_name.setToolTip(str(self._path))

    def _ask_autolock(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        minutes, ok = QInputDialog.getInt(self, tr("Auto-lock"), tr("Lock after this many minutes without use:"),
                                          self.settings.autolock_minutes, 1, 240, 1)
        if ok:
            self.settings.autolock_ms = minutes * 60_000
            self.idle.set_timeout_ms(self.settings.autolock_ms)

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for wizard in list(self._wizards):
            if isValid(wizard):
                wizard.close()  # saves, and forgets where it was: a clean close recovers nothing
        for notes_window in list(self.notes_windows.values()):
            if isValid(notes_window):
                notes_window.discard_and_close()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.sync()
        self.idle.uninstall()
        if self._caseload is not None:  # never built when the app is closed from the unlock screen
            self._caseload.set_unlocked(False)  # no list refresh after this
        self.runner.cancel_all()
        self.runner.wait(10_000)
        self.session.lock()
        self.events.close()
        super().closeEvent(event)
