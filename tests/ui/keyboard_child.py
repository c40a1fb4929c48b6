"""A child process for test_keyboard_only: the real app, from unlock to a signed Adult plan,
driven by key presses alone (issue 13, findings 4-6).

``python tests/ui/keyboard_child.py STORE SETTINGS_DIR CLOCK_ISO`` with the passphrase in
IEP_TEST_PASSPHRASE. Every step is a key event sent where the system sends it: to the window
that has the focus (so Alt+letter shortcuts work as they do for a person), or, for a character
QTest cannot map to a key, a QKeyEvent with its text to the focused widget. The script never
calls a widget's method to move on (no setFocus, no click, no setCurrentIndex); it only reads
widgets to check where the keyboard is. Both signers type their name on the pad and press
Enter, the pad's keyboard path.

It prints ``PAGE <slug> <keys so far>`` as it goes and ``KEYS <presses> <typed> <tabs> <signing>`` (signing: the keys of the two typed
signatures, names and Enter) at the end, then
exits 0; on a problem, one line ``FAILED <where>: <what>`` and exit 1. Every wait is bounded, and
a watchdog (faulthandler) ends the process with its stacks if anything blocks.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from tests.ui.child_app import open_app
from ui.signature_pad import SignaturePad
from ui.wizard import PageId, PlanWizard

WATCHDOG_S = 150
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier

GOAL = "Welding job"
SEARCH = "resu"  # finds "Develop / Revise Resume"
JUSTIFICATION = "No resume"
SERVICE = "300"  # typed in the service list: Occupational Skills Training
PROVIDER = "City Colleges"
PARTICIPANT_SIGNS = "Jordan Reyes"
COACH_SIGNS = "Coach Kim"


class Stuck(Exception):
    pass


def wait_until(condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise Stuck(what)
        QTest.qWait(10)


class Keyboard:
    """Presses keys where the keyboard is, and counts them (a chord such as Alt+N is one)."""

    def __init__(self) -> None:
        self.presses = 0
        self.typed = 0  # of which characters of text
        self.tabs = 0  # of which Tab or Shift+Tab (the issue counted 97 of 143)

    def focused(self) -> QWidget:
        wait_until(lambda: QApplication.focusWidget() is not None, "a widget with the keyboard")
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def window(self) -> QWindow:
        handle = self.focused().window().windowHandle()
        if handle is None:
            raise Stuck("the focused widget has no window")
        return handle

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE, count: int = 1) -> None:
        for _ in range(count):
            QTest.keyClick(self.window(), key, modifiers)
            self.presses += 1
            self.tabs += key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            QTest.qWait(5)

    def type(self, text: str, *, counted: bool = True) -> None:
        click: Any = QTest.keyClick  # PySide6 binds keyClick(QWindow, str); its stubs miss it
        for char in text:
            if char.isascii():
                click(self.window(), char)
            else:  # QTest cannot map it to a key: a key event with its text, as an IME sends
                target = self.focused()
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, 0, NONE, char))
            if counted:
                self.presses += 1
                self.typed += 1
        QTest.qWait(5)


def shown_wizard(app: QApplication) -> PlanWizard | None:
    return next((w for w in app.topLevelWidgets() if isinstance(w, PlanWizard) and w.isVisible()), None)


def main() -> int:
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    store, settings_dir, at = sys.argv[1], sys.argv[2], sys.argv[3]
    app, window = open_app(sys.argv[0], store, settings_dir, at)
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    keys = Keyboard()
    wait_until(lambda: QApplication.focusWidget() is window.gate.unlock_view.passphrase, "the passphrase box")

    # Unlock: the passphrase (not counted: its length is the coach's choice), Enter.
    keys.type(os.environ["IEP_TEST_PASSPHRASE"], counted=False)
    keys.press(Qt.Key.Key_Return)
    wait_until(lambda: window.store is not None and window.caseload.model.rowCount() == 1
               and not window.caseload.loading, "the caseload after the unlock", 60)

    # Caseload: Down to the participant, Enter opens the plan.
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    wait_until(lambda: shown_wizard(app) is not None, "the plan wizard")
    wizard = shown_wizard(app)
    assert wizard is not None
    wait_until(wizard.isActiveWindow, "the wizard to have the keyboard")
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    def page() -> PageId:
        return PageId(wizard.currentId())

    def expect(page_id: PageId) -> None:
        if page() is not page_id:
            raise Stuck(f"on {page().slug}, not {page_id.slug}")
        print(f"PAGE {page_id.slug} {keys.presses}", flush=True)

    def next_page(to: PageId) -> None:
        keys.press(Qt.Key.Key_N, ALT)  # Next, from anywhere on the page
        wait_until(lambda: page() is to, f"Next to {to.slug} (on {page().slug})")

    def focused_is(widget: QWidget, what: str) -> None:
        if keys.focused() is not widget:
            raise Stuck(f"{what}: the keyboard is on {type(keys.focused()).__name__} "
                        f"'{keys.focused().accessibleName()}'")

    expect(PageId.PARTICIPANT)
    next_page(PageId.PREREQUISITES)
    expect(PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    focused_is(prereq.start_button, "Prerequisites opens on Start")  # type: ignore[attr-defined]
    keys.press(Qt.Key.Key_Space)  # presses the button that has the keyboard: it starts the IEP
    wait_until(lambda: wizard.ctx.plan is not None, "the plan to start")
    focused_is(next_button, "after Start the IEP")  # never "< Back"
    keys.press(Qt.Key.Key_Space)  # Next has the keyboard
    wait_until(lambda: page() is PageId.ASSESSMENT, "Assessment")
    expect(PageId.ASSESSMENT)
    next_page(PageId.BARRIERS)  # nothing new to record
    expect(PageId.BARRIERS)
    next_page(PageId.GOALS)

    # Goals: Chicago has one goal type for an Adult (Employment), so the goal itself has the keyboard.
    expect(PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    focused_is(goals.description, "Goals opens on the goal")  # type: ignore[attr-defined]
    keys.type(GOAL)
    next_page(PageId.OBJECTIVES)  # leaving the page saves the goal

    # Objectives: the plan's only goal is chosen, so the search has the keyboard; Enter takes
    # the first match and goes on to why it is needed.
    expect(PageId.OBJECTIVES)
    objectives = wizard.page_of(PageId.OBJECTIVES)
    focused_is(objectives.search, "Objectives opens on the search")  # type: ignore[attr-defined]
    keys.type(SEARCH)
    keys.press(Qt.Key.Key_Return)
    focused_is(objectives.justification, "Enter in the search")  # type: ignore[attr-defined]
    keys.type(JUSTIFICATION)
    next_page(PageId.SERVICES)

    # Services: type the code in the list to choose it, then Tab on to the provider.
    expect(PageId.SERVICES)
    services = wizard.page_of(PageId.SERVICES)
    focused_is(services.code, "Services opens on the service")  # type: ignore[attr-defined]
    keys.type(SERVICE)
    keys.press(Qt.Key.Key_Tab)
    focused_is(services.provider, "Tab from the service")  # type: ignore[attr-defined]
    keys.type(PROVIDER)
    serves = services.objectives  # type: ignore[attr-defined]
    while keys.focused() is not serves:
        keys.press(Qt.Key.Key_Tab)
        if keys.presses > 200:
            raise Stuck("Tab never reached the objectives the service serves")
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Space)  # it serves the objective
    next_page(PageId.REVIEW)

    # Check the plan: nothing must be fixed, so the keyboard is on Next.
    expect(PageId.REVIEW)
    review = wizard.page_of(PageId.REVIEW)
    if review.errors():  # type: ignore[attr-defined]
        raise Stuck("the review page has errors: " + ", ".join(f.rule_id for f in review.errors()))  # type: ignore[attr-defined]
    focused_is(next_button, "Review with nothing to fix")
    keys.press(Qt.Key.Key_Space)
    wait_until(lambda: page() is PageId.SIGNATURES, "Signatures")

    # Signatures: each pad has the keyboard in turn; the signer types their name, Enter signs.
    expect(PageId.SIGNATURES)
    before_signing = keys.presses
    for name in (PARTICIPANT_SIGNS, COACH_SIGNS):
        pad = keys.focused()
        if not isinstance(pad, SignaturePad):
            raise Stuck(f"a signer's pad should have the keyboard, not {type(pad).__name__}")
        keys.type(name)
        keys.press(Qt.Key.Key_Return)
        wait_until(lambda p=pad: keys.focused() is not p, "the signature to be taken")  # type: ignore[misc]
    signing = keys.presses - before_signing
    focused_is(next_button, "after the last signature")
    keys.press(Qt.Key.Key_Space)
    wait_until(lambda: page() is PageId.DONE, "Done")
    expect(PageId.DONE)
    keys.press(Qt.Key.Key_F, ALT)  # Finish
    wait_until(lambda: shown_wizard(app) is None, "the wizard to close")
    print(f"KEYS {keys.presses} {keys.typed} {keys.tabs} {signing}", flush=True)
    faulthandler.cancel_dump_traceback_later()
    window.close()
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except Stuck as exc:  # where it got stuck, in the app's words (widget names, page slugs)
        print(f"FAILED stuck: {exc}", flush=True)
        raise SystemExit(1) from None
    except Exception as exc:  # noqa: BLE001 - one line for the test, never a traceback with data
        print(f"FAILED {type(exc).__name__}", flush=True)
        raise SystemExit(1) from None
