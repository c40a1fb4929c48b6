"""The board profile: everything that differs between workforce boards, as validated data.

Code never asks which board it is; it asks the profile (domain.md: board differences are
profile settings). Profiles live in resources/profiles/*.json.
"""

from __future__ import annotations

import json
import re
from datetime import date
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
    # R-S2: a same-day service starts and ends on one day, its own day (Chicago 224, 431). The
    # service that must fall on the plan's creation date is a different thing:
    # BoardProfile.plan_creation_services.
    same_day: bool = False


BackgroundField = Literal["education", "work_history", "credentials", "job_skills"]


class Prerequisites(_Strict):
    """R-P2: what must exist before a plan is created, and how hard each check is.

    A severity of null means the board's document does not ask for that step, so it is not checked.
    """

    # The WIOA application found the participant eligible, and the plan starts on or after that day.
    eligibility: Severity = Severity.ERROR
    objective_assessment: Severity | None = Severity.ERROR
    career_exploration: Severity | None = Severity.WARNING
    first_service: Severity = Severity.WARNING
    # Services that count as the first participation service, per program. A program listed in
    # first_service_programs but not here accepts any service (Rivers East: "open the first
    # service provided"). Without first_service_programs, the programs listed here are checked.
    first_service_codes: dict[Program, list[str]] = Field(default_factory=dict)
    first_service_programs: list[Program] | None = None
    # Services that must be delivered in this order before a plan (Chicago Youth: 468, 469, 470),
    # for participants who entered the program after ordered_services_entered_after (if set).
    ordered_services: dict[Program, list[str]] = Field(default_factory=dict)
    ordered_services_severity: Severity = Severity.ERROR
    ordered_services_entered_after: date | None = None
    # Services that may only start after the ordered ones (Chicago Youth: 431).
    after_ordered_services: dict[Program, list[str]] = Field(default_factory=dict)
    # Assessments the board requires before the plan (SCPa: CareerScope, TORQ, TABE, O*NET).
    required_assessments: list[AssessmentKind] = Field(default_factory=list)
    required_assessments_severity: Severity = Severity.WARNING
    # Services entered only once those assessments were reviewed (SCPa: WIS02, then the IEP).
    after_required_assessments: list[str] = Field(default_factory=list)
    # Current skills assessed (Rivers East step 4): one basic-skills test of these kinds, and
    # these parts of the participant's background recorded.
    basic_skills_tests: list[AssessmentKind] = Field(default_factory=list)
    background_assessed: list[BackgroundField] = Field(default_factory=list)
    skills_assessed_severity: Severity = Severity.WARNING

    def first_service_checked(self, program: Program) -> bool:
        programs = self.first_service_programs
        return program in (programs if programs is not None else self.first_service_codes)


class GoalLink(_Strict):
    """R-G1: a goal of this type should serve (be linked to) a goal of another type."""

    programs: list[Program]
    goal_type: GoalType
    serves: GoalType
    severity: Severity = Severity.WARNING


class GoalAlignment(_Strict):
    """R-G7 (NJ): a long-term career goal, and short-term goals that name the goal they serve."""

    long_term_goal: Severity = Severity.WARNING
    short_terms_serve_long: Severity = Severity.WARNING


class UndecidedGoal(_Strict):
    """R-G1 (Rivers East): an employment goal may be undecided if a career-path tool is used."""

    words: list[str] = Field(default_factory=lambda: ["undecided"], min_length=1)
    career_path_assessment: AssessmentKind = AssessmentKind.TRAITIFY
    severity: Severity = Severity.WARNING


class BasicSkills(_Strict):
    """R-O6: TABE below the threshold means basic-skills deficient."""

    tabe_threshold: float = 9.0
    remediation_objective: str = "Increase Reading and/or Math Skills"
    remediation_severity: Severity = Severity.ERROR
    esl_objective: str = "Attend English as a Second Language Classes"
    # An English-language learner without the ESL objective. Default: a suggestion (this app's
    # default; a board whose document counts English proficiency among the deficiencies the plan
    # must remediate sets it as strong as low TABE).
    esl_severity: Severity = Severity.SUGGESTION


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
    # Where each setting comes from: "<document file> <section>" or DEFAULT_SOURCE. Keys are
    # setting paths: "goal_terms", "prerequisites.first_service_codes",
    # "goal_types.youth", "service_codes.431". A key without its own entry takes its parent's.
    sources: dict[str, str] = Field(default_factory=dict)

    goal_terms: list[TermRange] = Field(min_length=3, max_length=3)
    goal_types: dict[Program, list[GoalType]]
    # What the board calls a goal type where it differs (Rivers East: educational = "Schooling").
    goal_type_labels: dict[GoalType, str] = Field(default_factory=dict)
    goal_links: list[GoalLink] = Field(default_factory=list)  # R-G1
    goal_alignment: GoalAlignment | None = None  # R-G7
    undecided_goal: UndecidedGoal | None = None  # R-G1
    employment_goal_required: list[Program] = Field(
        default_factory=lambda: [Program.ADULT, Program.DISLOCATED_WORKER])
    goal_description_max_chars: int = Field(default=100, ge=20)

    predefined_objectives: list[str] = Field(min_length=1)
    required_objectives: dict[Program, list[str]] = Field(default_factory=dict)  # R-O5
    objective_review_offset_days: int = Field(default=90, ge=1)

    service_codes: list[ServiceCode] = Field(min_length=1)
    # R-O5: services every participant of the program must have (Chicago Youth: 431), which may
    # only start once the plan exists, and which are entered together with a case note.
    required_services: dict[Program, list[str]] = Field(default_factory=dict)
    required_services_severity: Severity = Severity.WARNING
    after_plan_start_services: dict[Program, list[str]] = Field(default_factory=dict)
    services_needing_case_note: dict[Program, list[str]] = Field(default_factory=dict)
    # R-S2: the plan-creation service (Rivers East "IEP/ISS Same Day service") is opened and
    # closed on the plan's creation date.
    plan_creation_services: dict[Program, list[str]] = Field(default_factory=dict)
    plan_creation_service_severity: Severity = Severity.ERROR
    prerequisites: Prerequisites = Field(default_factory=Prerequisites)
    basic_skills: BasicSkills = Field(default_factory=BasicSkills)
    # R-A1: the parts of the participant's background the board records for the plan.
    assessment_background: list[BackgroundField] = Field(default_factory=list)
    assessment_background_severity: Severity = Severity.WARNING
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
    # Issue 18: the board's list labels in other languages, {language: {English label: label}}.
    # A translation of the cited English label (its source says so); a label missing here shows
    # in English (``label``), and ``missing_labels`` / ``iep profile show`` report it.
    translations: dict[str, dict[str, str]] = Field(default_factory=dict)

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
        groups: list[tuple[tuple[str, ...], dict[Program, list[str]]]] = [
            *((("prerequisites", name), getattr(pre, name))
              for name in ("first_service_codes", "ordered_services", "after_ordered_services")),
            *(((name,), getattr(self, name))
              for name in ("required_services", "after_plan_start_services",
                           "services_needing_case_note", "plan_creation_services")),
            (("prerequisites", "after_required_assessments"), {Program.ADULT: pre.after_required_assessments}),
        ]
        for loc, by_program in groups:
            for program, codes in by_program.items():
                unknown = sorted(set(codes) - known)
                if unknown:
                    where = loc if loc[-1] == "after_required_assessments" else (*loc, program.value)
                    raise _located_error(where, codes,
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

    @model_validator(mode="after")
    def _sources_name_settings(self) -> BoardProfile:
        known = set(setting_paths(self))
        for key in self.sources:
            if key not in known and not any(path.startswith(key + ".") for path in known):
                raise _located_error(("sources", key), key, "names no setting of this profile")
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

    def goal_type_label(self, goal_type: GoalType) -> str:
        """The board's own word for a goal type ("Schooling"), else the app's ("Educational")."""
        return self.goal_type_labels.get(goal_type, goal_type.value.capitalize())

    # Labels by language (issue 18). What a coach typed is never looked up here.
    def label(self, text: str, language: str | None = None) -> str:
        """A board list label (an objective, a service name, a term's months, a goal type) in
        ``language`` ("en"/"es"; None: the current language); English where it is missing."""
        from iep_desktop import i18n

        code = i18n.normalize(language) if language is not None else i18n.current_language()
        if code == i18n.ENGLISH:
            return text
        return self.translations.get(code, {}).get(text.strip()) or text

    def list_labels(self) -> list[tuple[str, str]]:
        """Every label of the board's lists as (where, English label), once each, in order: the
        board's name and regions (printed on the participant's copy), predefined and required
        objectives, service names, goal types, terms, note titles. A proper name (Chicago Cook
        Workforce Partnership) has itself as its Spanish label."""
        found: list[tuple[str, str]] = []
        seen: set[str] = set()

        def add(where: str, text: str) -> None:
            if text.strip() and text.strip() not in seen:
                seen.add(text.strip())
                found.append((where, text.strip()))

        add("name", self.name)
        for region in self.regions:
            add("regions", region)
        for title in self.predefined_objectives:
            add("predefined_objectives", title)
        for program, titles in self.required_objectives.items():
            for title in titles:
                add(f"required_objectives.{program.value}", title)
        add("basic_skills.remediation_objective", self.basic_skills.remediation_objective)
        add("basic_skills.esl_objective", self.basic_skills.esl_objective)
        for service in self.service_codes:
            add(f"service_codes.{service.code}", service.name)
        for goal_type in GoalType:
            add(f"goal_type_labels.{goal_type.value}", self.goal_type_label(goal_type))
        for term in self.goal_terms:
            add(f"goal_terms.{term.term.value}", term.label)
        add("exit.closing_note_title", self.exit.closing_note_title)
        return found

    def missing_labels(self, language: str) -> list[tuple[str, str]]:
        """The list labels with no label in ``language`` (English needs none)."""
        from iep_desktop import i18n

        code = i18n.normalize(language)
        if code == i18n.ENGLISH:
            return []
        have = self.translations.get(code, {})
        return [(where, text) for where, text in self.list_labels() if not have.get(text, "").strip()]

    def plan_creation_codes(self, program: Program) -> list[str]:
        return self.plan_creation_services.get(program, [])

    # Sources: where each setting comes from.
    def source_of(self, path: str) -> str:
        """The source of one setting: its own entry, else its nearest parent's, else (for the
        plan-life groups that carry their own ``cite``) that cite, else none."""
        key = path
        while key:
            if key in self.sources:
                return self.sources[key]
            key = key.rpartition(".")[0]
        head = path.partition(".")[0]
        if head in _CITED:
            return _cited_source(getattr(self, head).cite)
        return NO_SOURCE

    def is_board_policy(self, path: str) -> bool:
        """True when the setting is the board's own: it cites the board's document, or the
        board's office published it. A default of this app, or no source at all, is not."""
        source = self.source_of(path)
        return source != NO_SOURCE and not source.startswith(DEFAULT_SOURCE)

    def value_at(self, path: str) -> object:
        """A setting's value as JSON data (see setting_paths for the paths)."""
        return _value_at(self.model_dump(mode="json"), path)

    def setting_sources(self) -> list[tuple[str, str, str]]:
        """Every setting as (path, value as text, source), in the profile's order."""
        values = self.model_dump(mode="json")
        return [(path, shown_value(_value_at(values, path)), self.source_of(path))
                for path in setting_paths(self)]


DEFAULT_SOURCE = "default of this app"
NO_SOURCE = "no source given"
OFFICE_SOURCE = "published by the office"
# Settings that describe the profile itself rather than a rule of the board.
_NOT_SETTINGS = frozenset({"id", "name", "source", "sources"})
_PER_PROGRAM = frozenset({
    "goal_types", "required_objectives", "required_services", "after_plan_start_services",
    "services_needing_case_note", "plan_creation_services",
    "first_service_codes", "ordered_services", "after_ordered_services",
})
_GROUPS = ("prerequisites", "basic_skills", "case_notes")


# Groups whose source is their own ``cite`` field (monitoring, updates, exit, PIRL codes).
_CITED = frozenset({"monitoring", "updates", "exit", "pirl"})


def _cited_source(cite: str) -> str:
    """A group's cite as a source: it names a board document by its number ("002 Chicago ...",
    as the seed files are numbered), or it is a default of this app (a federal rule the app
    applies is not the board's own document)."""
    if re.match(r"^\d{3}[ _]", cite) or cite.startswith(DEFAULT_SOURCE):
        return cite
    return f"{DEFAULT_SOURCE}: {cite}"


def setting_paths(profile: BoardProfile) -> list[str]:
    """The path of every setting a source must be given for.

    Per-program settings are listed per program, service codes per code and grouped settings
    (prerequisites, ...) per field, so that one board's document can speak for its Adult rules
    and be silent on its Youth ones.
    """
    paths: list[str] = []
    for name in type(profile).model_fields:
        if name in _NOT_SETTINGS:
            continue
        value = getattr(profile, name)
        if name == "service_codes":
            paths += [f"service_codes.{s.code}" for s in profile.service_codes]
        elif name in _GROUPS:
            for field in type(value).model_fields:
                if field in _PER_PROGRAM:
                    paths += [f"{name}.{field}.{p.value}" for p in Program]
                else:
                    paths.append(f"{name}.{field}")
        elif name in _PER_PROGRAM:
            paths += [f"{name}.{p.value}" for p in Program]
        else:
            paths.append(name)
    return paths


def _value_at(values: dict[str, object], path: str) -> object:
    head, _, rest = path.partition(".")
    value: object = values.get(head)
    if head == "service_codes" and isinstance(value, list):
        return next((s for s in value if isinstance(s, dict) and s.get("code") == rest), None)
    for part in rest.split(".") if rest else []:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def shown_value(value: object) -> str:
    """A setting's value on one line, as `iep profile show` prints it."""
    if value is None:
        return "none"
    if isinstance(value, (list, dict)) and not value:
        return "none"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
