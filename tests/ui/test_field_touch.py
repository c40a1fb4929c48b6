"""Issue 13, findings 7 (smaller things), 8 (names and files), 9 (what is signed) and 10 (touch),
with real widgets on a real encrypted store. Finding 3 (screens) and finding 10 for every window
at every screen size: test_screens.py (a child process per screen size)."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget, QWizardPage
from pytestqt.qtbot import QtBot

from iep_desktop.domain.models import Goal, GoalTerm, GoalType, Objective, Participant, Plan, Program
from iep_desktop.services import coach, participants, plan_items, plans
from iep_desktop.store.store import Store
from iep_desktop.clock import FixedClock
from tests.conftest import PASSPHRASE, TODAY
from tests.ui.shell_helpers import settings, themed  # noqa: F401 - fixtures
from tests.ui.test_wizard import (  # noqa: F401 - make_wizard is a fixture
    COACH,
    complete_plan,
    make_wizard,
    ready_participant,
    sign_through_core,
    type_text,
    walk_to,
)
from tests.ui.touch_check import drop_down_rows, too_small
from ui import theme
from ui.settings import Settings
from ui.wizard import PageId, PlanWizard
from ui.wizard.pages import done as done_module
from ui.wizard.pages.barriers import BarriersPage
from ui.wizard.pages.done import DonePage
from ui.wizard.pages.objectives import ObjectivesPage
from ui.wizard.pages.prerequisites import PrerequisitesPage
from ui.wizard.pages.signatures import SignaturesPage


def press(widget: QWidget) -> None:
    """A key press on a button, as a keyboard user would (Space)."""
    QTest.keyClick(widget, Qt.Key.Key_Space)


def new_youth(store: Store) -> Participant:
    """A Chicago youth (the issue's ISS) with nothing recorded yet but eligibility: R-P2 has things to do."""
    with store.unit_of_work(COACH) as uow:
        return participants.create_participant(uow, Participant(
            first_name="Marisol", last_name="Quiñones", program=Program.YOUTH, board="chicago_cook",
            eligibility_determined_on=TODAY - timedelta(days=30)))


def offered(prereq: PrerequisitesPage) -> list[str]:
    return [prereq.record_what.itemText(i) for i in range(prereq.record_what.count())]


# -- Finding 7 ------------------------------------------------------------------------------------


def test_finding_7_record_list_moves_on_and_cannot_start_is_a_list_that_goes(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = new_youth(store)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(prereq, PrerequisitesPage)
    steps = [QWizardPage.title(wizard.page_of(page)) for page in PageId if page is not PageId.REVIEW_CHOICE]
    assert steps[1] == "Step 2 of 10: Before the plan" and steps[5] == "Step 6 of 10: Objectives", steps
    assert all(title.startswith(f"Step {n} of 10: ") and len(title) > 14 for n, title in enumerate(steps, 1))

    press(prereq.start_button)  # too early: what is still to do, one line each, beside the button
    text = prereq.message.text()
    lines = text.splitlines()
    assert lines[0] == "The plan cannot start yet (R-P2). Still to do:" and len(lines) >= 3, text
    assert all(line.startswith("\u2022 ") for line in lines[1:]), text
    assert wizard.ctx.plan is None
    layout = prereq.body
    assert layout.indexOf(prereq.message) > layout.indexOf(prereq.start_button)  # right under it

    recorded: list[str] = []
    while prereq.record_row.isVisible():
        choice = prereq.record_what.currentText()
        assert choice not in recorded, f"{choice} offered again after it was recorded"
        press(prereq.record_button)
        recorded.append(choice)
        assert choice not in offered(prereq), offered(prereq)  # the list moved on
        assert len(recorded) < 12
    assert any(r.startswith("Service ") for r in recorded), recorded
    assert "cannot start" not in prereq.message.text()  # gone once every prerequisite is done
    assert "can start" in prereq.message.text()
    assert wizard.focusWidget() is prereq.start_button  # the next thing to do

    press(prereq.start_button)
    assert wizard.ctx.plan is not None
    shown = [label.text() for label in prereq.findChildren(QLabel) if label.isVisible()]
    assert sum(text.count("was started on") for text in shown) == 1, shown  # said once


def plan_with_ampersand(store: Store, person: Participant) -> Plan:
    with store.unit_of_work(COACH) as uow:
        plan = plans.start_plan(uow, person.id, start_date=TODAY - timedelta(days=1))
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EDUCATIONAL, term=GoalTerm.SHORT,
                                             description="GED", established_on=TODAY,
                                             estimated_completion_on=TODAY + timedelta(days=100)))
        plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Research LMI & Occupations",
                                                justification="Choose a field", established_on=TODAY))
    return plan


def test_finding_7_ampersand_hint_and_headings(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    plan_with_ampersand(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.BARRIERS)
    barriers = wizard.page_of(PageId.BARRIERS)
    assert isinstance(barriers, BarriersPage) and barriers.model.rowCount() == 0
    header = barriers.table.horizontalHeader()
    for column in range(barriers.model.columnCount()):  # an empty table cuts no heading
        assert header.sectionSize(column) >= header.sectionSizeHint(column), (column, header.sectionSize(column))
    walk_to(qtbot, wizard, PageId.OBJECTIVES)
    objectives = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(objectives, ObjectivesPage)
    hints = [label.text() for label in objectives.findChildren(QLabel) if "saved" in label.text()]
    assert any("saved once its required fields are filled in" in h and "Add objective" in h
               for h in hints), hints  # when a record exists
    assert not any(h.startswith("Choose a saved objective to change it. Everything is saved") for h in hints)
    objectives.table.setFocus()
    QTest.keyClick(objectives.table, Qt.Key.Key_Down)
    assert objectives.editing() is not None
    # "&&" is how Qt shows one "&" (a single one would underline the next letter as a shortcut)
    assert objectives.form_box.title() == "Change objective 'Research LMI && Occupations'"
    assert all("&" not in chip.text().replace("&&", "") for chip in objectives.chips)


# -- Finding 8 ------------------------------------------------------------------------------------


def test_finding_8_coach_name_asked_once_per_store_and_remembered(
    qtbot: QtBot, store: Store, store_path: Path, clock: FixedClock,
) -> None:
    login = getpass.getuser()  # how the app is started on a laptop: as the computer's login
    first, second = ready_participant(store), ready_participant(store)
    wizard = PlanWizard(store, first.id, login)
    qtbot.addWidget(wizard)
    wizard.show()
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(prereq, PrerequisitesPage)
    assert prereq.coach.currentText() == ""  # never "root": asked
    press(prereq.start_button)
    assert wizard.ctx.plan is None and "Career coach" in prereq.message.text()
    assert wizard.focusWidget() in (prereq.coach, prereq.coach.lineEdit())
    type_text(qtbot, prereq.coach.lineEdit(), "Dana Peña")
    press(prereq.start_button)
    assert wizard.ctx.plan is not None and wizard.ctx.plan.coach_name == "Dana Peña"
    wizard.close()

    store.close()
    with Store.open(store_path, PASSPHRASE, clock=clock) as again:  # the name is in the store itself
        with again.unit_of_work(login) as uow:
            assert coach.coach_name(uow) == "Dana Peña"
        later = PlanWizard(again, second.id, login)
        qtbot.addWidget(later)
        later.show()
        walk_to(qtbot, later, PageId.PREREQUISITES)
        page = later.page_of(PageId.PREREQUISITES)
        assert isinstance(page, PrerequisitesPage)
        assert page.coach.currentText() == "Dana Peña"  # pre-filled, not asked again
        later.close()


def test_finding_8_pdf_names_folder_overwrite_and_print(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard], tmp_path: Path,
    settings: Settings, monkeypatch: pytest.MonkeyPatch,
) -> None:
    one, two = ready_participant(store), ready_participant(store)
    plan_one = complete_plan(store, one)
    sign_through_core(store, plan_one)
    sign_through_core(store, complete_plan(store, two))
    wizard = make_wizard(store, one)
    walk_to(qtbot, wizard, PageId.DONE)
    done = wizard.page_of(PageId.DONE)
    assert isinstance(done, DonePage)
    office, mine = done.suggested_name("office"), done.suggested_name("participant")
    assert office == f"IEP-{plan_one.id.replace('-', '')[:8]}-v1-office-copy-{TODAY.isoformat()}.pdf"
    assert mine != office and "participant-copy" in mine
    for private in ("Ana", "Núñez", "Sofía", one.id):
        assert private not in office
    other = make_wizard(store, two)
    walk_to(qtbot, other, PageId.DONE)
    assert other.page_of(PageId.DONE).suggested_name("office") != office  # type: ignore[attr-defined]
    text = " ".join(label.text() for label in done.findChildren(QLabel))
    assert "Office copy:" in text and "Participant copy:" in text  # what each copy is for

    folder = tmp_path / "pdfs"
    folder.mkdir()
    monkeypatch.setattr(done, "ask_path", lambda copy: str(done.folder() / done.suggested_name(copy)))
    asked: list[Path] = []

    def refuse(target: Path) -> bool:
        asked.append(target)
        return False

    monkeypatch.setattr(done, "confirm_overwrite", refuse)
    assert done.folder() == Path.home()  # nothing remembered yet
    settings.pdf_folder = str(folder)  # as if the dialog had been pointed there once
    first = done.export("office")
    assert first is not None and first.parent == folder and first.read_bytes().startswith(b"%PDF")
    assert Settings().pdf_folder == str(folder) and done.folder() == folder  # remembered
    before = first.read_bytes()
    assert done.export("office") is None and asked == [first]  # asked; answered no: left alone
    assert first.read_bytes() == before and "left as it was" in done.message.text()

    # Print where there is no print queue (Windows): the copy is saved and the PDF viewer prints.
    monkeypatch.setattr(done_module.shutil, "which", lambda _name: None)
    opened: list[Path] = []
    monkeypatch.setattr(done, "open_in_viewer", lambda target: opened.append(target) or True)
    press(done.print_button)
    assert len(opened) == 1 and opened[0].name == done.suggested_name("participant")
    assert opened[0].read_bytes().startswith(b"%PDF") and "PDF viewer" in done.message.text()


# -- Finding 9 ------------------------------------------------------------------------------------


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
    assert "fingerprint" not in text.casefold() and "draft" not in text.casefold()
    assert page.summary.font().pointSizeF() >= QApplication.font().pointSizeF() * 1.2  # large type
    assert not page.status_lines.isVisible()  # the fingerprint is behind "details"
    press(page.details_button)
    assert page.status_lines.isVisible() and "fingerprint" in page.status_lines.text()


# -- Finding 10 -----------------------------------------------------------------------------------


def test_finding_10_every_control_and_row_of_the_wizard_is_44_px(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard], themed: QApplication,
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    seen = 0
    while True:
        QApplication.processEvents()
        small = too_small(wizard)
        assert small == [], (wizard.currentId(), small)
        seen += 1
        if wizard.currentId() == int(PageId.SIGNATURES):
            break
        walk_to(qtbot, wizard, PageId(wizard.currentId() + 1))
    assert seen == 9
    box = next(b for b in wizard.page_of(PageId.SERVICES).findChildren(QComboBox) if b.count() > 3)
    assert min(drop_down_rows(box)) >= theme.TOUCH_PX


def test_finding_7_step_indicator_and_folded_explanation_survive_a_language_switch(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard],
) -> None:
    from ui.i18n import set_language

    person = ready_participant(store)
    wizard = make_wizard(store, person)
    goals = wizard.page_of(PageId.GOALS)
    explanation = goals.explanation()
    assert explanation and QWizardPage.title(goals) == "Step 5 of 10: Goals"
    if goals.subTitle() == "":  # a short screen: the explanation scrolls with the page
        assert goals.findChild(QLabel, "page_explanation").text() == explanation
    try:
        set_language("es")
        QApplication.processEvents()
        title = QWizardPage.title(goals)
        assert "5" in title and "10" in title and title != "Step 5 of 10: ", title  # still numbered
        assert goals.explanation(), "the explanation is still there"
        assert (goals.subTitle() == "") == (goals.findChild(QLabel, "page_explanation") is not None)
    finally:
        set_language("en")
        QApplication.processEvents()
    assert QWizardPage.title(goals) == "Step 5 of 10: Goals" and goals.explanation() == explanation
