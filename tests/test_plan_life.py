"""The plan's life after signing, on real encrypted stores: services recorded as they happen
(R-S3), objectives and goals closed and reopened (R-O4, R-G4, R-P4), reviews that meet each
board's rules (R-V1, R-V2, R-V3, R-C1), the exit and the next plan (R-V4, R-P1), and what needs
the coach this week. Each board's own profile is used where the boards differ."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from iep_desktop.clock import FixedClock
from iep_desktop.domain import rules
from iep_desktop.domain.models import (
    Assessment, AssessmentKind, CaseNote, CaseNoteKind, Goal, GoalTerm, GoalType, ItemStatus, MeetingKind,
    Objective, Outcome, Participant, Plan, PlanStatus, Program, ReviewOutcome, Service, ServiceStatus, SignerRole,
)
from iep_desktop.domain.strokes import synthetic_ink
from iep_desktop.errors import InvalidInput, RuleViolation
from iep_desktop.profiles import load_profile
from iep_desktop.services import notes, participants, plan_items, plan_life, plans, printing, signing
from iep_desktop.services.caseload import CaseStatus, case_statuses
from iep_desktop.services.plan_life import Delivery
from iep_desktop.services.snapshots import load_snapshot, plans_of
from iep_desktop.store.store import Store
from iep_desktop.store.tables import audit_events
from tests.conftest import TODAY

START = TODAY - timedelta(days=20)


def ready(store: Store, board: str, program: Program = Program.ADULT) -> Participant:
    """A participant who meets the board's prerequisites (R-P2), first service delivered."""
    profile = load_profile(board)
    with store.unit_of_work("coach") as uow:
        person = participants.create_participant(uow, Participant(
            first_name="Zoë", last_name="Okafor", program=program, board=board,
            eligibility_determined_on=START - timedelta(days=10)))
        kinds = {AssessmentKind.OBJECTIVE_ASSESSMENT, AssessmentKind.CAREER_EXPLORATION,
                 *profile.prerequisites.required_assessments}
        for kind in kinds:
            plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=kind,
                                                         taken_on=START - timedelta(days=7),
                                                         grade_level=Decimal("10.5") if "tabe" in kind.value else None))
        pre = profile.prerequisites
        codes = pre.ordered_services.get(program, []) or pre.first_service_codes.get(program, [])[:1] or ["210"]
        for offset, code in enumerate(codes):
            day = START - timedelta(days=6 - offset)
            plan_items.add_service(uow, Service(participant_id=person.id, code=code, provider="Staff",
                                                planned_start=day, planned_end=day, actual_start=day, actual_end=day,
                                                status=ServiceStatus.COMPLETED))
    return person


def test_on_chicago_a_plan_cannot_start_before_its_assessments_and_first_service(store: Store) -> None:
    """Chicago 002 l.21, 46-68 (CH-4, CH-13-15): the OAS, the career exploration and the first
    participation service come before the IEP. ready() dates them 7 and 6 days before START."""
    person = ready(store, "chicago_cook")
    early = START - timedelta(days=8)  # after eligibility (START - 10), before all three
    with store.unit_of_work("coach") as uow:
        with pytest.raises(RuleViolation, match=r"R-P2") as refused:
            plans.start_plan(uow, person.id, start_date=early)
        assert plans_of(uow, person.id) == []
    message = str(refused.value)
    assert "Objective Assessment Summary is dated" in message and "career exploration is dated" in message
    assert "Service 207" in message
    with store.unit_of_work("coach") as uow:
        assert plans.start_plan(uow, person.id, start_date=START).start_date == START


def signed_plan(store: Store, person: Participant, *, objectives: int = 2) -> tuple[Plan, list[Objective], Service]:
    with store.unit_of_work("coach") as uow:
        plan = plans.start_plan(uow, person.id, start_date=START)
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                             description="Full-time welding job", established_on=START,
                                             estimated_completion_on=START + timedelta(days=150)))
        made = [plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title=title,
                                                        justification="Needed for the goal", established_on=START))
                for title in ("Develop / Revise Resume", "Attend Occupational Training")[:objectives]]
        service = plan_items.add_service(uow, Service(
            participant_id=person.id, plan_id=plan.id, code="212", provider="Job Center",
            planned_start=START + timedelta(days=1), planned_end=START + timedelta(days=30),
            objective_ids=[made[0].id]))
    sign(store, plan)
    return plan, made, service


def sign(store: Store, plan: Plan) -> None:
    with store.unit_of_work("coach") as uow:
        signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="Zoë Okafor", ink=synthetic_ink(1))
        signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name="Coach Kim", ink=synthetic_ink(2))


def findings(store: Store, person: Participant, rule_id: str, today: date = TODAY) -> list[str]:
    with store.unit_of_work("coach") as uow:
        return [f"{f.severity.value}: {f.message}" for f in plans.plan_findings(uow, person.id, today=today)
                if f.rule_id == rule_id]


DELIVERED = Delivery(status=ServiceStatus.COMPLETED, actual_start=START + timedelta(days=2),
                     actual_end=START + timedelta(days=9), outcome="Resume finished",
                     funding_source="WIOA Adult", amount=Decimal("40.00"), comments="Came to every session.")


# -- R-S3: services as they happen ----------------------------------------------------------------

def test_a_delivery_without_its_dates_is_refused_and_nothing_changes(store: Store) -> None:
    person = ready(store, "default")
    _plan, _, service = signed_plan(store, person)
    with pytest.raises(InvalidInput, match=r"actually ended.*\(R-S3\)"), store.unit_of_work("coach") as uow:
        plan_life.record_delivery(uow, service.id, Delivery(status=ServiceStatus.COMPLETED,
                                                            actual_start=START + timedelta(days=2)))
    with pytest.raises(InvalidInput, match=r"say why"), store.unit_of_work("coach") as uow:
        plan_life.record_delivery(uow, service.id, Delivery(status=ServiceStatus.NOT_COMPLETED))
    with pytest.raises(InvalidInput, match=r"in the future"), store.unit_of_work("coach") as uow:
        plan_life.record_delivery(uow, service.id, Delivery(status=ServiceStatus.IN_PROGRESS,
                                                            actual_start=TODAY + timedelta(days=1)))
    with store.unit_of_work("coach") as uow:
        assert uow.get(Service, service.id) == service


def test_a_delivered_service_prints_its_status_and_actual_dates(store: Store) -> None:
    person = ready(store, "default")
    _plan, _, service = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        saved = plan_life.record_delivery(uow, service.id, DELIVERED)
        pdf = printing.plan_pdf(uow, person.id)
    assert (saved.status, saved.outcome, saved.amount) == (ServiceStatus.COMPLETED, "Resume finished", Decimal("40.00"))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Completed" in text and "Services as delivered" in text and "DRAFT" not in text
    assert f"{DELIVERED.actual_start:%m/%d/%Y}" in text and f"{DELIVERED.actual_end:%m/%d/%Y}" in text


@pytest.mark.parametrize(("board", "state"), [
    ("chicago_cook", "signed"),       # a new form only when a goal changes (002 section 3)
    ("new_jersey", "signed"),         # delivery is documented, not a change of the agreed plan
    ("rivers_east_nc", "signed"),     # only a modification or addition is signed again
    ("scpa_works", "awaiting signature"),  # 003 III.A: updated and signed each time a service element completes
])
def test_whether_a_delivered_service_needs_new_signatures_is_the_boards(store: Store, board: str, state: str) -> None:
    person = ready(store, board)
    plan, _, service = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        plan_life.record_delivery(uow, service.id, DELIVERED)
        assert signing.sign_status(uow, plan.id).state.value == state
        assert case_statuses(uow, [person.id])[person.id].status.value == state  # type: ignore[union-attr]


def test_scpa_asks_for_a_review_when_a_service_is_completed_and_chicago_does_not(store: Store) -> None:
    for board, expected in (("scpa_works", 1), ("chicago_cook", 0)):
        person = ready(store, board)
        _, _, service = signed_plan(store, person)
        with store.unit_of_work("coach") as uow:
            plan_life.record_delivery(uow, service.id, DELIVERED)
        said = [m for m in findings(store, person, "R-S3") if "review the plan" in m]
        assert len(said) == expected, (board, said)
        if expected:
            with store.unit_of_work("coach") as uow:
                notes.record_review(uow, plans_of(uow, person.id)[0].id, ReviewOutcome.UPDATED)
            assert not [m for m in findings(store, person, "R-S3") if "review the plan" in m]


def test_a_planned_end_that_passed_is_shown_as_strongly_as_the_board_asks(store: Store) -> None:
    later = START + timedelta(days=45)
    for board, severity in (("new_jersey", "warning"), ("chicago_cook", "suggestion")):
        person = ready(store, board)
        signed_plan(store, person)
        assert [m.split(":")[0] for m in findings(store, person, "R-S3", later) if "planned to end" in m] == [severity]


def test_recording_a_service_at_a_job_fair_needs_no_plan(store: Store) -> None:
    person = ready(store, "default")
    with store.unit_of_work("coach") as uow:
        quick = plan_life.quick_service(uow, person.id, "212", comments="Attended the resume workshop")
        assert (quick.plan_id, quick.status, quick.actual_start, quick.actual_end) == (
            None, ServiceStatus.COMPLETED, TODAY, TODAY)
        with pytest.raises(RuleViolation, match="R-S1"):
            plan_life.quick_service(uow, person.id, "NOPE")
    plan, _, _ = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        assert plan_life.quick_service(uow, person.id, "210").plan_id == plan.id  # joins the open plan


# -- R-O4, R-G4, R-P4: close and reopen --------------------------------------------------------------

def test_closing_the_last_open_objective_is_refused_while_the_plan_is_open(store: Store) -> None:
    person = ready(store, "default")
    _, (first, second), _ = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        closed = plan_life.close_objective(uow, first.id, TODAY, Outcome.SUCCESSFUL)
    assert (closed.status, closed.outcome, closed.closed_on) == (ItemStatus.CLOSED, Outcome.SUCCESSFUL, TODAY)
    with pytest.raises(RuleViolation, match="R-P4"), store.unit_of_work("coach") as uow:
        plan_life.close_objective(uow, second.id, TODAY, Outcome.SUCCESSFUL)
    with pytest.raises(RuleViolation, match="R-P4"), store.unit_of_work("coach") as uow:
        plan_life.close_goal(uow, second.goal_id, TODAY, Outcome.SUCCESSFUL)


def test_a_goal_closed_before_one_of_its_objectives_began_is_refused_and_nothing_closes(store: Store) -> None:
    person = ready(store, "default")
    plan, _, _ = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.TRAINING,
                                             term=GoalTerm.SHORT, description="Forklift certificate",
                                             established_on=START, estimated_completion_on=START + timedelta(days=90)))
        early, late = (plan_items.add_objective(uow, Objective(
            plan_id=plan.id, goal_id=goal.id, title=title, justification="Needed", established_on=day))
            for title, day in (("Attend Occupational Training", START), ("Obtain a Credential", START + timedelta(days=10))))
    with pytest.raises(InvalidInput, match=r"'Obtain a Credential' of this goal was established on .*\(R-G4\)\.$"), \
            store.unit_of_work("coach") as uow:
        plan_life.close_goal(uow, goal.id, START + timedelta(days=5), Outcome.SUCCESSFUL)
    with store.unit_of_work("coach") as uow:
        assert {uow.get(Objective, o.id).status for o in (early, late)} == {ItemStatus.OPEN}
        assert uow.get(Goal, goal.id).status is ItemStatus.OPEN
        plan_life.close_goal(uow, goal.id, START + timedelta(days=10), Outcome.SUCCESSFUL)
        closed_on = {uow.get(Objective, o.id).closed_on for o in (early, late)}
    assert closed_on == {START + timedelta(days=10)}  # each on the day typed for the goal


def test_a_closing_made_by_mistake_is_reopened_and_stays_on_the_record(store: Store) -> None:
    person = ready(store, "default")
    _, (first, _), _ = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        plan_life.close_objective(uow, first.id, TODAY, Outcome.UNSUCCESSFUL)
        with pytest.raises(InvalidInput, match="Say why"):
            plan_life.reopen_objective(uow, first.id, " ")
        reopened = plan_life.reopen_objective(uow, first.id, "Closed the wrong objective")
        with pytest.raises(InvalidInput, match="open already"):
            plan_life.reopen_objective(uow, first.id, "again")
        actions = [row.action for row in uow.c.execute(audit_events.select().where(audit_events.c.record_id == first.id))]
    assert reopened.status is ItemStatus.OPEN and reopened.outcome is None and reopened.closed_on is None
    assert [(r.closed_on, r.outcome, r.reason) for r in reopened.reopenings] == [
        (TODAY, Outcome.UNSUCCESSFUL, "Closed the wrong objective")]
    assert actions[-2:] == ["objective.close", "objective.reopen"]


# -- R-V1, R-V2, R-V3, R-C1: reviews -------------------------------------------------------------------

def test_scpa_review_with_no_change_writes_a_note_its_own_rules_accept(store: Store) -> None:
    person = ready(store, "scpa_works")
    plan, _, _ = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        review = notes.record_review(uow, plan.id, ReviewOutcome.NO_CHANGE)
        note = uow.get(CaseNote, review.case_note_id or "")
    assert note.note_kind is CaseNoteKind.REVIEW and note.title == "IEP/ISS Review"
    assert findings(store, person, "R-C1") == [] and findings(store, person, "R-V2") == []


def _change_and_sign(store: Store, plan: Plan) -> None:
    with store.unit_of_work("coach") as uow:
        goal = uow.list(Goal, plan_id=plan.id)[0]
        plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Attend Interviews",
                                                justification="Two interviews a month", established_on=TODAY))
        assert signing.sign_status(uow, plan.id).state.value == "awaiting signature"
    sign(store, plan)


def test_rivers_east_update_opens_20a_records_the_meeting_and_closes_it_when_signed_again(store: Store) -> None:
    person = ready(store, "rivers_east_nc")
    plan, _, _ = signed_plan(store, person)
    with pytest.raises(InvalidInput, match=r"face-to-face, telephone or virtual \(R-V3\)"), \
            store.unit_of_work("coach") as uow:
        notes.record_review(uow, plan.id, ReviewOutcome.UPDATED)
    with store.unit_of_work("coach") as uow:
        review = notes.record_review(uow, plan.id, ReviewOutcome.UPDATED, meeting_kind=MeetingKind.TELEPHONE)
        update = [s for s in uow.list(Service, participant_id=person.id) if s.code == "20A"]
        assert signing.sign_status(uow, plan.id).state.value == "signed"  # the update service is not plan content
    assert review.meeting_kind is MeetingKind.TELEPHONE
    assert [(s.status, s.actual_start, s.actual_end) for s in update] == [(ServiceStatus.IN_PROGRESS, TODAY, None)]
    _change_and_sign(store, plan)
    with store.unit_of_work("coach") as uow:
        closed = uow.get(Service, update[0].id)
        assert signing.sign_status(uow, plan.id).state.value == "signed"
    assert (closed.status, closed.actual_end) == (ServiceStatus.COMPLETED, TODAY)
    assert findings(store, person, "R-V3") == []


def test_rivers_east_update_signed_before_the_review_is_recorded_closes_its_20a_at_once(store: Store) -> None:
    """The wizard's order: change the plan, sign it again, then the review is recorded."""
    person = ready(store, "rivers_east_nc")
    plan, _, _ = signed_plan(store, person)
    _change_and_sign(store, plan)
    with store.unit_of_work("coach") as uow:
        notes.record_review(uow, plan.id, ReviewOutcome.UPDATED, meeting_kind=MeetingKind.FACE_TO_FACE)
        update = [s for s in uow.list(Service, participant_id=person.id) if s.code == "20A"]
        assert signing.sign_status(uow, plan.id).state.value == "signed"
    assert [(s.status, s.actual_start, s.actual_end) for s in update] == [(ServiceStatus.COMPLETED, TODAY, TODAY)]
    assert findings(store, person, "R-V3") == []


def test_youth_update_on_rivers_east_is_41a(store: Store) -> None:
    person = ready(store, "rivers_east_nc", Program.YOUTH)
    plan, _, _ = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        notes.record_review(uow, plan.id, ReviewOutcome.UPDATED, meeting_kind=MeetingKind.VIRTUAL)
        codes = {s.code for s in uow.list(Service, participant_id=person.id)}
    assert "41A" in codes and "20A" not in codes


def test_a_review_can_start_for_any_open_plan_signed_once_and_an_overdue_draft_shows(store: Store, clock: FixedClock) -> None:
    person = ready(store, "default")
    with store.unit_of_work("coach") as uow:
        plan = plans.start_plan(uow, person.id, start_date=START)
        assert not notes.can_review(uow, plan.id)
        row = case_statuses(uow, [person.id], today=START + timedelta(days=200))[person.id]
    assert row.status is CaseStatus.REVIEW_OVERDUE and not row.reviewable  # a draft, 200 days on
    other = ready(store, "chicago_cook")
    plan2, _, _service = signed_plan(store, other)
    with store.unit_of_work("coach") as uow:
        uow.update(uow.get(Goal, uow.list(Goal, plan_id=plan2.id)[0].id).model_copy(
            update={"description": "Full-time pipefitting job"}))  # a goal change: awaiting signature
        row = case_statuses(uow, [other.id])[other.id]
        assert row.status is CaseStatus.AWAITING_SIGNATURE and row.reviewable
        assert notes.can_review(uow, plan2.id)


# -- R-G8, R-O7: monitoring, both directions, per board ---------------------------------------------------

@pytest.mark.parametrize(("board", "severity"), [("chicago_cook", "warning"), ("scpa_works", "suggestion"),
                                                 ("new_jersey", "suggestion"), ("rivers_east_nc", "suggestion")])
def test_passed_goal_and_objective_dates_are_findings_as_strong_as_the_board_says(
        store: Store, board: str, severity: str) -> None:
    person = ready(store, board)
    _plan, (first, _), _ = signed_plan(store, person)
    before = START + timedelta(days=80)
    after = START + timedelta(days=160)
    assert findings(store, person, "R-G8", before) == [] and findings(store, person, "R-O7", before) == []
    assert [m.split(":")[0] for m in findings(store, person, "R-G8", after)] == [severity]
    assert [m.split(":")[0] for m in findings(store, person, "R-O7", after)] == [severity, severity]
    with store.unit_of_work("coach") as uow:
        plan_life.close_objective(uow, first.id, TODAY, Outcome.SUCCESSFUL)
    assert len(findings(store, person, "R-O7", after)) == 1  # a closed objective is not monitored


# -- R-V4, R-P1: exit and the next plan --------------------------------------------------------------

def test_the_plan_closes_at_exit_and_the_next_one_starts(store: Store) -> None:
    person = ready(store, "default")
    plan, _, service = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        plan_life.record_delivery(uow, service.id, DELIVERED)
        with pytest.raises(RuleViolation, match="R-P1"):
            plans.start_plan(uow, person.id, start_date=TODAY)
        with pytest.raises(InvalidInput, match="closing case note"):
            plan_life.exit_plan(uow, plan.id, TODAY, "Entered employment", " ")
        closed = plan_life.exit_plan(uow, plan.id, TODAY, "Entered employment", "Hired as a welder at Acme.")
        note = uow.get(CaseNote, closed.closing_note_id or "")
        with pytest.raises(RuleViolation, match=r"before the last plan closed on .* \(R-P1\)$"):
            plans.start_plan(uow, person.id, start_date=TODAY - timedelta(days=1))  # the two would overlap
        assert len(plans_of(uow, person.id)) == 1
        second = plans.start_plan(uow, person.id, start_date=TODAY)
        old = load_snapshot(uow, person.id, plan.id)
        old_pdf = printing.plan_pdf_for(uow, closed, version=1)
    assert (closed.status, closed.closed_date, closed.close_reason) == (PlanStatus.CLOSED, TODAY, "Entered employment")
    assert (note.title, note.note_kind, note.plan_id) == ("IEP/ISS Closed", CaseNoteKind.CLOSING, plan.id)
    assert second.status is PlanStatus.OPEN and second.id != plan.id
    assert [v.number for v in old.versions] == [1] and len(old.signatures) == 2
    assert "DRAFT" not in PdfReader(io.BytesIO(old_pdf)).pages[0].extract_text()
    with store.unit_of_work("coach") as uow:
        assert [f for f in plans.plan_findings(uow, person.id, plan.id) if f.rule_id == "R-V4"] == []


def test_an_exit_dated_before_a_service_of_the_plan_was_delivered_is_refused_and_writes_no_note(store: Store) -> None:
    person = ready(store, "default")
    plan, _, service = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        plan_life.record_delivery(uow, service.id, DELIVERED)
    last = DELIVERED.actual_end
    assert last is not None
    with pytest.raises(InvalidInput, match=r"delivered on .*, after .*last day of service.*\(R-V4\)\.$"), \
            store.unit_of_work("coach") as uow:
        plan_life.exit_plan(uow, plan.id, last - timedelta(days=1), "Entered employment", "Hired at Acme.")
    with store.unit_of_work("coach") as uow:
        assert uow.get(Plan, plan.id).status is PlanStatus.OPEN
        assert [n for n in uow.list(CaseNote, plan_id=plan.id) if n.note_kind is CaseNoteKind.CLOSING] == []
        closed = plan_life.exit_plan(uow, plan.id, last, "Entered employment", "Hired at Acme.")
    assert (closed.status, closed.closed_date) == (PlanStatus.CLOSED, last)


def test_a_closed_plan_stays_as_it_was_signed_when_the_next_plan_adds_a_test_and_the_background_changes(
        store: Store) -> None:
    person = ready(store, "default")
    plan, _, _ = signed_plan(store, person)
    closed_on = TODAY - timedelta(days=5)
    with store.unit_of_work("coach") as uow:
        plan_life.exit_plan(uow, plan.id, closed_on, "Entered employment", "Hired as a welder at Acme.")
        before = (signing.sign_status(uow, plan.id).current_digest,
                  sorted(f.rule_id for f in plans.plan_findings(uow, person.id, plan.id)))
        second = plans.start_plan(uow, person.id, start_date=closed_on + timedelta(days=1))
        tabe = plan_items.record_assessment(uow, Assessment(
            participant_id=person.id, plan_id=second.id, instrument=AssessmentKind.TABE_READING,
            taken_on=TODAY, grade_level=Decimal("4.0")))
        participants.update_participant(uow, uow.get(Participant, person.id).model_copy(
            update={"job_skills": "Forklift (certified for the next plan)"}))
    with store.unit_of_work("coach") as uow:
        status = signing.sign_status(uow, plan.id)
        after = sorted(f.rule_id for f in plans.plan_findings(uow, person.id, plan.id))
        pdf = printing.plan_pdf_for(uow, uow.get(Plan, plan.id))
        old, new = load_snapshot(uow, person.id, plan.id), load_snapshot(uow, person.id, second.id)
    assert status.state is signing.SignState.SIGNED and not status.changed_since_signed
    assert (status.current_digest, after) == before
    page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "DRAFT" not in page and "Forklift" not in page
    assert tabe.id not in {a.id for a in old.assessments} and tabe.id in {a.id for a in new.assessments}
    assert len(old.assessments) == len(new.assessments) - 1  # the tests taken before the exit stay on both


def test_an_open_plan_past_the_exit_rule_is_shown_and_one_with_a_service_planned_is_not(store: Store) -> None:
    person = ready(store, "default")
    plan, _, service = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        plan_life.record_delivery(uow, service.id, DELIVERED)
    last = DELIVERED.actual_end
    assert last is not None
    assert findings(store, person, "R-V4", last + timedelta(days=90)) == []
    said = findings(store, person, "R-V4", last + timedelta(days=91))
    assert len(said) == 1 and f"exited on {last:%m/%d/%Y}" in said[0]
    with store.unit_of_work("coach") as uow:
        plan_items.add_service(uow, Service(participant_id=person.id, plan_id=plan.id, code="210", provider="AJC",
                                            planned_start=last + timedelta(days=95), planned_end=last + timedelta(days=120)))
    assert findings(store, person, "R-V4", last + timedelta(days=91)) == []


# -- needs me this week -------------------------------------------------------------------------------------

def test_needs_me_lists_what_is_due_by_date(store: Store) -> None:
    person = ready(store, "default")
    _plan, (_first, _), _service = signed_plan(store, person)
    with store.unit_of_work("coach") as uow:
        notes.write_case_note(uow, CaseNote(participant_id=person.id, title="Call about the workshop",
                                            story="Left a message.", follow_up_on=TODAY + timedelta(days=3),
                                            written_at=uow.clock.now()))
        due = plan_life.needs_me(uow, today=START + timedelta(days=95))
    whats = [(d.what, d.rule_id) for d in due]
    assert ("service end", "R-S3") in whats and ("objective review", "R-O7") in whats
    assert ("review", "R-V1") in whats and ("follow-up", "R-C1") in whats
    assert [d.on for d in due] == sorted(d.on for d in due)
    assert rules.review_due_on(load_snapshot_of(store, person), load_profile("default")) == START + timedelta(days=90)


def load_snapshot_of(store: Store, person: Participant) -> object:
    with store.unit_of_work("coach") as uow:
        return load_snapshot(uow, person.id)
