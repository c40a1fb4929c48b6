"""The board profile: everything that differs between workforce boards, as validated data.

Code never asks which board it is; it asks the profile (domain.md: board differences are
profile settings). Profiles live in resources/profiles/*.json.
"""

from __future__ import annotations

from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from iep_desktop.enums import AssessmentKind, CaseNoteKind, GoalTerm, GoalType, MeetingKind, Program, Severity


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TermRange(_Strict):
    """Goal term in whole months from date established to estimated completion (R-G2)."""

    term: GoalTerm
    min_months: int = Field(ge=0)
    max_months: int | None = Field(default=None, ge=0)  # None: no upper bound ("over 12 months")
    label: str  # as the board writes it: "0-6 months"


class ServiceCode(_Strict):
    code: str = Field(min_length=1, max_length=12)
    name: str = Field(min_length=1)
    category: Literal["career", "training", "supportive", "youth", "plan"] = "career"
    programs: list[Program] = Field(default_factory=lambda: list(Program))
    same_day: bool = False  # R-S2: starts and ends on the plan's creation date


class Prerequisites(_Strict):
    """R-P2: what must exist before a plan is created, and how hard each check is."""

    eligibility: Severity = Severity.ERROR
    objective_assessment: Severity = Severity.ERROR
    career_exploration: Severity = Severity.WARNING
    first_service: Severity = Severity.WARNING
    # Services that count as the first participation service, per program.
    first_service_codes: dict[Program, list[str]] = Field(default_factory=dict)
    # Services that must be delivered in this order before a plan (Chicago Youth: 468, 469, 470).
    ordered_services: dict[Program, list[str]] = Field(default_factory=dict)
    ordered_services_severity: Severity = Severity.ERROR
    # Services that may only start after the ordered ones (Chicago Youth: 431).
    after_ordered_services: dict[Program, list[str]] = Field(default_factory=dict)
    # Assessments the board requires before the plan (SCPa: CareerScope, TORQ, TABE, O*NET).
    required_assessments: list[AssessmentKind] = Field(default_factory=list)
    required_assessments_severity: Severity = Severity.WARNING


class BasicSkills(_Strict):
    """R-O6: TABE below the threshold means basic-skills deficient."""

    tabe_threshold: float = 9.0
    remediation_objective: str = "Increase Reading and/or Math Skills"
    remediation_severity: Severity = Severity.ERROR
    esl_objective: str = "Attend English as a Second Language Classes"


class CaseNoteRules(_Strict):
    """R-C1: which parts of a case note the board requires."""

    require_figures: bool = False
    require_next_steps: bool = False
    require_follow_up: bool = False
    # The kinds of note the figures / next steps / follow-up requirements apply to (SCPa IV.A:
    # its structure is for incentive case notes). Empty: every kind of note.
    structured_kinds: list[CaseNoteKind] = Field(default_factory=list)


class Monitoring(_Strict):
    """R-G8, R-O7, R-S3: which passed dates on an open plan become findings, and how strong.

    None: the board does not ask for it (no finding). ``cite`` names the document section, or
    says the value is a default of this app."""

    goal_completion: Severity | None = Severity.SUGGESTION      # R-G8
    objective_review: Severity | None = Severity.SUGGESTION     # R-O7
    service_end: Severity | None = Severity.SUGGESTION          # R-S3: planned end passed, not recorded
    review_on_service_completion: bool = False                  # R-S3 (SCPa III.A)
    cite: str = "default of this app"


class Updates(_Strict):
    """R-V3 review updates: services that open with an update and close once the plan is signed
    again (Rivers East 20A Adult/DW, 41A Youth), and the meeting kinds a review records."""

    service_codes: dict[Program, str] = Field(default_factory=dict)
    meeting_kinds: list[MeetingKind] = Field(default_factory=list)  # empty: not asked
    cite: str = "default of this app"


class Exit(_Strict):
    """R-V4 and the WIOA exit rule: a participant with no service for this many days, and none
    planned, has exited on the last day of service (PIRL 901)."""

    days_without_service: int = Field(default=90, ge=1)
    closing_note_title: str = "IEP/ISS Closed"
    cite: str = "WIOA exit rule (TEGL 10-16: 90 days with no service and none planned); default of this app"


class PirlCodes(_Strict):
    """How this board's service codes map to PIRL elements (docs/pirl-mapping.md). Data, not code."""

    training_type: dict[str, str] = Field(default_factory=dict)         # service code -> 1303 value
    work_experience_type: dict[str, str] = Field(default_factory=dict)  # service code -> 1205 value
    basic_career: list[str] = Field(default_factory=list)     # 1001: date of first basic career service
    cite: str = "default of this app"


def _located_error(loc: tuple[str, ...], value: object, message: str) -> ValidationError:
    """A validation error that names the exact field, for checks that span fields."""
    detail = InitErrorDetails(type=PydanticCustomError("profile", message), loc=loc, input=value)
    return ValidationError.from_exception_data("BoardProfile", [detail])


class BoardProfile(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    state: str = ""
    state_system: str = ""  # AOSOS, Career Connect, CWDS, NCWorks
    regions: list[str] = Field(default_factory=list)
    offices: list[str] = Field(default_factory=list)
    source: str = ""  # the policy document the settings come from

    goal_terms: list[TermRange] = Field(min_length=3, max_length=3)
    goal_types: dict[Program, list[GoalType]]
    employment_goal_required: list[Program] = Field(
        default_factory=lambda: [Program.ADULT, Program.DISLOCATED_WORKER])
    goal_description_max_chars: int = Field(default=100, ge=20)

    predefined_objectives: list[str] = Field(min_length=1)
    required_objectives: dict[Program, list[str]] = Field(default_factory=dict)  # R-O5
    objective_review_offset_days: int = Field(default=90, ge=1)

    service_codes: list[ServiceCode] = Field(min_length=1)
    prerequisites: Prerequisites = Field(default_factory=Prerequisites)
    basic_skills: BasicSkills = Field(default_factory=BasicSkills)
    case_notes: CaseNoteRules = Field(default_factory=CaseNoteRules)

    review_interval_days: int = Field(default=90, ge=1)  # R-V1
    review_due_soon_days: int = Field(default=14, ge=0)
    # R-V3: "goal_change" (Chicago: only a goal change needs signing again; dates alone do not)
    # or "every_change" (SCPa: every update is signed).
    resign_policy: Literal["goal_change", "every_change"] = "every_change"
    parent_signature: Literal["never", "optional"] = "optional"  # R-X1: never required
    export_counseling_statements: bool = False  # R-A2
    # R-V3 / R-S3: recording how a service went (actual dates, status, outcome) needs a new
    # signature (SCPa III.A.1: signed every time the plan changes; III.A: updated each time a
    # service element is completed). Elsewhere the delivery record is not the agreed plan.
    service_delivery_needs_signature: bool = False
    monitoring: Monitoring = Field(default_factory=Monitoring)
    updates: Updates = Field(default_factory=Updates)
    exit: Exit = Field(default_factory=Exit)
    # PIRL 1303/1310/1315 (type of training), 1205 (type of work experience) and 1001/1004
    # (career-service dates): which PIRL code each of this board's service codes maps to.
    pirl: PirlCodes = Field(default_factory=lambda: PirlCodes())

    @field_validator("goal_terms")
    @classmethod
    def _terms_rise(cls, terms: list[TermRange]) -> list[TermRange]:
        if [t.term for t in terms] != [GoalTerm.SHORT, GoalTerm.INTERMEDIATE, GoalTerm.LONG]:
            raise ValueError("must list short, intermediate and long, in that order")
        for earlier, later in zip(terms, terms[1:]):
            if earlier.max_months is None or later.min_months < earlier.min_months:
                raise ValueError("must rise: only the long term may be open-ended")
        return terms

    @field_validator("service_codes")
    @classmethod
    def _codes_unique(cls, codes: list[ServiceCode]) -> list[ServiceCode]:
        seen = [c.code for c in codes]
        dupes = sorted({c for c in seen if seen.count(c) > 1})
        if dupes:
            raise ValueError(f"repeats {', '.join(dupes)}")
        return codes

    @field_validator("predefined_objectives")
    @classmethod
    def _objectives_clean(cls, objectives: list[str]) -> list[str]:
        if any(not o.strip() for o in objectives):
            raise ValueError("has a blank entry")
        lowered = [o.casefold() for o in objectives]
        if len(lowered) != len(set(lowered)):
            raise ValueError("has duplicates")
        return objectives

    @model_validator(mode="after")
    def _prerequisite_codes_known(self) -> BoardProfile:
        known = {s.code for s in self.service_codes}
        pre = self.prerequisites
        for group in ("first_service_codes", "ordered_services", "after_ordered_services"):
            for program, codes in getattr(pre, group).items():
                unknown = sorted(set(codes) - known)
                if unknown:
                    raise _located_error(("prerequisites", group, program.value), codes,
                                         f"names service codes not in service_codes: {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _life_codes_known(self) -> BoardProfile:
        """Update services and PIRL mappings name only this board's service codes."""
        known = {s.code for s in self.service_codes}
        groups: list[tuple[tuple[str, ...], list[str]]] = [
            (("updates", "service_codes"), list(self.updates.service_codes.values())),
            (("pirl", "training_type"), list(self.pirl.training_type)),
            (("pirl", "work_experience_type"), list(self.pirl.work_experience_type)),
            (("pirl", "basic_career"), list(self.pirl.basic_career)),
        ]
        for loc, codes in groups:
            unknown = sorted(set(codes) - known)
            if unknown:
                raise _located_error(loc, codes, f"names service codes not in service_codes: {', '.join(unknown)}")
        return self

    # Look-ups the rules and the UI use.
    def service(self, code: str) -> ServiceCode | None:
        return next((s for s in self.service_codes if s.code == code), None)

    def term_for_months(self, months: int) -> GoalTerm:
        for term in self.goal_terms:
            if term.max_months is None or months <= term.max_months:
                return term.term
        return GoalTerm.LONG

    def term_range(self, term: GoalTerm) -> TermRange:
        return next(t for t in self.goal_terms if t.term == term)

    def is_predefined(self, title: str) -> bool:
        wanted = title.strip().casefold()
        return any(o.casefold() == wanted for o in self.predefined_objectives)
