"""The plan rules (iep_desktop/domain/rules.py): every rule id passes on a valid plan and fails
on a broken one, and board differences come from profile settings.

Snapshots are built in Python: ``build()`` makes a fully valid plan, and each case changes one
thing with a small mutation. Profiles are the real default profile and validated variants of it.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from iep_desktop.domain import rules
from iep_desktop.domain.findings import Finding, Severity
from iep_desktop.domain.models import (
    Assessment,
    AssessmentKind,
    Barrier,
    BarrierGroup,
    CaseNote,
    CounselingStatement,
    Goal,
    GoalTerm,
    GoalType,
    ItemStatus,
    NextSteps,
    Objective,
    Outcome,
    Participant,
    Plan,
    PlanSnapshot,
    PlanStatus,
    PlanVersion,
    Program,
    Review,
    ReviewOutcome,
    CaseNoteKind,
    MeetingKind,
    Service,
    ServiceStatus,
    Signature,
    SignerRole,
)
from iep_desktop.domain.plan_content import canonical, plan_content
from iep_desktop.domain.rules import (
    RULES,
    default_review_date,
    derive_term,
    evaluate,
    months_between,
    review_due_on,
    review_state,
)
from iep_desktop.profiles import BoardProfile, load_profile

ERROR, WARNING, SUGGESTION = Severity.ERROR, Severity.WARNING, Severity.SUGGESTION
ADULT, YOUTH = Program.ADULT, Program.YOUTH

# Every rule id in shared/domain.md, in its order (shared/ is not available in CI).
DOMAIN_RULE_IDS = [
    "R-P1", "R-P2", "R-P3", "R-P4",
    "R-G1", "R-G2", "R-G3", "R-G4", "R-G5", "R-G6", "R-G8",
    "R-O1", "R-O2", "R-O3", "R-O4", "R-O5", "R-O6", "R-O7",
    "R-S1", "R-S2", "R-S3",
    "R-A1", "R-A2", "R-A3",
    "R-V1", "R-V2", "R-V3", "R-V4",
    "R-C1",
    "R-X1", "R-X2",
]

START = date(2026, 2, 11)       # the plan's creation date
TODAY = date(2026, 3, 2)        # well before the first review is due (05/12/2026)
DIGEST_1, DIGEST_2 = "1" * 64, "2" * 64
RESEARCH_LMI = "Research LMI & Occupations"

# The two goal-term tables of domain.md R-G2.
TERMS_0_6_12 = [
    {"term": "short", "min_months": 0, "max_months": 6, "label": "0-6 months"},
    {"term": "intermediate", "min_months": 7, "max_months": 12, "label": "7-12 months"},
    {"term": "long", "min_months": 13, "max_months": None, "label": "over 12 months"},
]
TERMS_1_3_6 = [
    {"term": "short", "min_months": 1, "max_months": 3, "label": "1-3 months"},
    {"term": "intermediate", "min_months": 3, "max_months": 6, "label": "3-6 months"},
    {"term": "long", "min_months": 7, "max_months": None, "label": "more than 6 months"},
]


# ---------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------

def default_profile() -> BoardProfile:
    return load_profile("default")


def variant(**updates: Any) -> BoardProfile:
    """The default profile with some settings changed, validated like a profile file.

    Object-valued settings (prerequisites, case_notes, ...) are merged one level deep.
    """
    data = default_profile().model_dump(mode="json")
    for key, value in updates.items():
        data[key] = {**data[key], **value} if isinstance(data[key], dict) else value
    return BoardProfile.model_validate(data)


def _first_services(participant: Participant, plan: Plan, objective: Objective) -> list[Service]:
    """The first participation services of the default profile, delivered in order."""
    def service(code: str, plan_id: str | None, day: date, end: date | None = None) -> Service:
        # A one-day service was delivered that day (R-S3: its actual end is recorded too).
        return Service(participant_id=participant.id, plan_id=plan_id, code=code,
                       provider="Main American Job Center", planned_start=day,
                       planned_end=end or day, actual_start=day, actual_end=None if end else day,
                       objective_ids=[objective.id] if plan_id else [])

    if plan.program is YOUTH:
        return [service("468", None, date(2026, 2, 1)),
                service("469", plan.id, START),
                service("470", plan.id, START, START + timedelta(days=60))]
    return [service("207", None, date(2026, 2, 1)), service("205", plan.id, START)]


def build(program: Program = ADULT) -> PlanSnapshot:
    """A plan that satisfies every rule under the default profile."""
    participant = Participant(first_name="Pat", last_name="Sample", program=program,
                              board="default", eligibility_determined_on=date(2026, 1, 20))
    plan = Plan(participant_id=participant.id, program=program, board="default",
                region="Local Workforce Area", office="Main American Job Center",
                coach_name="Coach", start_date=START)
    goal = Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                description="Full-time welding job", established_on=START,
                estimated_completion_on=date(2026, 7, 31))
    objective = Objective(plan_id=plan.id, goal_id=goal.id, title=RESEARCH_LMI,
                          justification="Needs to know which welding jobs pay a living wage",
                          established_on=START, review_on=START + timedelta(days=90))
    version = PlanVersion(plan_id=plan.id, number=1, digest=DIGEST_1, content="{}",
                          created_at=datetime(2026, 2, 11, 10, 0))
    return PlanSnapshot(
        participant=participant,
        plan=plan,
        assessments=[
            assessment(participant, AssessmentKind.OBJECTIVE_ASSESSMENT),
            assessment(participant, AssessmentKind.CAREER_EXPLORATION),
            assessment(participant, AssessmentKind.TABE_READING, Decimal("10.2")),
        ],
        counseling_statements=[CounselingStatement(participant_id=participant.id, plan_id=plan.id,
                                                   written_on=START, text="Discussed housing.")],
        barriers=[Barrier(plan_id=plan.id, group=BarrierGroup.PERSONAL, category="transportation",
                          step="Bus pass from supportive services")],
        goals=[goal],
        objectives=[objective],
        services=_first_services(participant, plan, objective),
        case_notes=[case_note(participant, "IEP developed")],
        versions=[version],
        signatures=[signature(version, SignerRole.PARTICIPANT),
                    signature(version, SignerRole.COACH)],
        current_digest=DIGEST_1,
    )


def assessment(participant: Participant, kind: AssessmentKind,
               grade: Decimal | None = None) -> Assessment:
    return Assessment(participant_id=participant.id, instrument=kind, taken_on=date(2026, 2, 1),
                      grade_level=grade)


def case_note(participant: Participant, title: str, **fields: Any) -> CaseNote:
    values: dict[str, Any] = {"story": "Built the plan with the participant.",
                              "written_at": datetime(2026, 2, 11, 11, 0)}
    return CaseNote(participant_id=participant.id, title=title, **{**values, **fields})


def signature(version: PlanVersion, role: SignerRole, digest: str | None = None) -> Signature:
    return Signature(plan_id=version.plan_id, plan_version_id=version.id,
                     version_digest=digest or version.digest, role=role, signer_name="Signer",
                     signed_at=datetime(2026, 2, 11, 12, 0), device="pen",
                     consent_text="I agree to this plan.", strokes="[]")


def extra_service(s: PlanSnapshot, **fields: Any) -> Service:
    """A plain (not same-day) service of the plan, serving its objective."""
    values: dict[str, Any] = {
        "participant_id": s.participant.id, "plan_id": s.plan.id if s.plan else None,
        "code": "210", "provider": "Welding Co", "planned_start": START,
        "planned_end": START + timedelta(days=30), "objective_ids": [s.objectives[0].id],
    }
    return Service(**{**values, **fields})


def extra_goal(s: PlanSnapshot, **fields: Any) -> Goal:
    assert s.plan is not None
    values: dict[str, Any] = {"plan_id": s.plan.id, "goal_type": GoalType.TRAINING,
                              "term": GoalTerm.SHORT, "description": "Welding certificate",
                              "established_on": START, "estimated_completion_on": START}
    return Goal(**{**values, **fields})


def other_plan(s: PlanSnapshot, status: PlanStatus) -> Plan:
    return Plan(participant_id=s.participant.id, program=s.participant.program, board="default",
                region="Local Workforce Area", office="Main American Job Center",
                start_date=date(2025, 6, 1), status=status,
                closed_date=date(2025, 12, 1) if status is PlanStatus.CLOSED else None)


# ---------------------------------------------------------------------------------------------
# Mutations: each changes one thing in a valid snapshot
# ---------------------------------------------------------------------------------------------

Mutation = Callable[[PlanSnapshot], object]


def edit(where: str, index: int = 0, **fields: Any) -> Mutation:
    """Set fields on the plan/participant, or on record ``index`` of a snapshot list."""
    def mutate(s: PlanSnapshot) -> None:
        target = getattr(s, where)
        target = target[index] if isinstance(target, list) else target
        for name, value in fields.items():
            setattr(target, name, value)
    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(s: PlanSnapshot) -> None:
        for m in mutations:
            m(s)
    return mutate


def no_plan(s: PlanSnapshot) -> None:
    s.plan = None


def service_index(s: PlanSnapshot, code: str) -> int:
    return next(i for i, service in enumerate(s.services) if service.code == code)


def edit_service(code: str, **fields: Any) -> Mutation:
    return lambda s: edit("services", service_index(s, code), **fields)(s)


def add_review(outcome: ReviewOutcome, note_title: str | None) -> Mutation:
    def mutate(s: PlanSnapshot) -> None:
        assert s.plan is not None
        note_id = None
        if note_title is not None:
            note = case_note(s.participant, note_title)
            s.case_notes.append(note)
            note_id = note.id
        s.reviews.append(Review(plan_id=s.plan.id, reviewed_on=date(2026, 3, 1),
                                outcome=outcome, case_note_id=note_id))
    return mutate


def add_version(needs_signature: bool, signed: bool = False) -> Mutation:
    def mutate(s: PlanSnapshot) -> None:
        assert s.plan is not None
        version = PlanVersion(plan_id=s.plan.id, number=2, digest=DIGEST_2, content="{}",
                              created_at=datetime(2026, 2, 20, 9, 0),
                              needs_signature=needs_signature)
        s.versions.append(version)
        s.current_digest = DIGEST_2
        if signed:
            s.signatures += [signature(version, SignerRole.PARTICIPANT),
                             signature(version, SignerRole.COACH)]
    return mutate


def _date_change_after_signing(s: PlanSnapshot) -> None:
    """Freeze version 1 from the real content, then move a goal's completion date (R-V3)."""
    s.versions[0] = s.versions[0].model_copy(update={"content": canonical(plan_content(s))})
    edit("goals", estimated_completion_on=date(2026, 8, 14))(s)
    s.current_digest = DIGEST_2


def ordered_youth_profile(**prerequisites: Any) -> dict[str, Any]:
    """Profile updates: 468, 469, 470 in order before the plan, 431 only after them."""
    return {"prerequisites": {"ordered_services": {"youth": ["468", "469", "470"]},
                              "after_ordered_services": {"youth": ["431"]}, **prerequisites}}


# ---------------------------------------------------------------------------------------------
# The cases: what each rule says about one change
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    rule: str
    mutate: Mutation
    expected: tuple[Severity, ...]  # severities of the rule's findings, in order; () = passes
    program: Program = ADULT
    profile: dict[str, Any] = field(default_factory=dict)  # updates for variant()
    today: date = TODAY

    def run(self) -> tuple[PlanSnapshot, BoardProfile, list[Finding]]:
        snapshot = build(self.program)
        self.mutate(snapshot)
        profile = variant(**self.profile) if self.profile else default_profile()
        return snapshot, profile, RULES[self.rule](snapshot, profile, self.today)


def case(name: str, rule: str, mutate: Mutation, *expected: Severity, **options: Any) -> Any:
    return pytest.param(Case(rule, mutate, expected, **options), id=f"{rule} {name}")


def _late_431(s: PlanSnapshot) -> None:
    s.services.append(extra_service(s, code="431", planned_start=START, planned_end=START,
                                    actual_start=START))


def _early_431(s: PlanSnapshot) -> None:
    s.services.append(extra_service(s, code="431", plan_id=None, planned_start=date(2026, 2, 5),
                                    planned_end=date(2026, 2, 5), actual_start=date(2026, 2, 5)))


def _required(*kinds: AssessmentKind) -> Mutation:
    return lambda s: s.assessments.extend(assessment(s.participant, k) for k in kinds)


def _low_tabe(grade: str) -> Mutation:
    return lambda s: s.assessments.append(
        assessment(s.participant, AssessmentKind.TABE_MATH, Decimal(grade)))


def _objective_titled(title: str, custom: bool = False) -> Mutation:
    def mutate(s: PlanSnapshot) -> None:
        added = s.objectives[0].model_copy(update={"title": title, "custom": custom})
        added.id = f"objective-{title}"
        s.objectives.append(added)
    return mutate


def _correction_of_first_note(s: PlanSnapshot) -> None:
    s.case_notes.append(case_note(s.participant, "Correction", corrects_id=s.case_notes[0].id))


def _full_next_steps(s: PlanSnapshot) -> None:
    s.case_notes[0] = s.case_notes[0].model_copy(update={"next_steps": NextSteps(
        goal="Certificate", how="Enroll in class", deadline=date(2026, 4, 1))})


# Issue 12 (the plan's life): monitoring, services as they happen, exit.
CLOSED_AT_EXIT = {"status": PlanStatus.CLOSED, "closed_date": date(2026, 3, 1), "close_reason": "Program exit"}
STRUCTURED_FOR_INCENTIVES = {"case_notes": {"require_figures": True, "require_next_steps": True,
                                            "require_follow_up": True, "structured_kinds": ["incentive"]}}
RIVERS_EAST_UPDATES = {"updates": {"service_codes": {"adult": "20A", "dislocated_worker": "20A",
                                                     "youth": "41A"},
                                   "meeting_kinds": ["face_to_face", "telephone", "virtual"]}}


def _service(**fields: Any) -> Mutation:
    return lambda s: s.services.append(extra_service(s, **fields))


def _closing_note(s: PlanSnapshot) -> None:
    note = case_note(s.participant, "IEP/ISS Closed", note_kind=CaseNoteKind.CLOSING)
    s.case_notes.append(note)
    assert s.plan is not None
    s.plan.closing_note_id = note.id


def _update_review(meeting: MeetingKind | None, with_service: bool) -> Mutation:
    def mutate(s: PlanSnapshot) -> None:
        add_review(ReviewOutcome.UPDATED, "IEP/ISS Review/Update")(s)
        s.reviews[-1].meeting_kind = meeting
        if with_service:
            s.services.append(extra_service(s, code="20A", planned_start=date(2026, 3, 1),
                                            planned_end=date(2026, 3, 1), actual_start=date(2026, 3, 1),
                                            status=ServiceStatus.IN_PROGRESS))
    return mutate


FAILING = [
    # R-P1 one open plan
    case("another open plan", "R-P1",
         lambda s: s.other_plans.append(other_plan(s, PlanStatus.OPEN)), ERROR),
    case("creating while one is open", "R-P1",
         both(lambda s: s.other_plans.append(other_plan(s, PlanStatus.OPEN)), no_plan), ERROR),
    # R-P2 prerequisites, severities from the profile
    case("no eligibility", "R-P2", edit("participant", eligibility_determined_on=None), ERROR),
    case("no eligibility, board warns", "R-P2", edit("participant", eligibility_determined_on=None),
         WARNING, profile={"prerequisites": {"eligibility": "warning"}}),
    case("no eligibility before the plan", "R-P2",
         both(edit("participant", eligibility_determined_on=None), no_plan), ERROR),
    case("no objective assessment", "R-P2", lambda s: s.assessments.pop(0), ERROR),
    case("no career exploration", "R-P2", lambda s: s.assessments.pop(1), WARNING),
    case("no first service", "R-P2", lambda s: s.services.clear(), WARNING),
    case("first service only planned later", "R-P2",
         both(lambda s: s.services.pop(), edit("services", planned_start=date(2026, 3, 1),
                                               planned_end=date(2026, 3, 1), actual_start=None)),
         WARNING),
    case("ordered service missing", "R-P2", edit_service("470", actual_start=None), ERROR,
         program=YOUTH, profile=ordered_youth_profile()),
    case("ordered services out of order", "R-P2",
         edit_service("468", actual_start=date(2026, 2, 12)), WARNING,
         program=YOUTH, profile=ordered_youth_profile(ordered_services_severity="warning")),
    case("after-service before the ordered ones", "R-P2", _early_431, ERROR,
         program=YOUTH, profile=ordered_youth_profile()),
    case("required assessments missing", "R-P2", lambda s: None, WARNING,
         profile={"prerequisites": {"required_assessments": ["careerscope", "torq"]}}),
    # R-P3 plan header
    case("no region", "R-P3", edit("plan", region=""), ERROR),
    case("no office", "R-P3", edit("plan", office=" "), ERROR),
    case("open with closed date", "R-P3", edit("plan", closed_date=date(2026, 3, 1)), ERROR),
    case("closed without date", "R-P3", edit("plan", status=PlanStatus.CLOSED), ERROR),
    case("closed before start", "R-P3",
         edit("plan", status=PlanStatus.CLOSED, closed_date=date(2026, 1, 1)), ERROR),
    # R-P4 open goal with open objective
    case("objective closed", "R-P4", edit("objectives", status=ItemStatus.CLOSED), ERROR),
    case("goal closed", "R-P4", edit("goals", status=ItemStatus.CLOSED), ERROR),
    case("no goals", "R-P4", lambda s: s.goals.clear(), ERROR),
    # R-G1 goal types
    case("educational goal for adult", "R-G1",
         lambda s: s.goals.append(extra_goal(s, goal_type=GoalType.EDUCATIONAL)), ERROR),
    case("no employment goal for adult", "R-G1", edit("goals", goal_type=GoalType.TRAINING), ERROR),
    case("board requires employment goal for youth", "R-G1",
         edit("goals", goal_type=GoalType.EDUCATIONAL), ERROR,
         program=YOUTH,
         profile={"employment_goal_required": ["adult", "dislocated_worker", "youth"]}),
    # R-G2 terms per the board's month table
    case("9 months is not short", "R-G2",
         edit("goals", estimated_completion_on=date(2026, 11, 11)), WARNING),
    case("6 months is not short on a 1-3 month board", "R-G2", lambda s: None, WARNING,
         profile={"goal_terms": TERMS_1_3_6}),
    case("5 months is not long", "R-G2", edit("goals", term=GoalTerm.LONG), WARNING),
    # R-G3 completion on or after established
    case("completion before established", "R-G3",
         edit("goals", estimated_completion_on=date(2026, 1, 5)), ERROR),
    # R-G4 closed goals
    case("closed without date and reason", "R-G4", edit("goals", status=ItemStatus.CLOSED),
         ERROR, ERROR),
    case("open with closed date", "R-G4", edit("goals", closed_on=date(2026, 3, 1)), WARNING),
    case("closed before established", "R-G4",
         edit("goals", status=ItemStatus.CLOSED, closed_on=date(2026, 1, 1),
              close_reason=Outcome.SUCCESSFUL), ERROR),
    # R-G5 description
    case("one word", "R-G5", edit("goals", description="Welding"), SUGGESTION),
    case("longer than the board allows", "R-G5", lambda s: None, WARNING,
         profile={"goal_description_max_chars": 20}),
    # R-G6 objectives belong to goals
    case("orphan objective", "R-G6", edit("objectives", goal_id="no-such-goal"), ERROR),
    # R-O1 predefined list
    case("not on the list and not custom", "R-O1", edit("objectives", title="Learn to weld"),
         ERROR),
    case("custom but on the list", "R-O1",
         edit("objectives", title="research lmi & occupations", custom=True), SUGGESTION),
    # R-O2 review date
    case("no review date", "R-O2", edit("objectives", review_on=None), ERROR),
    case("review before established", "R-O2",
         edit("objectives", review_on=date(2026, 2, 1)), ERROR),
    # R-O3 justification
    case("no justification", "R-O3", edit("objectives", justification="   "), ERROR),
    # R-O4 closed objectives
    case("closed without outcome and date", "R-O4", edit("objectives", status=ItemStatus.CLOSED),
         ERROR, ERROR),
    # R-O5 required objectives
    case("youth without required objective", "R-O5",
         edit("objectives", title="Attend Tutoring"), ERROR,
         program=YOUTH, profile={"required_objectives": {"youth": [RESEARCH_LMI]}}),
    # R-O6 basic skills and ESL
    case("low TABE math", "R-O6", _low_tabe("8.4"), WARNING),
    case("low TABE math, board requires", "R-O6", _low_tabe("8.4"), ERROR,
         profile={"basic_skills": {"remediation_severity": "error"}}),
    case("TABE 10.2 below a higher threshold", "R-O6", lambda s: None, WARNING,
         profile={"basic_skills": {"tabe_threshold": 11.0}}),
    case("English learner without ESL", "R-O6", edit("participant", english_learner=True),
         SUGGESTION),
    # R-S1 services
    case("unknown code", "R-S1", lambda s: s.services.append(extra_service(s, code="999")), ERROR),
    case("code not for adults", "R-S1",
         lambda s: s.services.append(extra_service(s, code="410")), WARNING),
    case("no provider", "R-S1",
         lambda s: s.services.append(extra_service(s, provider="")), ERROR),
    case("planned end before start", "R-S1",
         lambda s: s.services.append(extra_service(s, planned_end=START - timedelta(days=1))),
         ERROR),
    case("actual end without start", "R-S1",
         lambda s: s.services.append(extra_service(s, actual_end=START)), ERROR),
    case("actual end before start", "R-S1",
         lambda s: s.services.append(extra_service(s, actual_start=START,
                                                   actual_end=START - timedelta(days=1))), ERROR),
    case("unknown objective", "R-S1",
         lambda s: s.services.append(extra_service(s, objective_ids=["nope"])), ERROR),
    # R-S2 same-day services
    case("same-day service ends later", "R-S2",
         edit_service("205", planned_end=START + timedelta(days=1)), ERROR),
    case("same-day service delivered another day", "R-S2",
         edit_service("205", actual_start=START + timedelta(days=2)), ERROR),
    case("board makes 210 same-day", "R-S2", lambda s: s.services.append(extra_service(s)), ERROR,
         profile={"service_codes": [
             {**c, "same_day": c["same_day"] or c["code"] == "210"}
             for c in default_profile().model_dump(mode="json")["service_codes"]]}),
    # R-A1 assessments
    case("no assessments", "R-A1", lambda s: s.assessments.clear(), WARNING),
    case("TABE without grade", "R-A1", edit("assessments", 2, grade_level=None), WARNING),
    # R-A2 counseling statements
    case("dated in the future", "R-A2",
         edit("counseling_statements", written_on=TODAY + timedelta(days=1)), WARNING),
    # The model refuses blank text; construct() stands in for a record that bypassed it.
    case("blank text", "R-A2", lambda s: s.counseling_statements.append(
        CounselingStatement.model_construct(**{**s.counseling_statements[0].__dict__, "text": ""})),
         WARNING),
    # R-A3 barriers
    case("no step or service", "R-A3", edit("barriers", step=""), ERROR),
    case("unknown service", "R-A3", edit("barriers", service_id="no-such-service"), ERROR),
    # R-V1 review schedule
    case("overdue", "R-V1", lambda s: None, WARNING, today=date(2026, 5, 13)),
    case("due soon", "R-V1", lambda s: None, SUGGESTION, today=date(2026, 5, 1)),
    case("overdue on a monthly board", "R-V1", lambda s: None, WARNING,
         profile={"review_interval_days": 14}),
    # R-V2 review case notes
    case("review without case note", "R-V2", add_review(ReviewOutcome.NO_CHANGE, None), ERROR),
    case("update with review title", "R-V2",
         add_review(ReviewOutcome.UPDATED, "IEP/ISS Review"), ERROR),
    case("review with wrong title", "R-V2", add_review(ReviewOutcome.NO_CHANGE, "Review"), ERROR),
    # R-V3 awaiting signature, unversioned changes
    case("new version not signed", "R-V3", add_version(needs_signature=True), WARNING),
    case("changes since last version need signing", "R-V3",
         lambda s: setattr(s, "current_digest", DIGEST_2), WARNING),
    case("date-only changes since the signed version", "R-V3", _date_change_after_signing, SUGGESTION,
         profile={"resign_policy": "goal_change"}),
    # R-C1 case notes
    case("no story", "R-C1", edit("case_notes", story=""), ERROR),
    case("board requires figures, next steps, follow-up", "R-C1", lambda s: None, ERROR,
         profile={"case_notes": {"require_figures": True, "require_next_steps": True,
                                 "require_follow_up": True}}),
    case("next steps lack a deadline", "R-C1",
         edit("case_notes", next_steps=NextSteps(goal="Certificate", how="Enroll")), ERROR,
         profile={"case_notes": {"require_next_steps": True}}),
    case("corrects an unknown note", "R-C1",
         lambda s: s.case_notes.append(case_note(s.participant, "Fix", corrects_id="nope")), ERROR),
    # R-G8, R-O7 monitored dates (the severity is the board's)
    case("goal completion date passed", "R-G8", edit("goals", estimated_completion_on=date(2026, 3, 1)),
         SUGGESTION),
    case("goal completion date passed, board monitors it", "R-G8",
         edit("goals", estimated_completion_on=date(2026, 3, 1)), WARNING,
         profile={"monitoring": {"goal_completion": "warning"}}),
    case("objective review date passed", "R-O7", edit("objectives", review_on=date(2026, 3, 1)), SUGGESTION),
    case("objective review date passed, board monitors it", "R-O7",
         edit("objectives", review_on=date(2026, 3, 1)), WARNING,
         profile={"monitoring": {"objective_review": "warning"}}),
    # R-S3 services as they happen
    case("completed without actual dates", "R-S3", _service(status=ServiceStatus.COMPLETED, outcome="Done"),
         ERROR, ERROR),
    case("not completed without a reason", "R-S3",
         _service(status=ServiceStatus.NOT_COMPLETED, planned_end=date(2026, 4, 1)), ERROR),
    case("funded without a source", "R-S3", _service(amount=Decimal("250.00"), planned_end=date(2026, 4, 1)),
         WARNING),
    case("completed with nothing said about it", "R-S3",
         _service(status=ServiceStatus.COMPLETED, actual_start=START, actual_end=date(2026, 2, 20)), SUGGESTION),
    case("planned end passed with nothing recorded", "R-S3", _service(planned_end=date(2026, 3, 1)),
         SUGGESTION),
    case("planned end passed, board documents as it happens", "R-S3", _service(planned_end=date(2026, 3, 1)),
         WARNING, profile={"monitoring": {"service_end": "warning"}}),
    case("completed since the last review, board reviews then", "R-S3",
         _service(status=ServiceStatus.COMPLETED, actual_start=START, actual_end=date(2026, 2, 20),
                  outcome="Resume done"), WARNING,
         profile={"monitoring": {"review_on_service_completion": True}}),
    # R-V4 exit
    case("closed without reason or closing note", "R-V4", edit("plan", **{**CLOSED_AT_EXIT, "close_reason": ""}),
         ERROR, WARNING),
    case("closed without closing note", "R-V4", edit("plan", **CLOSED_AT_EXIT), WARNING),
    case("open, no service for 90 days and none planned", "R-V4", lambda s: None, WARNING,
         today=date(2026, 5, 20)),
    # R-V3 Rivers East updates
    case("update without its update service", "R-V3", _update_review(MeetingKind.TELEPHONE, False), WARNING,
         profile=RIVERS_EAST_UPDATES),
    case("update meeting kind not recorded", "R-V3", _update_review(None, True), WARNING,
         profile=RIVERS_EAST_UPDATES),
    # R-C1: the board's structure for the kind of note it is written for
    case("incentive note without the structure", "R-C1", edit("case_notes", note_kind=CaseNoteKind.INCENTIVE),
         ERROR, profile=STRUCTURED_FOR_INCENTIVES),
    # R-X1 signed by participant and coach
    case("never signed", "R-X1", lambda s: s.signatures.clear(), WARNING),
    case("coach has not signed", "R-X1", lambda s: s.signatures.pop(), WARNING),
    # R-X2 signature bound to one version
    case("digest differs", "R-X2", edit("signatures", version_digest=DIGEST_2), ERROR),
    case("unknown version", "R-X2", edit("signatures", plan_version_id="no-such-version"), ERROR),
]

PASSING = [
    case("closed other plan", "R-P1",
         lambda s: s.other_plans.append(other_plan(s, PlanStatus.CLOSED))),
    case("this plan closed, another open", "R-P1", both(
        edit("plan", status=PlanStatus.CLOSED, closed_date=date(2026, 3, 1)),
        lambda s: s.other_plans.append(other_plan(s, PlanStatus.OPEN)))),
    case("itself listed among the plans", "R-P1", lambda s: s.other_plans.append(s.plan)),
    case("youth services in order", "R-P2", _late_431, program=YOUTH,
         profile=ordered_youth_profile()),
    case("required assessments recorded", "R-P2",
         _required(AssessmentKind.CAREERSCOPE, AssessmentKind.TORQ),
         profile={"prerequisites": {"required_assessments": ["careerscope", "torq"]}}),
    case("board checks no first service", "R-P2", lambda s: s.services.clear(),
         profile={"prerequisites": {"first_service_codes": {}}}),
    case("closed with date", "R-P3",
         edit("plan", status=PlanStatus.CLOSED, closed_date=date(2026, 3, 1))),
    case("closed plan without goals", "R-P4", both(
        edit("plan", status=PlanStatus.CLOSED, closed_date=date(2026, 3, 1)),
        lambda s: s.goals.clear())),
    case("youth educational goal", "R-G1", edit("goals", goal_type=GoalType.EDUCATIONAL),
         program=YOUTH),
    case("3 months may be intermediate on a 1-3/3-6 board", "R-G2",
         edit("goals", term=GoalTerm.INTERMEDIATE, estimated_completion_on=date(2026, 5, 11)),
         profile={"goal_terms": TERMS_1_3_6}),
    case("3 months may be short on a 1-3/3-6 board", "R-G2",
         edit("goals", estimated_completion_on=date(2026, 5, 11)),
         profile={"goal_terms": TERMS_1_3_6}),
    case("same-day goal is short on a 1-3 month board", "R-G2",
         edit("goals", estimated_completion_on=START), profile={"goal_terms": TERMS_1_3_6}),
    case("impossible dates left to R-G3", "R-G2",
         edit("goals", estimated_completion_on=date(2026, 1, 5))),
    case("completion on the day", "R-G3", edit("goals", estimated_completion_on=START)),
    case("closed properly", "R-G4",
         edit("goals", status=ItemStatus.CLOSED, closed_on=date(2026, 3, 1),
              close_reason=Outcome.SUCCESSFUL)),
    case("custom objective", "R-O1", edit("objectives", title="Learn to weld", custom=True)),
    case("closed properly", "R-O4", edit("objectives", status=ItemStatus.CLOSED,
                                         closed_on=date(2026, 3, 1), outcome=Outcome.UNSUCCESSFUL)),
    case("youth has required objective", "R-O5", lambda s: None, program=YOUTH,
         profile={"required_objectives": {"youth": [RESEARCH_LMI]}}),
    case("required objective in another case", "R-O5",
         edit("objectives", title="research lmi & occupations"), program=YOUTH,
         profile={"required_objectives": {"youth": [RESEARCH_LMI]}}),
    case("low TABE addressed", "R-O6",
         both(_low_tabe("8.4"), _objective_titled("Increase Reading and/or Math Skills"))),
    case("TABE exactly 9.0", "R-O6", _low_tabe("9.0")),
    case("English learner with ESL", "R-O6", both(
        edit("participant", english_learner=True),
        _objective_titled("Attend English as a Second Language Classes"))),
    case("youth code for youth", "R-S1", lambda s: s.services.append(extra_service(s, code="410")),
         program=YOUTH),
    case("same-day service before the plan", "R-S2",
         lambda s: s.services.append(extra_service(s, code="224", plan_id=None,
                                                   planned_start=date(2026, 2, 2)))),
    case("barrier handled by a service", "R-A3",
         lambda s: edit("barriers", step="", service_id=s.services[0].id)(s)),
    case("recent review resets the clock", "R-V1",
         add_review(ReviewOutcome.NO_CHANGE, "IEP/ISS Review"), today=date(2026, 5, 13)),
    case("closed plan is not reviewed", "R-V1",
         edit("plan", status=PlanStatus.CLOSED, closed_date=date(2026, 3, 1)),
         today=date(2027, 1, 1)),
    case("review on track", "R-V2", add_review(ReviewOutcome.NO_CHANGE, "IEP/ISS Review")),
    case("update noted", "R-V2", add_review(ReviewOutcome.UPDATED, "IEP/ISS Review/Update")),
    case("new version signed", "R-V3", add_version(needs_signature=True, signed=True)),
    case("dates-only version needs no signature", "R-V3", add_version(needs_signature=False)),
    case("no versions yet", "R-V3", lambda s: s.versions.clear()),
    case("corrected note is not judged again", "R-C1",
         both(edit("case_notes", story=""), _correction_of_first_note)),
    case("complete next steps", "R-C1", _full_next_steps,
         profile={"case_notes": {"require_next_steps": True}}),
    case("closed goal with a passed date", "R-G8", edit(
        "goals", estimated_completion_on=date(2026, 2, 20), status=ItemStatus.CLOSED,
        closed_on=date(2026, 2, 20), close_reason=Outcome.SUCCESSFUL)),
    case("board does not monitor goal dates", "R-G8", edit("goals", estimated_completion_on=date(2026, 3, 1)),
         profile={"monitoring": {"goal_completion": None}}),
    case("goal date today", "R-G8", edit("goals", estimated_completion_on=TODAY)),
    case("closed objective with a passed review date", "R-O7", edit(
        "objectives", review_on=date(2026, 2, 20), status=ItemStatus.CLOSED, closed_on=date(2026, 2, 20),
        outcome=Outcome.SUCCESSFUL)),
    case("board does not monitor objective reviews", "R-O7", edit("objectives", review_on=date(2026, 3, 1)),
         profile={"monitoring": {"objective_review": None}}),
    case("completed and documented", "R-S3", _service(
        status=ServiceStatus.COMPLETED, actual_start=START, actual_end=date(2026, 2, 20), outcome="Resume done",
        funding_source="WIOA Adult", amount=Decimal("40.00"))),
    case("not completed with a reason", "R-S3", _service(
        status=ServiceStatus.NOT_COMPLETED, not_completed_reason="Moved out of the area")),
    case("completed before the last review, board reviews then", "R-S3", both(
        _service(status=ServiceStatus.COMPLETED, actual_start=START, actual_end=date(2026, 2, 20),
                 outcome="Resume done"),
        add_review(ReviewOutcome.NO_CHANGE, "IEP/ISS Review")),
         profile={"monitoring": {"review_on_service_completion": True}}),
    case("planned end passed, board does not monitor it", "R-S3", _service(planned_end=date(2026, 3, 1)),
         profile={"monitoring": {"service_end": None}}),
    case("closed at exit with reason and note", "R-V4", both(edit("plan", **CLOSED_AT_EXIT), _closing_note)),
    case("open, 90 days without service but one planned", "R-V4",
         _service(planned_start=date(2026, 6, 1), planned_end=date(2026, 6, 30)), today=date(2026, 5, 20)),
    case("open, exactly 90 days without service", "R-V4", lambda s: None, today=date(2026, 5, 12)),
    case("update with its service and meeting kind", "R-V3", _update_review(MeetingKind.VIRTUAL, True),
         profile=RIVERS_EAST_UPDATES),
    case("ordinary note need not carry the incentive structure", "R-C1", lambda s: None,
         profile=STRUCTURED_FOR_INCENTIVES),
    case("review note need not carry the incentive structure", "R-C1",
         edit("case_notes", note_kind=CaseNoteKind.REVIEW), profile=STRUCTURED_FOR_INCENTIVES),
    case("parent signature not needed", "R-X1",
         lambda s: s.signatures.append(signature(s.versions[0], SignerRole.PARENT_GUARDIAN))),
    case("closed plan unsigned", "R-X1", both(
        edit("plan", status=PlanStatus.CLOSED, closed_date=date(2026, 3, 1)),
        lambda s: s.signatures.clear())),
]


# ---------------------------------------------------------------------------------------------
# Every rule: passes on a valid plan, fails on each broken one
# ---------------------------------------------------------------------------------------------

def test_rule_ids_match_domain_md() -> None:
    assert list(RULES) == DOMAIN_RULE_IDS


def test_every_rule_has_failing_and_passing_cases() -> None:
    failing = {p.values[0].rule for p in FAILING}
    passing = {p.values[0].rule for p in PASSING}
    assert failing == set(RULES)
    # Beyond the valid plan (every rule), most rules also pass a tricky near-miss.
    assert len(passing) >= 20


@pytest.mark.parametrize("program", list(Program))
@pytest.mark.parametrize("rule_id", DOMAIN_RULE_IDS)
def test_valid_plan_passes_rule(rule_id: str, program: Program) -> None:
    assert RULES[rule_id](build(program), default_profile(), TODAY) == []


@pytest.mark.parametrize("program", list(Program))
def test_valid_plan_has_no_findings(program: Program) -> None:
    assert evaluate(build(program), default_profile(), TODAY) == []


@pytest.mark.parametrize("c", FAILING)
def test_rule_flags_the_problem(c: Case) -> None:
    _, _, findings = c.run()
    assert [(f.rule_id, f.severity) for f in findings] == [(c.rule, s) for s in c.expected]
    for finding in findings:
        assert finding.message.endswith(f"({c.rule})")
        assert finding.record_kind is not None and finding.record_id is not None
        assert "Pat" not in finding.message and "Sample" not in finding.message  # no names


@pytest.mark.parametrize("c", PASSING)
def test_rule_passes_near_miss(c: Case) -> None:
    _, _, findings = c.run()
    assert findings == []


@pytest.mark.parametrize("c", FAILING)
def test_findings_point_at_existing_records(c: Case) -> None:
    snapshot, _, findings = c.run()
    records = {(r.kind, r.id) for r in _all_records(snapshot)}
    assert {(f.record_kind, f.record_id) for f in findings} <= records


def _all_records(s: PlanSnapshot) -> list[Any]:
    lists = [s.other_plans, s.assessments, s.counseling_statements, s.barriers, s.goals,
             s.objectives, s.services, s.case_notes, s.reviews, s.versions, s.signatures]
    return [s.participant, *([s.plan] if s.plan else []), *(r for lst in lists for r in lst)]


# ---------------------------------------------------------------------------------------------
# Messages say what to do, with dates as MM/DD/YYYY
# ---------------------------------------------------------------------------------------------

def test_completion_message_is_plain_english() -> None:
    s = build()
    edit("goals", established_on=date(2026, 2, 11), estimated_completion_on=date(2026, 1, 5))(s)
    [finding] = RULES["R-G3"](s, default_profile(), TODAY)
    assert finding.message == (
        "Goal 'Full-time welding job': the estimated completion date 01/05/2026 is before the "
        "date established 02/11/2026; set it on or after 02/11/2026 (R-G3)")
    assert (finding.record_kind, finding.record_id) == ("goal", s.goals[0].id)


def test_term_message_names_the_boards_ranges() -> None:
    s = build()
    [finding] = RULES["R-G2"](s, variant(goal_terms=TERMS_1_3_6), TODAY)
    assert "a short-term goal is 1-3 months here" in finding.message
    assert "make it intermediate-term (3-6 months)" in finding.message
    edit("goals", estimated_completion_on=date(2026, 11, 11))(s)
    [finding] = RULES["R-G2"](s, default_profile(), TODAY)
    assert "a short-term goal is 0-6 months here" in finding.message
    assert "intermediate-term (7-12 months)" in finding.message


def test_missing_review_date_suggests_the_default() -> None:
    s = build()
    edit("objectives", review_on=None)(s)
    [finding] = RULES["R-O2"](s, default_profile(), TODAY)
    assert "05/12/2026" in finding.message


def test_overdue_message_gives_the_due_date() -> None:
    [finding] = RULES["R-V1"](build(), default_profile(), date(2026, 6, 1))
    assert "05/12/2026" in finding.message


def test_all_dates_in_messages_are_us_format() -> None:
    findings = [f for p in FAILING for f in p.values[0].run()[2]]
    assert findings
    for finding in findings:
        assert not re.search(r"\d{4}-\d{2}-\d{2}", finding.message), finding.message


# ---------------------------------------------------------------------------------------------
# evaluate(): order, and what applies before a plan exists
# ---------------------------------------------------------------------------------------------

def test_evaluate_sorts_errors_warnings_suggestions_in_rule_order() -> None:
    s = build()
    edit("goals", description="Welding")(s)                         # R-G5 suggestion
    edit("objectives", justification="")(s)                        # R-O3 error
    s.signatures.clear()                                           # R-X1 warning
    edit("plan", region="")(s)                                     # R-P3 error
    s.assessments.pop(1)                                           # R-P2 warning
    findings = evaluate(s, default_profile(), TODAY)
    assert [(f.rule_id, f.severity) for f in findings] == [
        ("R-P3", ERROR), ("R-O3", ERROR), ("R-P2", WARNING), ("R-V3", WARNING), ("R-X1", WARNING),
        ("R-G5", SUGGESTION),
    ]


def test_before_a_plan_exists_only_creation_rules_apply() -> None:
    s = build()
    edit("goals", estimated_completion_on=date(2026, 1, 1))(s)  # would be R-G3
    edit("participant", eligibility_determined_on=None)(s)
    s.other_plans.append(other_plan(s, PlanStatus.OPEN))
    s.plan = None
    findings = evaluate(s, default_profile(), TODAY)
    assert [f.rule_id for f in findings] == ["R-P1", "R-P2"]
    assert all(rule(s, default_profile(), TODAY) == []
               for rule_id, rule in RULES.items() if rule_id not in {"R-P1", "R-P2"})


def test_no_board_names_in_rule_code() -> None:
    source = inspect.getsource(rules).casefold()
    assert "profile.id" not in source
    for board in ("chicago", "cook", "rivers", "scpa", "pennsylvania", "new jersey", "aosos"):
        assert board not in source


# ---------------------------------------------------------------------------------------------
# months_between, derive_term, review dates
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2026, 1, 15), date(2026, 1, 15), 0),
    (date(2026, 1, 15), date(2026, 1, 16), 1),    # a partial month rounds up
    (date(2026, 1, 15), date(2026, 2, 15), 1),
    (date(2026, 1, 15), date(2026, 2, 16), 2),
    (date(2026, 1, 20), date(2026, 2, 10), 1),
    (date(2026, 1, 31), date(2026, 2, 28), 1),    # month ends: Jan 31 + 1 month = Feb 28
    (date(2026, 1, 31), date(2026, 3, 1), 2),
    (date(2024, 1, 31), date(2024, 2, 29), 1),    # leap year
    (date(2024, 2, 29), date(2025, 2, 28), 12),
    (date(2025, 12, 20), date(2026, 1, 5), 1),    # across a year end
    (date(2026, 1, 1), date(2027, 1, 1), 12),
    (date(2026, 1, 1), date(2027, 1, 2), 13),
    (date(2026, 3, 1), date(2026, 1, 15), -2),    # backwards: the negative count
])
def test_months_between(start: date, end: date, months: int) -> None:
    assert months_between(start, end) == months


def _months_later(months: int) -> date:
    return date(2026 + (months // 12), 1 + months % 12, 15)


@pytest.mark.parametrize(("terms", "months", "term"), [
    (TERMS_0_6_12, 0, GoalTerm.SHORT),
    (TERMS_0_6_12, 6, GoalTerm.SHORT),
    (TERMS_0_6_12, 7, GoalTerm.INTERMEDIATE),
    (TERMS_0_6_12, 12, GoalTerm.INTERMEDIATE),
    (TERMS_0_6_12, 13, GoalTerm.LONG),
    (TERMS_1_3_6, 0, GoalTerm.SHORT),
    (TERMS_1_3_6, 1, GoalTerm.SHORT),
    (TERMS_1_3_6, 3, GoalTerm.SHORT),
    (TERMS_1_3_6, 4, GoalTerm.INTERMEDIATE),
    (TERMS_1_3_6, 6, GoalTerm.INTERMEDIATE),
    (TERMS_1_3_6, 7, GoalTerm.LONG),
])
def test_derive_term_at_boundaries(
    terms: list[dict[str, Any]], months: int, term: GoalTerm
) -> None:
    profile = variant(goal_terms=terms)
    established = date(2026, 1, 15)
    assert months_between(established, _months_later(months)) == months
    assert derive_term(profile, established, _months_later(months)) is term


def test_derive_term_partial_month_counts() -> None:
    # 6 months and a day is 7 months: intermediate on the 0-6/7-12 table.
    term = derive_term(default_profile(), date(2026, 1, 15), date(2026, 7, 16))
    assert term is GoalTerm.INTERMEDIATE


def test_derive_term_with_completion_before_established_is_short() -> None:
    assert derive_term(default_profile(), date(2026, 3, 1), date(2026, 1, 1)) is GoalTerm.SHORT


def test_default_review_date_uses_profile_offset() -> None:
    assert default_review_date(default_profile(), START) == date(2026, 5, 12)
    assert default_review_date(variant(objective_review_offset_days=30), START) == date(2026, 3, 13)


@pytest.mark.parametrize(("today", "state"), [
    (date(2026, 4, 27), "ok"),        # 15 days before the due date
    (date(2026, 4, 28), "due"),       # 14 days before: due soon
    (date(2026, 5, 12), "due"),       # the due date itself
    (date(2026, 5, 13), "overdue"),
])
def test_review_state(today: date, state: str) -> None:
    s = build()
    assert review_due_on(s, default_profile()) == date(2026, 5, 12)  # start + 90 days
    assert review_state(s, default_profile(), today) == state


def test_review_due_counts_from_last_review() -> None:
    s = build()
    add_review(ReviewOutcome.NO_CHANGE, "IEP/ISS Review")(s)  # reviewed 03/01/2026
    assert review_due_on(s, default_profile()) == date(2026, 5, 30)
    assert review_due_on(s, variant(review_interval_days=30)) == date(2026, 3, 31)


def test_review_state_none_without_open_plan() -> None:
    s = build()
    edit("plan", status=PlanStatus.CLOSED, closed_date=date(2026, 3, 1))(s)
    assert review_due_on(s, default_profile()) is None
    assert review_state(s, default_profile(), TODAY) == "none"
    s.plan = None
    assert review_state(s, default_profile(), TODAY) == "none"
