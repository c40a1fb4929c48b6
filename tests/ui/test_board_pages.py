"""Issue 16 on the wizard's pages, with real widgets on a real encrypted store: the participant's
background on the assessment page, a goal naming the goal it serves, the two kinds of R-S2
service told apart on the services page, and each board's own prerequisites."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from datetime import timedelta

from pytestqt.qtbot import QtBot

from iep_desktop.domain.models import (
    Assessment,
    AssessmentKind,
    Goal,
    GoalTerm,
    GoalType,
    Participant,
    Program,
    Service,
)
from iep_desktop.services import participants, plan_items, plans
from iep_desktop.services.snapshots import current_plan
from iep_desktop.store.store import Store
from tests.conftest import TODAY
from tests.ui.test_wizard import (  # noqa: F401 - make_wizard is a fixture
    COACH,
    click,
    complete_plan,
    make_wizard,
    ready_participant,
    type_text,
    walk_to,
)
from ui.wizard import PageId, PlanWizard
from ui.wizard.pages.assessment import AssessmentPage
from ui.wizard.pages.goals import GoalsPage
from ui.wizard.pages.objectives import ObjectivesPage
from ui.wizard.pages.prerequisites import PrerequisitesPage, prerequisites_of
from ui.wizard.pages.services import ServicesPage


def test_the_coach_records_the_background_on_the_assessment_page(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.ASSESSMENT)
    page = wizard.page_of(PageId.ASSESSMENT)
    assert isinstance(page, AssessmentPage)
    type_text(qtbot, page.background["education"], "GED, 2019")
    type_text(qtbot, page.background["work_history"], "Warehouse associate, 3 años")
    type_text(qtbot, page.background["credentials"], "Forklift certification")
    type_text(qtbot, page.background["job_skills"], "Inventory")
    click(qtbot, page.background_button)
    assert "Background saved" in page.background_status.text()
    with store.unit_of_work(COACH) as uow:
        saved = participants.get_participant(uow, person.id)
    assert (saved.education, saved.work_history, saved.credentials, saved.job_skills) == (
        "GED, 2019", "Warehouse associate, 3 años", "Forklift certification", "Inventory")
    # Occupational and service needs are fields of an assessment now, not a placeholder.
    type_text(qtbot, page.score, "Scale 512")
    type_text(qtbot, page.occupational_needs, "Needs a forklift licence")
    type_text(qtbot, page.service_needs, "Bus pass")
    click(qtbot, page.add_button)
    with store.unit_of_work(COACH) as uow:
        needs = [(a.occupational_needs, a.service_needs)
                 for a in uow.list(Assessment, participant_id=person.id)]
    assert ("Needs a forklift licence", "Bus pass") in needs


def test_leaving_the_page_saves_the_background(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.ASSESSMENT)
    page = wizard.page_of(PageId.ASSESSMENT)
    assert isinstance(page, AssessmentPage)
    type_text(qtbot, page.background["credentials"], "CPR")
    walk_to(qtbot, wizard, PageId.BARRIERS)
    with store.unit_of_work(COACH) as uow:
        assert participants.get_participant(uow, person.id).credentials == "CPR"


def test_a_goal_names_the_goal_it_serves(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    person = ready_participant(store)
    plan = complete_plan(store, person)
    with store.unit_of_work(COACH) as uow:
        career = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.LONG,
                                               description="Certified welding inspector", established_on=TODAY,
                                               estimated_completion_on=TODAY + timedelta(days=700)))
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.GOALS)
    page = wizard.page_of(PageId.GOALS)
    assert isinstance(page, GoalsPage)
    choices = [page.serves.itemText(i) for i in range(page.serves.count())]
    assert choices[0] == "None" and "Certified welding inspector (long-term)" in choices
    type_text(qtbot, page.description, "Forklift job")
    page.serves.setCurrentIndex(page.serves.findData(career.id))
    click(qtbot, page.add_button)
    with store.unit_of_work(COACH) as uow:
        added = [g for g in uow.list(Goal, plan_id=plan.id) if g.description == "Forklift job"]
    assert [g.serves_goal_id for g in added] == [career.id]


def _board_participant(store: Store, board: str, program: Program) -> Participant:
    with store.unit_of_work(COACH) as uow:
        return participants.create_participant(uow, Participant(
            first_name="Jordan", last_name="Reyes", program=program, board=board,
            eligibility_determined_on=TODAY - timedelta(days=30),
            credentials="CPR", work_history="Cashier, 2 years"))


def test_services_page_tells_a_same_day_service_from_the_plan_creation_service(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    person = _board_participant(store, "rivers_east_nc", Program.ADULT)
    start = TODAY - timedelta(days=20)
    with store.unit_of_work(COACH) as uow:
        day = start - timedelta(days=1)
        plan_items.add_service(uow, Service(participant_id=person.id, code="212", provider="Staff",
                                            planned_start=day, planned_end=day, actual_start=day))
        plans.start_plan(uow, person.id, start_date=start)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.SERVICES)
    page = wizard.page_of(PageId.SERVICES)
    assert isinstance(page, ServicesPage)
    page.code.setCurrentIndex(page.code.findData("205"))
    assert "plan-creation service" in page.same_day.text() and start.strftime("%m/%d/%Y") in page.same_day.text()
    assert page.start.date().toPython() == page.end.date().toPython() == start
    page.code.setCurrentIndex(page.code.findData("212"))
    assert page.same_day.text() == "" and not page.same_day.isVisible()


def test_a_same_day_service_on_chicago_ends_the_day_it_starts(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    person = _board_participant(store, "chicago_cook", Program.ADULT)
    start = TODAY - timedelta(days=20)
    with store.unit_of_work(COACH) as uow:
        day = start - timedelta(days=3)
        for code in ("207",):
            plan_items.add_service(uow, Service(participant_id=person.id, code=code, provider="Staff",
                                                planned_start=day, planned_end=day, actual_start=day))
        for kind in (AssessmentKind.OBJECTIVE_ASSESSMENT, AssessmentKind.CAREER_EXPLORATION):
            plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=kind,
                                                         taken_on=start - timedelta(days=5)))
        plans.start_plan(uow, person.id, start_date=start)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.SERVICES)
    page = wizard.page_of(PageId.SERVICES)
    assert isinstance(page, ServicesPage)
    page.code.setCurrentIndex(page.code.findData("224"))
    text = page.same_day.text()
    assert "starts and ends on one day" in text and "plan date" not in text
    page.start.setDate(page.start.date().addDays(14))  # weeks after the plan: correct (R-S2)
    assert page.end.date() == page.start.date()


def test_each_board_lists_its_own_prerequisites() -> None:
    from iep_desktop.profiles import load_profile

    def labels(board: str, program: Program) -> str:
        return " | ".join(p.label for p in prerequisites_of(load_profile(board), program))

    rivers_east = labels("rivers_east_nc", Program.ADULT)
    assert "Objective Assessment Summary" not in rivers_east
    assert "the first service provided, any code" in rivers_east and "Current skills assessed" in rivers_east
    assert "Objective Assessment Summary" in labels("chicago_cook", Program.ADULT)
    assert "entered after 03/10/2023" in labels("chicago_cook", Program.YOUTH)
    scpa = labels("scpa_works", Program.ADULT)
    assert "WIS02 entered" in scpa and "Career exploration" not in scpa


def test_rivers_east_prerequisites_page_offers_any_first_service(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    person = _board_participant(store, "rivers_east_nc", Program.YOUTH)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    page = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(page, PrerequisitesPage)
    offered = [page.record_what.itemText(i) for i in range(page.record_what.count())]
    assert any(o.startswith("Service 212") for o in offered)
    assert not any("469" in o for o in offered)  # the plan-creation service opens with the plan
    page.record_what.setCurrentIndex(next(i for i, o in enumerate(offered) if o.startswith("Service 212")))
    click(qtbot, page.record_button)
    assert "Recorded: Service 212" in page.record_message.text()
    click(qtbot, page.start_button)  # the first service was the only error (R-P2) on Rivers East
    with store.unit_of_work(COACH) as uow:
        started = current_plan(uow, person.id)
    assert started is not None and started.program is Program.YOUTH


def test_objectives_page_calls_the_list_the_boards_only_where_it_is(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    for board, expected in (("chicago_cook", "this app's default list"), ("rivers_east_nc", "the board's list")):
        person = _board_participant(store, board, Program.ADULT)
        with store.unit_of_work(COACH) as uow:
            plan_items.add_service(uow, Service(participant_id=person.id, code="207" if board == "chicago_cook" else "212",
                                                provider="Staff", planned_start=TODAY - timedelta(days=9),
                                                planned_end=TODAY - timedelta(days=9),
                                                actual_start=TODAY - timedelta(days=9)))
        wizard = make_wizard(store, person)
        page = wizard.page_of(PageId.OBJECTIVES)
        assert isinstance(page, ObjectivesPage)
        assert page.list_name == expected and expected in page.explanation()


def test_chicago_refuses_a_plan_started_before_the_prerequisites_recorded_today_and_says_each(
        qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]) -> None:
    """Chicago 002 l.21, 46-68: the OAS, the career exploration and the first service come before
    the IEP. Recorded today on the page, with the plan's start typed a week back, the start is
    refused, each late one named on the page, and no plan is made."""
    from tests.ui.test_date_field import type_date

    person = _board_participant(store, "chicago_cook", Program.ADULT)
    wizard = make_wizard(store, person)
    wizard.resize(1366, 768)  # a job-fair laptop: the message is below the fold until scrolled to
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    page = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(page, PrerequisitesPage)
    week_ago = TODAY - timedelta(days=7)
    type_date(qtbot, page.start_date, week_ago.strftime("%m/%d/%Y"))  # typed first, then the rest
    page.coach.setCurrentText("")
    type_text(qtbot, page.coach, "Coach Kim Ngô")
    coach = page.coach.currentText()
    for wanted in ("Objective assessment", "Career exploration", "Service 207"):
        index = next(i for i in range(page.record_what.count()) if page.record_what.itemText(i).startswith(wanted))
        page.record_what.setCurrentIndex(index)
        click(qtbot, page.record_button)
        assert "Recorded: " + wanted in page.record_message.text()
    assert page.start_date.date().toString("MM/dd/yyyy") == week_ago.strftime("%m/%d/%Y")
    # The checklist is as of the start typed: all three are late for it, none is "Done".
    rows = [page.checklist_model.item(i).text() for i in range(page.checklist_model.rowCount())]
    assert [r.startswith("Done") for r in rows] == [True, False, False, False], rows
    click(qtbot, page.start_button)
    shown = page.message.text()
    day, start = TODAY.strftime("%m/%d/%Y"), week_ago.strftime("%m/%d/%Y")
    lines = shown.splitlines()
    assert lines[0] == "The plan cannot start yet (R-P2). Still to do:"
    assert lines[1].startswith(f"\u2022 The Objective Assessment Summary is dated {day}, after the IEP starts on {start}")
    assert lines[2].startswith(f"\u2022 The career exploration is dated {day}")
    assert lines[3].startswith("\u2022 Service 207") and len(lines) == 4
    assert page.start_date.date().toString("MM/dd/yyyy") == start  # what was typed stays typed
    assert page.coach.currentText() == coach
    with store.unit_of_work(COACH) as uow:
        assert current_plan(uow, person.id) is None
    viewport = page.scroll_area.viewport()

    def message_in_view() -> bool:
        top = page.message.mapTo(viewport, page.message.rect().topLeft()).y()
        return 0 <= top and top + page.message.height() <= viewport.height()

    qtbot.wait(100)
    assert message_in_view()  # scrolled to, once the layout made room for it
    type_date(qtbot, page.start_date, TODAY.strftime("%m/%d/%Y"))  # the same day: it starts
    assert all(page.checklist_model.item(i).text().startswith("Done") for i in range(page.checklist_model.rowCount()))
    click(qtbot, page.start_button)
    with store.unit_of_work(COACH) as uow:
        started = current_plan(uow, person.id)
    assert started is not None and started.start_date == TODAY
