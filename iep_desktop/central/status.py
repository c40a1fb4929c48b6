"""What the office holds: counts for 'iep central status', and one record by id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from iep_desktop.central.bulk import IN_CHUNK
from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import (
    HUB_RECORDS,
    applied_changes,
    bundles,
    conflicts,
    device_participants,
    devices,
    hub_audit,
    quarantine,
    refused_changes,
    return_records,
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
    """A participant id from its first 8 or more characters (central/lookup.py)."""
    from iep_desktop.central.lookup import resolve_participant_id as resolve

    return resolve(ctx, typed)


def device_overview(ctx: HubContext) -> list[dict[str, Any]]:
    """Each laptop as the office sees it: its state and the fingerprint of the key it registered,
    when it was enrolled, its last bundle (number and time), the bundle numbers never received
    (their changes may have come in a later bundle, which carries all unacknowledged ones), what
    of it waits at the office (open conflicts, refused changes, return bundles not yet taken in),
    and whether it was asked to resend after a restore."""
    from iep_desktop.central.enrollment import list_devices

    states = {d["device_id"]: d for d in list_devices(ctx)}
    with ctx.engine.connect() as conn:
        rows = list(conn.execute(select(devices).order_by(devices.c.name)).mappings())
        out = []
        for d in rows:
            received = set(conn.execute(select(bundles.c.sequence).where(bundles.c.device_id == d["id"])).scalars())
            last = max(received | {d["last_sequence"]})
            open_for = int(conn.execute(select(func.count()).select_from(conflicts).where(
                conflicts.c.device_id == d["id"], conflicts.c.status == "open")).scalar_one())
            refused_for = int(conn.execute(select(func.count()).select_from(refused_changes).where(
                refused_changes.c.device_id == d["id"])).scalar_one())
            last_at = conn.execute(select(func.max(bundles.c.received_at))
                                   .where(bundles.c.device_id == d["id"])).scalar()
            state = states[d["id"]]
            waiting = waiting_for_laptop(conn, d)
            out.append({
                "name": d["name"], "device_id": d["id"], "state": state["state"],
                "key_fingerprint": state["key_fingerprint"],
                "enrolled_at": d["enrolled_at"], "expires_at": d["expires_at"], "registered": d["registered_at"] is not None,
                "registered_at": d["registered_at"], "revoked_at": d["revoked_at"],
                "last_bundle": last, "last_bundle_at": last_at,
                "missing_bundles": sorted(set(range(1, last + 1)) - received),
                "open_conflicts": open_for, "refused_changes": refused_for,
                "returns_made": d["return_sequence"], "returns_taken_in": d["returns_confirmed"],
                "returns_pending": max(0, d["return_sequence"] - d["returns_confirmed"]),
                "resend_requested": bool(d["resend_requested"]),
                "records_to_send": waiting["records"], "participants_newly_shared": waiting["participants"],
            })
    return out


OFFICE_WRITES = ("hub.edit", "hub.resolve.hub", "hub.resolve.device")


def waiting_for_laptop(conn: Connection, device: Any) -> dict[str, int]:
    """What the laptop's next return bundle brings it that the last one did not: records of the
    participants it shares changed since then at the office (an edit, a decision) or by another
    laptop, and participants shared with it since then (issue 15, item 7: pending changes)."""
    since = conn.execute(select(func.max(hub_audit.c.at)).where(
        hub_audit.c.action == "hub.return", hub_audit.c.record_id == device["id"])).scalar()
    shared = set(conn.execute(select(device_participants.c.participant_id)
                              .where(device_participants.c.device_id == device["id"])).scalars())
    if since is None:  # no return yet: the first one brings all of them
        return {"records": 0, "participants": len(shared)}
    newly = set(conn.execute(select(hub_audit.c.record_id).where(
        hub_audit.c.action == "hub.share", hub_audit.c.at > since)).scalars()) & shared
    if newly:
        # A share's audit names the participant, not the laptop: one shared with another laptop
        # since is new to this one only if the office never sent it here and it never sent a
        # change to it (it holds the participant then).
        ids = sorted(newly)
        newly -= set(conn.execute(select(return_records.c.record_id).where(
            return_records.c.device_id == device["id"], return_records.c.record_kind == "participant",
            return_records.c.record_id.in_(ids))).scalars())
        newly -= set(conn.execute(select(applied_changes.c.record_id).where(
            applied_changes.c.device_id == device["id"], applied_changes.c.record_kind == "participant",
            applied_changes.c.record_id.in_(ids))).scalars())
    touched: set[tuple[str, str]] = {(kind, record_id) for kind, record_id in conn.execute(
        select(applied_changes.c.record_kind, applied_changes.c.record_id)
        .join(bundles, (bundles.c.id == applied_changes.c.bundle_id)
              & (bundles.c.device_id == applied_changes.c.device_id))
        .where(applied_changes.c.device_id != device["id"], applied_changes.c.outcome.in_(["applied", "merged"]),
               bundles.c.received_at > since))}
    touched |= {(kind, record_id) for kind, record_id in conn.execute(
        select(hub_audit.c.record_kind, hub_audit.c.record_id)
        .where(hub_audit.c.action.in_(OFFICE_WRITES), hub_audit.c.at > since))}
    return {"records": _of_participants(conn, touched, shared - newly), "participants": len(newly)}


def _of_participants(conn: Connection, records: set[tuple[str, str]], people: set[str]) -> int:
    """How many of ``records`` belong to one of ``people`` (through its plan where it has no
    participant id of its own)."""
    count = 0
    plans = HUB_RECORDS["plan"]
    for kind, table in HUB_RECORDS.items():
        ids = sorted(record_id for k, record_id in records if k == kind)
        for part in (ids[i:i + IN_CHUNK] for i in range(0, len(ids), IN_CHUNK)):
            if kind == "participant":
                count += sum(1 for i in part if i in people)
                continue
            if "participant_id" in table.c:
                owners = select(table.c.participant_id).where(table.c.id.in_(part))
            elif "plan_id" in table.c:
                owners = select(plans.c.participant_id).join(table, table.c.plan_id == plans.c.id) \
                    .where(table.c.id.in_(part))
            else:
                continue
            count += sum(1 for owner in conn.execute(owners).scalars() if owner in people)
    return count
