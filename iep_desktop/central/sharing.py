"""Which participants each laptop shares: their records go back in that laptop's return bundles."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from iep_desktop.central.context import HubContext, chunks
from iep_desktop.central.tables import HUB_RECORDS, device_participants, devices
from iep_desktop.errors import NotFound
from iep_desktop.sync.payload import ExportPayload


def share_participants(conn: Connection, device_id: str, payload: ExportPayload) -> None:
    """Add the participants a bundle's changes are about to its sender's share list."""
    ids = {c.record_id for c in payload.changes if c.record_kind == "participant"}
    # Only text ids count: a change that repeats what the hub has is not validated again.
    ids |= {c.fields["participant_id"] for c in payload.changes if isinstance(c.fields.get("participant_id"), str)}
    plan_ids = {c.fields["plan_id"] for c in payload.changes if isinstance(c.fields.get("plan_id"), str)}
    if plan_ids:
        plans = HUB_RECORDS["plan"]
        for part in chunks(sorted(plan_ids)):
            ids |= set(conn.execute(select(plans.c.participant_id).where(plans.c.id.in_(part))).scalars())
    known = set(conn.execute(select(device_participants.c.participant_id)
                             .where(device_participants.c.device_id == device_id)).scalars())
    new = [{"device_id": device_id, "participant_id": pid} for pid in sorted(ids - known)]
    if new:
        conn.execute(insert(device_participants), new)


def share(ctx: HubContext, device_name: str, participant_id: str, actor: str) -> None:
    """Let a laptop receive a participant another coach works with (in its next return bundle)."""
    with ctx.engine.begin() as conn:
        device = conn.execute(select(devices.c.id).where(devices.c.name == device_name)).scalar()
        if device is None:
            raise NotFound(f"No laptop named {device_name} is enrolled; 'iep central status' lists them.")
        table = HUB_RECORDS["participant"]
        if conn.execute(select(table.c.id).where(table.c.id == participant_id)).first() is None:
            raise NotFound(f"The office has no participant {participant_id}.")
        exists = conn.execute(select(device_participants).where(device_participants.c.device_id == device)
                              .where(device_participants.c.participant_id == participant_id)).first()
        if not exists:
            conn.execute(insert(device_participants).values(device_id=device, participant_id=participant_id))
        ctx.audit(conn, actor, "hub.share", "participant", participant_id)
