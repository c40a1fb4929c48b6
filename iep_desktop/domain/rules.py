"""The plan rules of shared/domain.md (R-P1 ... R-X2) as pure functions.

Each rule reads one PlanSnapshot through one BoardProfile and returns findings that cite its
rule id. Everything that differs between boards comes from a profile field, never from the
board's name. Nothing here does I/O: the UI and the services call ``evaluate`` and show the
findings; the coach decides what to do with warnings and suggestions, errors block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from iep_desktop import i18n
from iep_desktop.clock import local_day
from iep_desktop.domain.findings import RULES_CONTEXT, Finding, Severity
from iep_desktop.domain.models import (
    AssessmentKind,
    Barrier,
    CaseNote,
    CounselingStatement,
    Goal,
    GoalTerm,
    GoalType,
    ItemStatus,
    Objective,
    Plan,
    PlanSnapshot,
    PlanStatus,
    PlanVersion,
    Program,
    Record,
    Review,
    ReviewOutcome,
    Service,
    ServiceStatus,
    Signature,
    SignerRole,
)
from iep_desktop.domain.terms import derive_term, months_between
from iep_desktop.domain.plan_content import (
    effective_status,
    plan_content,
    signature_required,
    without_delivery,
)
from iep_desktop.profiles.schema import BoardProfile

Rule = Callable[[PlanSnapshot, BoardProfile, date], list[Finding]]
PlanCheck = Callable[[PlanSnapshot, Plan, BoardProfile, date], list[Finding]]
ReviewState = Literal["none", "ok", "due", "overdue"]

ERROR, WARNING, SUGGESTION = Severity.ERROR, Severity.WARNING, Severity.SUGGESTION
_SEVERITY_RANK = {ERROR: 0, WARNING: 1, SUGGESTION: 2}
_TABE = (AssessmentKind.TABE_READING, AssessmentKind.TABE_MATH)
# R-V2: the case-note subjects the review procedure prescribes, word for word.
REVIEW_NOTE_TITLES = {
    ReviewOutcome.NO_CHANGE: "IEP/ISS Review",
    ReviewOutcome.UPDATED: "IEP/ISS Review/Update",
}


# ---------------------------------------------------------------------------------------------
# Dates, terms and review schedule (also used by the UI)
# ---------------------------------------------------------------------------------------------

def default_review_date(profile: BoardProfile, established: date) -> date:
    """R-O2: the review date an objective gets unless the coach picks another."""
    return established + timedelta(days=profile.objective_review_offset_days)


def review_due_on(snapshot: PlanSnapshot, profile: BoardProfile) -> date | None:
    """R-V1: last review (or the plan start if never reviewed) plus the board's interval.

    None when there is no open plan: a closed plan is not reviewed any more.
    """
    plan = snapshot.plan
    if plan is None or plan.status is not PlanStatus.OPEN:
        return None
    reviewed = [r.reviewed_on for r in _plan_reviews(snapshot, plan)]
    return max(reviewed, default=plan.start_date) + timedelta(days=profile.review_interval_days)


def review_state(snapshot: PlanSnapshot, profile: BoardProfile, today: date) -> ReviewState:
    due = review_due_on(snapshot, profile)
    if due is None:
        return "none"
    if today > due:
        return "overdue"
    return "due" if (due - today).days <= profile.review_due_soon_days else "ok"


# ---------------------------------------------------------------------------------------------
# Small helpers for wording and look-ups
# ---------------------------------------------------------------------------------------------

def _fmt(day: date) -> str:
    return day.strftime("%m/%d/%Y")


class _T(NamedTuple):
    """A placeholder value that is itself translated (a term word, a status), in ``context``."""

    context: str
    text: str


class _Multi(NamedTuple):
    """A placeholder value given in each language: a board list label, a listing ("a, b and c")."""

    by_language: dict[str, str]


_Value = str | int | date | Decimal | _T | _Multi


def _shown(value: _Value, code: str) -> str:
    if isinstance(value, _T):
        return i18n.translate(value.context, value.text, code)
    if isinstance(value, _Multi):
        return value.by_language.get(code, value.by_language[i18n.ENGLISH])
    if isinstance(value, date):
        return _fmt(value)
    return str(value)


def _phrase(text: str, **params: _Value) -> _Multi:
    """A part of a message (``text`` a template in context ``rules``) rendered in each language,
    for a placeholder of the whole sentence: "Service 300 'ITA'" / "El servicio 300 'ITA'"."""
    out = {}
    for code in i18n.LANGUAGES:
        values = {name: _shown(value, code) for name, value in params.items()}
        out[code] = i18n.translate(RULES_CONTEXT, text, code).format(**values)
    return _Multi(out)


def _word(text: str) -> _T:
    """An enum word (a program, an assessment, a term) in the catalogue's ``words`` context."""
    return _T("words", text)


def _label(profile: BoardProfile, text: str) -> _Multi:
    """A board list label (objective, service name, goal type) in each language (issue 18)."""
    return _Multi({code: profile.label(text, code) for code in i18n.LANGUAGES})


_CONJUNCTIONS = {"and": {"en": "and", "es": "y"}, "or": {"en": "or", "es": "o"}}


def _list(items: Iterable[_Value], conjunction: str = "and") -> _Multi:
    """``listing`` in each language, the items (labels, codes, dates) in that language too."""
    words = list(items)
    return _Multi({code: listing([_shown(w, code) for w in words], _CONJUNCTIONS[conjunction].get(code, conjunction))
                   for code in i18n.LANGUAGES})


def _finding(rule_id: str, severity: Severity, record: Record | None, text: str,
             **params: _Value) -> Finding:
    """One place builds messages so every one ends with the rule id the coach can look up.

    ``text`` is a whole English sentence; with ``params`` it is a template whose ``{name}``
    placeholders the finding fills when shown, in either language (issue 18). Dates are shown
    MM/DD/YYYY in both languages. Text without params is taken as it is (braces and all).
    """
    if not params:
        text = text.replace("{", "{{").replace("}", "}}")
    values: list[tuple[str, str, str]] = []
    by_language: list[tuple[str, str, str]] = []
    for name, value in params.items():
        if isinstance(value, _T):
            values.append((name, value.text, value.context))
        elif isinstance(value, _Multi):
            values.append((name, value.by_language[i18n.ENGLISH], ""))
            by_language += [(name, code, text) for code, text in value.by_language.items()
                            if code != i18n.ENGLISH]
        elif isinstance(value, date):
            values.append((name, _fmt(value), ""))
        else:
            values.append((name, str(value), ""))
    return Finding(
        rule_id=rule_id,
        severity=severity,
        template=text,
        params=tuple(values),
        by_language=tuple(by_language),
        record_kind=record.kind if record is not None else None,
        record_id=record.id if record is not None else None,
    )


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _same_title(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _has_objective(snapshot: PlanSnapshot, title: str) -> bool:
    return any(_same_title(o.title, title) for o in snapshot.objectives)


def listing(items: Iterable[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c': how a coach would write a list."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _months(count: int) -> _Multi:
    return _phrase("{n} month", n=count) if count == 1 else _phrase("{n} months", n=count)


def _term_words(term: GoalTerm) -> _Multi:
    if term is GoalTerm.INTERMEDIATE:
        return _phrase("an {term}-term goal", term=_term_word(term))
    return _phrase("a {term}-term goal", term=_term_word(term))


def _service(service: Service, profile: BoardProfile) -> _Multi:
    known = profile.service(service.code)
    if known:
        return _phrase("Service {code} '{name}'", code=service.code, name=_label(profile, known.name))
    return _phrase("Service {code}", code=service.code)


def _note(note: CaseNote) -> _Multi:
    return _phrase("Case note '{title}' of {day}", title=note.title, day=local_day(note.written_at))


def _whose(profile: BoardProfile, path: str) -> _Multi:
    """ "this board's" only for a setting with a source; a default of this app says so."""
    return _phrase("this board's") if profile.is_board_policy(path) else _phrase("this app's default")


def _board_asks(profile: BoardProfile, path: str, *, capital: bool = False) -> _Multi:
    if capital:
        return _phrase("This board asks") if profile.is_board_policy(path) \
            else _phrase("This app's default profile asks")
    return _phrase("this board asks") if profile.is_board_policy(path) else _phrase("this app's default profile asks")


def _a_goal_type(profile: BoardProfile, goal_type: GoalType) -> _Multi:
    """ "an employment" / "empleo": the goal type word with the English article (Spanish needs
    none: "una meta de {type}")."""
    word = _goal_type_word(profile, goal_type)
    english = word.by_language[i18n.ENGLISH]
    return _Multi(word.by_language | {i18n.ENGLISH: f"{_article(english)} {english}"})


def _term_word(term: GoalTerm) -> _Multi:
    """ "short" / "corto plazo"."""
    return _Multi({code: i18n.translate("words", term.value.capitalize(), code).lower() for code in i18n.LANGUAGES})


def _objective_title(profile: BoardProfile, objective: Objective) -> _Multi | str:
    """A title picked from the board's list shows in each language; one the coach wrote as written."""
    if objective.custom or not profile.is_predefined(objective.title):
        return objective.title
    listed = next(o for o in profile.predefined_objectives if _same_title(o, objective.title))
    return _label(profile, listed)


def _goal_type_word(profile: BoardProfile, goal_type: GoalType) -> _Multi:
    label = _label(profile, profile.goal_type_label(goal_type))
    return _Multi({code: text.lower() for code, text in label.by_language.items()})


def _starts(service: Service) -> date:
    return service.actual_start or service.planned_start


def _program(snapshot: PlanSnapshot) -> Program:
    # Before a plan exists the participant's enrolment decides which rules apply.
    return snapshot.plan.program if snapshot.plan is not None else snapshot.participant.program


def _plan_reviews(snapshot: PlanSnapshot, plan: Plan) -> list[Review]:
    return [r for r in snapshot.reviews if r.plan_id == plan.id]


def _plan_versions(snapshot: PlanSnapshot, plan: Plan) -> list[PlanVersion]:
    return sorted((v for v in snapshot.versions if v.plan_id == plan.id), key=lambda v: v.number)


def _signed_by_both(version: PlanVersion, signatures: list[Signature]) -> bool:
    """Participant and coach signed exactly this content (a parent is never required, R-X1)."""
    roles = {s.role for s in signatures
             if s.plan_version_id == version.id and s.version_digest == version.digest}
    return {SignerRole.PARTICIPANT, SignerRole.COACH} <= roles


def _needs_plan(check: PlanCheck) -> Rule:
    """Rules about an existing plan say nothing while the plan is still being created."""
    def rule(snapshot: PlanSnapshot, profile: BoardProfile, today: date) -> list[Finding]:
        if snapshot.plan is None:
            return []
        return check(snapshot, snapshot.plan, profile, today)

    # Keep the rule's own name and docstring (not functools.wraps: the public signature is
    # (snapshot, profile, today), not the inner one).
    rule.__name__, rule.__qualname__ = check.__name__, check.__qualname__
    rule.__doc__ = check.__doc__
    return rule


# ---------------------------------------------------------------------------------------------
# Plan
# ---------------------------------------------------------------------------------------------

def r_p1(snapshot: PlanSnapshot, profile: BoardProfile, today: date) -> list[Finding]:
    """One open plan per participant: a new plan only after the old one is closed."""
    plan = snapshot.plan
    if plan is not None and plan.status is not PlanStatus.OPEN:
        return []  # a closed plan never competes with the open one
    others = [p for p in snapshot.other_plans
              if p.status is PlanStatus.OPEN and (plan is None or p.id != plan.id)]
    return [
        _finding("R-P1", ERROR, other,
                 "The participant already has an open {kind} started {started}; close it before "
                 "starting another plan", kind=other.plan_kind.value, started=other.start_date)
        for other in others
    ]


def r_p2(snapshot: PlanSnapshot, profile: BoardProfile, today: date) -> list[Finding]:
    """Prerequisites before a plan is created; the profile sets each check's severity."""
    program = _program(snapshot)
    # Before the plan exists, "by the plan's start" means "by today".
    start = snapshot.plan.start_date if snapshot.plan is not None else today
    ordered_apply = _ordered_services_apply(snapshot, profile)
    return [
        *_eligibility(snapshot, profile, start),
        *_prerequisite_assessments(snapshot, profile, program, start),
        *_first_service(snapshot, profile, program, start),
        *(_ordered_services(snapshot, profile, program, start) if ordered_apply else []),
        *(_after_ordered_services(snapshot, profile, program) if ordered_apply else []),
        *_required_assessments(snapshot, profile),
        *_after_required_assessments(snapshot, profile),
        *_skills_assessed(snapshot, profile, program),
    ]


def _eligibility(snapshot: PlanSnapshot, profile: BoardProfile, start: date) -> list[Finding]:
    """Eligibility is determined, and the plan starts on or after that day ("can begin the same
    day", domain.md R-P2), never before."""
    eligible_on = snapshot.participant.eligibility_determined_on
    severity = profile.prerequisites.eligibility
    if eligible_on is None:
        return [_finding("R-P2", severity, snapshot.participant,
                         "Eligibility has not been determined; complete the WIOA application and "
                         "record the eligibility date before creating the plan")]
    if start >= eligible_on:
        return []
    kind = _program(snapshot).plan_kind.value
    if snapshot.plan is None:
        return [_finding("R-P2", severity, snapshot.participant,
                         "Eligibility is recorded as determined on {eligible}, after today; "
                         "correct the eligibility date, or create the {kind} on or after "
                         "{eligible}", eligible=eligible_on, kind=kind)]
    return [_finding("R-P2", severity, snapshot.plan,
                     "The {kind} starts {start}, before eligibility was determined on "
                     "{eligible}; start the {kind} on or after {eligible}",
                     kind=kind, start=start, eligible=eligible_on)]


def _prerequisite_assessments(
    snapshot: PlanSnapshot, profile: BoardProfile, program: Program, start: date
) -> list[Finding]:
    """The assessments that come before the plan ("the IEP/ISS must be completed after the
    Objective Assessment Summary (OAS) and the Career Exploration", CH-4/13/14): one taken after
    the plan's start does not count."""
    kind = program.plan_kind.value
    checks = [
        (AssessmentKind.OBJECTIVE_ASSESSMENT, profile.prerequisites.objective_assessment,
         "No Objective Assessment Summary is recorded; complete the objective assessment "
         "before creating the {kind}",
         "The Objective Assessment Summary is dated {day}, after the {kind} starts on {start}; it "
         "is completed before the {kind}: correct its date if it was done earlier, or start the "
         "{kind} on or after {day}"),
        (AssessmentKind.CAREER_EXPLORATION, profile.prerequisites.career_exploration,
         "No career exploration is recorded; explore careers with the participant and record "
         "it as an assessment before creating the {kind}",
         "The career exploration is dated {day}, after the {kind} starts on {start}; careers are "
         "explored before the {kind}: correct its date if it was done earlier, or start the "
         "{kind} on or after {day}"),
    ]
    findings = []
    for instrument, severity, text, late in checks:
        if severity is None:
            continue
        taken = [a for a in snapshot.assessments if a.instrument is instrument]
        if any(a.taken_on <= start for a in taken):
            continue
        if not taken:
            findings.append(_finding("R-P2", severity, snapshot.participant, text, kind=kind))
            continue
        first = min(taken, key=lambda a: a.taken_on)
        findings.append(_finding("R-P2", severity, first, late, day=first.taken_on, kind=kind, start=start))
    return findings


def _first_service(
    snapshot: PlanSnapshot, profile: BoardProfile, program: Program, start: date
) -> list[Finding]:
    """The first participation service is entered before the plan is created (CH-15, RE-14): a
    service that starts after the plan's start does not count."""
    prerequisites = profile.prerequisites
    if not prerequisites.first_service_checked(program):
        return []
    codes = prerequisites.first_service_codes.get(program, [])
    # The plan-creation service is opened with the plan (R-S2): it is never the first service.
    creating = set(profile.plan_creation_codes(program))
    candidates = [s for s in snapshot.services if (s.code in codes if codes else s.code not in creating)]
    if any(_opened_on(s) <= start for s in candidates):
        return []
    kind = program.plan_kind.value
    if candidates:
        first = min(candidates, key=_opened_on)
        return [_finding("R-P2", prerequisites.first_service, first,
                         "{service} starts {day}, after the {kind} starts on {start}; the first "
                         "participation service is entered before the {kind}: correct its start date "
                         "if it began earlier, or start the {kind} on or after {day}",
                         service=_service(first, profile), day=_opened_on(first), kind=kind, start=start)]
    if codes:
        return [_finding("R-P2", prerequisites.first_service, snapshot.participant,
                         "No first participation service is entered; enter one of the services "
                         "{codes} before creating the {kind}", codes=_list(codes, "or"), kind=kind)]
    return [_finding("R-P2", prerequisites.first_service, snapshot.participant,
                     "No first participation service is entered; open the first service provided "
                     "to the participant before creating the {kind}", kind=kind)]


def _opened_on(service: Service) -> date:
    """The day a service began, or was planned to when it has not yet."""
    return service.actual_start if service.actual_start is not None else service.planned_start


def _ordered_services_apply(snapshot: PlanSnapshot, profile: BoardProfile) -> bool:
    """Ordered services may apply only to participants entered after a date (a 3/10/2023
    cut-off in one board's document). A participant
    whose program entry date is not recorded is held to it."""
    after = profile.prerequisites.ordered_services_entered_after
    entered = snapshot.participant.program_entry_on
    return after is None or entered is None or entered > after


def _first_delivery(services: list[Service], code: str) -> date | None:
    starts = [s.actual_start for s in services if s.code == code and s.actual_start is not None]
    return min(starts, default=None)


def _ordered_services(
    snapshot: PlanSnapshot, profile: BoardProfile, program: Program, start: date
) -> list[Finding]:
    prerequisites = profile.prerequisites
    codes = prerequisites.ordered_services.get(program, [])
    if not codes:
        return []
    delivered = {code: _first_delivery(snapshot.services, code) for code in codes}
    missing = [code for code in codes if delivered[code] is None]
    if missing:
        return [_finding("R-P2", prerequisites.ordered_services_severity, snapshot.participant,
                         "Services {codes} must be delivered, in that order, before the {kind} is "
                         "created; record the actual start date of {missing}", codes=_list(codes),
                         kind=program.plan_kind.value, missing=_list(missing))]
    dated = [(code, day) for code, day in delivered.items() if day is not None]  # all of them
    for (earlier, first), (later, second) in zip(dated, dated[1:]):
        if second < first:
            return [_finding("R-P2", prerequisites.ordered_services_severity, snapshot.participant,
                             "Services {codes} must be delivered in that order, but {later} started "
                             "{second} before {earlier} started {first}; correct the dates",
                             codes=_list(codes), later=later, second=second, earlier=earlier,
                             first=first)]
    last_code, last_day = dated[-1]
    if snapshot.plan is not None and last_day > start:
        kind = program.plan_kind.value
        return [_finding("R-P2", prerequisites.ordered_services_severity, snapshot.plan,
                         "Services {codes} come before the {kind} is created, but {last} started "
                         "{last_day}, after the {kind} started {start}; correct the dates",
                         codes=_list(codes), kind=kind, last=last_code, last_day=last_day,
                         start=start)]
    return []


def _after_ordered_services(
    snapshot: PlanSnapshot, profile: BoardProfile, program: Program
) -> list[Finding]:
    prerequisites = profile.prerequisites
    ordered = prerequisites.ordered_services.get(program, [])
    after = prerequisites.after_ordered_services.get(program, [])
    if not ordered or not after:
        return []
    deliveries = [_first_delivery(snapshot.services, code) for code in ordered]
    # The later services may start once the last of the ordered ones has been delivered.
    ready_on = None if None in deliveries else max(d for d in deliveries if d is not None)
    return [
        (_finding("R-P2", prerequisites.ordered_services_severity, service,
                  "{service} may only start after services {ordered} are delivered (on or after "
                  "{ready}); move its start date or deliver those services first",
                  service=_service(service, profile), ordered=_list(ordered), ready=ready_on)
         if ready_on else
         _finding("R-P2", prerequisites.ordered_services_severity, service,
                  "{service} may only start after services {ordered} are delivered; move its start "
                  "date or deliver those services first", service=_service(service, profile),
                  ordered=_list(ordered)))
        for service in snapshot.services
        if service.code in after and _starts_too_early(service, ready_on)
    ]


def _starts_too_early(service: Service, ready_on: date | None) -> bool:
    if ready_on is None:
        return service.actual_start is not None  # planning it is fine, delivering it is not
    return (service.actual_start or service.planned_start) < ready_on


def _required_assessments(snapshot: PlanSnapshot, profile: BoardProfile) -> list[Finding]:
    recorded = {a.instrument for a in snapshot.assessments}
    missing = [k for k in profile.prerequisites.required_assessments if k not in recorded]
    if not missing:
        return []
    owner = _phrase("This board") if profile.is_board_policy("prerequisites.required_assessments") \
        else _phrase("This app's default profile")
    return [_finding("R-P2", profile.prerequisites.required_assessments_severity,
                     snapshot.participant,
                     "{owner} requires these assessments before the plan: {missing}; record their "
                     "results", owner=owner, missing=_list(_word(k.label) for k in missing))]


def _after_required_assessments(snapshot: PlanSnapshot, profile: BoardProfile) -> list[Finding]:
    """domain.md R-P2: the results are reviewed with the participant once the assessments are done;
    then WIS02 is entered, and then the IEP is completed."""
    prerequisites = profile.prerequisites
    required = set(prerequisites.required_assessments)
    taken = [a.taken_on for a in snapshot.assessments if a.instrument in required]
    if not taken or not prerequisites.after_required_assessments:
        return []
    done_on = max(taken)
    return [
        _finding("R-P2", prerequisites.ordered_services_severity, service,
                 "{service} is dated {day}, before the required assessments were all done "
                 "({done}); review the results with the participant first, then date it on or "
                 "after {done}", service=_service(service, profile), day=_starts(service),
                 done=done_on)
        for service in snapshot.services
        if service.code in prerequisites.after_required_assessments and _starts(service) < done_on
    ]


_BACKGROUND_WORDS = {"education": "education", "work_history": "work history",
                     "credentials": "credentials", "job_skills": "job skills"}
_PARTICIPANTS_BACKGROUND = {"education": "the participant's education",
                            "work_history": "the participant's work history",
                            "credentials": "the participant's credentials",
                            "job_skills": "the participant's job skills"}
# Message parts held in tables (tests/core_strings.py reads this for the catalogue test).
TRANSLATABLE = {"rules": ["the participant's education", "the participant's work history",
                          "the participant's credentials", "the participant's job skills",
                          "education", "work history", "credentials", "job skills",
                          # case-note parts (missing_note_parts)
                          "title", "story", "figures (dates, amounts, scores)",
                          "next steps (goal, how and deadline)", "follow-up date",
                          # barrier groups, signers (_BARRIER_GROUP_WORDS, _SIGNER_PHRASES)
                          "technology", "personal", "skills",
                          "The participant signature of {day}", "The coach signature of {day}",
                          "The parent/guardian signature of {day}",
                          "this board", "this app's default re-signing rule",
                          # the prerequisite assessments (_prerequisite_assessments)
                          "No Objective Assessment Summary is recorded; complete the objective "
                          "assessment before creating the {kind}",
                          "No career exploration is recorded; explore careers with the participant "
                          "and record it as an assessment before creating the {kind}",
                          "The Objective Assessment Summary is dated {day}, after the {kind} starts "
                          "on {start}; it is completed before the {kind}: correct its date if it was "
                          "done earlier, or start the {kind} on or after {day}",
                          "The career exploration is dated {day}, after the {kind} starts on {start}; "
                          "careers are explored before the {kind}: correct its date if it was done "
                          "earlier, or start the {kind} on or after {day}"]}


def _skills_assessed(snapshot: PlanSnapshot, profile: BoardProfile, program: Program) -> list[Finding]:
    """domain.md R-P2: current skills assessed through basic-skills testing, a review of
    credentials and an analysis of work history."""
    prerequisites = profile.prerequisites
    missing: list[_Multi] = []
    tests = prerequisites.basic_skills_tests
    if tests and not any(a.instrument in tests for a in snapshot.assessments):
        missing.append(_phrase("a basic-skills test ({tests})", tests=_list((_word(k.label) for k in tests), "or")))
    person = snapshot.participant
    missing += [_phrase(_PARTICIPANTS_BACKGROUND[name])
                for name in prerequisites.background_assessed if _blank(getattr(person, name))]
    if not missing:
        return []
    return [_finding("R-P2", prerequisites.skills_assessed_severity, person,
                     "The participant's current skills are not fully assessed: record {missing} on "
                     "the Assessment page (current skills assessed before the {kind})",
                     missing=_list(missing), kind=program.plan_kind.value)]


@_needs_plan
def r_p3(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Plan header: region/LWIA, office, and a closed date exactly when the plan is closed.

    The start date is required by the Plan model itself, so it cannot be missing here.
    """
    problems: list[_Multi] = []
    if _blank(plan.region):
        problems.append(_phrase("choose the region (LWIA)"))
    if _blank(plan.office):
        problems.append(_phrase("choose the office"))
    if plan.status is PlanStatus.OPEN and plan.closed_date is not None:
        problems.append(_phrase("clear the closed date while the plan is open"))
    if plan.status is PlanStatus.CLOSED and plan.closed_date is None:
        problems.append(_phrase("enter the closed date (the program exit date)"))
    if plan.closed_date is not None and plan.closed_date < plan.start_date:
        problems.append(_phrase("set the closed date on or after the start date {start}", start=plan.start_date))
    return [_finding("R-P3", ERROR, plan, "The {kind}: {problem}", kind=plan.plan_kind.value, problem=problem)
            for problem in problems]


@_needs_plan
def r_p4(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """An active plan has at least one open goal with at least one open objective."""
    if plan.status is not PlanStatus.OPEN:
        return []
    for goal in snapshot.goals:
        if goal.status is ItemStatus.OPEN and any(
            o.status is ItemStatus.OPEN for o in snapshot.objectives_of(goal.id)
        ):
            return []
    return [_finding("R-P4", ERROR, plan,
                     "An open {kind} needs at least one open goal with at least one open "
                     "objective; add or reopen one", kind=plan.plan_kind.value)]


# ---------------------------------------------------------------------------------------------
# Goals
# ---------------------------------------------------------------------------------------------

@_needs_plan
def r_g1(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Goal types allowed for the program; some programs must have an Employment goal; goals
    linked to the goal they serve; an undecided employment goal needs a career-path tool."""
    return [
        *_goal_type_findings(snapshot, plan, profile),
        *_goal_link_findings(snapshot, plan, profile),
        *_undecided_goal_findings(snapshot, profile),
    ]


def _goal_type_findings(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile) -> list[Finding]:
    allowed = profile.goal_types.get(plan.program, [])
    choices = _list((_goal_type_word(profile, t) for t in allowed), "or") if allowed \
        else _phrase("a type this board allows")
    findings = [
        _finding("R-G1", ERROR, goal,
                 "Goal '{goal}': {goal_type} goals are not used for {program} here; use {choices} "
                 "(remedial training or an ITA is an objective under the employment goal)",
                 goal=goal.description, goal_type=_goal_type_word(profile, goal.goal_type),
                 program=_word(plan.program.label), choices=choices)
        for goal in snapshot.goals if goal.goal_type not in allowed
    ]
    needs_employment = plan.program in profile.employment_goal_required
    if needs_employment and not any(g.goal_type is GoalType.EMPLOYMENT for g in snapshot.goals):
        findings.append(_finding("R-G1", ERROR, plan, "{program} plans must have an employment goal; add one",
                                 program=_word(plan.program.label)))
    return findings


def _goal_link_findings(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile) -> list[Finding]:
    """profile.goal_links: e.g. a youth educational goal should be linked to an employment goal."""
    by_id = {g.id: g for g in snapshot.goals}
    findings = []
    for link in profile.goal_links:
        if plan.program not in link.programs:
            continue
        wanted = _goal_type_word(profile, link.serves)
        a_wanted = _a_goal_type(profile, link.serves)
        targets = [g for g in snapshot.goals if g.goal_type is link.serves]
        for goal in snapshot.goals:
            served = by_id.get(goal.serves_goal_id or "")
            if goal.goal_type is not link.goal_type or goal.status is not ItemStatus.OPEN:
                continue
            if served is not None and served.goal_type is link.serves:
                continue
            if targets:
                todo = _phrase("choose the {wanted} goal it serves", wanted=wanted)
            else:
                todo = _phrase("add the {wanted} goal it leads to and link this goal to it", wanted=wanted)
            findings.append(_finding("R-G1", link.severity, goal,
                                     "Goal '{goal}': {asks} that {mine} goal be linked to {wanted} goal; "
                                     "{todo}", goal=goal.description, asks=_board_asks(profile, "goal_links"),
                                     mine=_a_goal_type(profile, goal.goal_type), wanted=a_wanted, todo=todo))
    return findings


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _undecided_goal_findings(snapshot: PlanSnapshot, profile: BoardProfile) -> list[Finding]:
    """profile.undecided_goal: an employment goal may be undecided, but then a career-path tool is used."""
    rule = profile.undecided_goal
    if rule is None:
        return []
    used = any(a.instrument is rule.career_path_assessment for a in snapshot.assessments)
    if used:
        return []
    return [
        _finding("R-G1", rule.severity, goal,
                 "Goal '{goal}' is an undecided employment goal; use {tool} to find a career path "
                 "with the participant and record it on the Assessment page, or name the occupation",
                 goal=goal.description, tool=_word(rule.career_path_assessment.label))
        for goal in snapshot.goals
        if goal.goal_type is GoalType.EMPLOYMENT and _is_undecided(goal.description, rule.words)
    ]


def _is_undecided(description: str, words: list[str]) -> bool:
    said = set(re.findall(r"[\w']+", description.casefold()))
    return any(word.casefold() in said for word in words)


@_needs_plan
def r_g2(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """The term (short/intermediate/long) must agree with the board's month ranges."""
    findings = []
    for goal in snapshot.goals:
        if goal.estimated_completion_on < goal.established_on:
            continue  # R-G3 reports impossible dates; a term cannot be judged from them
        months = months_between(goal.established_on, goal.estimated_completion_on)
        if goal.term not in _terms_that_fit(profile, months):
            findings.append(_term_finding(goal, profile, months))
    return findings


def _terms_that_fit(profile: BoardProfile, months: int) -> set[GoalTerm]:
    # Board tables may overlap (1-3 and 3-6 months): either term is then right.
    fitting = {t.term for t in profile.goal_terms
               if t.min_months <= months and (t.max_months is None or months <= t.max_months)}
    # Below the first range (0 months where short starts at 1) nothing fits: the table decides.
    return fitting or {profile.term_for_months(months)}


def _term_finding(goal: Goal, profile: BoardProfile, months: int) -> Finding:
    """Names every term the dates fit, so the advice never contradicts the table it quotes
    (on a 1-3 / 3-6 month table, 3 months is short or intermediate)."""
    chosen = profile.term_range(goal.term)
    fitting = [t for t in profile.goal_terms if t.term in _terms_that_fit(profile, months)]
    advice = _list((_phrase("{term}-term ({range})", term=_term_word(t.term), range=_label(profile, t.label))
                    for t in fitting), "or")
    return _finding("R-G2", WARNING, goal,
                    "Goal '{goal}' is marked {term}-term but runs {months} ({established} to "
                    "{completion}); {term_goal} is {range} here, so make it {advice} or change the dates",
                    goal=goal.description, term=_term_word(goal.term), months=_months(months),
                    established=goal.established_on, completion=goal.estimated_completion_on,
                    term_goal=_term_words(goal.term), range=_label(profile, chosen.label), advice=advice)


@_needs_plan
def r_g3(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Estimated completion date on or after the date established."""
    return [
        _finding("R-G3", ERROR, goal,
                 "Goal '{goal}': the estimated completion date {completion} is before the date "
                 "established {established}; set it on or after {established}",
                 goal=goal.description, completion=goal.estimated_completion_on,
                 established=goal.established_on)
        for goal in snapshot.goals if goal.estimated_completion_on < goal.established_on
    ]


@_needs_plan
def r_g4(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A closed goal has a closed date and a reason; an open goal has neither."""
    return [finding for goal in snapshot.goals for finding in _goal_status_findings(goal)]


def _goal_status_findings(goal: Goal) -> list[Finding]:
    findings = []
    if goal.status is ItemStatus.CLOSED:
        if goal.closed_on is None:
            findings.append(_finding("R-G4", ERROR, goal,
                                     "Goal '{goal}' is closed; enter the date it was closed",
                                     goal=goal.description))
        if goal.close_reason is None:
            findings.append(_finding("R-G4", ERROR, goal,
                                     "Goal '{goal}' is closed; choose the reason: successful "
                                     "or unsuccessful", goal=goal.description))
    elif goal.closed_on is not None or goal.close_reason is not None:
        findings.append(_finding("R-G4", WARNING, goal,
                                 "Goal '{goal}' is open but has a closed date or reason; close "
                                 "the goal or clear them", goal=goal.description))
    if goal.closed_on is not None and goal.closed_on < goal.established_on:
        findings.append(_finding("R-G4", ERROR, goal,
                                 "Goal '{goal}': the closed date {closed} is before the date "
                                 "established {established}; correct it", goal=goal.description,
                                 closed=goal.closed_on, established=goal.established_on))
    return findings


@_needs_plan
def r_g5(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A short description that names the industry, occupation or education."""
    limit = profile.goal_description_max_chars
    findings = []
    for goal in snapshot.goals:
        if len(goal.description) > limit:
            findings.append(_finding("R-G5", WARNING, goal,
                                     "Goal '{goal}' is {length} characters long; keep goal "
                                     "descriptions to {limit} characters", goal=goal.description,
                                     length=len(goal.description), limit=limit))
        if len(goal.description.split()) < 2:
            findings.append(_finding("R-G5", SUGGESTION, goal,
                                     "Goal '{goal}' is very short; name the industry, occupation "
                                     "or education, e.g. 'Full-time welding job'",
                                     goal=goal.description))
    return findings


@_needs_plan
def r_g6(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Goals come before objectives: every objective belongs to a goal of this plan."""
    goal_ids = {g.id for g in snapshot.goals}
    return [
        _finding("R-G6", ERROR, objective,
                 "Objective '{objective}' does not belong to any goal of this plan; move it "
                 "under a goal", objective=_objective_title(profile, objective))
        for objective in snapshot.objectives if objective.goal_id not in goal_ids
    ]


@_needs_plan
def r_g7(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A goal serves a goal of this plan; profile.goal_alignment: a long-term career goal, and short-term goals
    that name the long-term goal they serve."""
    by_id = {g.id: g for g in snapshot.goals}
    findings = [
        _finding("R-G7", ERROR, goal,
                 "Goal '{goal}' is linked to a goal that is not in this plan; choose the goal it "
                 "serves, or none", goal=goal.description)
        for goal in snapshot.goals
        if goal.serves_goal_id is not None
        and (goal.serves_goal_id not in by_id or goal.serves_goal_id == goal.id)
    ]
    alignment = profile.goal_alignment
    if alignment is None or plan.status is not PlanStatus.OPEN:
        return findings
    long_goals = [g for g in snapshot.goals
                  if g.term is GoalTerm.LONG and g.status is ItemStatus.OPEN]
    asks = _board_asks(profile, "goal_alignment")
    if not long_goals:
        findings.append(_finding("R-G7", alignment.long_term_goal, plan,
                                 "{asks} for a long-term career goal, one that takes time and planning; "
                                 "add a goal with the long term",
                                 asks=_board_asks(profile, "goal_alignment", capital=True)))
    for goal in snapshot.goals:
        if goal.term is not GoalTerm.SHORT or goal.status is not ItemStatus.OPEN:
            continue
        served = by_id.get(goal.serves_goal_id or "")
        if served is not None and served.term is GoalTerm.LONG:
            continue
        todo = (_phrase("choose the long-term goal it serves") if long_goals
                else _phrase("add the long-term career goal and link this goal to it"))
        findings.append(_finding("R-G7", alignment.short_terms_serve_long, goal,
                                 "Goal '{goal}' is short-term; {asks} that short-term goals align with "
                                 "the long-term career goal, so {todo}", goal=goal.description, asks=asks,
                                 todo=todo))
    return findings


# ---------------------------------------------------------------------------------------------
# Objectives
# ---------------------------------------------------------------------------------------------

@_needs_plan
def r_o1(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Objectives come from the board's list, or are marked custom."""
    findings = []
    whose = _whose(profile, "predefined_objectives")
    for objective in snapshot.objectives:
        listed = profile.is_predefined(objective.title)
        if not objective.custom and not listed:
            findings.append(_finding("R-O1", ERROR, objective,
                                     "Objective '{objective}' is not on {whose} list of objectives; pick "
                                     "one from the list or mark it custom", objective=_objective_title(profile, objective),
                                     whose=whose))
        elif objective.custom and listed:
            findings.append(_finding("R-O1", SUGGESTION, objective,
                                     "Objective '{objective}' is on {whose} list; pick it from the list "
                                     "instead of writing it as custom", objective=_objective_title(profile, objective),
                                     whose=whose))
    return findings


@_needs_plan
def r_o2(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Every objective has a review date on or after the date it was established."""
    findings = []
    for objective in snapshot.objectives:
        if objective.review_on is None:
            suggested = default_review_date(profile, objective.established_on)
            findings.append(_finding("R-O2", ERROR, objective,
                                     "Objective '{objective}' has no review date; set one, "
                                     "e.g. {suggested}", objective=_objective_title(profile, objective),
                                     suggested=suggested))
        elif objective.review_on < objective.established_on:
            findings.append(_finding("R-O2", ERROR, objective,
                                     "Objective '{objective}': the review date {review} is before "
                                     "the date established {established}; set it on or after "
                                     "{established}", objective=_objective_title(profile, objective),
                                     review=objective.review_on,
                                     established=objective.established_on))
    return findings


@_needs_plan
def r_o3(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Every objective carries a justification: why it is needed."""
    return [
        _finding("R-O3", ERROR, objective,
                 "Objective '{objective}' has no justification; add a comment saying why the "
                 "participant needs it", objective=_objective_title(profile, objective))
        for objective in snapshot.objectives if _blank(objective.justification)
    ]


@_needs_plan
def r_o4(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A closed objective has an outcome (successful/unsuccessful) and a date."""
    findings = []
    for objective in snapshot.objectives:
        if objective.status is not ItemStatus.CLOSED:
            continue
        if objective.outcome is None:
            findings.append(_finding("R-O4", ERROR, objective,
                                     "Objective '{objective}' is closed; choose the outcome: "
                                     "successful or unsuccessful", objective=_objective_title(profile, objective)))
        if objective.closed_on is None:
            findings.append(_finding("R-O4", ERROR, objective,
                                     "Objective '{objective}' is closed; enter the date it was "
                                     "closed", objective=_objective_title(profile, objective)))
    return findings


@_needs_plan
def r_o5(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Objectives and services the board requires for the program (e.g. Youth: the objective
    'Research LMI & Occupations' and service 431, entered once the ISS is developed, with a
    case note)."""
    return [
        *_required_objective_findings(snapshot, plan, profile),
        *_required_service_findings(snapshot, plan, profile),
        *_after_plan_start_findings(snapshot, plan, profile),
        *_service_case_note_findings(snapshot, plan, profile),
    ]


def _required_objective_findings(
    snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile
) -> list[Finding]:
    return [
        _finding("R-O5", ERROR, plan,
                 "{program} plans here must include the objective '{title}'; add it",
                 program=_word(plan.program.label), title=_label(profile, title))
        for title in profile.required_objectives.get(plan.program, [])
        if not _has_objective(snapshot, title)
    ]


def _plan_services(snapshot: PlanSnapshot, plan: Plan) -> list[Service]:
    return [s for s in snapshot.services if s.plan_id == plan.id]


def _required_service_findings(
    snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile
) -> list[Finding]:
    if plan.status is not PlanStatus.OPEN:
        return []
    codes = profile.required_services.get(plan.program, [])
    present = {s.code for s in snapshot.services}
    path = f"required_services.{plan.program.value}"
    who = _phrase("this board") if profile.is_board_policy(path) else _phrase("this app's default profile")
    after_plan = set(profile.after_plan_start_services.get(plan.program, []))
    findings = []
    for code in codes:
        if code in present:
            continue
        noted = code in profile.services_needing_case_note.get(plan.program, [])
        if code in after_plan:
            when = (_phrase("once the {kind} is developed and discussed with the participant, enter it with "
                            "its case note", kind=plan.plan_kind.value) if noted else
                    _phrase("once the {kind} is developed and discussed with the participant, enter it",
                            kind=plan.plan_kind.value))
        else:
            when = _phrase("enter it with its case note") if noted else _phrase("enter it")
        findings.append(_finding("R-O5", profile.required_services_severity, plan,
                                 "Every {program} participant needs service {name} ({who} requires it); "
                                 "{when}", program=_word(plan.program.label),
                                 name=_service_code_name(profile, code), who=who, when=when))
    return findings


def _service_code_name(profile: BoardProfile, code: str) -> _Multi | str:
    known = profile.service(code)
    return _phrase("{code} '{name}'", code=code, name=_label(profile, known.name)) if known else code


def _after_plan_start_findings(
    snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile
) -> list[Finding]:
    """profile.after_plan_start_services (e.g. 431): entered once the ISS has been developed, so never before the plan's start."""
    codes = profile.after_plan_start_services.get(plan.program, [])
    kind = plan.plan_kind.value
    return [
        _finding("R-O5", ERROR, service,
                 "{service} is dated {day}, before the {kind} started {start}; it comes once the "
                 "{kind} has been developed, so date it on or after {start}",
                 service=_service(service, profile), day=_starts(service), kind=kind, start=plan.start_date)
        for service in snapshot.services
        if service.code in codes and _starts(service) < plan.start_date
    ]


def _service_case_note_findings(
    snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile
) -> list[Finding]:
    """domain.md R-O5: "the 431 service and case note can be entered". A note counts when it is
    written on or after the service's day and its title or story names the code or service."""
    codes = profile.services_needing_case_note.get(plan.program, [])
    findings = []
    for service in snapshot.services:
        if service.code not in codes:
            continue
        known = profile.service(service.code)
        names = [service.code] + ([known.name] if known else [])
        shown: list[_Value] = [f"'{service.code}'"]
        if known:
            shown.append(_phrase("'{name}'", name=_label(profile, known.name)))
        day = _starts(service)
        if any(local_day(note.written_at) >= day and _note_names(note, names)
               for note in snapshot.case_notes):
            continue
        findings.append(_finding("R-O5", WARNING, service,
                                 "{service} needs its case note; write a case note that names {named}, "
                                 "on or after {day}", service=_service(service, profile),
                                 named=_list(shown, "or"), day=day))
    return findings


def _note_names(note: CaseNote, names: list[str]) -> bool:
    text = f"{note.title} {note.story}".casefold()
    words = set(re.findall(r"[\w']+", text))
    return any((name.casefold() in words) if name.isalnum() else (name.casefold() in text)
               for name in names)


@_needs_plan
def r_o6(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Basic-skills deficiency (low TABE) and English learners must be addressed."""
    skills = profile.basic_skills
    findings = []
    threshold = Decimal(str(skills.tabe_threshold))
    low = [a for a in snapshot.assessments if a.instrument in _TABE
           and a.grade_level is not None and a.grade_level < threshold]
    if low and not _has_objective(snapshot, skills.remediation_objective):
        scores = _list(_phrase("{test} {grade}", test=_word(a.instrument.label), grade=str(a.grade_level))
                       for a in low)
        findings.append(_finding("R-O6", skills.remediation_severity, low[0],
                                 ("{scores} is below grade level {threshold}, so the participant is "
                                  "basic-skills deficient; add the objective '{objective}'") if len(low) == 1 else
                                 ("{scores} are below grade level {threshold}, so the participant is "
                                  "basic-skills deficient; add the objective '{objective}'"),
                                 scores=scores, threshold=threshold,
                                 objective=_label(profile, skills.remediation_objective)))
    if snapshot.participant.english_learner and not _has_objective(snapshot, skills.esl_objective):
        findings.append(_finding("R-O6", skills.esl_severity, snapshot.participant,
                                 "The participant is an English-language learner; consider the "
                                 "objective '{objective}'" if skills.esl_severity is SUGGESTION else
                                 "The participant is an English-language learner, so English proficiency "
                                 "is a skills deficiency to remediate; add the objective '{objective}'",
                                 objective=_label(profile, skills.esl_objective)))
    findings += _remediation_without_service(snapshot, plan, profile)
    return findings


def _remediation_without_service(
    snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile
) -> list[Finding]:
    """A basic-skills objective with nothing behind it will not raise the participant's skills."""
    served = {i for s in _plan_services(snapshot, plan) for i in s.objective_ids}
    titles = (profile.basic_skills.remediation_objective, profile.basic_skills.esl_objective)
    return [
        _finding("R-O6", SUGGESTION, objective,
                 "Objective '{objective}' has no service behind it; add the class or tutoring "
                 "service that delivers it on the Services page and link it to this objective",
                 objective=_objective_title(profile, objective))
        for objective in snapshot.objectives
        if objective.status is ItemStatus.OPEN and objective.id not in served
        and any(_same_title(objective.title, t) for t in titles)
    ]


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------

@_needs_plan
def r_s1(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A service: a code from the board's list, a provider, sensible dates, real objectives."""
    objective_ids = {o.id for o in snapshot.objectives}
    findings = []
    for service in snapshot.services:
        findings += _service_code_findings(service, profile, plan.program)
        findings += _service_date_findings(service, profile)
        if service.plan_id == plan.id:  # links of other plans' services are not ours to judge
            findings += _service_link_findings(service, profile, objective_ids)
    return findings + _combination_of_services(snapshot, plan, profile)


def _combination_of_services(
    snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile
) -> list[Finding]:
    """Every board's plan names the combination of services that reaches the goals (domain.md
    R-S1: the objective(s) it serves): a plan with none, or an objective no
    service serves, is pointed out."""
    if plan.status is not PlanStatus.OPEN:
        return []
    kind = plan.plan_kind.value
    services = _plan_services(snapshot, plan)
    if not services:
        return [_finding("R-S1", WARNING, plan,
                         "The {kind} lists no services; on the Services page add the services "
                         "the participant needs and link each to the objectives it serves",
                         kind=kind)]
    served = {i for s in services for i in s.objective_ids}
    # R-O6 speaks for basic-skills objectives without a service.
    skills = (profile.basic_skills.remediation_objective, profile.basic_skills.esl_objective)
    return [
        _finding("R-S1", SUGGESTION, objective,
                 "Objective '{objective}' has no service behind it; if a service delivers it, "
                 "link that service to it on the Services page", objective=_objective_title(profile, objective))
        for objective in snapshot.objectives
        if objective.status is ItemStatus.OPEN and objective.id not in served
        and not any(_same_title(objective.title, t) for t in skills)
    ]


def _service_code_findings(
    service: Service, profile: BoardProfile, program: Program
) -> list[Finding]:
    known = profile.service(service.code)
    findings = []
    if known is None:
        findings.append(_finding("R-S1", ERROR, service,
                                 "Service code {code} is not on the list of service codes used "
                                 "here; choose a code from the list", code=service.code))
    elif program not in known.programs:
        findings.append(_finding("R-S1", WARNING, service,
                                 "{service} is not offered to {program} participants; check the code",
                                 service=_service(service, profile), program=_word(program.label)))
    if _blank(service.provider):
        findings.append(_finding("R-S1", ERROR, service,
                                 "{service} has no provider; name the provider or who the participant "
                                 "is referred to", service=_service(service, profile)))
    return findings


def _service_date_findings(service: Service, profile: BoardProfile) -> list[Finding]:
    name = _service(service, profile)
    problems = []
    if service.planned_end < service.planned_start:
        problems.append(_phrase("the planned end {end} is before the planned start {start}; correct the "
                                "planned dates", end=service.planned_end, start=service.planned_start))
    if service.actual_end is not None and service.actual_start is None:
        problems.append(_phrase("there is an actual end date but no actual start date; enter the "
                                "actual start"))
    elif (service.actual_end is not None and service.actual_start is not None
          and service.actual_end < service.actual_start):
        problems.append(_phrase("the actual end {end} is before the actual start {start}; correct the "
                                "actual dates", end=service.actual_end, start=service.actual_start))
    return [_finding("R-S1", ERROR, service, "{service}: {problem}", service=name, problem=problem)
            for problem in problems]


def _service_link_findings(
    service: Service, profile: BoardProfile, objective_ids: set[str]
) -> list[Finding]:
    unknown = [i for i in service.objective_ids if i not in objective_ids]
    if not unknown:
        return []
    count = (_phrase("{n} objective", n=len(unknown)) if len(unknown) == 1
             else _phrase("{n} objectives", n=len(unknown)))
    return [_finding("R-S1", ERROR, service,
                     "{service} is linked to {count} not in this plan; link it to the objectives it serves",
                     service=_service(service, profile), count=count)]


@_needs_plan
def r_s2(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Two different things: a same-day service starts and ends on one day, its own day; the
    plan-creation service ("IEP/ISS Same Day service") is opened and closed on the
    plan's creation date."""
    return [*_same_day_findings(snapshot, plan, profile),
            *_plan_creation_findings(snapshot, plan, profile)]


def _same_day_findings(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile) -> list[Finding]:
    creating = set(profile.plan_creation_codes(plan.program))
    findings = []
    for service in _plan_services(snapshot, plan):
        known = profile.service(service.code)
        if known is None or not known.same_day or service.code in creating:
            continue
        name = _service(service, profile)
        if service.planned_end != service.planned_start:
            findings.append(_finding("R-S2", ERROR, service,
                                     "{service} is a same-day service: it starts and ends on one day; set "
                                     "its planned end to its planned start {start}", service=name,
                                     start=service.planned_start))
        if (service.actual_start is not None and service.actual_end is not None
                and service.actual_end != service.actual_start):
            findings.append(_finding("R-S2", ERROR, service,
                                     "{service} is a same-day service: it starts and ends on one day; set "
                                     "its actual end to its actual start {start}", service=name,
                                     start=service.actual_start))
    return findings


def _plan_creation_findings(
    snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile
) -> list[Finding]:
    codes = profile.plan_creation_codes(plan.program)
    if not codes:
        return []
    ours = [s for s in _plan_services(snapshot, plan) if s.code in codes]
    day = plan.start_date
    if not ours:
        return [_finding("R-S2", profile.plan_creation_service_severity, plan,
                         "The plan-creation service {codes} is not recorded; open and close it on the "
                         "plan's creation date {day}",
                         codes=_list((_service_code_name(profile, c) for c in codes), "or"), day=day)]
    return [
        _finding("R-S2", ERROR, service,
                 "{service} is the plan-creation service; its start and end dates must be the plan's "
                 "creation date {day}", service=_service(service, profile), day=day)
        for service in ours
        if any(d is not None and d != plan.start_date for d in
               (service.planned_start, service.planned_end, service.actual_start, service.actual_end))
    ]


# ---------------------------------------------------------------------------------------------
# Assessments and barriers
# ---------------------------------------------------------------------------------------------

@_needs_plan
def r_a1(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Assessment activities and academic test results are recorded."""
    return [*_assessment_findings(snapshot, plan), *_background_findings(snapshot, profile)]


def _background_findings(snapshot: PlanSnapshot, profile: BoardProfile) -> list[Finding]:
    """The participant's background the board gathers for the plan (domain.md R-A1). A board
    may instead ask for parts of it before the plan (R-P2)."""
    person = snapshot.participant
    missing = [_phrase(_BACKGROUND_WORDS[name]) for name in profile.assessment_background
               if _blank(getattr(person, name))]
    if not missing:
        return []
    asks = _board_asks(profile, "assessment_background")
    if len(missing) == 1:
        return [_finding("R-A1", profile.assessment_background_severity, person,
                         "The participant's {missing} is not recorded; {asks} for it, so record it on the "
                         "Assessment page", missing=_list(missing), asks=asks)]
    return [_finding("R-A1", profile.assessment_background_severity, person,
                     "The participant's {missing} are not recorded; {asks} for them, so record them on "
                     "the Assessment page", missing=_list(missing), asks=asks)]


def _assessment_findings(snapshot: PlanSnapshot, plan: Plan) -> list[Finding]:
    if not snapshot.assessments:
        return [_finding("R-A1", WARNING, plan,
                         "No assessments are recorded; record the assessment activities and test "
                         "results (TABE, CASAS, CareerScope, ...)")]
    return [
        _finding("R-A1", WARNING, assessment,
                 "The {test} result of {day} has no grade level; enter it",
                 test=_word(assessment.instrument.label), day=assessment.taken_on)
        for assessment in snapshot.assessments
        if assessment.instrument in _TABE and assessment.grade_level is None
    ]


@_needs_plan
def r_a2(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Counseling statements (confidential) are well formed.

    The confidentiality itself is enforced where plan content is built for printing and export:
    counseling statements never go on the printed plan or the participant's copy, and are
    exported only when profile.export_counseling_statements allows it. Here only the
    statement's own fields are checked.
    """
    return [finding for statement in snapshot.counseling_statements
            for finding in _statement_findings(statement, today)]


def _statement_findings(statement: CounselingStatement, today: date) -> list[Finding]:
    findings = []
    if _blank(statement.text):
        findings.append(_finding("R-A2", WARNING, statement,
                                 "The counseling statement of {day} is empty; write what was discussed",
                                 day=statement.written_on))
    if statement.written_on > today:
        findings.append(_finding("R-A2", WARNING, statement,
                                 "A counseling statement is dated {day}, in the future; check its date",
                                 day=statement.written_on))
    return findings


@_needs_plan
def r_a3(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Each barrier names the step or service that addresses it."""
    service_ids = {s.id for s in snapshot.services}
    return [finding for barrier in snapshot.barriers
            for finding in _barrier_findings(barrier, service_ids)]


_BARRIER_GROUP_WORDS = {"technology": "technology", "personal": "personal", "skills": "skills"}


def _barrier_findings(barrier: Barrier, service_ids: set[str]) -> list[Finding]:
    words = barrier.category.replace("_", " ")
    category = _Multi({code: i18n.translate("words", words[:1].upper() + words[1:], code)
                       for code in i18n.LANGUAGES} | {i18n.ENGLISH: words})
    name = _phrase("Barrier '{category}' ({group})", category=category,
                   group=_phrase(_BARRIER_GROUP_WORDS.get(barrier.group.value, barrier.group.value)))
    if barrier.service_id is not None and barrier.service_id not in service_ids:
        return [_finding("R-A3", ERROR, barrier,
                         "{barrier} points at a service that is not recorded; choose the service that "
                         "addresses it", barrier=name)]
    if _blank(barrier.step) and barrier.service_id is None:
        return [_finding("R-A3", ERROR, barrier,
                         "{barrier} has no step; name the step or service that addresses it", barrier=name)]
    return []


# ---------------------------------------------------------------------------------------------
# Review and update
# ---------------------------------------------------------------------------------------------

@_needs_plan
def r_v1(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Review at least every profile.review_interval_days; show due and overdue reviews."""
    state = review_state(snapshot, profile, today)
    due = review_due_on(snapshot, profile)
    if state == "overdue" and due is not None:
        return [_finding("R-V1", WARNING, plan,
                         "The {kind} review was due on {due}; review the plan with the "
                         "participant and record the review", kind=plan.plan_kind.value, due=due)]
    if state == "due" and due is not None:
        return [_finding("R-V1", SUGGESTION, plan,
                         "The {kind} review is due on {due}; schedule it with the participant",
                         kind=plan.plan_kind.value, due=due)]
    return []


@_needs_plan
def r_v2(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Each review has its case note with the prescribed subject."""
    notes = {n.id: n for n in snapshot.case_notes}
    findings = []
    for review in _plan_reviews(snapshot, plan):
        wanted = REVIEW_NOTE_TITLES[review.outcome]
        note = notes.get(review.case_note_id) if review.case_note_id else None
        if note is None or note.title != wanted:
            findings.append(_finding("R-V2", ERROR, review,
                                     "The review of {day} needs a case note titled exactly '{title}'; "
                                     "write it and link it to the review", day=review.reviewed_on,
                                     title=wanted))
    return findings


@_needs_plan
def r_v3(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A version that needs signing is awaiting signature until signed; unversioned changes."""
    versions = _plan_versions(snapshot, plan)
    if not versions:
        return []  # nothing to sign yet: R-X1 asks for the first signed copy
    latest = versions[-1]
    findings = []
    if _awaiting_signature(versions, snapshot.signatures):
        findings.append(_finding("R-V3", WARNING, latest,
                                 "The {kind} changed and is awaiting signature (version {number}); "
                                 "print it and have the participant and you sign it",
                                 kind=plan.plan_kind.value, number=latest.number))
    if snapshot.current_digest is not None and snapshot.current_digest != latest.digest:
        unversioned = _unversioned_changes(snapshot, plan, profile, latest)
        if unversioned is not None:
            findings.append(unversioned)
    return findings + update_service_findings(snapshot, plan, profile)


def _unversioned_changes(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile,
                         latest: PlanVersion) -> Finding | None:
    """Changes made since the latest version: does this board want them signed (R-V3)?

    None when only how services went changed and the board does not sign for that: the
    delivery record is not the agreed plan (R-S3), and saying so on every service is noise."""
    kind = plan.plan_kind.value
    old, new = _version_content(latest), plan_content(snapshot)
    if not profile.service_delivery_needs_signature and without_delivery(old) == without_delivery(new):
        return None
    if signature_required(profile, old, new):
        return _finding("R-V3", WARNING, plan,
                        "The {kind} changed since version {number} and {rule} needs the changes "
                        "signed; have the participant and you sign it again", kind=kind,
                        number=latest.number, rule=_phrase(_rule_of(profile)))
    return _finding("R-V3", SUGGESTION, plan,
                    "The {kind} has changes since version {number} that {rule} does not require to be "
                    "signed again (for example, dates only)", kind=kind, number=latest.number,
                    rule=_phrase(_rule_of(profile)))


def _rule_of(profile: BoardProfile) -> str:
    if profile.is_board_policy("resign_policy"):
        return "this board"
    return "this app's default re-signing rule"  # both in TRANSLATABLE


def _version_content(version: PlanVersion) -> dict[str, Any]:
    try:
        content = json.loads(version.content)
    except ValueError:
        return {}
    return content if isinstance(content, dict) else {}


def _awaiting_signature(versions: list[PlanVersion], signatures: list[Signature]) -> bool:
    """The newest version that needed signing, or a later one, has not been signed by both.

    A later version that needed no signing (a date-only change under a goal-change policy)
    still waits on the signature its predecessor asked for.
    """
    needing = [v for v in versions if v.needs_signature]
    if not needing:
        return False
    since = [v for v in versions if v.number >= needing[-1].number]
    return not any(_signed_by_both(v, signatures) for v in since)


# ---------------------------------------------------------------------------------------------
# Case notes
# ---------------------------------------------------------------------------------------------

@_needs_plan
def r_c1(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A case note has a title, a story and what the board requires; corrections point home."""
    ids = {n.id for n in snapshot.case_notes}
    corrected = {n.corrects_id for n in snapshot.case_notes if n.corrects_id}
    findings = []
    for note in snapshot.case_notes:
        if note.corrects_id is not None and note.corrects_id not in ids:
            findings.append(_finding("R-C1", ERROR, note,
                                     "{note} corrects a case note that is not recorded; write a new note "
                                     "that points at the right one", note=_note(note)))
        if note.id not in corrected:  # a corrected note has been fixed the only allowed way
            findings += _note_content_findings(note, profile)
    return findings


def _note_content_findings(note: CaseNote, profile: BoardProfile) -> list[Finding]:
    missing = missing_note_parts(note, profile)
    if not missing:
        return []
    # Saved notes are never edited, so the fix is always a correcting note.
    parts = _list(_phrase(part) for part in missing)
    if len(missing) == 1:
        return [_finding("R-C1", ERROR, note,
                         "{note} has no {missing}; saved notes cannot be edited, so add a correcting "
                         "note that includes it", note=_note(note), missing=parts)]
    return [_finding("R-C1", ERROR, note,
                     "{note} has no {missing}; saved notes cannot be edited, so add a correcting note "
                     "that includes them", note=_note(note), missing=parts)]


def missing_note_parts(note: CaseNote, profile: BoardProfile) -> list[str]:
    """What R-C1 and the board require of a case note that it lacks (checked before it is saved).

    A board's structure may be written for one kind of note only (e.g. incentive notes only);
    other notes then need a title and a story, like everywhere."""
    rules = profile.case_notes
    if not structure_applies(note, profile):
        rules = rules.model_copy(update={"require_figures": False, "require_next_steps": False,
                                         "require_follow_up": False})
    steps = note.next_steps
    checks = [
        ("title", True, _blank(note.title)),
        ("story", True, _blank(note.story)),
        ("figures (dates, amounts, scores)", rules.require_figures, _blank(note.figures)),
        ("next steps (goal, how and deadline)", rules.require_next_steps,
         _blank(steps.goal) or _blank(steps.how) or steps.deadline is None),
        ("follow-up date", rules.require_follow_up, note.follow_up_on is None),
    ]
    return [part for part, required, absent in checks if required and absent]


def structure_applies(note: CaseNote, profile: BoardProfile) -> bool:
    """R-C1: does the board's case-note structure (figures, next steps, follow-up) apply to this note?"""
    kinds = profile.case_notes.structured_kinds
    return not kinds or note.note_kind in kinds


# ---------------------------------------------------------------------------------------------
# Signatures
# ---------------------------------------------------------------------------------------------

@_needs_plan
def r_x1(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """An open plan is printed and signed by the participant and the coach."""
    if plan.status is not PlanStatus.OPEN:
        return []
    if any(_signed_by_both(v, snapshot.signatures) for v in _plan_versions(snapshot, plan)):
        return []
    # The app signs on screen (the Signatures page), prints the signed copies, and sends the
    # signed copy to the office with the next sync; the advice says so, not "sign on paper".
    return [_finding("R-X1", WARNING, plan,
                     "The {kind} has not been signed; on the Signatures page have the participant and "
                     "you sign it, then give the participant the printed copy (the signed copy goes to "
                     "the office with the next sync)", kind=plan.plan_kind.value)]


_SIGNER_PHRASES = {SignerRole.PARTICIPANT: "The participant signature of {day}",
                   SignerRole.COACH: "The coach signature of {day}",
                   SignerRole.PARENT_GUARDIAN: "The parent/guardian signature of {day}"}


@_needs_plan
def r_x2(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """A signature belongs to one exact version: its digest must be that version's digest."""
    versions = {v.id: v for v in snapshot.versions}
    findings = []
    for signature in snapshot.signatures:
        version = versions.get(signature.plan_version_id)
        signer = _phrase(_SIGNER_PHRASES[signature.role], day=local_day(signature.signed_at))
        if version is None:
            findings.append(_finding("R-X2", ERROR, signature,
                                     "{signer} is for a plan version that is not recorded; the plan must "
                                     "be signed again", signer=signer))
        elif signature.version_digest != version.digest:
            findings.append(_finding("R-X2", ERROR, signature,
                                     "{signer} does not match the content of version {number}; the plan "
                                     "must be signed again", signer=signer, number=version.number))
    return findings


# ---------------------------------------------------------------------------------------------
# The plan's life after signing (issue 12): services as they happen, monitoring, exit
# ---------------------------------------------------------------------------------------------

OPEN_SERVICE = (ServiceStatus.PLANNED, ServiceStatus.IN_PROGRESS)


@_needs_plan
def r_s3(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Services are documented as they occur: status, actual dates, outcome, funding, comments.

    Per board: a planned end that passed with nothing recorded (profile.monitoring.service_end),
    and a review each time a service element is completed (review_on_service_completion).
    """
    services = [s for s in snapshot.services if s.plan_id == plan.id]
    findings = [f for service in services for f in _delivery_findings(service, profile)]
    if plan.status is PlanStatus.OPEN:
        findings += _service_end_findings(services, profile, today)
        findings += _completed_since_review(snapshot, plan, services, profile, today)
    return findings


def _delivery_findings(service: Service, profile: BoardProfile) -> list[Finding]:
    name = _service(service, profile)
    status = effective_status(service)
    findings: list[Finding] = []
    if status is ServiceStatus.IN_PROGRESS and service.actual_start is None:
        findings.append(_finding("R-S3", ERROR, service, "{service} is in progress; enter the day it actually "
                                 "started", service=name))
    if status is ServiceStatus.COMPLETED and service.actual_start is None:
        findings.append(_finding("R-S3", ERROR, service, "{service} is completed; enter the day it actually "
                                 "started", service=name))
    if status is ServiceStatus.COMPLETED and service.actual_end is None:
        findings.append(_finding("R-S3", ERROR, service, "{service} is completed; enter the day it actually "
                                 "ended", service=name))
    if status is ServiceStatus.NOT_COMPLETED and _blank(service.not_completed_reason):
        findings.append(_finding("R-S3", ERROR, service, "{service} was not completed; say why", service=name))
    if service.amount is not None and _blank(service.funding_source):
        findings.append(_finding("R-S3", WARNING, service, "{service} has an amount of {amount}; name its "
                                 "funding source", service=name, amount=f"${service.amount:,.2f}"))
    # Asked only of a service the coach marked completed (not one whose dates alone say so).
    if service.status is ServiceStatus.COMPLETED and _blank(service.outcome) and _blank(service.comments):
        findings.append(_finding("R-S3", SUGGESTION, service, "{service} is completed; note its outcome or how "
                                 "it went", service=name))
    return findings


def _service_end_findings(services: list[Service], profile: BoardProfile, today: date) -> list[Finding]:
    severity = profile.monitoring.service_end
    if severity is None:
        return []
    return [_finding("R-S3", severity, s,
                     "{service} was planned to end on {end}; record whether it was completed, or change "
                     "its planned end", service=_service(s, profile), end=s.planned_end)
            for s in services if effective_status(s) in OPEN_SERVICE and s.planned_end < today]


def _completed_since_review(snapshot: PlanSnapshot, plan: Plan, services: list[Service],
                            profile: BoardProfile, today: date) -> list[Finding]:
    """Boards that review the plan every time a service element is completed (profile)."""
    if not profile.monitoring.review_on_service_completion:
        return []
    # The plan's own start counts as its first look: a service that ended by then was part of it.
    reviewed = max((r.reviewed_on for r in _plan_reviews(snapshot, plan)), default=plan.start_date)
    return [_finding("R-S3", WARNING, s,
                     "{service} was completed on {end}; review the plan with the participant (this board "
                     "reviews it each time a service is completed)", service=_service(s, profile),
                     end=s.actual_end or s.planned_end)
            for s in services
            if effective_status(s) is ServiceStatus.COMPLETED and s.actual_end is not None
            and s.actual_end <= today
            and s.actual_end > reviewed]


@_needs_plan
def r_g8(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Passed estimated completion dates of open goals are shown (profile.monitoring)."""
    severity = profile.monitoring.goal_completion
    if severity is None or plan.status is not PlanStatus.OPEN:
        return []
    return [_finding("R-G8", severity, goal,
                     "Goal '{goal}' was to be completed by {completion}; close it with its "
                     "reason, or agree a new date with the participant", goal=goal.description,
                     completion=goal.estimated_completion_on)
            for goal in snapshot.goals
            if goal.status is ItemStatus.OPEN and goal.estimated_completion_on < today]


@_needs_plan
def r_o7(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """Passed review dates of open objectives are shown (profile.monitoring)."""
    severity = profile.monitoring.objective_review
    if severity is None or plan.status is not PlanStatus.OPEN:
        return []
    return [_finding("R-O7", severity, objective,
                     "Objective '{objective}' was due for review on {review}; review it, then "
                     "close it with its outcome or set the next review date",
                     objective=_objective_title(profile, objective), review=objective.review_on)
            for objective in snapshot.objectives
            if objective.status is ItemStatus.OPEN and objective.review_on is not None
            and objective.review_on < today]


def last_service_day(services: Iterable[Service]) -> date | None:
    """The last day the participant received a service (actual end, or start while it goes on)."""
    days = [s.actual_end or s.actual_start for s in services]
    return max((d for d in days if d is not None), default=None)


def exit_date(services: list[Service], profile: BoardProfile, today: date,
              served_on: Iterable[date] = ()) -> date | None:
    """The WIOA exit rule: the last day of service, once the board's days (90) pass with no
    service and none planned. None while the participant is still being served.

    ``served_on``: other days of service (developing the plan is itself one). 'Planned' is a
    service marked planned whose planned end is still ahead; one whose planned dates passed
    without it ever starting plans nothing any more.
    """
    days = [d for d in (last_service_day(services), *served_on) if d is not None]
    last = max(days, default=None)
    if last is None or (today - last).days <= profile.exit.days_without_service:
        return None
    if any(effective_status(s) is ServiceStatus.IN_PROGRESS for s in services):
        return None  # a service still going on is a service
    if any(effective_status(s) is ServiceStatus.PLANNED and s.planned_end >= today for s in services):
        return None
    return last


@_needs_plan
def r_v4(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile, today: date) -> list[Finding]:
    """The plan is closed at program exit with its date, reason and closing case note; an open
    plan whose participant has exited under the exit rule is shown."""
    if plan.status is PlanStatus.CLOSED:
        return _closed_plan_findings(snapshot, plan, profile)
    exited = exit_date(snapshot.services, profile, today, served_on=[plan.start_date])
    if exited is None:
        return []
    return [_finding("R-V4", WARNING, plan,
                     "No service since {exited} and none planned: under the exit rule the participant "
                     "exited on {exited}; close the {kind} at exit, or plan the next service",
                     exited=exited, kind=plan.plan_kind.value)]


def _closed_plan_findings(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile) -> list[Finding]:
    kind = plan.plan_kind.value
    findings = []
    if _blank(plan.close_reason):
        findings.append(_finding("R-V4", ERROR, plan, "The closed {kind} has no reason; say why it closed",
                                 kind=kind))
    notes = {n.id for n in snapshot.case_notes}
    if plan.closing_note_id is None or (snapshot.case_notes and plan.closing_note_id not in notes):
        findings.append(_finding("R-V4", WARNING, plan,
                                 "The {kind} was closed without a closing case note; write a note '{title}' "
                                 "saying how the participant exited", kind=kind,
                                 title=profile.exit.closing_note_title))
    return findings


def update_service_code(profile: BoardProfile, plan: Plan) -> str | None:
    """The board's update service for this program (profile.updates.service_codes)."""
    return profile.updates.service_codes.get(plan.program)


def update_service_findings(snapshot: PlanSnapshot, plan: Plan, profile: BoardProfile) -> list[Finding]:
    """R-V3 (profile.updates): an update opens the update service, which closes once the plan is
    signed again; the update meeting's kind is recorded."""
    code = update_service_code(profile, plan)
    findings = []
    if profile.updates.meeting_kinds:
        kinds = _list((_Multi({code: i18n.translate("words", k.label, code).lower() for code in i18n.LANGUAGES})
                       for k in profile.updates.meeting_kinds), "or")
        findings += [_finding("R-V3", WARNING, review,
                              "The review of {day} does not say how the meeting was held; record it ({kinds})",
                              day=review.reviewed_on, kinds=kinds)
                     for review in _plan_reviews(snapshot, plan) if review.meeting_kind is None]
    if code is None:
        return findings
    # Update services are the participant's records of the update (no plan_id), after the plan started.
    updates = [s for s in snapshot.services if s.participant_id == plan.participant_id and s.code == code
               and (s.actual_start or s.planned_start) >= plan.start_date]
    signed = [v for v in _plan_versions(snapshot, plan) if _signed_by_both(v, snapshot.signatures)]
    signed_on = local_day(signed[-1].created_at) if signed else None
    for service in updates:
        started = service.actual_start or service.planned_start
        if service.actual_end is None and signed_on is not None and signed_on >= started \
                and len(signed) > 1:
            findings.append(_finding("R-V3", WARNING, service,
                                     "{service} is still open though the plan was signed again on {day}; "
                                     "close it on that date", service=_service(service, profile), day=signed_on))
    for review in _plan_reviews(snapshot, plan):
        if review.outcome is ReviewOutcome.UPDATED and not any(
                (s.actual_start or s.planned_start) == review.reviewed_on for s in updates):
            findings.append(_finding("R-V3", WARNING, review,
                                     "The update of {day} has no update service {code}; open it on the day "
                                     "of the update", day=review.reviewed_on, code=code))
    return findings


# ---------------------------------------------------------------------------------------------
# Registry and evaluation
# ---------------------------------------------------------------------------------------------

# In the order of shared/domain.md; evaluate() keeps this order within each severity.
RULES: dict[str, Rule] = {
    "R-P1": r_p1, "R-P2": r_p2, "R-P3": r_p3, "R-P4": r_p4,
    "R-G1": r_g1, "R-G2": r_g2, "R-G3": r_g3, "R-G4": r_g4, "R-G5": r_g5, "R-G6": r_g6,
    "R-G7": r_g7, "R-G8": r_g8,
    "R-O1": r_o1, "R-O2": r_o2, "R-O3": r_o3, "R-O4": r_o4, "R-O5": r_o5, "R-O6": r_o6, "R-O7": r_o7,
    "R-S1": r_s1, "R-S2": r_s2, "R-S3": r_s3,
    "R-A1": r_a1, "R-A2": r_a2, "R-A3": r_a3,
    "R-V1": r_v1, "R-V2": r_v2, "R-V3": r_v3, "R-V4": r_v4,
    "R-C1": r_c1,
    "R-X1": r_x1, "R-X2": r_x2,
}


def evaluate(snapshot: PlanSnapshot, profile: BoardProfile, today: date) -> list[Finding]:
    """All findings for the snapshot: errors first, then warnings, then suggestions."""
    findings = [f for rule in RULES.values() for f in rule(snapshot, profile, today)]
    return sorted(findings, key=lambda f: _SEVERITY_RANK[f.severity])  # stable: rule order kept


__all__ = [
    "REVIEW_NOTE_TITLES", "RULES", "ReviewState", "Rule", "default_review_date", "derive_term",
    "evaluate", "exit_date", "last_service_day", "months_between", "review_due_on", "review_state",
    "structure_applies", "update_service_code",
]
