"""The screens in front of the store: unlock it, or create it. Both emit ``opened(Store)``.

Key derivation (Argon2id) and opening run through the TaskRunner, never on the GUI thread.
Errors are shown inline, in the core's own words; after repeated wrong passphrases the Unlock
button stays off for the back-off wait, with a countdown.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.clock import Clock
from iep_desktop.errors import IepError, TooManyAttempts, WrongPassphrase
from iep_desktop.services.unlock import (
    MIN_PASSPHRASE_CHARS, create_store, free_store_path, open_demo_store, open_store, read_recovery_key,
    seconds_to_wait,
)
from ui.autolock import PRECISE_TIMER
from ui.i18n import QT_TRANSLATE_NOOP, Retranslatable, translate
from ui.operations import Operation, ScreenTasks
from ui import preload
from ui.tasks import TaskContext, TaskRunner
from ui.theme import mark_primary, set_role

if TYPE_CHECKING:
    # Loaded on first use (issue 17): the unlock screen shows before the store's modules load.
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from iep_desktop.app_session import KdfParams, Store

DEMO_PASSPHRASE = "demo passphrase — not for real data"  # typed by the coach: the same in every language
DEMO_PARTICIPANTS = 60
STRENGTH_HINT = QT_TRANSLATE_NOOP("Unlock", "{count}+ characters; a few unrelated words is best")
STORE_FILTER = QT_TRANSLATE_NOOP("Unlock", "IEP store (*.iep);;All files (*)")
CARD_WIDTH = 560
TEXT_SELECTABLE_BY_MOUSE = 1  # Qt.TextInteractionFlag.TextSelectableByMouse


def tr(text: str) -> str:
    return translate("Unlock", text)  # a Tr: widgets given it follow a language switch


def strength_hint() -> str:
    return tr(STRENGTH_HINT).format(count=MIN_PASSPHRASE_CHARS)


# -- the slow work (runs on a pool thread; no widgets here) -------------------------------------

def open_demo(ctx: TaskContext, path: Path, passphrase: str, kdf: KdfParams | None, clock: Clock | None) -> Store:
    return open_demo_store(path, passphrase, kdf, clock, participants=DEMO_PARTICIPANTS,
                           progress=ctx.progress, check=ctx.check)


# -- shared bits of the two screens -------------------------------------------------------------

def _card(owner: QWidget) -> tuple[QFrame, QVBoxLayout]:
    """A centred card on the window background, scrolling when the screen is short (200%)."""
    page = QWidget()
    card = QFrame(page)
    card.setProperty("role", "card")  # new, so unpolished: the style sheet reads it when shown
    card.setMaximumWidth(CARD_WIDTH)
    card.setMinimumWidth(min(CARD_WIDTH, 420))
    inner = QVBoxLayout(card)
    inner.setContentsMargins(32, 24, 32, 24)
    inner.setSpacing(10)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, 3)
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)
    scroll = QScrollArea()
    # The scroll area's viewport made here, as Qt makes its own (name, no background role) but
    # showing the window background: asking Qt for its own one (``viewport()``) hands Python a
    # widget it has not wrapped yet, and finding its class loads every widget class of QtWidgets,
    # a few tens of ms before the unlock screen (issue 17).
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.NoRole)
    viewport.setAutoFillBackground(False)
    scroll.setViewport(viewport)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    page.setAutoFillBackground(False)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return card, inner


def _label(text: str, role: str | None = None, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if role:
        # New, so unpolished: the style sheet reads the role when it is shown. (set_role
        # repolishes through widget.style(), which hands Python Qt's style-sheet style: the
        # first time, that loads the Qt namespace's ~90 enum types, issue 17.)
        label.setProperty("role", role)
    return label


# What html.escape replaces, without importing html: that loads html.entities, a table of some
# 2,200 character names, ~1 ms before the unlock window (issue 17).
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _escape(text: str) -> str:
    return text.translate(_HTML_ESCAPES)


def _where(what: str, path: Path) -> str:
    """``what`` is a whole translated sentence with {name} and {folder}."""
    return what.format(name=f"<b>{_escape(path.name)}</b>", folder=_escape(str(path.parent)))


def _busy_bar(name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)  # indeterminate
    bar.setTextVisible(False)
    bar.setMaximumHeight(10)
    bar.setAccessibleName(name)
    bar.hide()
    return bar


def _show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


# -- unlock -----------------------------------------------------------------------------------

class UnlockView(Retranslatable, QWidget):
    opened = Signal(object)  # Store
    create_requested = Signal()
    open_other_requested = Signal()

    def __init__(self, runner: TaskRunner, *, kdf: KdfParams | None = None, clock: Clock | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self._kdf, self._clock = ScreenTasks(runner), kdf, clock
        self._path = Path()
        self._demo = False
        self._busy = False
        self._wait_left = 0
        self._wait_lead: Callable[[], str] = lambda: ""
        self._relock = False

        _, lay = _card(self)
        self.title = _label("", "title")
        self.reason = _label("", "hint")
        self.store_label = _label("", "hint")
        # Qt.TextInteractionFlag.TextSelectableByMouse, by value through the property: the Qt
        # namespace's ~90 enum types are not built before the unlock screen (issue 17).
        self.store_label.setProperty("textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.demo_note = _label("", "note")
        self.demo_note.hide()

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        live = self.live
        live(self.passphrase.setAccessibleName, lambda: tr("Passphrase"))
        live(self.passphrase.setPlaceholderText, lambda: tr("Your passphrase"))
        passphrase_label = _label("")
        live(passphrase_label.setText, lambda: tr("&Passphrase"))
        passphrase_label.setBuddy(self.passphrase)
        self.show_passphrase = QCheckBox()
        live(self.show_passphrase.setText, lambda: tr("&Show passphrase"))
        self.show_passphrase.toggled.connect(self._toggle_echo)

        self.message = _label("", "error")
        live(self.message.setAccessibleName, lambda: tr("Unlock problem"))
        self.message.hide()
        self.busy_bar = _busy_bar("")
        live(self.busy_bar.setAccessibleName, lambda: tr("Unlocking"))
        self.busy_label = _label("", "hint")
        self.busy_label.hide()

        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        mark_primary(self.unlock_button)
        live(self.unlock_button.setAccessibleName, lambda: tr("Unlock"))
        self.other_button = QPushButton()
        live(self.other_button.setText, lambda: tr("Open another store…"))
        self.create_button = QPushButton()
        live(self.create_button.setText, lambda: tr("Create a new store…"))
        switch_row = QHBoxLayout()
        switch_row.addWidget(self.other_button)
        switch_row.addWidget(self.create_button)
        switch_row.addStretch(1)
        self.switch_box = QWidget()
        self.switch_box.setLayout(switch_row)
        switch_row.setContentsMargins(0, 8, 0, 0)

        for widget in (self.title, self.reason, self.store_label, self.demo_note):
            lay.addWidget(widget)
        lay.addSpacing(6)
        for control in (passphrase_label, self.passphrase, self.show_passphrase, self.message, self.busy_bar,
                        self.busy_label, self.unlock_button, self.switch_box):
            lay.addWidget(control)

        self.passphrase.returnPressed.connect(self.unlock)
        self.passphrase.textEdited.connect(lambda _: self._clear_error_unless_waiting())
        self.passphrase.textEdited.connect(lambda _: preload.start())  # the store loads while typing
        self.unlock_button.clicked.connect(self.unlock)
        self.other_button.clicked.connect(self.open_other_requested)
        self.create_button.clicked.connect(self.create_requested)

        self._wait_until = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.setProperty("timerType", PRECISE_TIMER)  # as the store_label's flags above
        self._tick.timeout.connect(self._count_down)
        self.live(self.title.setText, self._title)
        self._update_button()

    def _title(self) -> str:
        if self._relock:
            return tr("Locked")
        return tr("Open the demo store") if self._demo else tr("Unlock your caseload")

    # -- set up -----------------------------------------------------------------------------
    def set_store(self, path: Path, *, demo: bool = False, relock: bool = False,
                  reason: str | Callable[[], str] = "") -> None:
        """``reason``: a text, or a function giving it in the current language (it follows a switch)."""
        self._path, self._demo, self._relock = Path(path), demo, relock
        self.live(self.title.setText, self._title)
        self.live(self._show_reason, reason if callable(reason) else lambda: reason)
        self.live(self.store_label.setText, lambda: _where(tr("Store: {name}<br>in {folder}"), self._path))
        self.store_label.setToolTip(str(self._path))
        self.switch_box.setVisible(not relock and not demo)
        self.demo_note.setVisible(demo)
        if demo:
            self.live(self.demo_note.setText, lambda: tr(
                "Demo data: synthetic people only. Never put a real participant in this store.\n"
                "The demo passphrase is filled in for you: “{passphrase}”.").format(passphrase=DEMO_PASSPHRASE))
            self.passphrase.setText(DEMO_PASSPHRASE)
            self.show_passphrase.setChecked(True)
        else:
            self.passphrase.clear()
            self.show_passphrase.setChecked(False)
        self._set_error("")
        self._start_wait(seconds_to_wait(self._path, self._clock), lambda: tr("Too many wrong passphrases."))
        self.passphrase.setFocus()

    @property
    def path(self) -> Path:
        return self._path

    # -- the action -------------------------------------------------------------------------
    def unlock(self) -> None:
        if self._busy or self._wait_left:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self._set_error(lambda: tr("Type your passphrase first."))
            return
        path, kdf, clock = self._path, self._kdf, self._clock
        preload.start()  # the caseload's modules load beside Argon2id (a field filled without typing)
        self._set_busy(True, tr("Unlocking… this takes a moment."))
        if self._demo:
            operation = Operation(self.tasks, lambda ctx: open_demo(ctx, path, passphrase, kdf, clock))
        else:
            operation = Operation(self.tasks, lambda ctx: open_store(path, passphrase, clock))
        operation.success(self._unlocked).failure(self._failed).progress(self._progress).run_in_background()

    def _unlocked(self, store: Store) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self._set_error("")
        self.opened.emit(store)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, IepError):
            raise error  # not ours to explain: the app's excepthook reports it
        self._set_error(error.message)
        if isinstance(error, WrongPassphrase | TooManyAttempts):
            self.passphrase.selectAll()
            message = error.message
            lead = (lambda: message) if isinstance(error, WrongPassphrase) else (
                lambda: tr("Too many wrong passphrases."))
            self._start_wait(seconds_to_wait(self._path, self._clock), lead)
        self.passphrase.setFocus()

    def _progress(self, text: object) -> None:
        self.busy_label.setText(str(text))

    # -- state ------------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.switch_box.setEnabled(not busy)
        self._update_button()

    def _set_error(self, text: str | Callable[[], str]) -> None:
        """A text, or a function giving it in the current language (it follows a language switch)."""
        self.live(self._show_error_text, text if callable(text) else lambda: text)

    def _show_error_text(self, text: str) -> None:
        _show_message(self.message, text)

    def _show_reason(self, text: str) -> None:
        _show_message(self.reason, text)

    def _clear_error_unless_waiting(self) -> None:
        if not self._wait_left:
            self._set_error("")

    def _start_wait(self, seconds: int, lead: Callable[[], str]) -> None:
        self._wait_lead = lead
        self._wait_left = seconds
        self._wait_until = time.monotonic() + seconds
        if seconds:
            self._tick.start()
            self._show_wait()
        else:
            self._tick.stop()
        self._update_button()

    def _count_down(self) -> None:
        left = math.ceil(self._wait_until - time.monotonic())
        if left <= 0:  # our clock says done; the store's back-off has the last word
            left = seconds_to_wait(self._path, self._clock)
            self._wait_until = time.monotonic() + left
        if left == self._wait_left and left:
            return
        self._wait_left = left
        if left:
            self._show_wait()
        else:
            self._tick.stop()
            self._set_error(lambda: tr("You can try again now."))
        self._update_button()

    def _show_wait(self) -> None:
        left = self._wait_left
        self._set_error(lambda: self._wait_lead() + " " + (
            tr("Wait 1 second, then try again; your data is safe.") if left == 1 else
            tr("Wait {seconds} seconds, then try again; your data is safe.").format(seconds=left)))

    def _update_button(self) -> None:
        self.unlock_button.setEnabled(not self._busy and not self._wait_left)
        self.live(self.unlock_button.setText, lambda: tr("Wait {seconds} s").format(seconds=self._wait_left)
                  if self._wait_left else tr("&Unlock"))

    def _toggle_echo(self, shown: bool) -> None:
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)


# -- create -----------------------------------------------------------------------------------

class CreateStoreView(Retranslatable, QWidget):
    opened = Signal(object)  # Store
    open_existing_requested = Signal()
    change_location_requested = Signal()

    def __init__(self, runner: TaskRunner, *, kdf: KdfParams | None = None, clock: Clock | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self._kdf, self._clock = ScreenTasks(runner), kdf, clock
        self._path = Path()
        self._recovery: X25519PublicKey | None = None
        self._busy = False

        _, lay = _card(self)
        live = self.live
        title = _label("", "title")
        live(title.setText, lambda: tr("Create your encrypted store"))
        intro = _label("", "hint")
        live(intro.setText, lambda: tr("Plans are kept in one encrypted file on this laptop. Choose a passphrase "
                                       "you will remember: nobody can open the store without it."))
        self.location = _label("", "hint")
        self.location_button = QPushButton()
        live(self.location_button.setText, lambda: tr("Change &location…"))
        location_row = QHBoxLayout()
        location_row.addWidget(self.location, 1)
        location_row.addWidget(self.location_button)

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        live(self.passphrase.setAccessibleName, lambda: tr("New passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        live(self.repeat.setAccessibleName, lambda: tr("Repeat the passphrase"))
        first_label, second_label = _label(""), _label("")
        live(first_label.setText, lambda: tr("New &passphrase"))
        live(second_label.setText, lambda: tr("&Repeat the passphrase"))
        first_label.setBuddy(self.passphrase)
        second_label.setBuddy(self.repeat)
        self.show_passphrase = QCheckBox()
        live(self.show_passphrase.setText, lambda: tr("&Show passphrase"))
        self.show_passphrase.toggled.connect(self._toggle_echo)
        self.hint = _label("", "hint")
        live(self.hint.setAccessibleName, lambda: tr("Passphrase hint"))

        recovery_title = _label("", "section")
        live(recovery_title.setText, lambda: tr("Office recovery key (optional)"))
        recovery_help = _label("", "hint")
        live(recovery_help.setText, lambda: tr("If your office gave you a recovery key file, add it: office IT "
                                               "can then reopen the store if the passphrase is forgotten."))
        self.recovery_label = _label("", "hint")
        live(self.recovery_label.setText, lambda: tr("No recovery key chosen."))
        self.recovery_button = QPushButton()
        live(self.recovery_button.setText, lambda: tr("Choose &file…"))
        live(self.recovery_button.setAccessibleName, lambda: tr("Choose the office recovery key file"))
        self.recovery_clear = QPushButton()
        live(self.recovery_clear.setText, lambda: tr("Remove"))
        live(self.recovery_clear.setAccessibleName, lambda: tr("Remove the office recovery key"))
        self.recovery_clear.hide()
        recovery_row = QHBoxLayout()
        recovery_row.addWidget(self.recovery_label, 1)
        recovery_row.addWidget(self.recovery_clear)
        recovery_row.addWidget(self.recovery_button)

        self.message = _label("", "error")
        live(self.message.setAccessibleName, lambda: tr("Create problem"))
        self.message.hide()
        self.busy_bar = _busy_bar("")
        live(self.busy_bar.setAccessibleName, lambda: tr("Creating the store"))
        self.create_button = QPushButton()
        self.create_button.setDefault(True)
        mark_primary(self.create_button)
        self.open_existing = QPushButton()
        live(self.open_existing.setText, lambda: tr("&Open an existing store…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_existing)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        lay.addWidget(title)
        lay.addWidget(intro)
        lay.addLayout(location_row)
        for widget in (first_label, self.passphrase, self.hint, second_label, self.repeat,
                       self.show_passphrase):
            lay.addWidget(widget)
        lay.addSpacing(8)
        lay.addWidget(recovery_title)
        lay.addWidget(recovery_help)
        lay.addLayout(recovery_row)
        lay.addWidget(self.message)
        lay.addWidget(self.busy_bar)
        lay.addLayout(buttons)

        self.passphrase.textChanged.connect(self._update)
        self.passphrase.textEdited.connect(lambda _: preload.start())  # the store loads while typing
        self.repeat.textChanged.connect(self._update)
        self.repeat.returnPressed.connect(self.create)
        self.create_button.clicked.connect(self.create)
        self.recovery_button.clicked.connect(self._choose_recovery_key)
        self.recovery_clear.clicked.connect(lambda: self.set_recovery_key_file(None))
        self.open_existing.clicked.connect(self.open_existing_requested)
        self.location_button.clicked.connect(self.change_location_requested)
        live(self.create_button.setText, lambda: tr("Creating…") if self._busy else tr("&Create store"))
        self._update()

    def set_path(self, path: Path) -> None:
        self._path = Path(path)
        self.live(self.location.setText, lambda: _where(tr("New store: {name}<br>in {folder}"), self._path))
        self.location.setToolTip(str(self._path))
        self._show_error("")
        self.passphrase.setFocus()

    @property
    def path(self) -> Path:
        return self._path

    def set_recovery_key_file(self, path: Path | None) -> None:
        """Load (and check) the office recovery public key now, so a wrong file is caught early."""
        self._recovery = None
        self._show_error("")
        if path is not None:
            try:
                self._recovery = read_recovery_key(path)
            except IepError as exc:
                self._show_error(exc.message)
        chosen = self._recovery is not None and path is not None
        name = Path(path).name if chosen and path else ""
        self.live(self.recovery_label.setText, lambda: tr("Recovery key: {name}").format(name=name) if name else
                  tr("No recovery key chosen."))
        set_role(self.recovery_label, "good" if chosen else "hint")
        self.recovery_clear.setVisible(chosen)

    def _choose_recovery_key(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # built when a file is chosen (issue 17: start-up)

        chosen, _ = QFileDialog.getOpenFileName(self, tr("Office recovery key"), str(Path.home()),
                                                tr("Office recovery key (*.json *.pub);;All files (*)"))
        if chosen:
            self.set_recovery_key_file(Path(chosen))

    # -- the action -------------------------------------------------------------------------
    def create(self) -> None:  # type: ignore[override]  # the view's action; QWidget.create() is never used here
        if self._busy or not self._ready():
            return
        path, passphrase, kdf, recovery, clock = (self._path, self.passphrase.text(), self._kdf,
                                                  self._recovery, self._clock)
        self._set_busy(True)
        Operation(self.tasks, lambda ctx: create_store(path, passphrase, kdf, recovery, clock)) \
            .success(self._created).failure(self._failed).run_in_background()

    def _created(self, store: Store) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.repeat.clear()
        self.opened.emit(store)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, IepError):
            raise error
        self._show_error(error.message)

    # -- state ------------------------------------------------------------------------------
    def _ready(self) -> bool:
        first = self.passphrase.text()
        return len(first) >= MIN_PASSPHRASE_CHARS and first == self.repeat.text()

    def _hint(self) -> tuple[str, str]:
        first, second = self.passphrase.text(), self.repeat.text()
        missing = MIN_PASSPHRASE_CHARS - len(first)
        if missing > 0:
            if first:
                return strength_hint() + " " + tr("({missing} more to go).").format(missing=missing), "hint"
            return strength_hint() + ".", "hint"
        if second and first != second:
            return tr("Long enough. The two passphrases are not the same yet."), "hint"
        if first == second:
            return tr("Good: long enough, and both are the same."), "good"
        return tr("Long enough. Now type it again below."), "hint"

    def _update(self) -> None:
        self.live(self.hint.setText, lambda: self._hint()[0])
        set_role(self.hint, self._hint()[1])
        self.create_button.setEnabled(self._ready() and not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        for widget in (self.passphrase, self.repeat, self.recovery_button, self.open_existing,
                       self.location_button):
            widget.setEnabled(not busy)
        self.live(self.create_button.setText, lambda: tr("Creating…") if self._busy else tr("&Create store"))
        self._update()

    def _show_error(self, text: str) -> None:
        _show_message(self.message, text)  # the core's own words (iep_desktop.i18n translates them)

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)


# -- the gate: whichever of the two the window needs --------------------------------------------

class StoreGate(QStackedWidget):
    """Unlock or create; file choosers for another store live here too."""

    opened = Signal(object)  # Store

    def __init__(self, runner: TaskRunner, *, kdf: KdfParams | None = None, clock: Clock | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._kdf, self._clock = runner, kdf, clock
        self.unlock_view = UnlockView(runner, kdf=kdf, clock=clock)
        self.addWidget(self.unlock_view)
        self._create_view: CreateStoreView | None = None  # built when first shown (issue 17)
        self.unlock_view.opened.connect(self.opened)
        self.unlock_view.create_requested.connect(
            lambda: self.show_create(free_store_path(self.unlock_view.path.parent)))
        self.unlock_view.open_other_requested.connect(self._choose_store)

    @property
    def create_view(self) -> CreateStoreView:
        """The create screen, built the first time it is needed: most starts only unlock."""
        if self._create_view is None:
            view = CreateStoreView(self._runner, kdf=self._kdf, clock=self._clock)
            self.addWidget(view)
            view.opened.connect(self.opened)
            view.open_existing_requested.connect(self._choose_store)
            view.change_location_requested.connect(self._choose_new_location)
            self._create_view = view
        return self._create_view

    def show_unlock(self, path: Path, *, demo: bool = False, relock: bool = False,
                    reason: str | Callable[[], str] = "") -> None:
        self.unlock_view.set_store(path, demo=demo, relock=relock, reason=reason)
        self.setCurrentWidget(self.unlock_view)
        self.unlock_view.passphrase.setFocus()

    def show_create(self, path: Path) -> None:
        self.create_view.set_path(path)
        self.setCurrentWidget(self.create_view)
        self.create_view.passphrase.setFocus()

    def show_for(self, path: Path, *, demo: bool = False) -> None:
        """Unlock when the store exists (or is the demo, made on first unlock); else create it."""
        if demo or Path(path).exists():
            self.show_unlock(path, demo=demo)
        else:
            self.show_create(path)

    def _choose_store(self) -> None:
        shown = self.unlock_view if self.currentWidget() is self.unlock_view else self.create_view
        start = shown.path.parent
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(self, tr("Open an IEP store"), str(start), tr(STORE_FILTER))
        if chosen:
            self.show_unlock(Path(chosen))

    def _choose_new_location(self) -> None:
        current = self.create_view.path
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(self, tr("Where to keep the new store"), str(current),
                                                tr(STORE_FILTER))
        if chosen:
            path = Path(chosen)
            self.show_create(path if path.suffix else path.with_suffix(".iep"))
