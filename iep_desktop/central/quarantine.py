"""Quarantine: bundles the office set aside, each with its reason, laptop and time.

A person lists them, releases one once the cause is fixed (it is ingested again, exactly like a
new bundle: applied once, or set aside again with the new reason), or deletes one that can never
apply. The file itself lives in the office folder's quarantine/ under its digest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from iep_desktop.central import ingest
from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import devices, quarantine
from iep_desktop.errors import NotFound

FOLDER = "quarantine"


def quarantine_file(ctx: HubContext, digest: str) -> Path:
    return ctx.office_dir / FOLDER / f"{digest}.iepb"


def list_quarantine(ctx: HubContext) -> list[dict[str, Any]]:
    with ctx.engine.connect() as conn:
        rows = conn.execute(select(quarantine, devices.c.name.label("device_name"))
                            .outerjoin(devices, devices.c.id == quarantine.c.device_id)
                            .order_by(quarantine.c.id))
        items = [dict(r._mapping) for r in rows]
    for item in items:
        item["file_kept"] = quarantine_file(ctx, item["digest"]).exists()
    return items


def _entry(ctx: HubContext, entry_id: int) -> dict[str, Any]:
    with ctx.engine.connect() as conn:
        row = conn.execute(select(quarantine).where(quarantine.c.id == entry_id)).mappings().first()
    if row is None:
        raise NotFound(f"There is no quarantined bundle {entry_id}; 'iep central quarantine' lists them.")
    return dict(row)


def release(ctx: HubContext, entry_id: int, actor: str) -> ingest.IngestResult:
    """Ingest a quarantined bundle again (after its cause was fixed: a laptop enrolled, the app
    updated). Its entry leaves the list once the bundle is ingested; if it fails again it is set
    aside again, with the new reason, in the entry that takes this one's place. A release that fails
    (the disk full, the hub stopped) leaves the entry and its file as they were."""
    item = _entry(ctx, entry_id)
    path = quarantine_file(ctx, item["digest"])
    if not path.exists():
        raise NotFound(f"The file of quarantined bundle {entry_id} is no longer in {path.parent}; delete the entry.")
    result = ingest.ingest(ctx, path.read_bytes(), actor)
    _forget(ctx, entry_id, item["digest"], actor, "hub.quarantine.release", keep_file=result.status == "quarantined")
    return result


def delete_entry(ctx: HubContext, entry_id: int, actor: str) -> None:
    """Drop a quarantined bundle that can never apply (its file too, once nothing else names it)."""
    item = _entry(ctx, entry_id)
    _forget(ctx, entry_id, item["digest"], actor, "hub.quarantine.delete", keep_file=False)


def _forget(ctx: HubContext, entry_id: int, digest: str, actor: str, action: str, *, keep_file: bool) -> None:
    with ctx.engine.begin() as conn:
        conn.execute(delete(quarantine).where(quarantine.c.id == entry_id))
        ctx.audit(conn, actor, action, "bundle", digest[:36])
    if not keep_file:
        _remove_file_if_unused(ctx, digest)


def _remove_file_if_unused(ctx: HubContext, digest: str) -> None:
    with ctx.engine.connect() as conn:
        still = conn.execute(select(func.count()).select_from(quarantine)
                             .where(quarantine.c.digest == digest)).scalar_one()
    if not still:
        quarantine_file(ctx, digest).unlink(missing_ok=True)
