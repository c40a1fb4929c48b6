"""Issue 13: one UI test for each finding not covered by its own file (dates:
test_date_field.py; crash: test_crash_recovery.py; screens: test_screens.py; keyboard from unlock
to a signed plan: test_keyboard_only.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from iep_desktop.domain.findings import Finding, Severity
from iep_desktop.domain.models import Goal, GoalTerm, GoalType, Objective, Program
from iep_desktop.services import plan_items, plans
from iep_desktop.store.store import Store
from tests.conftest import TODAY
from tests.ui.shell_helpers import themed  # noqa: F401 - fixture
from tests.ui.test_wizard import COACH, complete_plan, make_wizard, ready_participant, walk_to  # noqa: F401
from ui.wizard import PageId, PlanWizard
from ui.wizard.page_ids import page_for
from ui.wizard.pages.done import DonePage
from ui.wizard.pages.goals import GoalsPage
from ui.wizard.pages.objectives import ObjectivesPage
from ui.wizard.pages.prerequisites import PrerequisitesPage
from ui.wizard.pages.signatures import SignaturesPage


def active(qtbot: QtBot, wizard: PlanWizard) -> None:
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)


def test_finding_4_a_table_is_one_tab_stop_and_entering_it_changes_nothing(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    active(qtbot, wizard)
    assert QApplication.focusWidget() is goals.goal_type  # the page opens on its first field
    cancel = wizard.button(wizard.WizardButton.CancelButton)
    cancel.setFocus()
    QTest.keyClick(cancel, Qt.Key.Key_Tab)  # after Save and close: the table
    assert QApplication.focusWidget() is goals.table
    assert goals.form_box.title() == "New goal" and goals.editing() is None  # entering chose nothing
    QTest.keyClick(goals.table, Qt.Key.Key_Tab)  # one stop: Tab leaves it
    assert QApplication.focusWidget() is goals.goal_type
    goals.table.setFocus()
    QTest.keyClick(goals.table, Qt.Key.Key_Down)  # arrows move inside and choose
    assert goals.editing() is not None and goals.form_box.title().startswith("Change")


def test_finding_5_go_to_page_for_r_p4_without_a_goal_is_the_goals_page() -> None:
    finding = Finding(rule_id="R-P4", severity=Severity.ERROR, message="x (R-P4)", record_kind="plan", record_id="p")
    assert page_for(finding, has_goals=False) is PageId.GOALS
    assert page_for(finding, has_goals=True) is PageId.OBJECTIVES


def test_finding_6_tab_runs_content_first_then_back_next_and_start_moves_on(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(prereq, PrerequisitesPage)
    active(qtbot, wizard)
    assert QApplication.focusWidget() is prereq.start_button  # the thing to do, not "< Back"
    QTest.keyClick(prereq.start_button, Qt.Key.Key_Space)
    assert wizard.ctx.plan is not None
    assert QApplication.focusWidget() is wizard.button(wizard.WizardButton.NextButton)
    assert prereq.message.text() == "" and prereq.started.text().count("was started on") == 1  # said once
    assert wizard.page_of(PageId.PREREQUISITES).title().startswith("Step 2 of 10: ")
    QTest.keyClick(wizard.button(wizard.WizardButton.NextButton), Qt.Key.Key_Space)
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    order = [goals.goal_type]  # type: ignore[attr-defined]
    for _ in range(7):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    names = [w.accessibleName() or w.objectName() for w in order]
    back = names.index(wizard.button(wizard.WizardButton.BackButton).objectName())
    assert names[:5] == ["Goal type", "Goal description", "Date established (MM/DD/YYYY)",
                         "Estimated completion date (MM/DD/YYYY)", "Goal term"] and back == 5
    assert all(w is not None and w.isVisible() for w in order)  # no invisible stop


def test_finding_7_a_recorded_service_is_not_offered_again_and_ampersands_show(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store, Program.YOUTH)  # 468 recorded as delivered already
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    offered = [prereq.record_what.itemText(i) for i in range(prereq.record_what.count())]  # type: ignore[attr-defined]
    assert not any(text.startswith("Service 468") for text in offered), offered
    with store.unit_of_work(COACH) as uow:
        plan = plans.start_plan(uow, person.id, start_date=TODAY - timedelta(days=1))
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EDUCATIONAL, term=GoalTerm.SHORT,
                                             description="GED", established_on=TODAY,
                                             estimated_completion_on=TODAY + timedelta(days=100)))
        plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Research LMI & Occupations",
                                                justification="Choose a field", established_on=TODAY))
    other = make_wizard(store, person)
    walk_to(qtbot, other, PageId.OBJECTIVES)
    objectives = other.page_of(PageId.OBJECTIVES)
    assert isinstance(objectives, ObjectivesPage)
    objectives.table.setFocus()
    QTest.keyClick(objectives.table, Qt.Key.Key_Down)
    assert objectives.form_box.title() == "Change objective 'Research LMI && Occupations'"  # shows one "&"
    chips = [c.text() for c in objectives.chips]
    assert all("&" not in c.replace("&&", "") for c in chips)  # a title's "&" is never a shortcut


def test_finding_8_pdf_names_folder_and_overwrite(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.ui.test_wizard import sign_through_core
    person = ready_participant(store)
    sign_through_core(store, complete_plan(store, person))
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.DONE)
    done = wizard.page_of(PageId.DONE)
    assert isinstance(done, DonePage)
    office, mine = done.suggested_name("office"), done.suggested_name("participant")
    assert office == f"IEP-{person.id.replace('-', '')[:8]}-v1-office-copy.pdf" and mine != office
    for private in ("Ana", "Núñez", "Sofía", str(TODAY.year)):
        assert private not in office
    asked: list[Path] = []
    monkeypatch.setattr(done, "ask_path", lambda copy: str(tmp_path / done.suggested_name(copy)))
    def refuse(target: Path) -> bool:
        asked.append(target)
        return False

    monkeypatch.setattr(done, "confirm_overwrite", refuse)
    first = done.export("office")
    assert first is not None and first.read_bytes().startswith(b"%PDF") and asked == []
    assert done.folder() == tmp_path  # offered next time
    before = first.read_bytes()
    assert done.export("office") is None and asked == [first]  # asked, answered no: not replaced
    assert first.read_bytes() == before and "left as it was" in done.message.text()
    for button in (done.pdf_button, done.copy_button, done.print_button, done.close_button):
        assert "&" in button.text()  # Alt+letter on every button
    assert wizard.buttonText(wizard.WizardButton.FinishButton) == "&Finish"


def test_finding_9_the_participant_reads_what_they_sign(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.SIGNATURES)
    page = wizard.page_of(PageId.SIGNATURES)
    assert isinstance(page, SignaturesPage)
    text = page.summary.text()
    assert "Goal 1: Full-time welding job (by " in text
    assert "Step: Attend Occupational Training" in text and "with City Colleges" in text
    assert page.summary.font().pointSizeF() > page.summary_heading.font().pointSizeF() * 0.9
    assert not page.status_lines.isVisible()  # the fingerprint is behind "details"
    QTest.keyClick(page.details_button, Qt.Key.Key_Space)
    assert page.status_lines.isVisible() and "fingerprint" in page.status_lines.text()


def test_finding_10_every_control_and_row_is_44_px(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard], themed: QApplication,
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    for page_id in (PageId.ASSESSMENT, PageId.GOALS, PageId.OBJECTIVES, PageId.SERVICES):
        walk_to(qtbot, wizard, page_id)
        page = wizard.page_of(page_id)
        for widget in [*page.findChildren(QComboBox), *page.findChildren(QLineEdit), *page.findChildren(QAbstractButton)]:
            # (the calendar icon inside a date field is part of that 44-px field)
            if widget.isVisible() and not isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox, QLineEdit)):
                assert widget.height() >= 44, (page_id, widget.accessibleName(), widget.height())
    goal_box = wizard.page_of(PageId.SERVICES).findChild(QComboBox)
    assert goal_box is not None
    goal_box.showPopup()
    view = goal_box.view()
    assert view.visualRect(goal_box.model().index(0, 0)).height() >= 44
    goal_box.hidePopup()
