"""The conflict queue, and edits made at the office: a person decides, the hub records who.

A conflict holds everything a person needs to decide from the list alone: the participant, the
record and field, the value before the laptop's edit, both new values, and who wrote each side
when. A decision names the value kept (there is no default: guessing would lose one side), is
audited, can be listed afterwards and can be reopened.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from iep_desktop.central.context import HubContext
from iep_desktop.central.merge import validated
from iep_desktop.central.tables import HUB_RECORDS, conflicts, devices, refused_changes
from iep_desktop.domain.models import RECORD_TYPES
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.store.uow import record_from_row, row_values

KEEP_CHOICES = ("hub", "device")


def open_conflicts(ctx: HubContext) -> list[dict[str, Any]]:
    return list_conflicts(ctx, "open")


def list_conflicts(ctx: HubContext, status: str = "open") -> list[dict[str, Any]]:
    """Conflicts in ``status`` (open or resolved), each with the participant's name and the laptop's."""
    with ctx.engine.connect() as conn:
        rows = conn.execute(select(conflicts, devices.c.name.label("device_name"))
                            .outerjoin(devices, devices.c.id == conflicts.c.device_id)
                            .where(conflicts.c.status == status).order_by(conflicts.c.id))
        items = [dict(r._mapping) for r in rows]
        for item in items:
            item["participant_id"], item["participant_name"] = _participant_of(conn, item["record_kind"],
                                                                               item["record_id"])
    return items


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


def _participant_of(conn: Connection, kind: str, record_id: str) -> tuple[str | None, str]:
    """The participant a record belongs to (through its plan when it has no participant id)."""
    people = HUB_RECORDS["participant"]
    table = HUB_RECORDS[kind]
    if kind == "participant":
        participant_id: str | None = record_id
    elif "participant_id" in table.c:
        participant_id = conn.execute(select(table.c.participant_id).where(table.c.id == record_id)).scalar()
    elif "plan_id" in table.c:
        plans = HUB_RECORDS["plan"]
        participant_id = conn.execute(select(plans.c.participant_id).join(table, table.c.plan_id == plans.c.id)
                                      .where(table.c.id == record_id)).scalar()
    else:
        participant_id = None
    if participant_id is None:
        return None, ""
    row = conn.execute(select(people.c.first_name, people.c.last_name).where(people.c.id == participant_id)).first()
    return str(participant_id), f"{row.first_name} {row.last_name}" if row else ""


def resolve(ctx: HubContext, conflict_id: int, keep: str | None, actor: str) -> None:
    """A person decides: keep the office's value ('hub') or take the laptop's ('device')."""
    if keep not in KEEP_CHOICES:
        raise InvalidInput("Say which value to keep with --keep hub (the office's value) or --keep device "
                           "(the laptop's value); nothing was changed.")
    with ctx.engine.begin() as conn:
        item = conn.execute(select(conflicts).where(conflicts.c.id == conflict_id)).mappings().first()
        if item is None or item["status"] != "open":
            raise NotFound(f"There is no open conflict {conflict_id}; 'iep central conflicts' lists them.")
        current = field_value(conn, item["record_kind"], item["record_id"], item["field"])
        if keep == "device":
            set_field(conn, item["record_kind"], item["record_id"], item["field"], item["device_value"])
        elif item["resolution"] == "device" and current == item["device_value"]:
            # Reopened after the laptop's value was taken: keeping the office's value puts it back.
            set_field(conn, item["record_kind"], item["record_id"], item["field"], item["hub_value"])
        conn.execute(update(conflicts).where(conflicts.c.id.in_([conflict_id, *_same_question(conn, item)])).values(
            status="resolved", resolution=keep, resolved_by=actor, resolved_at=ctx.clock.now()))
        ctx.audit(conn, actor, f"hub.resolve.{keep}", item["record_kind"], item["record_id"])


def _same_question(conn: Connection, item: Any) -> list[int]:
    """Other open conflicts of the same laptop change on the same field with the same values: a
    laptop enrolled again under its name sends its waiting change again, and the new enrollment
    has its own conflict for it, while the old one is still listed. One decision answers both:
    the value is set once, and neither is left open to be decided a second time. (The values are
    JSON, compared here rather than in SQL.)"""
    rows = conn.execute(select(conflicts.c.id, conflicts.c.device_value, conflicts.c.device_before).where(
        conflicts.c.status == "open", conflicts.c.id != item["id"], conflicts.c.change_id == item["change_id"],
        conflicts.c.record_kind == item["record_kind"], conflicts.c.record_id == item["record_id"],
        conflicts.c.field == item["field"]))
    return [r.id for r in rows if (r.device_value, r.device_before) == (item["device_value"], item["device_before"])]


def reopen(ctx: HubContext, conflict_id: int, actor: str) -> None:
    """Put a decided conflict back in the queue; the laptop waits for the office again."""
    with ctx.engine.begin() as conn:
        item = conn.execute(select(conflicts).where(conflicts.c.id == conflict_id)).mappings().first()
        if item is None or item["status"] != "resolved":
            raise NotFound(f"There is no resolved conflict {conflict_id}; 'iep central conflicts --resolved' "
                           "lists them.")
        conn.execute(update(conflicts).where(conflicts.c.id == conflict_id).values(
            status="open", reopened_by=actor, reopened_at=ctx.clock.now()))
        ctx.audit(conn, actor, "hub.reopen", item["record_kind"], item["record_id"])


def check_editable(kind: str) -> None:
    """Only records that are edited in place; notes, reviews, versions and signatures are kept as
    written (R-C1, R-X2): a correction is a new one, made on the laptop."""
    model = RECORD_TYPES.get(kind)
    if model is None or model.append_only:
        raise InvalidInput(f"A {kind.replace('_', ' ')} cannot be edited at the office: it is kept as written "
                           "(a correction is a new one, made on the laptop). Nothing was changed.")


def update_record(ctx: HubContext, kind: str, record_id: str, changes: dict[str, Any], actor: str) -> None:
    """An edit made at the office; laptops that share the record get it in their next return."""
    check_editable(kind)
    model = RECORD_TYPES[kind]
    with ctx.engine.begin() as conn:
        for name, value in changes.items():
            if name not in model.model_fields:
                raise InvalidInput(f"A {kind} has no field {name}; nothing was changed.")
            if name in model.immutable_fields or name in ("id", "version"):
                raise InvalidInput(f"The {name} of a {kind} never changes; nothing was changed.")
            set_field(conn, kind, record_id, name, value)
        ctx.audit(conn, actor, "hub.edit", kind, record_id)


def field_value(conn: Connection, kind: str, record_id: str, name: str) -> Any:
    model, table = RECORD_TYPES[kind], HUB_RECORDS[kind]
    row = conn.execute(select(table).where(table.c.id == record_id)).first()
    if row is None:
        raise NotFound(f"The office has no {kind} {record_id}.")
    return record_from_row(model, row).model_dump(mode="json").get(name)


def set_field(conn: Connection, kind: str, record_id: str, name: str, value: Any) -> None:
    model, table = RECORD_TYPES[kind], HUB_RECORDS[kind]
    row = conn.execute(select(table).where(table.c.id == record_id)).first()
    if row is None:
        raise NotFound(f"The office has no {kind} {record_id}.")
    current = record_from_row(model, row)
    merged = validated(model, {**current.model_dump(mode="json"), name: value, "version": current.version + 1})
    conn.execute(update(table).where(table.c.id == record_id).values(**row_values(merged)))


def open_conflict_changes(conn: Connection, device_id: str) -> set[str]:
    """The laptop's changes that still have an open conflict: the laptop keeps its value, waiting."""
    return set(conn.execute(select(conflicts.c.change_id).where(conflicts.c.device_id == device_id,
                                                                conflicts.c.status == "open")).scalars())
