"""The conflict queue, and edits made at the office: a person decides, the hub records who."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from iep_desktop.central.context import HubContext
from iep_desktop.central.merge import validated
from iep_desktop.central.tables import HUB_RECORDS, conflicts, devices, refused_changes
from iep_desktop.domain.models import RECORD_TYPES
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.store.uow import record_from_row, row_values


def open_conflicts(ctx: HubContext) -> list[dict[str, Any]]:
    with ctx.engine.connect() as conn:
        rows = conn.execute(select(conflicts).where(conflicts.c.status == "open").order_by(conflicts.c.id))
        return [dict(r._mapping) for r in rows]


def refused(ctx: HubContext) -> list[dict[str, Any]]:
    """Changes laptops sent to records they may not change, with why (issue 14, finding 2)."""
    with ctx.engine.connect() as conn:
        rows = conn.execute(select(refused_changes.c.id, refused_changes.c.device_id, devices.c.name.label("device"),
                                   refused_changes.c.record_kind, refused_changes.c.record_id,
                                   refused_changes.c.participant_id, refused_changes.c.reason,
                                   refused_changes.c.received_at)
                            .select_from(refused_changes.outerjoin(devices, devices.c.id == refused_changes.c.device_id))
                            .order_by(refused_changes.c.id))
        return [dict(r._mapping) for r in rows]


def resolve(ctx: HubContext, conflict_id: int, keep: str, actor: str) -> None:
    """A person decides: keep the hub's value, or take the laptop's."""
    if keep not in ("hub", "device"):
        raise InvalidInput("Say which value to keep: 'hub' or 'device'.")
    with ctx.engine.begin() as conn:
        item = conn.execute(select(conflicts).where(conflicts.c.id == conflict_id)).mappings().first()
        if item is None or item["status"] != "open":
            raise NotFound(f"There is no open conflict {conflict_id}; 'iep central conflicts' lists them.")
        if keep == "device":
            set_field(conn, item["record_kind"], item["record_id"], item["field"], item["device_value"])
        conn.execute(update(conflicts).where(conflicts.c.id == conflict_id).values(
            status="resolved", resolution=keep, resolved_by=actor, resolved_at=ctx.clock.now()))
        ctx.audit(conn, actor, f"hub.resolve.{keep}", item["record_kind"], item["record_id"])


def update_record(ctx: HubContext, kind: str, record_id: str, changes: dict[str, Any], actor: str) -> None:
    """An edit made at the office; laptops that share the record get it in their next return."""
    model = RECORD_TYPES.get(kind)
    if model is None or model.append_only:
        raise InvalidInput(f"A {kind} cannot be edited at the office.")
    with ctx.engine.begin() as conn:
        for name, value in changes.items():
            if name in model.immutable_fields or name == "version":
                raise InvalidInput(f"The {name} of a {kind} never changes.")
            set_field(conn, kind, record_id, name, value)
        ctx.audit(conn, actor, "hub.edit", kind, record_id)


def set_field(conn: Connection, kind: str, record_id: str, name: str, value: Any) -> None:
    model, table = RECORD_TYPES[kind], HUB_RECORDS[kind]
    row = conn.execute(select(table).where(table.c.id == record_id)).first()
    if row is None:
        raise NotFound(f"The office has no {kind} {record_id}.")
    current = record_from_row(model, row)
    merged = validated(model, {**current.model_dump(mode="json"), name: value, "version": current.version + 1})
    conn.execute(update(table).where(table.c.id == record_id).values(**row_values(merged)))
