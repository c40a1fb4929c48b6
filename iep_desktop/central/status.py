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
            "devices": [{"name": r.name, "last_sequence": r.last_sequence, "registered": r.registered_at is not None}
                        for r in conn.execute(select(devices).order_by(devices.c.name))],
        }


def record(ctx: HubContext, kind: str, record_id: str) -> Record | None:
    table = HUB_RECORDS[kind]
    with ctx.engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == record_id)).first()
    return None if row is None else record_from_row(RECORD_TYPES[kind], row)
