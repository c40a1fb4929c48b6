"""The IEP/ISS domain as pydantic models. No SQL, no files, no Qt.

Every stored record has an ``id`` (a UUID string, made on the laptop so records from many
laptops never collide) and a ``version`` that the store bumps on every change; sync uses
the version as the base of a change. Dates are real ``date`` objects; the UI formats them
as MM/DD/YYYY.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

# The enums board profiles use too live in iep_desktop/enums.py (so profiles/ needs nothing from
# domain/); they are named here as well (__all__), where every record type is.
from iep_desktop.enums import AssessmentKind, CaseNoteKind, GoalTerm, GoalType, MeetingKind, PlanKind, Program

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]


def new_id() -> str:
    return str(uuid.uuid4())


class PlanStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ItemStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(StrEnum):
    SUCCESSFUL = "successful"
    UNSUCCESSFUL = "unsuccessful"


class ServiceStatus(StrEnum):
    """Where a service stands (R-S3): documented as it happens, not only as planned."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"  # stopped or never attended: the reason says why

    @property
    def label(self) -> str:
        return {"planned": "Planned", "in_progress": "In progress", "completed": "Completed",
                "not_completed": "Not completed"}[self.value]


class Reopening(BaseModel):
    """A closing undone by mistake: the closing as it was, and when and why it was reopened.
    Kept on the record for good (never erased), so the history of a goal or objective shows."""

    model_config = ConfigDict(extra="forbid")
    closed_on: date
    outcome: Outcome | None = None
    reopened_on: date
    reason: ShortText = Field(min_length=1)


class BarrierGroup(StrEnum):
    TECHNOLOGY = "technology"
    PERSONAL = "personal"
    SKILLS = "skills"


class ReviewOutcome(StrEnum):
    NO_CHANGE = "no_change"
    UPDATED = "updated"


class Language(StrEnum):
    """The participant's preferred language (issue 18): their copy of the plan and the signature
    page's summary and consent are in it. Codes as in ``iep_desktop.i18n``."""

    ENGLISH = "en"
    SPANISH = "es"

    @property
    def label(self) -> str:
        return "English" if self is Language.ENGLISH else "Español"  # each in its own language


class SignerRole(StrEnum):
    PARTICIPANT = "participant"
    COACH = "coach"
    PARENT_GUARDIAN = "parent_guardian"


class Record(BaseModel):
    """Fields every stored record has. ``kind`` names its table and its sync record type."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid", use_enum_values=False)
    kind: ClassVar[str] = "record"
    # Fields a person may never change after the record is first written.
    immutable_fields: ClassVar[frozenset[str]] = frozenset({"id"})
    # Append-only records (case notes, signatures) are never updated at all.
    append_only: ClassVar[bool] = False

    id: str = Field(default_factory=new_id)
    version: int = 0


class Participant(Record):
    kind: ClassVar[str] = "participant"

    first_name: ShortText = Field(min_length=1)
    last_name: ShortText = Field(min_length=1)
    date_of_birth: date | None = None
    # Never the full SSN: at most its last four digits.
    ssn_last4: str | None = Field(default=None, pattern=r"^\d{4}$")
    program: Program
    board: ShortText = Field(min_length=1)  # board profile id
    region: ShortText = ""
    office: ShortText = ""
    email: ShortText = ""
    phone: ShortText = ""
    english_learner: bool = False
    eligibility_determined_on: date | None = None  # the WIOA application found them eligible
    program_entry_on: date | None = None
    created_at: datetime | None = None
    # Background gathered for the plan (R-A1: SCPa I.D, Rivers East prerequisite 4, NJ's
    # Employment and Education tabs). Printed on the plan.
    education: LongText = ""
    work_history: LongText = ""  # work and employment history
    credentials: LongText = ""
    job_skills: LongText = ""
    # The language the participant reads best (issue 18): their copy of the plan and the signature
    # consent. Not part of the signed content: a copy in another language is the same version.
    preferred_language: Language = Language.ENGLISH

    @field_validator("ssn_last4", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Plan(Record):
    kind: ClassVar[str] = "plan"
    immutable_fields: ClassVar[frozenset[str]] = frozenset({"id", "participant_id"})

    participant_id: str
    program: Program
    board: ShortText
    region: ShortText = ""  # LWIA / region
    office: ShortText = ""
    coach_name: ShortText = ""
    start_date: date
    status: PlanStatus = PlanStatus.OPEN
    closed_date: date | None = None
    close_reason: ShortText = ""
    closing_note_id: str | None = None  # the case note written when the plan closed at exit (R-V4)

    @property
    def plan_kind(self) -> PlanKind:
        return self.program.plan_kind


class Assessment(Record):
    """An assessment activity or academic test result (R-A1)."""

    kind: ClassVar[str] = "assessment"

    participant_id: str
    plan_id: str | None = None
    instrument: AssessmentKind
    taken_on: date
    score: ShortText = ""  # as reported: "Scale 512", "Realistic/Investigative", ...
    # TABE and similar tests report a grade level such as 8.4.
    grade_level: Decimal | None = Field(default=None, ge=0, le=13, decimal_places=1)
    occupational_needs: LongText = ""
    service_needs: LongText = ""
    comments: LongText = ""


class CounselingStatement(Record):
    """Confidential information (R-A2): kept, never printed, never in the participant's copy."""

    kind: ClassVar[str] = "counseling_statement"
    append_only: ClassVar[bool] = True

    participant_id: str
    plan_id: str | None = None
    written_on: date
    author: ShortText = ""
    text: LongText = Field(min_length=1)


class Barrier(Record):
    kind: ClassVar[str] = "barrier"

    plan_id: str
    group: BarrierGroup
    category: ShortText = Field(min_length=1)  # e.g. "child_care", "transportation"
    description: LongText = ""
    step: LongText = ""  # the step or service that addresses it (R-A3)
    service_id: str | None = None


class Goal(Record):
    kind: ClassVar[str] = "goal"
    immutable_fields: ClassVar[frozenset[str]] = frozenset({"id", "plan_id"})

    plan_id: str
    goal_type: GoalType
    term: GoalTerm
    description: ShortText = Field(min_length=1)
    established_on: date
    estimated_completion_on: date
    status: ItemStatus = ItemStatus.OPEN
    closed_on: date | None = None
    close_reason: Outcome | None = None
    reopenings: list[Reopening] = Field(default_factory=list)
    # The goal this one serves (R-G7: a short-term goal aligned with the long-term career goal;
    # R-G1: a youth educational goal linked to an employment goal).
    serves_goal_id: str | None = None


class Objective(Record):
    kind: ClassVar[str] = "objective"
    immutable_fields: ClassVar[frozenset[str]] = frozenset({"id", "plan_id"})

    plan_id: str
    goal_id: str
    title: ShortText = Field(min_length=1)
    custom: bool = False  # False: picked from the board's predefined list (R-O1)
    justification: LongText = ""
    established_on: date
    review_on: date | None = None
    status: ItemStatus = ItemStatus.OPEN
    closed_on: date | None = None
    outcome: Outcome | None = None
    reopenings: list[Reopening] = Field(default_factory=list)


class Service(Record):
    """A service from the board's code list (R-S1). Services recorded before the plan exists
    (the first participation service, R-P2) have no plan_id."""

    kind: ClassVar[str] = "service"

    participant_id: str
    plan_id: str | None = None
    code: ShortText = Field(min_length=1)
    provider: ShortText = ""  # who provides it, or to whom the participant is referred
    referral: bool = False
    planned_start: date
    planned_end: date
    actual_start: date | None = None
    actual_end: date | None = None
    funding_source: ShortText = ""
    amount: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=2)
    objective_ids: list[str] = Field(default_factory=list)
    comments: LongText = ""  # how the service went (R-S3)
    status: ServiceStatus = ServiceStatus.PLANNED
    outcome: ShortText = ""  # e.g. "Resume finished", "Certificate earned"
    not_completed_reason: ShortText = ""


class NextSteps(BaseModel):
    model_config = ConfigDict(extra="forbid")
    goal: ShortText = ""
    how: LongText = ""
    deadline: date | None = None


class CaseNote(Record):
    """Append-only (R-C1): corrections are new notes that point at the old one."""

    kind: ClassVar[str] = "case_note"
    append_only: ClassVar[bool] = True

    participant_id: str
    plan_id: str | None = None
    title: ShortText = Field(min_length=1)
    story: LongText = ""
    figures: LongText = ""
    next_steps: NextSteps = Field(default_factory=NextSteps)
    follow_up_on: date | None = None
    written_at: datetime
    author: ShortText = ""
    corrects_id: str | None = None
    note_kind: CaseNoteKind = CaseNoteKind.GENERAL


class Review(Record):
    kind: ClassVar[str] = "review"
    append_only: ClassVar[bool] = True

    plan_id: str
    reviewed_on: date
    outcome: ReviewOutcome
    case_note_id: str | None = None
    reviewer: ShortText = ""
    meeting_kind: MeetingKind | None = None


class PlanVersion(Record):
    """A frozen version of what signers agree to (R-X2): canonical content and its SHA-256."""

    kind: ClassVar[str] = "plan_version"
    append_only: ClassVar[bool] = True

    plan_id: str
    number: int = Field(ge=1)
    digest: str = Field(pattern=r"^[0-9a-f]{64}$")
    content: str  # canonical JSON (see domain/plan_content.py)
    created_at: datetime
    needs_signature: bool = True  # R-V3: did the change that made it require signing again?


class Signature(Record):
    """One signer's pen signature on one exact plan version (R-X1, R-X2)."""

    kind: ClassVar[str] = "signature"
    append_only: ClassVar[bool] = True

    plan_id: str
    plan_version_id: str
    version_digest: str = Field(pattern=r"^[0-9a-f]{64}$")
    role: SignerRole
    signer_name: ShortText = Field(min_length=1)
    signed_at: datetime
    device: str = Field(pattern=r"^(pen|touch|mouse|keyboard)$")
    consent_text: LongText
    strokes: str  # SignatureInk JSON (domain/strokes.py): pad size and strokes of timed, pressured points


RECORD_TYPES: dict[str, type[Record]] = {
    model.kind: model
    for model in (
        Participant, Plan, Assessment, CounselingStatement, Barrier, Goal, Objective, Service,
        CaseNote, Review, PlanVersion, Signature,
    )
}


class PlanSnapshot(BaseModel):
    """Everything the rules need about one plan, read in one go."""

    model_config = ConfigDict(extra="forbid")

    participant: Participant
    plan: Plan | None = None
    other_plans: list[Plan] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)
    counseling_statements: list[CounselingStatement] = Field(default_factory=list)
    barriers: list[Barrier] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    case_notes: list[CaseNote] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list)
    versions: list[PlanVersion] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    # Digest of the plan's content as it is now (None before the plan exists); the services
    # compute it, the rules compare signatures with it.
    current_digest: str | None = None

    def objectives_of(self, goal_id: str) -> list[Objective]:
        return [o for o in self.objectives if o.goal_id == goal_id]


__all__ = [
    "Assessment", "AssessmentKind", "Barrier", "BarrierGroup", "CaseNote", "CaseNoteKind", "CounselingStatement",
    "Goal", "GoalTerm", "GoalType", "ItemStatus", "LongText", "MeetingKind", "NextSteps", "Objective", "Outcome",
    "Participant", "Plan", "PlanKind", "PlanSnapshot", "PlanStatus", "PlanVersion", "Program",
    "RECORD_TYPES", "Record", "Reopening", "Review", "ReviewOutcome", "Service", "ServiceStatus", "ShortText",
    "Signature", "SignerRole", "new_id",
]
