"""Issue 13, findings 4, 5 and 6 (keyboard), each driven with real key events on real widgets.

Dates: test_date_field.py; crash: test_crash_recovery.py; screens: test_screens.py; findings 7-10:
test_field_touch.py; from unlock to a signed plan by keyboard: test_keyboard_only.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget, QWizard
from pytestqt.qtbot import QtBot

from iep_desktop.domain.models import Goal, GoalTerm, GoalType, Participant
from iep_desktop.services import plan_items, plans
from iep_desktop.store.store import Store
from tests.conftest import TODAY
from tests.ui.shell_helpers import themed  # noqa: F401 - fixture
from tests.ui.test_wizard import (  # noqa: F401 - make_wizard is a fixture
    COACH,
    complete_plan,
    make_wizard,
    ready_participant,
    click,
    sign_through_core,
)
from ui.participant_dialog import ParticipantDialog
from ui.widgets.date_field import DateField
from ui.widgets.keyboard import tab_stops
from ui.wizard import PageId, PlanWizard
from ui.wizard.pages.base import RecordEditorPage
from ui.wizard.pages.done import DonePage
from ui.wizard.pages.goals import GoalsPage
from ui.wizard.pages.objectives import ObjectivesPage
from ui.wizard.pages.prerequisites import PrerequisitesPage
from ui.wizard.pages.review import ReviewPage
from ui.wizard.pages.signatures import SignaturesPage

BACK, NEXT = QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton
FINISH, CANCEL = QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton
SHIFT = Qt.KeyboardModifier.ShiftModifier
MAX_STOPS = 60  # no page has this many: a walk that gets there is going round in circles


def active(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    """One key to whatever has the keyboard; returns what has it afterwards."""
    QTest.keyClick(focus(), key, modifiers)
    return focus()


def type_text(text: str) -> None:
    for char in text:  # key events with text: non-ASCII too
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focus(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def tab_walk(start: QWidget, until: QWidget, key_modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
             ) -> list[QWidget]:
    """Tab (or Shift+Tab) from ``start`` until ``until`` has the keyboard; every stop on the way."""
    assert focus() is start
    stops = [start]
    while stops[-1] is not until:
        stops.append(press(Qt.Key.Key_Tab, key_modifiers))
        assert len(stops) < MAX_STOPS, [s.accessibleName() or s.objectName() for s in stops]
    return stops


def walk_to(qtbot: QtBot, wizard: PlanWizard, target: PageId) -> None:
    """Next until ``target``: bounded, so a page that will not let go fails instead of hanging."""
    for _ in range(len(wizard.pages)):
        if wizard.currentId() == target:
            return
        click(qtbot, wizard.button(NEXT))
    assert wizard.currentId() == target, (wizard.currentId(), target)


def name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName()


# -- finding 4: a table is one Tab stop; entering it changes nothing -----------------------------


def test_finding_4_every_table_is_one_tab_stop_and_entering_it_chooses_nothing(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)  # a saved record in every table
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    for page_id in (PageId.ASSESSMENT, PageId.BARRIERS, PageId.GOALS, PageId.OBJECTIVES, PageId.SERVICES):
        walk_to(qtbot, wizard, page_id)
        page = wizard.page_of(page_id)
        assert isinstance(page, RecordEditorPage)
        assert page.model.rowCount() >= 1, page_id
        new_title = page.form_box.title()
        assert focus() is page.first_stop() and new_title.startswith("New")  # the form, not the table
        # Shift+Tab back from the form's first field: the table is one stop before it
        before = tab_walk(focus(), page.table, SHIFT)
        assert all(w is page.table or page.form_box.isAncestorOf(w) or w is page.first_stop() for w in before)
        assert page.editing() is None and page.form_box.title() == new_title, page_id  # nothing chosen
        assert not page.table.selectionModel().hasSelection()
        assert press(Qt.Key.Key_Tab) is not page.table  # Tab leaves at once: no cell-by-cell walk
        assert page.editing() is None
        press(Qt.Key.Key_Tab, SHIFT)
        # From the other side too: the table is the page's first stop after Save and close.
        assert press(Qt.Key.Key_Tab, SHIFT) is wizard.button(CANCEL)
        assert press(Qt.Key.Key_Tab) is page.table and page.editing() is None, page_id
        assert press(Qt.Key.Key_Down) is page.table  # arrows move inside, and choose the row
        assert page.editing() is not None and page.form_box.title().startswith("Change"), page_id
        press(Qt.Key.Key_Tab)
        assert page.form_box.isAncestorOf(focus()) and page.editing() is not None  # leaving keeps the choice

    walk_to(qtbot, wizard, PageId.REVIEW)  # the findings table too
    review = wizard.page_of(PageId.REVIEW)
    assert isinstance(review, ReviewPage)
    review.table.setFocus(Qt.FocusReason.TabFocusReason)
    assert review.table.tabKeyNavigation() is False
    if review.model.rowCount():
        assert press(Qt.Key.Key_Tab) is not review.table


def test_finding_4_tabbing_into_the_prerequisites_checklist_changes_nothing(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    page = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(page, PrerequisitesPage)
    views = [v for v in page.findChildren(QAbstractItemView) if v.isVisible()]
    assert views
    for view in views:
        assert view.tabKeyNavigation() is False and not view.currentIndex().isValid()


# -- finding 5: "Go to page" lands where the fix is ----------------------------------------------


def started_without_goals(store: Store, person: Participant) -> None:
    with store.unit_of_work(COACH) as uow:
        plans.start_plan(uow, person.id, start_date=TODAY - timedelta(days=1))


def test_finding_5_go_to_page_for_r_p4_without_a_goal_opens_goals_where_it_can_be_fixed(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    started_without_goals(store, person)
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.OBJECTIVES)
    objectives = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(objectives, ObjectivesPage)
    # Greyed out, with a hint that says where the fix is (R-G6).
    assert not objectives.form_box.isEnabled()
    assert objectives.no_goal.isVisible() and "Add a goal first, on the Goals page" in objectives.no_goal.text()
    assert not objectives.form_box.isAncestorOf(objectives.no_goal)  # not greyed out itself
    walk_to(qtbot, wizard, PageId.REVIEW)
    review = wizard.page_of(PageId.REVIEW)
    assert isinstance(review, ReviewPage)
    assert focus() is review.table  # a finding must be fixed: the findings have the keyboard
    rows = [review.model.row_at(r) for r in range(review.model.rowCount())]
    p4 = next(r for r, f in enumerate(rows) if f is not None and f.rule_id == "R-P4")
    assert review.model.index(p4, 3).data().startswith("Goals")  # "Fixed on page" says Goals
    press(Qt.Key.Key_Home)
    for _ in range(p4):
        press(Qt.Key.Key_Down)
    assert review.table.currentIndex().row() == p4
    press(Qt.Key.Key_Return)  # Enter on the finding: Go to page
    assert wizard.currentId() == PageId.GOALS
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage) and goals.form_box.isEnabled()
    assert goals.form_box.isAncestorOf(focus())  # where the goal is typed


# -- finding 6: reading order, no invisible stop, focus goes to the next thing to do ---------------


def test_finding_6_tab_runs_through_the_content_then_back_and_next_on_every_page(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    back, next_button, cancel = wizard.button(BACK), wizard.button(NEXT), wizard.button(CANCEL)
    for page_id in (PageId.PARTICIPANT, PageId.PREREQUISITES, PageId.ASSESSMENT, PageId.BARRIERS, PageId.GOALS,
                    PageId.OBJECTIVES, PageId.SERVICES, PageId.REVIEW, PageId.SIGNATURES):
        walk_to(qtbot, wizard, page_id)
        page = wizard.page_of(page_id)
        # no Back on the first page; Next is greyed (skipped) until the signatures are in
        buttons = [b for b in (back, next_button, cancel) if b.isVisible() and b.isEnabled()]
        start = focus()
        assert start is not back and start is not cancel, page_id  # never "< Back" first
        if start is next_button and not tab_stops(page):  # a page to read (Participant): only the buttons
            assert [press(Qt.Key.Key_Tab), press(Qt.Key.Key_Tab)] == [cancel, next_button], page_id
            continue
        if start is next_button:  # nothing to fill in (a started plan's prerequisites)
            while not page.isAncestorOf(focus()):  # Save and close, then round to the content
                reached = press(Qt.Key.Key_Tab)
                assert reached is cancel or page.isAncestorOf(reached), (page_id, name(reached))
            start = focus()
        stops = tab_walk(start, buttons[0])
        content, after = stops[:-1], stops[-1:]
        assert all(page.isAncestorOf(w) for w in content), (page_id, [name(w) for w in content])
        after += [press(Qt.Key.Key_Tab) for _ in buttons[1:]]
        assert after == buttons, (page_id, [name(w) for w in after])
        wrap = press(Qt.Key.Key_Tab)
        assert page.isAncestorOf(wrap), (page_id, name(wrap))  # round again: the content first
        for widget in [*content, *after]:  # no invisible stop, nothing that cannot be used
            assert widget.isVisible() and widget.isEnabled(), (page_id, name(widget))
        dates = [w for w in content if isinstance(w.parentWidget(), DateField)]
        assert len(dates) == len({id(w.parentWidget()) for w in dates})  # a date is one Tab stop

    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    wizard.go_to_page(PageId.GOALS)
    assert focus() is goals.goal_type
    order = [name(w) for w in tab_walk(goals.goal_type, goals.term)]
    assert order == ["Goal type", "Goal description", "Date established (MM/DD/YYYY)",
                     "Estimated completion date (MM/DD/YYYY)", "Goal term"]


def test_finding_6_objectives_open_on_the_goal_and_chips_read_in_order(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.OBJECTIVES)
    page = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(page, ObjectivesPage)
    first = focus()
    # One goal: it is chosen already, so the keyboard starts after it (the issue: the 4th stop).
    assert first in (page.search, *page.chips)
    stops = tab_walk(first, page.justification)
    assert stops.index(page.search) < stops.index(page.choices) < stops.index(page.justification)
    press(Qt.Key.Key_Tab, SHIFT)
    while focus() is not page.search:
        press(Qt.Key.Key_Tab, SHIFT)
    QLineEdit.selectAll(page.search)
    type_text("resu")
    press(Qt.Key.Key_Return)  # Enter takes the first match and goes on to why
    assert focus() is page.justification and page.candidate() is None  # no justification yet
    assert "Resume" in page.chosen.text()


def test_finding_6_with_two_goals_the_goal_is_the_first_stop_on_objectives(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    plan = complete_plan(store, person)
    with store.unit_of_work(COACH) as uow:
        plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EDUCATIONAL, term=GoalTerm.SHORT,
                                      description="GED", established_on=plan.start_date,
                                      estimated_completion_on=plan.start_date + timedelta(days=120)))
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.OBJECTIVES)
    page = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(page, ObjectivesPage)
    assert focus() is page.goal  # chosen first, so the first stop (it was the 4th)
    assert press(Qt.Key.Key_Tab) in (page.search, *page.chips)


def test_finding_6_after_start_and_after_each_signature_the_keyboard_goes_on(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(prereq, PrerequisitesPage)
    assert focus() is prereq.start_button  # the thing to do, not "< Back"
    coach = press(Qt.Key.Key_Tab, SHIFT)
    assert prereq.isAncestorOf(coach) and coach is not prereq.start_button
    press(Qt.Key.Key_Return)  # Enter in a box presses no button
    assert wizard.ctx.plan is None and wizard.currentId() == PageId.PREREQUISITES
    assert press(Qt.Key.Key_Tab) is prereq.start_button
    press(Qt.Key.Key_Return)  # Enter presses the button that has the keyboard (Windows; Space too)
    assert wizard.ctx.plan is not None
    assert focus() is wizard.button(NEXT)  # Space goes on, never back a page
    assert prereq.started.text().count(str(TODAY.year)) >= 1 and prereq.message.text() == ""
    press(Qt.Key.Key_Space)
    assert wizard.currentId() == PageId.ASSESSMENT


def test_finding_6_enter_signs_on_the_pad_and_the_keyboard_moves_to_the_next_signer(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.SIGNATURES)
    page = wizard.page_of(PageId.SIGNATURES)
    assert isinstance(page, SignaturesPage)
    participant, coach = page.signers.values()
    assert focus() is participant.panel.pad
    press(Qt.Key.Key_Return)  # nothing typed or drawn: refused, said under the pad
    assert focus() is participant.panel.pad and "too short" in participant.panel.error_label.text()
    type_text("Ana-Sofía Núñez")  # the keyboard's way: the typed name is drawn as ink
    assert participant.panel.pad.typed_text() == "Ana-Sofía Núñez"
    press(Qt.Key.Key_Return)
    assert not participant.button.isEnabled() and focus() is coach.panel.pad
    type_text(COACH)
    press(Qt.Key.Key_Return)
    assert page.isComplete() and focus() is wizard.button(NEXT)  # never "< Back"
    press(Qt.Key.Key_Space)
    assert wizard.currentId() == PageId.DONE


def test_finding_6_every_done_page_button_and_finish_has_a_shortcut(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    sign_through_core(store, complete_plan(store, person))
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.DONE)
    done = wizard.page_of(PageId.DONE)
    assert isinstance(done, DonePage)
    buttons = [b for b in (done.pdf_button, done.copy_button, done.print_button, done.close_button)
               if b.isVisible()]
    keys = [QKeySequence.mnemonic(b.text()).toString() for b in buttons]
    keys += [QKeySequence.mnemonic(wizard.buttonText(which)).toString() for which in (BACK, CANCEL, FINISH)]
    assert all(keys) and len(set(keys)) == len(keys), keys  # one Alt+letter each, none twice on the page
    assert keys[-1] == "Alt+F"
    # Tab here too: the page's buttons first, then Back and Finish.
    stops = tab_walk(focus(), wizard.button(BACK))
    assert all(done.isAncestorOf(w) and w.isVisible() for w in stops[:-1]) and len(stops) > 1
    assert press(Qt.Key.Key_Tab) is wizard.button(FINISH)
    QTest.keyClick(wizard, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Finish
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5_000)


# -- finding 6: Enter saves a dialog ------------------------------------------------------------


def test_finding_6_enter_saves_the_new_participant_dialog_from_every_field(qtbot: QtBot, themed: object) -> None:
    saved: list[Participant] = []
    dialog = ParticipantDialog(lambda p: saved.append(p) or p, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    active(qtbot, dialog)
    assert focus() is dialog.first_name
    stops = tab_walk(dialog.first_name, dialog.save_button)
    fields = [w for w in stops if w is not dialog.save_button]
    for field in fields:  # no name yet: Enter anywhere tries to save and says what is missing
        dialog.message.hide()
        field.setFocus(Qt.FocusReason.TabFocusReason)
        press(Qt.Key.Key_Return)
        assert dialog.message.isVisible() and "first and last name" in dialog.message.text(), name(field)
        assert dialog.isVisible() and saved == []
    dialog.first_name.setFocus(Qt.FocusReason.TabFocusReason)
    type_text("Ana-Sofía")
    press(Qt.Key.Key_Tab)
    assert focus() is dialog.last_name
    type_text("Núñez")
    QTest.keyClick(focus(), Qt.Key.Key_Return)  # saved: the dialog closes
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=5_000)
    assert (saved[0].first_name, saved[0].last_name) == ("Ana-Sofía", "Núñez")


def test_finding_6_alt_s_starts_the_plan_from_anywhere_on_the_page(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    wizard = make_wizard(store, person)
    active(qtbot, wizard)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    press(Qt.Key.Key_Tab, SHIFT)  # somewhere else on the page
    QTest.keyClick(focus(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    # (a shortcut presses its button as a click does, released a moment later)
    qtbot.waitUntil(lambda: wizard.ctx.plan is not None, timeout=5_000)  # Start, not a focus hop
    assert focus() is wizard.button(NEXT)
    QTest.keyClick(focus(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.ASSESSMENT, timeout=5_000)
    QTest.keyClick(focus(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.PREREQUISITES, timeout=5_000)
