"""Use cases over a real encrypted store: each writes its records, its change log and its audit event."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from iep_desktop.demo import build_demo_records
from iep_desktop.domain import rules
from iep_desktop.domain.findings import Severity
from iep_desktop.domain.models import (
    CaseNoteKind,
    Assessment, AssessmentKind, Barrier, BarrierGroup, CaseNote, Goal, GoalTerm, GoalType,
    ItemStatus, NextSteps, Objective, Outcome, Participant, Plan, PlanStatus, Program,
    ReviewOutcome, Service,
)
from iep_desktop.errors import InvalidInput, RuleViolation
from iep_desktop.profiles import available_profiles, load_profile
from iep_desktop.services import notes, participants, plan_items, plans
from iep_desktop.services.snapshots import load_snapshot
from iep_desktop.store.store import Store
from iep_desktop.store.tables import audit_events
from tests.conftest import TODAY

START = TODAY - timedelta(days=5)


def ready_participant(store: Store, program: Program = Program.ADULT, board: str = "default") -> Participant:
    """A participant who meets the default board's prerequisites (R-P2)."""
    with store.unit_of_work("coach") as uow:
        person = participants.create_participant(uow, Participant(
            first_name="Ana-Sofía", last_name="Núñez", program=program, board=board,
            eligibility_determined_on=START - timedelta(days=10)))
        for kind in (AssessmentKind.OBJECTIVE_ASSESSMENT, AssessmentKind.CAREER_EXPLORATION):
            plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=kind, taken_on=START - timedelta(days=7)))
        plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=AssessmentKind.TABE_MATH,
                                                     taken_on=START - timedelta(days=7), grade_level=Decimal("10.2")))
        first = "207" if program is not Program.YOUTH else "468"
        plan_items.add_service(uow, Service(participant_id=person.id, code=first, provider="Staff",
                                            planned_start=START - timedelta(days=6), planned_end=START - timedelta(days=6),
                                            actual_start=START - timedelta(days=6), actual_end=START - timedelta(days=6)))
    return person


def complete_plan(store: Store, person: Participant) -> Plan:
    with store.unit_of_work("coach") as uow:
        plan = plans.start_plan(uow, person.id, start_date=START)
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                             description="Full-time welding job", established_on=START,
                                             estimated_completion_on=START + timedelta(days=150)))
        objective = plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Attend Occupational Training",
                                                            justification="Needs AWS certification", established_on=START))
        plan_items.add_service(uow, Service(participant_id=person.id, plan_id=plan.id, code="300", provider="City Colleges",
                                            planned_start=START, planned_end=START + timedelta(days=90), objective_ids=[objective.id]))
        plan_items.add_barrier(uow, Barrier(plan_id=plan.id, group=BarrierGroup.PERSONAL, category="transportation",
                                            step="Bus pass (supportive service 500)"))
    return plan


def test_a_complete_plan_has_no_errors_and_every_step_is_audited(store: Store) -> None:
    person = ready_participant(store)
    plan = complete_plan(store, person)
    with store.unit_of_work("coach") as uow:
        findings = plans.plan_findings(uow, person.id)
        actions = uow.c.execute(select(audit_events.c.action).order_by(audit_events.c.seq)).scalars().all()
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert actions[-5:] == ["plan.start", "goal.add", "objective.add", "service.add", "barrier.add"]
    assert store.verify().ok
    with store.unit_of_work("coach") as uow:
        snap = load_snapshot(uow, person.id)
    assert snap.plan is not None and snap.plan.id == plan.id
    assert snap.objectives[0].review_on == START + timedelta(days=90)  # R-O2 default


def test_one_open_plan_per_participant(store: Store) -> None:
    person = ready_participant(store)
    plan = complete_plan(store, person)
    with pytest.raises(RuleViolation, match=r"already has an open plan.*\(R-P1\)"), store.unit_of_work("coach") as uow:
        plans.start_plan(uow, person.id)
    with store.unit_of_work("coach") as uow:
        closed = plans.close_plan(uow, plan.id, TODAY, "Program exit")
        assert closed.status is PlanStatus.CLOSED
        assert plans.start_plan(uow, person.id).status is PlanStatus.OPEN


def test_prerequisites_block_a_plan_with_the_rule_id(store: Store) -> None:
    with store.unit_of_work("coach") as uow:
        person = participants.create_participant(uow, Participant(first_name="Renée", last_name="Dvořák",
                                                                  program=Program.ADULT, board="default"))
    with pytest.raises(RuleViolation, match=r"R-P2") as refused, store.unit_of_work("coach") as uow:
        plans.start_plan(uow, person.id)
    assert str(refused.value).count("(R-P2)") == 1 and str(refused.value).endswith("(R-P2)"), refused.value
    with store.unit_of_work("coach") as uow:
        assert uow.list(Plan, participant_id=person.id) == []


def test_objectives_need_a_goal_of_the_same_plan(store: Store) -> None:
    plan = complete_plan(store, ready_participant(store))
    with pytest.raises(RuleViolation, match="R-G6"), store.unit_of_work("coach") as uow:
        plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id="no-such-goal", title="Attend Tutoring",
                                                established_on=START))


def test_unknown_service_code_is_refused(store: Store) -> None:
    person = ready_participant(store)
    with pytest.raises(RuleViolation, match="R-S1"), store.unit_of_work("coach") as uow:
        plan_items.add_service(uow, Service(participant_id=person.id, code="999", provider="x",
                                            planned_start=START, planned_end=START))


def test_closing_goals_and_objectives_records_outcome_and_date(store: Store) -> None:
    plan = complete_plan(store, ready_participant(store))
    with store.unit_of_work("coach") as uow:
        goal = uow.list(Goal, plan_id=plan.id)[0]
        objective = uow.list(Objective, plan_id=plan.id)[0]
        closed_o = plan_items.close_objective(uow, objective.id, TODAY, Outcome.SUCCESSFUL)
        closed_g = plan_items.close_goal(uow, goal.id, TODAY, Outcome.SUCCESSFUL)
    assert (closed_o.status, closed_o.outcome, closed_o.closed_on) == (ItemStatus.CLOSED, Outcome.SUCCESSFUL, TODAY)
    assert (closed_g.status, closed_g.close_reason) == (ItemStatus.CLOSED, Outcome.SUCCESSFUL)
    with pytest.raises(InvalidInput, match="before"), store.unit_of_work("coach") as uow:
        plan_items.close_goal(uow, goal.id, START - timedelta(days=30), Outcome.UNSUCCESSFUL)


def test_a_closed_plan_cannot_be_edited(store: Store) -> None:
    plan = complete_plan(store, ready_participant(store))
    with store.unit_of_work("coach") as uow:
        plans.close_plan(uow, plan.id, TODAY, "Program exit")
    with pytest.raises(InvalidInput, match="closed"), store.unit_of_work("coach") as uow:
        plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.TRAINING, term=GoalTerm.SHORT,
                                      description="GED", established_on=TODAY, estimated_completion_on=TODAY))


def test_reviews_write_their_case_notes(store: Store) -> None:
    plan = complete_plan(store, ready_participant(store))
    with store.unit_of_work("coach") as uow:
        quiet = notes.record_review(uow, plan.id, ReviewOutcome.NO_CHANGE)
        changed = notes.record_review(uow, plan.id, ReviewOutcome.UPDATED, story="Added a CDL objective.")
        titles = {n.id: n.title for n in uow.list(CaseNote, plan_id=plan.id)}
    assert titles[quiet.case_note_id] == "IEP/ISS Review"
    assert titles[changed.case_note_id] == "IEP/ISS Review/Update"


def test_case_note_corrections_point_at_the_note(store: Store) -> None:
    person = ready_participant(store)
    with store.unit_of_work("coach") as uow:
        first = notes.add_case_note(uow, CaseNote(participant_id=person.id, title="Intake", story="Came in on 11/02.",
                                                  written_at=store.clock.now()))
        fix = notes.add_case_note(uow, CaseNote(participant_id=person.id, title="Correction", story="It was 11/03.",
                                                corrects_id=first.id, written_at=store.clock.now(),
                                                next_steps=NextSteps(goal="Resume", how="Workshop", deadline=TODAY)))
    assert fix.corrects_id == first.id and fix.author == "coach"
    with pytest.raises(InvalidInput, match="earlier note"), store.unit_of_work("coach") as uow:
        notes.add_case_note(uow, CaseNote(participant_id=person.id, title="x", story="y", corrects_id="nope",
                                          written_at=store.clock.now()))


def test_every_demo_plan_meets_its_boards_error_rules() -> None:
    """The demo fills all five boards; a demo plan must be signable on each."""
    records = build_demo_records(participants=150, seed=3, today=TODAY)
    by_kind: dict[str, list] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    assert {p.board for p in by_kind["participant"]} == set(available_profiles())
    for person in by_kind["participant"]:
        mine = lambda kind, key="participant_id": [r for r in by_kind.get(kind, []) if getattr(r, key) == person.id]  # noqa: E731, B023 - used in this iteration
        plan = next(iter(mine("plan")), None)
        if plan is None:
            continue
        of_plan = lambda kind: [r for r in by_kind.get(kind, []) if getattr(r, "plan_id", None) == plan.id]  # noqa: E731, B023 - used in this iteration
        from iep_desktop.domain.models import PlanSnapshot

        snapshot = PlanSnapshot(participant=person, plan=plan, assessments=mine("assessment"), services=mine("service"),
                                case_notes=mine("case_note"), goals=of_plan("goal"), objectives=of_plan("objective"),
                                barriers=of_plan("barrier"), reviews=of_plan("review"))
        errors = [f for f in rules.evaluate(snapshot, load_profile(person.board), TODAY) if f.blocks]
        assert errors == [], (person.board, person.program, errors)


def test_writing_a_case_note_refuses_missing_board_parts_and_joins_the_open_plan(store: Store) -> None:
    strict = next(b for b in available_profiles() if load_profile(b).case_notes.require_next_steps)
    with store.unit_of_work("coach") as uow:
        person = participants.create_participant(uow, Participant(first_name="Tomás", last_name="Ruiz",
                                                                  program=Program.ADULT, board=strict))
    # The board's structure is for incentive notes (SCPa IV.A, R-C1): one without it is refused.
    with pytest.raises(InvalidInput, match=r"R-C1") as refused, store.unit_of_work("coach") as uow:
        notes.write_case_note(uow, CaseNote(participant_id=person.id, title="Incentive", story="Talked.",
                                            written_at=store.clock.now(), note_kind=CaseNoteKind.INCENTIVE))
    assert "next steps" in str(refused.value)
    with store.unit_of_work("coach") as uow:
        assert notes.case_notes(uow, person.id) == []  # nothing was saved
        note = notes.write_case_note(uow, CaseNote(
            participant_id=person.id, title="Incentive", story="Talked.", figures="2 applications",
            next_steps=NextSteps(goal="Resume", how="Workshop", deadline=TODAY), follow_up_on=TODAY + timedelta(days=7),
            written_at=store.clock.now(), note_kind=CaseNoteKind.INCENTIVE))
        # An ordinary note needs only a title and a story, on this board too.
        notes.write_case_note(uow, CaseNote(participant_id=person.id, title="Visit", story="Talked.",
                                            written_at=store.clock.now()))
    assert note.plan_id is None  # no plan yet
    plan = complete_plan(store, other := ready_participant(store))
    with store.unit_of_work("coach") as uow:
        joined = notes.write_case_note(uow, CaseNote(participant_id=other.id, title="Visit", story="Talked.",
                                                     written_at=store.clock.now()))
    assert joined.plan_id == plan.id


def test_case_notes_come_newest_first_with_a_correction_before_its_note(store: Store) -> None:
    person = ready_participant(store)
    with store.unit_of_work("coach") as uow:
        first = notes.add_case_note(uow, CaseNote(participant_id=person.id, title="Intake", story="a",
                                                  written_at=store.clock.now()))
        fix = notes.add_case_note(uow, CaseNote(participant_id=person.id, title="Correction", story="b",
                                                corrects_id=first.id, written_at=store.clock.now()))
        assert [n.id for n in notes.case_notes(uow, person.id)] == [fix.id, first.id]


def test_where_the_coach_was_is_remembered_in_the_store_until_a_clean_close(store: Store) -> None:
    from iep_desktop.services.work_in_progress import (
        OpenPlan, forget_open_plan, open_plans_left_behind, remember_open_plan,
    )

    person = ready_participant(store)
    with store.unit_of_work("coach") as uow:
        remember_open_plan(uow, OpenPlan(person.id, "objectives", draft={"custom_title": "Pass the CNA exam"}))
    with store.unit_of_work("coach") as uow:
        assert open_plans_left_behind(uow) == [OpenPlan(person.id, "objectives", None, {"custom_title": "Pass the CNA exam"})]
        uow.set_meta("ui.open_plans", "{not json")  # damaged: never blocks opening
        assert open_plans_left_behind(uow) == []
        remember_open_plan(uow, OpenPlan(person.id, "goals"))
        forget_open_plan(uow, person.id)
        assert open_plans_left_behind(uow) == []


def test_the_caseload_gives_names_first_and_the_same_statuses_after(store: Store) -> None:
    from iep_desktop.services.caseload import case_statuses, caseload_page, caseload_people

    complete_plan(store, ready_participant(store))
    with store.unit_of_work("coach") as uow:
        full, _ = caseload_page(uow, "")
        names, more = caseload_people(uow, "")
        assert not more and [r.participant.id for r in names] == [r.participant.id for r in full]
        assert all(r.status is None for r in names)
        filled = case_statuses(uow, [r.participant.id for r in names])
    assert [filled[r.participant.id] for r in names] == full
