"""Plans: start (R-P1, R-P2), edit, close, and the rule findings for a plan."""

from __future__ import annotations

from datetime import date

from iep_desktop.domain import rules
from iep_desktop.domain.findings import Finding, Severity
from iep_desktop.domain.models import Participant, Plan, PlanStatus, Service
from iep_desktop.errors import InvalidInput, RuleViolation
from iep_desktop.services import coach
from iep_desktop.services.snapshots import load_snapshot, plans_of
from iep_desktop.store.uow import UnitOfWork


def start_plan(uow: UnitOfWork, participant_id: str, *, start_date: date | None = None,
               region: str = "", office: str = "", coach_name: str = "") -> Plan:
    participant = uow.get(Participant, participant_id)
    profile = uow.profiles.get(participant.board)
    earlier = plans_of(uow, participant_id)
    if any(p.status is PlanStatus.OPEN for p in earlier):
        raise RuleViolation("R-P1", "This participant already has an open plan; close it before starting a new one")
    day = start_date or uow.clock.today()
    last_closed = max((p.closed_date for p in earlier if p.closed_date is not None), default=None)
    if last_closed is not None and day < last_closed:
        # Only once the old plan is closed can a new one start: the two must not overlap.
        raise RuleViolation("R-P1", f"The new plan cannot start on {day:%m/%d/%Y}, before the last plan closed on "
                                    f"{last_closed:%m/%d/%Y}; start it on or after that day")
    plan = Plan(
        participant_id=participant.id, program=participant.program, board=participant.board,
        region=region or participant.region or (profile.regions[0] if profile.regions else ""),
        office=office or participant.office or (profile.offices[0] if profile.offices else ""),
        # The name typed, else the one this store's coach gave last time, else who is working.
        coach_name=coach_name.strip() or coach.coach_name(uow) or uow.actor,
        start_date=day,
    )
    snapshot = load_snapshot(uow, participant_id).model_copy(update={"plan": plan})
    blocking = [f for f in rules.RULES["R-P2"](snapshot, profile, plan.start_date) if f.blocks]
    if blocking:
        # Each finding's message ends with "(R-P2)"; the error cites the rule once, at the end.
        reasons = " ".join(f.message.removesuffix(f"({f.rule_id})").strip() for f in blocking)
        raise RuleViolation("R-P2", f"The plan cannot start yet: {reasons}")
    started = uow.add(plan, "plan.start")
    if coach_name.strip():
        coach.remember_coach_name(uow, coach_name)  # offered on the next plan (issue 13)
    return started


def update_plan(uow: UnitOfWork, plan: Plan) -> Plan:
    require_open(uow, plan.id)
    return uow.update(plan)


def check_closing(uow: UnitOfWork, plan: Plan, closed_date: date, reason: str) -> None:
    """Raise InvalidInput when the plan cannot close on this date for this reason (R-P3, R-V4)."""
    if closed_date < plan.start_date:
        raise InvalidInput(
            f"The closed date {closed_date:%m/%d/%Y} is before the plan start {plan.start_date:%m/%d/%Y}; "
            "pick a later date (R-P3)."
        )
    if not reason.strip():
        raise InvalidInput("Say why the plan is closed, for example 'Program exit' (R-P3).")
    served = rules.last_service_day(uow.list(Service, plan_id=plan.id))
    if served is not None and closed_date < served:
        # The exit is the last day of service (R-V4): a plan does not close before its services went.
        raise InvalidInput(f"A service of this plan was delivered on {served:%m/%d/%Y}, after {closed_date:%m/%d/%Y}; "
                           "close the plan on or after its last day of service, or correct that service's "
                           "dates (R-V4).")


def close_plan(uow: UnitOfWork, plan_id: str, closed_date: date, reason: str) -> Plan:
    """R-P3: a plan is closed on program exit, with the closed date."""
    plan = require_open(uow, plan_id)
    check_closing(uow, plan, closed_date, reason)
    closed = plan.model_copy(update={"status": PlanStatus.CLOSED, "closed_date": closed_date, "close_reason": reason})
    return uow.update(closed, "plan.close")


def require_open(uow: UnitOfWork, plan_id: str) -> Plan:
    plan = uow.get(Plan, plan_id)
    if plan.status is not PlanStatus.OPEN:
        raise InvalidInput("This plan is closed and cannot be changed; start a new plan instead (R-P1).")
    return plan


def plan_findings(uow: UnitOfWork, participant_id: str, plan_id: str | None = None,
                  today: date | None = None) -> list[Finding]:
    snapshot = load_snapshot(uow, participant_id, plan_id)
    profile = uow.profiles.get(snapshot.participant.board)
    return rules.evaluate(snapshot, profile, today or uow.clock.today())


def blocking_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]
