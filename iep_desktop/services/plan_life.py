"""The plan's life after signing: services as they happen (R-S3), closing and reopening goals
and objectives (R-G4, R-O4, R-P4), the exit (R-V4, R-P1), and what needs the coach this week
(R-V1, R-G8, R-O7, R-S3, case-note follow-ups).

Each function is one use case over the caller's unit of work, like the rest of services/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from iep_desktop.clock import local_day
from iep_desktop.domain import rules
from iep_desktop.domain.models import (
    CaseNote,
    CaseNoteKind,
    Goal,
    ItemStatus,
    Objective,
    Outcome,
    Participant,
    Plan,
    PlanSnapshot,
    PlanStatus,
    Reopening,
    Service,
    ServiceStatus,
)
from iep_desktop.domain.plan_content import effective_status
from iep_desktop.errors import InvalidInput, RuleViolation
from iep_desktop.profiles import BoardProfile
from iep_desktop.services import plan_items
from iep_desktop.services.notes import add_case_note
from iep_desktop.services.plans import check_closing, close_plan, require_open
from iep_desktop.services.snapshots import current_plan, load_snapshot, load_snapshots
from iep_desktop.store.tables import RECORD_TABLES
from iep_desktop.store.uow import UnitOfWork

# -- services as they happen (R-S3) ---------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """What the coach records about how a service went."""

    status: ServiceStatus
    actual_start: date | None = None
    actual_end: date | None = None
    outcome: str = ""
    not_completed_reason: str = ""
    funding_source: str = ""
    amount: Decimal | None = None
    comments: str = ""


def delivery_problems(delivery: Delivery, planned_start: date, today: date) -> list[str]:
    """What is wrong with a delivery record, each with what to do (R-S3); empty when it is right."""
    problems = []
    started = delivery.status in (ServiceStatus.IN_PROGRESS, ServiceStatus.COMPLETED)
    if started and delivery.actual_start is None:
        problems.append("enter the day it actually started")
    if delivery.status is ServiceStatus.COMPLETED and delivery.actual_end is None:
        problems.append("enter the day it actually ended")
    if delivery.status is ServiceStatus.NOT_COMPLETED and not delivery.not_completed_reason.strip():
        problems.append("say why it was not completed")
    if delivery.actual_start and delivery.actual_end and delivery.actual_end < delivery.actual_start:
        problems.append("the actual end is before the actual start; correct the dates")
    for label, day in (("actual start", delivery.actual_start), ("actual end", delivery.actual_end)):
        if day is not None and day > today:
            problems.append(f"the {label} {day:%m/%d/%Y} is in the future; record it once it happened")
    if delivery.amount is not None and not delivery.funding_source.strip():
        problems.append("name the funding source of the amount")
    return problems


def record_delivery(uow: UnitOfWork, service_id: str, delivery: Delivery) -> Service:
    """Record a service's status, actual dates, outcome, funding and comments (R-S3)."""
    service = uow.get(Service, service_id)
    problems = delivery_problems(delivery, service.planned_start, uow.clock.today())
    if problems:
        raise InvalidInput(f"Service {service.code}: {'; '.join(problems)} (R-S3).")
    changed = service.model_copy(update={
        "status": delivery.status, "actual_start": delivery.actual_start, "actual_end": delivery.actual_end,
        "outcome": delivery.outcome.strip(), "not_completed_reason": delivery.not_completed_reason.strip(),
        "funding_source": delivery.funding_source.strip(), "amount": delivery.amount,
        "comments": delivery.comments.strip(),
    })
    return plan_items.update_service(uow, changed)


def quick_service(uow: UnitOfWork, participant_id: str, code: str, *, day: date | None = None,
                  status: ServiceStatus = ServiceStatus.COMPLETED, outcome: str = "", comments: str = "",
                  provider: str = "") -> Service:
    """'Attended the resume workshop today': a service delivered on one day, recorded in one go.

    It joins the open plan if there is one; without a plan it is still the participant's service
    (PIRL counts everyone who received a service)."""
    person = uow.get(Participant, participant_id)
    profile = uow.profiles.get(person.board)
    if profile.service(code) is None:
        raise RuleViolation("R-S1", f"Service code {code} is not on this board's list; pick a code from the list")
    on = day or uow.clock.today()
    plan = current_plan(uow, participant_id)
    plan_id = plan.id if plan is not None and plan.status is PlanStatus.OPEN else None
    delivery = Delivery(status=status, actual_start=on if status is not ServiceStatus.PLANNED else None,
                        actual_end=on if status is ServiceStatus.COMPLETED else None, outcome=outcome,
                        comments=comments, not_completed_reason=outcome if status is ServiceStatus.NOT_COMPLETED else "")
    problems = delivery_problems(delivery, on, uow.clock.today())
    if problems:
        raise InvalidInput(f"Service {code}: {'; '.join(problems)} (R-S3).")
    return uow.add(Service(
        participant_id=participant_id, plan_id=plan_id, code=code, provider=provider,
        planned_start=on, planned_end=on, actual_start=delivery.actual_start, actual_end=delivery.actual_end,
        status=status, outcome=outcome.strip() if status is not ServiceStatus.NOT_COMPLETED else "",
        not_completed_reason=delivery.not_completed_reason.strip(), comments=comments.strip(),
    ), "service.record")


# -- closing and reopening goals and objectives (R-G4, R-O4, R-P4) --------------------------


def _keeps_plan_active(snapshot: PlanSnapshot, *, goal_id: str | None = None,
                       objective_id: str | None = None) -> bool:
    """R-P4: after closing this goal or objective, is there still an open goal with an open objective?"""
    for goal in snapshot.goals:
        if goal.status is not ItemStatus.OPEN or goal.id == goal_id:
            continue
        if any(o.status is ItemStatus.OPEN and o.id != objective_id for o in snapshot.objectives_of(goal.id)):
            return True
    return False


def _require_active_after(uow: UnitOfWork, plan_id: str, **closing: str) -> None:
    plan = uow.get(Plan, plan_id)
    if not _keeps_plan_active(load_snapshot(uow, plan.participant_id, plan.id), **closing):
        raise RuleViolation("R-P4", f"This is the last open objective of the {plan.plan_kind.value}; an open plan "
                                    f"needs one. Add the next objective first, or close the plan at exit")


def close_objective(uow: UnitOfWork, objective_id: str, closed_on: date, outcome: Outcome) -> Objective:
    """R-O4: closed with an outcome and a date; R-P4 still holds for the open plan."""
    objective = uow.get(Objective, objective_id)
    require_open(uow, objective.plan_id)
    _require_active_after(uow, objective.plan_id, objective_id=objective_id)
    return plan_items.close_objective(uow, objective_id, closed_on, outcome)


def close_goal(uow: UnitOfWork, goal_id: str, closed_on: date, outcome: Outcome) -> Goal:
    """R-G4: closed with a date and a reason. Its open objectives close with it, same outcome."""
    goal = uow.get(Goal, goal_id)
    require_open(uow, goal.plan_id)
    _require_active_after(uow, goal.plan_id, goal_id=goal_id)
    still_open = [o for o in uow.list(Objective, goal_id=goal_id) if o.status is ItemStatus.OPEN]
    later = [o for o in still_open if o.established_on > closed_on]
    if later:
        # Each objective closes on the goal's date, as typed: never on a date nobody typed.
        first = min(later, key=lambda o: o.established_on)
        raise InvalidInput(f"The objective '{first.title}' of this goal was established on "
                           f"{first.established_on:%m/%d/%Y}, after {closed_on:%m/%d/%Y}; close the goal on "
                           "or after that day (R-G4).")
    for objective in still_open:
        plan_items.close_objective(uow, objective.id, closed_on, outcome)
    return plan_items.close_goal(uow, goal_id, closed_on, outcome)


def reopen_objective(uow: UnitOfWork, objective_id: str, reason: str) -> Objective:
    """Undo a closing made by mistake; the closing stays on the record (never erased)."""
    objective = uow.get(Objective, objective_id)
    require_open(uow, objective.plan_id)
    goal = uow.get(Goal, objective.goal_id)
    if goal.status is not ItemStatus.OPEN:
        raise InvalidInput(f"Reopen the goal '{goal.description}' first: an open objective belongs to an open goal (R-O4).")
    history = _reopening(objective.status, objective.closed_on, objective.outcome, objective.reopenings,
                         reason, uow.clock.today(), "R-O4")
    return uow.update(objective.model_copy(update={
        "status": ItemStatus.OPEN, "closed_on": None, "outcome": None, "reopenings": history}), "objective.reopen")


def reopen_goal(uow: UnitOfWork, goal_id: str, reason: str) -> Goal:
    """Undo a goal's closing made by mistake; the closing stays on the record (never erased)."""
    goal = uow.get(Goal, goal_id)
    require_open(uow, goal.plan_id)
    history = _reopening(goal.status, goal.closed_on, goal.close_reason, goal.reopenings, reason,
                         uow.clock.today(), "R-G4")
    return uow.update(goal.model_copy(update={
        "status": ItemStatus.OPEN, "closed_on": None, "close_reason": None, "reopenings": history}), "goal.reopen")


def _reopening(status: ItemStatus, closed_on: date | None, outcome: Outcome | None, history: list[Reopening],
               reason: str, today: date, rule_id: str) -> list[Reopening]:
    """The history with this closing added: what it was, and when and why it was undone."""
    if status is not ItemStatus.CLOSED or closed_on is None:
        raise InvalidInput(f"It is open already; there is nothing to reopen ({rule_id}).")
    if not reason.strip():
        raise InvalidInput(f"Say why it is reopened, for example 'closed by mistake' ({rule_id}).")
    return [*history, Reopening(closed_on=closed_on, outcome=outcome, reopened_on=today, reason=reason.strip())]


# -- exit and the next plan (R-V4, R-P1) ----------------------------------------------------


def exit_plan(uow: UnitOfWork, plan_id: str, closed_date: date, reason: str, story: str) -> Plan:
    """Close the plan at program exit with its date, reason and a closing case note (R-V4).

    The old plan and every signed version stay readable and printable; a new plan can start."""
    plan = require_open(uow, plan_id)
    profile = uow.profiles.get(plan.board)
    if not story.strip():
        raise InvalidInput("Write the closing case note: how the participant exited and what comes next (R-V4).")
    if closed_date > uow.clock.today():
        raise InvalidInput(f"The closed date {closed_date:%m/%d/%Y} is in the future; close the plan on or "
                           f"after the exit (R-V4).")
    check_closing(uow, plan, closed_date, reason)  # before the closing note is written
    note = add_case_note(uow, CaseNote(
        participant_id=plan.participant_id, plan_id=plan.id, title=profile.exit.closing_note_title,
        story=story.strip(), figures=f"Plan closed {closed_date:%m/%d/%Y}: {reason.strip()}",
        written_at=uow.clock.now(), note_kind=CaseNoteKind.CLOSING,
    ))
    closed = close_plan(uow, plan_id, closed_date, reason)
    return uow.update(closed.model_copy(update={"closing_note_id": note.id}), "plan.exit")


def suggested_exit(uow: UnitOfWork, plan_id: str) -> date | None:
    """The exit date the WIOA exit rule gives today (last day of service), if it applies yet."""
    plan = uow.get(Plan, plan_id)
    snapshot = load_snapshot(uow, plan.participant_id, plan.id)
    return rules.exit_date(snapshot.services, uow.profiles.get(plan.board), uow.clock.today())


# -- what needs the coach this week ---------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """One thing that needs the coach, on a day (passed or coming)."""

    on: date
    participant_id: str
    participant_name: str
    what: str      # "review", "objective review", "service end", "follow-up"
    text: str
    rule_id: str


def needs_me(uow: UnitOfWork, *, today: date | None = None, days: int = 7) -> list[Due]:
    """Reviews due or overdue, objective reviews passed, services that should have ended and
    case-note follow-ups due, for every open plan, by date (the oldest first)."""
    day = today or uow.clock.today()
    until = day + timedelta(days=days)
    plans = RECORD_TABLES["plan"]
    ids = [r[0] for r in uow.c.execute(select(plans.c.participant_id).where(plans.c.status == PlanStatus.OPEN.value)
                                         .distinct())]
    items: list[Due] = []
    for snapshot in load_snapshots(uow, ids).values():
        if snapshot.plan is not None:
            items += _snapshot_dues(snapshot, uow.profiles.get(snapshot.plan.board), day, until)
    return sorted(items, key=lambda d: (d.on, d.participant_name.casefold(), d.what))


DueMaker = Callable[[date, str, str, str], Due]


def _snapshot_dues(snapshot: PlanSnapshot, profile: BoardProfile, today: date, until: date) -> list[Due]:
    plan = snapshot.plan
    if plan is None or plan.status is not PlanStatus.OPEN:
        return []
    person = snapshot.participant

    def due(on: date, what: str, text: str, rule_id: str) -> Due:
        return Due(on, person.id, f"{person.last_name}, {person.first_name}", what, text, rule_id)

    items = []
    review = rules.review_due_on(snapshot, profile)
    if review is not None and review <= until:
        late = "overdue" if review < today else "due"
        items.append(due(review, "review", f"{plan.plan_kind.value} review {late}", "R-V1"))
    items += [due(o.review_on, "objective review", f"Review objective '{o.title}'", "R-O7")
              for o in snapshot.objectives
              if o.status is ItemStatus.OPEN and o.review_on is not None and o.review_on <= today]
    items += [due(s.planned_end, "service end", f"Service {s.code} should have ended; record how it went", "R-S3")
              for s in snapshot.services
              if s.plan_id == plan.id and effective_status(s) in rules.OPEN_SERVICE and s.planned_end < today]
    items += _follow_ups(snapshot, until, due)
    return items


def _follow_ups(snapshot: PlanSnapshot, until: date, make: DueMaker) -> list[Due]:
    """Follow-up dates of case notes with no later note written yet (R-C1: they should match)."""
    notes = snapshot.case_notes
    found = []
    for note in notes:
        if note.follow_up_on is None or note.follow_up_on > until:
            continue
        answered = any(n.written_at > note.written_at and local_day(n.written_at) >= note.follow_up_on for n in notes)
        if not answered:
            found.append(make(note.follow_up_on, "follow-up", f"Follow up on '{note.title}'", "R-C1"))
    return found


__all__ = ["Delivery", "Due", "close_goal", "close_objective", "delivery_problems", "exit_plan", "needs_me",
           "quick_service", "record_delivery", "reopen_goal", "reopen_objective", "suggested_exit"]
