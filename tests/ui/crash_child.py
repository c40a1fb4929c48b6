"""A child process for test_crash_recovery: the real app, driven through its widgets, then killed.

``python tests/ui/crash_child.py STORE SETTINGS_DIR CLOCK_ISO`` with the passphrase in
IEP_TEST_PASSPHRASE. It unlocks the store on the unlock screen, opens the first participant's
plan from the caseload, types a goal (saved by the autosave, no button pressed), picks an
objective from the board's list with the keyboard (not complete enough to save: no
justification yet), waits until the wizard has kept that choice and prints PICKED. Then it types
the justification in one burst, a key every KEY_MS, printing ``KEY n`` after the n-th key, and
idles; the test kills it with SIGKILL in the middle of the burst (issue 13, finding 2).
Nothing but these lines (or a one-line failure) is printed: no participant data leaves the store.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from tests.ui.child_app import open_app
from ui.wizard import PageId, PlanWizard

GOAL = "Certified Nursing Assistant — año 1"
PICKED = "Attend LinkedIn Workshop"
BURST = "Needs a profile before the hiring event at St. Mary's on Friday"
KEY_MS = 40  # a fast typist: 25 keys a second, never a pause the old 800 ms debounce waited for


def wait_until(condition: Callable[[], object], timeout: float = 60.0) -> None:  # a slow shared CI machine
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        QTest.qWait(20)


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def click(widget: QWidget) -> None:
    assert widget.isEnabled(), widget.accessibleName()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def main() -> int:
    store, settings_dir, at = sys.argv[1], sys.argv[2], sys.argv[3]
    app, window = open_app(sys.argv[0], store, settings_dir, at)

    view = window.gate.unlock_view
    QTest.keyClicks(view.passphrase, os.environ["IEP_TEST_PASSPHRASE"])
    click(view.unlock_button)
    wait_until(lambda: window.store is not None and window.caseload.model.rowCount() == 1
               and not window.caseload.loading)
    window.caseload.table.selectRow(0)
    click(window.caseload.open_button)
    wait_until(lambda: any(isinstance(w, PlanWizard) and w.isVisible() for w in app.topLevelWidgets()))
    wizard = next(w for w in app.topLevelWidgets() if isinstance(w, PlanWizard))

    while wizard.currentId() != PageId.GOALS:
        click(wizard.button(QWizard.WizardButton.NextButton))
    goals = wizard.page_of(PageId.GOALS)
    type_text(goals.description, GOAL)  # type: ignore[attr-defined]
    wait_until(lambda: "added" in goals.status.text())  # type: ignore[attr-defined]  # the debounce saved it

    click(wizard.button(QWizard.WizardButton.NextButton))
    objectives = wizard.page_of(PageId.OBJECTIVES)
    type_text(objectives.search, "linkedin")  # type: ignore[attr-defined]
    QTest.keyClick(objectives.search, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the first match is chosen
    # No justification yet (R-O3), so it is not a record: the wizard keeps the choice instead.
    wait_until(lambda: wizard._where is not None and PICKED in wizard._where.draft.values())
    print("PICKED", flush=True)
    box = objectives.justification  # type: ignore[attr-defined]
    box.setFocus()
    for n, char in enumerate(BURST, start=1):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        print(f"KEY {n}", flush=True)
        QTest.qWait(KEY_MS)  # the event loop runs between keys, as it does for a person
    print("DONE", flush=True)
    return app.exec()  # until SIGKILL


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except Exception as exc:  # noqa: BLE001 - one line for the test, never a traceback with data
        print(f"FAILED {type(exc).__name__}", flush=True)
        raise SystemExit(1) from None
