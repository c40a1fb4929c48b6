"""Read participants' plans with everything the rules and the printed plan need.

``load_snapshots`` reads many participants with one query per table (the caseload shows a
page of them at a time); ``load_snapshot`` is the one-participant case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, bindparam, select

from iep_desktop.domain.models import (
    Assessment, Barrier, CaseNote, CounselingStatement, Goal, Objective, Participant, Plan,
    PlanSnapshot, PlanStatus, PlanVersion, Record, Review, Service, Signature,
)
from iep_desktop.domain.plan_content import assessments_of, content_digest, plan_content
from iep_desktop.errors import NotFound
from iep_desktop.store.tables import RECORD_TABLES
from iep_desktop.store.uow import UnitOfWork

R = TypeVar("R", bound=Record)
_BY_PARTICIPANT: dict[str, type[Record]] = {
    "assessments": Assessment, "counseling_statements": CounselingStatement, "services": Service,
    "case_notes": CaseNote,
}
_NOTES = {"case_notes", "counseling_statements"}
_BY_PLAN: dict[str, type[Record]] = {
    "barriers": Barrier, "goals": Goal, "objectives": Objective, "reviews": Review,
    "versions": PlanVersion, "signatures": Signature,
}
_STATUS_ONLY = {"reviews", "versions", "signatures"}  # with the plans: see load_snapshots(content=False)
_ORDER = {"assessments": "taken_on", "counseling_statements": "written_on", "services": "planned_start",
          "case_notes": "written_at", "barriers": "category", "goals": "established_on",
          "objectives": "established_on", "reviews": "reviewed_on", "versions": "number", "signatures": "signed_at"}


# What a status needs of a signature is who signed which version with which digest, never the
# ink: the strokes (kilobytes of points each, the last column) are left on disk, so SQLite reads
# none of their overflow pages, about half the bytes a page of statuses would read otherwise.
_NO_INK = {"signatures": {"strokes": ""}}


@cache
def _grouped_query(kind: str, column: str, order: str, left_out: tuple[str, ...]) -> Select[Any]:
    """Built once per table and column (the keys are bound as an expanding list): building and
    keying the statement again cost about as much as a cold page of rows."""
    table = RECORD_TABLES[kind]
    columns = [c for c in table.c if c.name not in left_out]
    return (select(*columns).where(table.c[column].in_(bindparam("keys", expanding=True)))
            .order_by(table.c[order], table.c.id))


def _grouped(conn: Connection, model: type[R], column: str, keys: Sequence[str], order: str,
             left_out: dict[str, Any] | None = None) -> dict[str, list[R]]:
    groups: dict[str, list[R]] = defaultdict(list)
    if keys:
        result = conn.execute(_grouped_query(model.kind, column, order, tuple(left_out or ())), {"keys": list(keys)})
        names = list(result.keys())  # once, not per row: a page of statuses reads ~800 rows
        extra = left_out or {}
        for row in result:
            record = model.model_validate({**dict(zip(names, row, strict=True)), **extra})
            groups[getattr(record, column)].append(record)
    return groups


def _choose_plan(plans: list[Plan], plan_id: str | None) -> Plan | None:
    if plan_id:
        return next((p for p in plans if p.id == plan_id), None)
    open_plans = [p for p in plans if p.status is PlanStatus.OPEN]
    candidates = open_plans or plans
    return candidates[-1] if candidates else None


def load_snapshots(uow: UnitOfWork, participant_ids: Sequence[str],
                   plan_ids: dict[str, str] | None = None, *, notes: bool = True,
                   ink: bool = True, digest: bool = True, content: bool = True) -> dict[str, PlanSnapshot]:
    """``notes=False`` leaves out case notes and confidential counseling statements: neither is
    part of the plan's content or its status (the caseload's statuses read many plans at once).
    ``ink=False`` reads signatures without their strokes (``strokes`` is empty): for statuses,
    never for a printed or shown plan. ``digest=False`` leaves ``current_digest`` None, for a
    caller that works it out only where it needs it (the caseload: plans signed at least once).
    ``content=False`` reads the participant, the plans, their reviews, versions and signatures
    only, no digest: what decides a plan's status unless a version is signed by everyone (the
    caseload reads the rest for those alone). Such a snapshot is no plan's content."""
    return snapshots_on(uow.c, participant_ids, plan_ids, notes=notes, ink=ink, digest=digest, content=content)


def snapshots_on(conn: Connection, participant_ids: Sequence[str], plan_ids: dict[str, str] | None = None, *,
                 notes: bool = True, ink: bool = True, digest: bool = True,
                 content: bool = True) -> dict[str, PlanSnapshot]:
    """As ``load_snapshots``, on any database with the record tables: a laptop store, or the office
    hub (whose record tables have the same names and columns)."""
    people = {p.id: p for group in _grouped(conn, Participant, "id", participant_ids, "id").values() for p in group}
    ids = list(people)
    plans = _grouped(conn, Plan, "participant_id", ids, "start_date")
    chosen = {pid: _choose_plan(plans.get(pid, []), (plan_ids or {}).get(pid)) for pid in ids}
    plan_keys = [p.id for p in chosen.values() if p is not None]
    per_person = {name: _grouped(conn, model, "participant_id", ids, _ORDER[name]) for name, model in _BY_PARTICIPANT.items()
                  if content and (notes or name not in _NOTES)}
    per_plan = {name: _grouped(conn, model, "plan_id", plan_keys, _ORDER[name], None if ink else _NO_INK.get(name))
                for name, model in _BY_PLAN.items() if content or name in _STATUS_ONLY}
    snapshots = {}
    for pid, person in people.items():
        plan = chosen[pid]
        fields: dict[str, Any] = {name: groups.get(pid, []) for name, groups in per_person.items()}
        others = [p for p in plans.get(pid, []) if p is not plan]
        if plan is not None:
            fields |= {name: groups.get(plan.id, []) for name, groups in per_plan.items()}
            if "assessments" in fields:  # a closed plan's rules see its own tests, not the next plan's
                fields["assessments"] = assessments_of(plan, fields["assessments"], others)
        snapshot = PlanSnapshot(participant=person, plan=plan, other_plans=others, **fields)
        if plan is not None and digest and content:
            snapshot = snapshot.model_copy(update={"current_digest": content_digest(plan_content(snapshot))})
        snapshots[pid] = snapshot
    return snapshots


def load_snapshot(uow: UnitOfWork, participant_id: str, plan_id: str | None = None) -> PlanSnapshot:
    found = load_snapshots(uow, [participant_id], {participant_id: plan_id} if plan_id else None)
    if participant_id not in found:
        raise NotFound(f"No participant with id {participant_id}.")
    snapshot = found[participant_id]
    if plan_id and (snapshot.plan is None or snapshot.plan.id != plan_id):
        raise NotFound(f"No plan with id {plan_id} for this participant.")
    return snapshot


def plans_of(uow: UnitOfWork, participant_id: str) -> list[Plan]:
    return uow.list(Plan, order_by="start_date", participant_id=participant_id)


def current_plan(uow: UnitOfWork, participant_id: str) -> Plan | None:
    """The open plan, else the most recent one, else None."""
    return _choose_plan(plans_of(uow, participant_id), None)
