"""Read one participant's plan with everything the rules and the printed plan need."""

from __future__ import annotations

from iep_desktop.domain.models import (
    Assessment, Barrier, CaseNote, CounselingStatement, Goal, Objective, Participant, Plan,
    PlanSnapshot, PlanStatus, PlanVersion, Review, Service, Signature,
)
from iep_desktop.domain.plan_content import content_digest, plan_content
from iep_desktop.store.uow import UnitOfWork


def plans_of(uow: UnitOfWork, participant_id: str) -> list[Plan]:
    return uow.list(Plan, order_by="start_date", participant_id=participant_id)


def current_plan(uow: UnitOfWork, participant_id: str) -> Plan | None:
    """The open plan, else the most recent one, else None."""
    plans = plans_of(uow, participant_id)
    open_plans = [p for p in plans if p.status is PlanStatus.OPEN]
    return (open_plans or plans or [None])[-1]


def load_snapshot(uow: UnitOfWork, participant_id: str, plan_id: str | None = None) -> PlanSnapshot:
    participant = uow.get(Participant, participant_id)
    plans = plans_of(uow, participant_id)
    plan = next((p for p in plans if p.id == plan_id), None) if plan_id else current_plan(uow, participant_id)
    by_participant = {"participant_id": participant_id}
    snapshot = PlanSnapshot(
        participant=participant,
        plan=plan,
        other_plans=[p for p in plans if plan is None or p.id != plan.id],
        assessments=uow.list(Assessment, order_by="taken_on", **by_participant),
        counseling_statements=uow.list(CounselingStatement, order_by="written_on", **by_participant),
        services=uow.list(Service, order_by="planned_start", **by_participant),
        case_notes=uow.list(CaseNote, order_by="written_at", **by_participant),
    )
    if plan is None:
        return snapshot
    by_plan = {"plan_id": plan.id}
    snapshot = snapshot.model_copy(update={
        "barriers": uow.list(Barrier, order_by="category", **by_plan),
        "goals": uow.list(Goal, order_by="established_on", **by_plan),
        "objectives": uow.list(Objective, order_by="established_on", **by_plan),
        "reviews": uow.list(Review, order_by="reviewed_on", **by_plan),
        "versions": uow.list(PlanVersion, order_by="number", **by_plan),
        "signatures": uow.list(Signature, order_by="signed_at", **by_plan),
    })
    return snapshot.model_copy(update={"current_digest": content_digest(plan_content(snapshot))})
