"""Goals, objectives, services, barriers, assessments and counseling statements."""

from __future__ import annotations

from datetime import date

from iep_desktop.domain import rules
from iep_desktop.domain.models import (
    Assessment, Barrier, CounselingStatement, Goal, ItemStatus, Objective, Outcome, Participant,
    Plan, Service,
)
from iep_desktop.errors import InvalidInput, RuleViolation
from iep_desktop.services.plans import require_open
from iep_desktop.store.uow import UnitOfWork

# -- goals ----------------------------------------------------------------------------------


def add_goal(uow: UnitOfWork, goal: Goal) -> Goal:
    require_open(uow, goal.plan_id)
    return uow.add(goal)


def update_goal(uow: UnitOfWork, goal: Goal) -> Goal:
    require_open(uow, goal.plan_id)
    return uow.update(goal)


def close_goal(uow: UnitOfWork, goal_id: str, closed_on: date, outcome: Outcome) -> Goal:
    """R-G4: a closed goal has a closed date and a reason, Successful or Unsuccessful."""
    goal = uow.get(Goal, goal_id)
    require_open(uow, goal.plan_id)
    _not_before(closed_on, goal.established_on, "R-G4")
    return uow.update(goal.model_copy(update={
        "status": ItemStatus.CLOSED, "closed_on": closed_on, "close_reason": outcome}), "goal.close")


# -- objectives -----------------------------------------------------------------------------


def add_objective(uow: UnitOfWork, objective: Objective) -> Objective:
    _check_goal_of_plan(uow, objective)
    if objective.review_on is None:  # R-O2: a default review date is filled in
        profile = uow.profiles.get(uow.get(Plan, objective.plan_id).board)
        objective = objective.model_copy(update={
            "review_on": rules.default_review_date(profile, objective.established_on)})
    return uow.add(objective)


def update_objective(uow: UnitOfWork, objective: Objective) -> Objective:
    _check_goal_of_plan(uow, objective)
    return uow.update(objective)


def close_objective(uow: UnitOfWork, objective_id: str, closed_on: date, outcome: Outcome) -> Objective:
    """R-O4: closed with an outcome and a date."""
    objective = uow.get(Objective, objective_id)
    require_open(uow, objective.plan_id)
    _not_before(closed_on, objective.established_on, "R-O4")
    return uow.update(objective.model_copy(update={
        "status": ItemStatus.CLOSED, "closed_on": closed_on, "outcome": outcome}), "objective.close")


def _check_goal_of_plan(uow: UnitOfWork, objective: Objective) -> None:
    """R-G6: goals come before objectives; every objective belongs to a goal of its plan."""
    require_open(uow, objective.plan_id)
    goal = uow.find_one(Goal, objective.goal_id)
    if goal is None or goal.plan_id != objective.plan_id:
        raise RuleViolation("R-G6", "Add the goal first: every objective belongs to a goal of this plan")


# -- services -------------------------------------------------------------------------------


def add_service(uow: UnitOfWork, service: Service) -> Service:
    _check_service(uow, service)
    return uow.add(service)


def update_service(uow: UnitOfWork, service: Service) -> Service:
    _check_service(uow, service)
    return uow.update(service)


def _check_service(uow: UnitOfWork, service: Service) -> None:
    participant = uow.get(Participant, service.participant_id)
    profile = uow.profiles.get(participant.board)
    if profile.service(service.code) is None:
        raise RuleViolation("R-S1", f"Service code {service.code} is not on the list of service codes used here; pick a code from the list")
    if service.plan_id is not None:
        require_open(uow, service.plan_id)
        for objective_id in service.objective_ids:
            found = uow.find_one(Objective, objective_id)
            if found is None or found.plan_id != service.plan_id:
                raise RuleViolation("R-S1", "A service can only serve objectives of its own plan")


# -- barriers, assessments, counseling statements --------------------------------------------


def add_barrier(uow: UnitOfWork, barrier: Barrier) -> Barrier:
    require_open(uow, barrier.plan_id)
    return uow.add(barrier)


def update_barrier(uow: UnitOfWork, barrier: Barrier) -> Barrier:
    require_open(uow, barrier.plan_id)
    return uow.update(barrier)


def record_assessment(uow: UnitOfWork, assessment: Assessment) -> Assessment:
    """R-A1: assessment activities and academic test results."""
    uow.get(Participant, assessment.participant_id)
    if assessment.taken_on > uow.clock.today():
        raise InvalidInput(f"The assessment date {assessment.taken_on:%m/%d/%Y} is in the future; use the day it was taken (R-A1).")
    return uow.add(assessment)


def update_assessment(uow: UnitOfWork, assessment: Assessment) -> Assessment:
    return uow.update(assessment)


def add_counseling_statement(uow: UnitOfWork, statement: CounselingStatement) -> CounselingStatement:
    """R-A2: confidential information is kept here, never printed."""
    uow.get(Participant, statement.participant_id)
    return uow.add(statement)


def _not_before(day: date, start: date, rule_id: str) -> None:
    if day < start:
        raise InvalidInput(f"The date {day:%m/%d/%Y} is before {start:%m/%d/%Y}; pick a later date ({rule_id}).")
