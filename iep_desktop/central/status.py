"""What the office holds: counts for 'iep central status', and one record by id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import (
    HUB_RECORDS,
    bundles,
    conflicts,
    devices,
    quarantine,
    signed_pdfs,
)
from iep_desktop.domain.models import RECORD_TYPES, Record
from iep_desktop.store.uow import record_from_row


def status(ctx: HubContext) -> dict[str, Any]:
    with ctx.engine.connect() as conn:
        def count(table: Any, *where: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

        return {
            "office_id": ctx.keys.office_id,
            "office_fingerprint": ctx.office_fingerprint,
            "participants": count(HUB_RECORDS["participant"]),
            "plans": count(HUB_RECORDS["plan"]),
            "signed_pdfs": count(signed_pdfs),
            "bundles_applied": count(bundles),
            "bundles_quarantined": count(quarantine),
            "open_conflicts": count(conflicts, conflicts.c.status == "open"),
            "devices": [{"name": r.name, "last_sequence": r.last_sequence, "registered": r.registered_at is not None,
                         **({"revoked": True} if r.revoked_at is not None else {})}
                        for r in conn.execute(select(devices).order_by(devices.c.name))],
        }


def record(ctx: HubContext, kind: str, record_id: str) -> Record | None:
    table = HUB_RECORDS[kind]
    with ctx.engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == record_id)).first()
    return None if row is None else record_from_row(RECORD_TYPES[kind], row)


def resolve_participant_id(ctx: HubContext, typed: str) -> str:
    """A participant id from its first 8 or more characters, as the laptop accepts them."""
    from iep_desktop.errors import InvalidInput, NotFound

    table = HUB_RECORDS["participant"]
    typed = typed.strip().lower()
    if len(typed) < 8:
        raise InvalidInput("Give the participant id (at least its first 8 characters), as "
                           "'iep central participants' lists it.")
    with ctx.engine.connect() as conn:
        ids = list(conn.execute(select(table.c.id).where(table.c.id.like(f"{typed}%")).limit(2)).scalars())
    if not ids:
        raise NotFound(f"The office has no participant whose id starts with {typed}; find it with "
                       "'iep central participants --search'.")
    if len(ids) > 1:
        raise InvalidInput(f"More than one participant id starts with {typed}; type more of it.")
    return str(ids[0])


def device_overview(ctx: HubContext) -> list[dict[str, Any]]:
    """Each laptop as the office sees it: when it was enrolled, its last bundle, the bundle numbers
    never received (their changes may have come in a later bundle, which carries all unacknowledged
    ones), what waits at the office for it, and whether it was asked to resend after a restore."""
    with ctx.engine.connect() as conn:
        rows = list(conn.execute(select(devices).order_by(devices.c.name)).mappings())
        out = []
        for d in rows:
            received = set(conn.execute(select(bundles.c.sequence).where(bundles.c.device_id == d["id"])).scalars())
            last = max(received | {d["last_sequence"]})
            open_for = int(conn.execute(select(func.count()).select_from(conflicts).where(
                conflicts.c.device_id == d["id"], conflicts.c.status == "open")).scalar_one())
            last_at = conn.execute(select(func.max(bundles.c.received_at))
                                   .where(bundles.c.device_id == d["id"])).scalar()
            out.append({
                "name": d["name"], "enrolled_at": d["enrolled_at"], "registered": d["registered_at"] is not None,
                "last_bundle": last, "last_bundle_at": last_at,
                "missing_bundles": sorted(set(range(1, last + 1)) - received),
                "open_conflicts": open_for, "returns_made": d["return_sequence"],
                "returns_taken_in": d["returns_confirmed"], "resend_requested": bool(d["resend_requested"]),
            })
    return out
