"""The case notes screen (R-C1), opened from the caseload of the real main window on a real store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import CaseNote, Participant, Program
from iep_desktop.services.participants import create_participant
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.ui.shell_helpers import (  # noqa: F401 - fixtures
    ACTOR,
    SCREENSHOTS,
    settings,
    themed,
    type_text,
    unlock,
)
from tests.ui.test_wizard import assert_usable
from ui.case_notes import CaseNotesWindow
from ui.main_window import MainWindow
from ui.settings import Settings


def person_store(tmp_path: Path, board: str = "default") -> tuple[Path, Participant]:
    path = tmp_path / "store" / "coach.iep"
    path.parent.mkdir()
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf()) as store, store.unit_of_work(ACTOR) as uow:
        person = create_participant(uow, Participant(first_name="Thi Lan", last_name="Nguyễn",
                                                     program=Program.ADULT, board=board))
    return path, person


def open_window(qtbot: QtBot, path: Path, settings: Settings, clock: FixedClock) -> MainWindow:
    window = MainWindow(path, settings=settings, kdf=cheap_kdf(), clock=clock, actor=ACTOR)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    unlock(qtbot, window, PASSPHRASE)
    window.caseload.table.selectRow(0)
    return window


def notes_window(qtbot: QtBot, window: MainWindow, person: Participant) -> CaseNotesWindow:
    qtbot.waitUntil(lambda: person.id in window.notes_windows and window.notes_windows[person.id].isVisible())
    return window.notes_windows[person.id]


def stored_notes(window: MainWindow, person: Participant) -> list[CaseNote]:
    assert window.store is not None
    with window.store.unit_of_work(ACTOR) as uow:
        return uow.list(CaseNote, participant_id=person.id, order_by="written_at")


def test_write_read_and_correct_case_notes(qtbot: QtBot, tmp_path: Path, settings: Settings, themed: QApplication,
                                           clock: FixedClock) -> None:
    path, person = person_store(tmp_path)
    window = open_window(qtbot, path, settings, clock)

    # Reachable by keyboard from the caseload: Ctrl+Shift+N opens the selected person's notes.
    assert window.caseload.notes_button.isEnabled()
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    notes = notes_window(qtbot, window, person)
    assert notes.windowTitle() == "Case notes — Thi Lan Nguyễn"
    assert notes.empty.isVisible() and not notes.table.isVisible()
    assert not notes.correct_button.isEnabled()
    assert_usable(notes)

    # Tab order follows the form from top to bottom.
    notes.activateWindow()
    notes.title.setFocus()
    expected = [notes.story, notes.figures, notes.step_goal, notes.step_how, notes.step_deadline.check]
    for widget in expected:
        qtbot.keyClick(notes.focusWidget(), Qt.Key.Key_Tab)
        assert notes.focusWidget() is widget, widget.accessibleName()

    # A note needs its title: the error is in plain words, with the rule id, and nothing is saved.
    type_text(notes.story, "Met at the job fair; she brought her résumé.")
    qtbot.mouseClick(notes.save_button, Qt.MouseButton.LeftButton)
    assert "title" in notes.message.text() and "(R-C1)" in notes.message.text()
    assert stored_notes(window, person) == []

    type_text(notes.title, "Job fair follow-up")
    type_text(notes.figures, "TABE reading 8.4; bus pass $50")
    type_text(notes.step_goal, "Apply to two welding jobs")
    type_text(notes.step_how, "Coach sends the listings; she applies online")
    notes.step_deadline.check.setChecked(True)
    notes.step_deadline.edit.setDate(notes.step_deadline.edit.date().addDays(14))
    qtbot.mouseClick(notes.follow_up.check, Qt.MouseButton.LeftButton)
    notes.follow_up.edit.setDate(notes.follow_up.edit.date().addDays(30))
    notes.activateWindow()
    qtbot.waitUntil(notes.isActiveWindow)
    qtbot.keyClick(notes.step_how, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves
    assert "Note saved" in notes.message.text()
    assert notes.title.text() == "" and notes.story.toPlainText() == ""

    [first] = stored_notes(window, person)
    today = clock.today()
    assert (first.title, first.author, first.figures) == ("Job fair follow-up", ACTOR, "TABE reading 8.4; bus pass $50")
    assert first.story == "Met at the job fair; she brought her résumé."
    assert first.next_steps.goal == "Apply to two welding jobs"
    assert first.next_steps.deadline == date(2026, 12, 7) and first.follow_up_on == date(2026, 12, 23)
    assert first.written_at == clock.now() and first.corrects_id is None
    assert notes.model.rowCount() == 1
    assert [notes.model.index(0, c).data() for c in range(4)] == [
        today.strftime("%m/%d/%Y"), "Job fair follow-up", ACTOR, "12/23/2026"]
    assert "Deadline: 12/07/2026" in notes.reader.toPlainText()

    # A correction: the chosen note's parts come into the form; the coach fixes the figure.
    notes.select(first.id)
    qtbot.mouseClick(notes.correct_button, Qt.MouseButton.LeftButton)
    assert notes.correcting is not None and notes.correcting.id == first.id
    assert "That note stays as it is" in notes.correction_banner.text()
    assert notes.title.text() == "Correction: Job fair follow-up"
    notes.figures.clear()
    type_text(notes.figures, "TABE reading 8.1; bus pass $50")
    clock.advance(minutes=20)
    qtbot.mouseClick(notes.save_button, Qt.MouseButton.LeftButton)
    assert "Correction of the note of 11/23/2026 saved" in notes.message.text()

    original, correction = stored_notes(window, person)
    assert original == first  # untouched: same version, same text
    assert correction.corrects_id == first.id and correction.figures == "TABE reading 8.1; bus pass $50"
    titles = [notes.model.index(r, 1).data() for r in range(notes.model.rowCount())]
    assert titles[0] == "Correction: Job fair follow-up (corrects note of 11/23/2026)"
    assert titles[1].startswith("Job fair follow-up — corrected 11/23/2026")
    notes.resize(1180, 760)
    notes.select(correction.id)
    QApplication.processEvents()
    SCREENSHOTS.mkdir(exist_ok=True)
    assert notes.grab().save(str(SCREENSHOTS / "case_notes.png"))

    # Closing with unsaved typing warns once; closing again throws the typing away.
    type_text(notes.title, "Half a thought")
    notes.close()
    assert notes.isVisible() and "not saved yet" in notes.message.text()
    notes.close()
    qtbot.waitUntil(lambda: person.id not in window.notes_windows)
    assert len(stored_notes(window, person)) == 2
    assert window.open_case_notes(person.id) is not notes  # a fresh window, the same two notes
    assert window.notes_windows[person.id].model.rowCount() == 2


def test_board_required_parts_are_asked_for_before_saving(qtbot: QtBot, tmp_path: Path, settings: Settings,
                                                          themed: QApplication, clock: FixedClock) -> None:
    path, person = person_store(tmp_path, board="scpa_works")  # figures, next steps and follow-up required
    window = open_window(qtbot, path, settings, clock)
    qtbot.mouseClick(window.caseload.notes_button, Qt.MouseButton.LeftButton)
    notes = notes_window(qtbot, window, person)
    # SCPa's structure is for incentive notes (IV.A, R-C1): asked for once the note is one.
    assert notes.incentive.isVisible() and "incentive note also needs" in notes.parts_hint.text()
    notes.incentive.setChecked(True)
    assert "follow-up date (R-C1)" in notes.parts_hint.text()
    type_text(notes.title, "Phone call")
    type_text(notes.story, "Called about the bus pass.")
    qtbot.mouseClick(notes.save_button, Qt.MouseButton.LeftButton)
    text = notes.message.text()
    assert "figures" in text and "next steps" in text and "follow-up date" in text and "(R-C1)" in text
    assert stored_notes(window, person) == []
    assert notes.title.text() == "Phone call"  # nothing typed was lost
    notes.incentive.setChecked(False)  # an ordinary note needs a title and the story only
    qtbot.mouseClick(notes.save_button, Qt.MouseButton.LeftButton)
    assert [n.title for n in stored_notes(window, person)] == ["Phone call"]


def test_notes_window_survives_a_lock(qtbot: QtBot, tmp_path: Path, settings: Settings, themed: QApplication,
                                      clock: FixedClock) -> None:
    path, person = person_store(tmp_path)
    window = open_window(qtbot, path, settings, clock)
    notes = window.open_case_notes(person.id)
    assert notes is not None
    type_text(notes.title, "Before lunch")
    type_text(notes.story, "Typed just before the laptop locked.")
    window.lock()
    assert not notes.isVisible() and not notes.save_button.isEnabled()
    unlock(qtbot, window, PASSPHRASE)
    assert notes.isVisible() and notes.story.toPlainText() == "Typed just before the laptop locked."
    qtbot.mouseClick(notes.save_button, Qt.MouseButton.LeftButton)
    assert [n.title for n in stored_notes(window, person)] == ["Before lunch"]


@pytest.mark.parametrize("shortcut", ["Ctrl+Shift+N"])
def test_the_menu_names_the_shortcut(qtbot: QtBot, tmp_path: Path, settings: Settings, themed: QApplication,
                                     clock: FixedClock, shortcut: str) -> None:
    path, _person = person_store(tmp_path)
    window = open_window(qtbot, path, settings, clock)
    assert window.notes_action.shortcut().toString() == shortcut and window.notes_action.isEnabled()
