"""What a signer agrees to: the plan's printable content, its canonical form and its digest.

The content is everything printed on the plan: the participant's identity as shown, program,
plan dates, barriers and their steps, goals, objectives with justifications, services, and the
assessment summary. Confidential counseling statements are never part of it (R-A2). Record
versions and ids are left out too, so the digest changes only when what a person reads changes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date
from typing import Any

from iep_desktop.domain.models import Assessment, Goal, Plan, PlanSnapshot, PlanStatus, Service, ServiceStatus
from iep_desktop.domain.terms import derive_term
from iep_desktop.profiles.schema import BoardProfile

CONTENT_FORMAT = 1
_NOT_CONTENT = {"id", "version", "participant_id", "plan_id"}
# R-V3 (goal_change policy): changing dates only needs no new signature.
_DATE_FIELDS = {"established_on", "estimated_completion_on", "closed_on", "review_on"}
# Fields added after plans were first signed (schema 0005). Each is in the content only when it
# says something: at its empty value it is left out, so a plan signed before keeps its digest.
_ADDED_LATER = {"reopenings": [], "outcome": "", "not_completed_reason": ""}
# How a service went (R-S3): the delivery record, not what the participant agreed to. Whether
# recording it needs a new signature is the board's setting (R-V3,
# profile.service_delivery_needs_signature). Funding source and amount are recorded as they are
# spent (NJ: "designate and fund specific services" as they happen), so they belong here too.
DELIVERY_FIELDS = frozenset({"actual_start", "actual_end", "status", "outcome", "not_completed_reason",
                             "comments", "funding_source", "amount"})


def implied_status(service: Service) -> ServiceStatus:
    """The status the actual dates alone tell: what a service recorded before statuses existed has."""
    if service.actual_end is not None:
        return ServiceStatus.COMPLETED
    return ServiceStatus.IN_PROGRESS if service.actual_start is not None else ServiceStatus.PLANNED


def effective_status(service: Service) -> ServiceStatus:
    """A service still marked planned but with actual dates went ahead (records made before
    statuses existed, or by an office that only fills in dates): its dates tell its status."""
    return implied_status(service) if service.status is ServiceStatus.PLANNED else service.status


def _public(record: Any, drop: set[str] = _NOT_CONTENT) -> dict[str, Any]:
    return {k: v for k, v in record.model_dump(mode="json").items()
            if k not in drop and not (k in _ADDED_LATER and v == _ADDED_LATER[k])}


def _service_content(service: Service, number: dict[str, str]) -> dict[str, Any]:
    content = _public(service, _NOT_CONTENT | {"objective_ids", "status"})
    if service.status is not implied_status(service):  # e.g. not completed: the dates cannot say it
        content["status"] = service.status.value
    return content | {"objectives": sorted(number.get(i, "?") for i in service.objective_ids)}


def assessments_of(plan: Plan, assessments: list[Assessment], other_plans: list[Plan]) -> list[Assessment]:
    """The participant's assessments that are this plan's (R-A1). A closed plan keeps the ones it
    had (R-V4): none taken after its closed date, none recorded for a plan that started once it
    had closed. Before, the next plan's test showed in the closed plan and changed its content."""
    if plan.status is not PlanStatus.CLOSED or plan.closed_date is None:
        return assessments
    closed = plan.closed_date
    later = {p.id for p in other_plans if p.id != plan.id and p.start_date >= max(closed, plan.start_date)}
    return [a for a in assessments if a.taken_on <= closed and a.plan_id not in later]


def _frozen_participant(snapshot: PlanSnapshot) -> dict[str, Any] | None:
    """A closed plan's participant as its latest version shows them: the plan cannot be signed
    again, so a name or background edited for the next plan does not change it (R-V4)."""
    plan = snapshot.plan
    if plan is None or plan.status is not PlanStatus.CLOSED or not snapshot.versions:
        return None
    latest = max(snapshot.versions, key=lambda v: v.number)
    try:
        frozen = json.loads(latest.content).get("participant")
    except (ValueError, AttributeError):
        return None  # a version that is not content: sign_state calls it tampered
    return frozen if isinstance(frozen, dict) else None


def plan_content(snapshot: PlanSnapshot) -> dict[str, Any]:
    plan = snapshot.plan
    if plan is None:
        raise ValueError("a snapshot without a plan has no content")
    person = snapshot.participant
    frozen = _frozen_participant(snapshot)
    goals = sorted(snapshot.goals, key=lambda g: (g.established_on, g.id))
    plan_services = [s for s in snapshot.services if s.plan_id == plan.id]
    number = {o.id: f"{gi + 1}.{oi + 1}" for gi, g in enumerate(goals)
              for oi, o in enumerate(sorted(snapshot.objectives_of(g.id), key=lambda o: (o.established_on, o.id)))}
    goal_number = {g.id: str(gi + 1) for gi, g in enumerate(goals)}
    return {
        "format": CONTENT_FORMAT,
        "participant": frozen if frozen is not None else (
            {"name": person.display_name, "date_of_birth": _iso(person.date_of_birth),
             "program": person.program.value} | _background(snapshot)),
        "plan": _public(plan, _NOT_CONTENT | {"status", "closed_date", "close_reason", "coach_name",
                                              "closing_note_id"})
        | {"kind": plan.plan_kind.value},
        "assessments": [_public(a) for a in sorted(assessments_of(plan, snapshot.assessments, snapshot.other_plans),
                                                     key=lambda a: (a.taken_on, a.id))],
        "barriers": [_public(b, _NOT_CONTENT | {"service_id"}) for b in sorted(snapshot.barriers, key=lambda b: (b.group, b.category, b.id))],
        "goals": [
            _public(g, _NOT_CONTENT | {"serves_goal_id"}) | _serves(g, goal_number) | {"objectives": [
                _public(o, _NOT_CONTENT | {"goal_id"}) | {"number": number[o.id]}
                for o in sorted(snapshot.objectives_of(g.id), key=lambda o: (o.established_on, o.id))
            ]}
            for g in goals
        ],
        "services": [_service_content(s, number)
                     for s in sorted(plan_services, key=lambda s: (s.planned_start, s.code, s.id))],
    }


# R-A1: the participant's background, printed on the plan. Only what was recorded is content, so
# a plan signed before these fields existed keeps its digest.
BACKGROUND_FIELDS = ("education", "work_history", "credentials", "job_skills")


def _background(snapshot: PlanSnapshot) -> dict[str, Any]:
    person = snapshot.participant
    recorded = {name: getattr(person, name) for name in BACKGROUND_FIELDS if getattr(person, name)}
    return {"background": recorded} if recorded else {}


def _serves(goal: Goal, goal_number: dict[str, str]) -> dict[str, Any]:
    """R-G7: the number of the goal this goal serves, as printed ("Goal 2"), when it has one."""
    served = goal_number.get(goal.serves_goal_id or "")
    return {"serves_goal": served} if served else {}


def canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_digest(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _goals_without_dates(profile: BoardProfile, content: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """The goals as the goal_change policy compares them: without their dates, in no order, each
    as (what it says but its term, its term, whether that term is the one its dates give).
    Goals are numbered in date order, so a date moved could swap two goals' places (and the
    number a goal serves, R-G7) while no goal changed: the goal served is named by what it says."""
    goals = content.get("goals", [])
    plain = [{k: v for k, v in g.items() if k not in _DATE_FIELDS | {"objectives", "serves_goal", "term"}}
             for g in goals]
    by_number = {str(number): canonical(goal) for number, goal in enumerate(plain, start=1)}
    return [(canonical(goal | ({"serves": by_number.get(str(g["serves_goal"]), g["serves_goal"])}
                               if "serves_goal" in g else {})),
             str(g.get("term")), _follows_dates(profile, g))
            for goal, g in zip(plain, goals, strict=True)]


def _goal_changed(profile: BoardProfile, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """R-V3, goal_change: has a goal itself changed? Dates changed "to give the participant lesser
    or extended time" have not (CH-41), and neither has a term that moved with them: the wizard
    sets the term the board's table gives the dates, so a goal extended from 4 to 9 months turns
    Intermediate. A term the coach chose that is not the one its dates give is a change."""
    before, after = _goals_without_dates(profile, old), _goals_without_dates(profile, new)
    if sorted(said for said, _, _ in before) != sorted(said for said, _, _ in after):
        return True
    unmatched = Counter((said, term) for said, term, _ in before)
    for said, term, follows in sorted(after, key=lambda goal: goal[2]):  # chosen terms first
        if unmatched[(said, term)] > 0:
            unmatched[(said, term)] -= 1
        elif not follows:
            return True
    return False


def without_delivery(content: dict[str, Any]) -> dict[str, Any]:
    """The content less how its services went (R-S3): what the participant agreed to."""
    services = [{k: v for k, v in s.items() if k not in DELIVERY_FIELDS} for s in content.get("services", [])]
    return {**content, "services": services}


def signature_required(profile: BoardProfile, old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """R-V3: does the change from ``old`` to ``new`` need the plan signed again?

    Recording how a service went needs a new signature only where the board says so
    (SCPa III.A: the IEP is reviewed, updated and signed each time a service element is completed).
    """
    if old is None:
        return True  # the first version is always signed (R-X1)
    if not profile.service_delivery_needs_signature:
        old, new = without_delivery(old), without_delivery(new)
    if profile.resign_policy == "every_change":
        return canonical(old) != canonical(new)
    return _goal_changed(profile, old, new)


def _follows_dates(profile: BoardProfile, goal: dict[str, Any]) -> bool:
    """Is the goal's term the one its dates give (R-G2)? A term the coach chose against its dates
    is what the goal says, and changing it needs a signature."""
    try:
        established = date.fromisoformat(goal["established_on"])
        completion = date.fromisoformat(goal["estimated_completion_on"])
    except (KeyError, TypeError, ValueError):
        return False
    return bool(goal.get("term") == derive_term(profile, established, completion).value)
