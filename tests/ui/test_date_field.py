"""Issue 13, finding 1: one date field for every date, typed the way its hint says.

Every date field of the app is typed here with real key events, the "/" included, and what is
stored is read back from the encrypted store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import (
    Assessment,
    CaseNote,
    Goal,
    Objective,
    Participant,
    Service,
)
from iep_desktop.services import participants, plans
from iep_desktop.store.store import Store
from tests.conftest import TODAY
from tests.ui.shell_helpers import settings, themed  # noqa: F401 - fixtures
from tests.ui.test_case_notes import (
    ACTOR,
    notes_window,
    open_window,
    person_store,
    stored_notes,
)
from tests.ui.test_wizard import COACH, make_wizard, ready_participant, walk_to  # noqa: F401 - fixture
from ui.participant_dialog import ParticipantDialog
from ui.settings import Settings
from ui.widgets.date_field import DateField, birth_date_doubt, parse_date, typed
from ui.wizard import PageId, PlanWizard
from ui.wizard.pages.goals import GoalsPage


def type_date(qtbot: QtBot, field: DateField, text: str) -> None:
    """Select what the field holds and type ``text`` over it, key by key, into the focused text."""
    window = field.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    focused = QApplication.focusWidget()
    assert focused is field.edit
    QTest.keyClick(focused, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused, text)


def leave(field: DateField) -> None:
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)


@pytest.mark.parametrize("text", ["06/10/2008", "06102008", "6/10/2008", "06-10-2008"])
def test_the_ways_a_coach_writes_a_date_all_read_the_same(text: str) -> None:
    assert parse_date(text) == date(2008, 6, 10)


@pytest.mark.parametrize("text", ["", "13/01/2008", "02/30/2026", "6/1/08", "0610200", "hello", "06/10/20081"])
def test_text_that_is_not_a_date_reads_as_none(text: str) -> None:
    assert parse_date(text) is None


def test_typing_moves_to_the_next_part_on_a_slash_or_a_third_digit() -> None:
    steps = {("06", "/"): "06/", ("06", "1"): "06/1", ("06/", "/"): None, ("6", "/"): "6/",
             ("06/10/2008", "1"): None, ("06/10/2008", "/"): None, ("06/10", "-"): "06/10/"}
    for (before, key), after in steps.items():
        assert typed(before, key) == after, (before, key)


@pytest.mark.parametrize(("keys", "shown", "read"), [
    ("06/10/2008", "06/10/2008", date(2008, 6, 10)),   # was 06/01/1996 (issue 13)
    ("11/20/2026", "11/20/2026", date(2026, 11, 20)),  # was 11/01/2020
    ("06102008", "06/10/2008", date(2008, 6, 10)),
    ("6/1/2008", "06/01/2008", date(2008, 6, 1)),
])
def test_a_date_typed_with_real_keys_is_the_date_typed(qtbot: QtBot, keys: str, shown: str, read: date) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    field = DateField("Date", parent=holder)
    other = DateField("Other", parent=holder)
    other.move(0, 120)
    holder.show()
    qtbot.waitExposed(holder)
    type_date(qtbot, field, keys)
    leave(field)
    assert (field.text(), field.value(), field.has_error()) == (shown, read, False)
    assert not field.error.isVisible()


def test_text_that_is_not_a_date_is_an_error_in_the_field(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    field = DateField("Date established", parent=holder)
    DateField("Other", parent=holder).move(0, 120)
    holder.show()
    qtbot.waitExposed(holder)
    field.set_value(date(2026, 11, 23))
    type_date(qtbot, field, "13/45/2026")
    leave(field)
    assert field.value() is None and field.has_error()
    assert field.error.isVisible() and "is not a date" in field.error.text() and "MM/DD/YYYY" in field.error.text()
    assert field.edit.accessibleDescription() == field.error.text()
    type_date(qtbot, field, "12/01/2026")  # fixing it clears the error at once
    assert field.value() == date(2026, 12, 1) and not field.error.isVisible()


def test_birth_dates_that_look_mistyped_are_named() -> None:
    today = date(2026, 11, 23)
    assert "future" in birth_date_doubt(date(2027, 1, 1), today)
    assert "younger than 14" in birth_date_doubt(date(2016, 6, 10), today)
    assert "older than 100" in birth_date_doubt(date(1920, 1, 1), today)
    assert birth_date_doubt(date(2008, 6, 10), today) == ""  # 18: a youth
    assert birth_date_doubt(date(2012, 11, 23), today) == ""  # 14 today


# -- every date field of the app ------------------------------------------------------------------

def dialog(qtbot: QtBot, saved: list[Participant]) -> ParticipantDialog:
    made = ParticipantDialog(lambda p: saved.append(p) or p, today=TODAY)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    QTest.keyClicks(made.first_name, "Ana")
    QTest.keyClicks(made.last_name, "Lopez")
    return made


def test_new_participant_dates_typed_with_slashes(qtbot: QtBot, themed: QApplication) -> None:
    saved: list[Participant] = []
    made = dialog(qtbot, saved)
    type_date(qtbot, made.date_of_birth, "06/10/2008")
    type_date(qtbot, made.eligibility, "11/20/2026")
    QTest.keyClick(made.eligibility.edit, Qt.Key.Key_Return)  # Enter saves the dialog
    assert [(p.date_of_birth, p.eligibility_determined_on) for p in saved] == [(date(2008, 6, 10), date(2026, 11, 20))]


def test_a_participant_date_that_is_not_a_date_is_never_stored(qtbot: QtBot, themed: QApplication) -> None:
    saved: list[Participant] = []
    made = dialog(qtbot, saved)
    type_date(qtbot, made.date_of_birth, "06/31/2008")
    QTest.keyClick(made.date_of_birth.edit, Qt.Key.Key_Return)
    assert saved == [] and made.isVisible()
    assert "date of birth" in made.message.text() and "is not a date" in made.message.text()
    assert made.date_of_birth.error.isVisible()


@pytest.mark.parametrize(("born", "answer", "kept"), [
    ("11/20/2027", "change", None),            # in the future
    ("06/10/2016", "keep", date(2016, 6, 10)),  # 10 years old
    ("01/01/1920", "change", None),            # 106 years old
])
def test_a_doubtful_date_of_birth_is_asked_about_before_it_is_kept(
    qtbot: QtBot, themed: QApplication, born: str, answer: str, kept: date | None,
) -> None:
    saved: list[Participant] = []
    made = dialog(qtbot, saved)
    type_date(qtbot, made.date_of_birth, born)
    QTest.keyClick(made.date_of_birth.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: made.doubt is not None and made.doubt.isVisible())
    box = made.doubt
    assert isinstance(box, QMessageBox) and saved == []
    assert born in box.text() and "Is that right?" in box.text()
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    QTest.keyClick(box, Qt.Key.Key_K if answer == "keep" else Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: made.doubt is None)
    if kept is None:
        assert saved == [] and made.isVisible()
        qtbot.waitUntil(made.date_of_birth.edit.hasFocus)
    else:
        assert [p.date_of_birth for p in saved] == [kept]


def test_every_wizard_date_typed_with_slashes_is_stored_as_typed(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store, eligible=False)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    # Record what was done (the eligibility date) on a date typed with slashes.
    prereq.record_what.setCurrentIndex(prereq.record_what.findText("Eligibility", Qt.MatchFlag.MatchStartsWith))  # type: ignore[attr-defined]
    type_date(qtbot, prereq.record_on, "11/19/2026")  # type: ignore[attr-defined]
    QTest.keyClick(prereq.record_button, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    type_date(qtbot, prereq.start_date, "11/20/2026")  # type: ignore[attr-defined]
    QTest.keyClick(prereq.start_button, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert wizard.ctx.plan is not None and wizard.ctx.plan.start_date == date(2026, 11, 20)

    walk_to(qtbot, wizard, PageId.ASSESSMENT)
    assessment = wizard.page_of(PageId.ASSESSMENT)
    type_date(qtbot, assessment.taken_on, "11/18/2026")  # type: ignore[attr-defined]
    QTest.keyClicks(assessment.score, "512")  # type: ignore[attr-defined]
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    QTest.keyClicks(goals.description, "Warehouse lead")  # type: ignore[attr-defined]
    type_date(qtbot, goals.established, "11/20/2026")  # type: ignore[attr-defined]
    type_date(qtbot, goals.completion, "05/20/2027")  # type: ignore[attr-defined]
    walk_to(qtbot, wizard, PageId.OBJECTIVES)
    objectives = wizard.page_of(PageId.OBJECTIVES)
    QTest.keyClick(objectives.custom, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    QTest.keyClicks(objectives.custom_title, "Forklift card")  # type: ignore[attr-defined]
    QTest.keyClicks(objectives.justification, "Required by the employer")  # type: ignore[attr-defined]
    type_date(qtbot, objectives.established, "11/21/2026")  # type: ignore[attr-defined]
    type_date(qtbot, objectives.review, "2/10/2027")  # type: ignore[attr-defined]
    walk_to(qtbot, wizard, PageId.SERVICES)
    services = wizard.page_of(PageId.SERVICES)
    QTest.keyClicks(services.provider, "City Colleges")  # type: ignore[attr-defined]
    type_date(qtbot, services.start, "12/01/2026")  # type: ignore[attr-defined]
    type_date(qtbot, services.end, "12/15/2026")  # type: ignore[attr-defined]
    assert wizard.flush()

    with store.unit_of_work(COACH) as uow:
        person_now = participants.get_participant(uow, person.id)
        taken = sorted(a.taken_on for a in uow.list(Assessment, participant_id=person.id))
        [goal] = uow.list(Goal)
        [objective] = uow.list(Objective)
        planned = [(s.planned_start, s.planned_end) for s in uow.list(Service) if s.plan_id is not None]
    assert person_now.eligibility_determined_on == date(2026, 11, 19)
    assert date(2026, 11, 18) in taken
    assert (goal.established_on, goal.estimated_completion_on) == (date(2026, 11, 20), date(2027, 5, 20))
    assert (objective.established_on, objective.review_on) == (date(2026, 11, 21), date(2027, 2, 10))
    assert planned == [(date(2026, 12, 1), date(2026, 12, 15))]


def test_a_wizard_date_that_is_not_a_date_is_never_stored(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    with store.unit_of_work(COACH) as uow:
        plans.start_plan(uow, person.id, start_date=TODAY - timedelta(days=1))
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    QTest.keyClicks(goals.description, "Warehouse lead")
    qtbot.waitUntil(lambda: not goals._dirty)  # saved 0.1 s after typing, with the default dates
    default = goals.completion.value()
    type_date(qtbot, goals.completion, "13/45/2027")
    leave(goals.completion)
    assert goals.completion.error.isVisible() and not goals.add_button.isEnabled()
    assert "is not a date" in goals.problems.text()
    QTest.keyClicks(goals.description, " 2")  # more typing while the date is wrong
    assert wizard.flush()
    with store.unit_of_work(COACH) as uow:  # the text that is not a date never reached the store
        assert [(g.description, g.estimated_completion_on) for g in uow.list(Goal)] == [("Warehouse lead", default)]
    type_date(qtbot, goals.completion, "05/20/2027")
    assert wizard.flush()
    with store.unit_of_work(COACH) as uow:  # fixed: the date and the typing kept meanwhile are saved
        assert [(g.description, g.estimated_completion_on) for g in uow.list(Goal)] == [
            ("Warehouse lead 2", date(2027, 5, 20))]


def test_case_note_dates_typed_with_slashes(qtbot: QtBot, tmp_path: Path, settings: Settings,
                                            themed: QApplication, clock: FixedClock) -> None:
    path, person = person_store(tmp_path)
    window = open_window(qtbot, path, settings, clock)
    window.open_case_notes(person.id)
    notes = notes_window(qtbot, window, person)
    QTest.keyClicks(notes.title, "Job fair follow-up")
    QTest.keyClicks(notes.story, "Met at the fair")
    QTest.keyClick(notes.step_deadline.check, Qt.Key.Key_Space)
    type_date(qtbot, notes.step_deadline.edit, "12/07/2026")
    QTest.keyClick(notes.follow_up.check, Qt.Key.Key_Space)
    type_date(qtbot, notes.follow_up.edit, "13/23/2026")
    assert notes.save() is None and "is not a date" in notes.message.text()
    assert stored_notes(window, person) == []
    type_date(qtbot, notes.follow_up.edit, "12/23/2026")
    assert notes.save() is not None, notes.message.text()
    [note] = stored_notes(window, person)
    assert (note.next_steps.deadline, note.follow_up_on, note.author) == (date(2026, 12, 7), date(2026, 12, 23), ACTOR)
    assert isinstance(note, CaseNote)
