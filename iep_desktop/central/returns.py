"""Return bundles: for one laptop, acknowledgements and the office's copy of what it shares."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import Connection, func, select, update

from iep_desktop.central import profiles
from iep_desktop.central.conflicts import open_conflict_changes
from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import (
    HUB_RECORDS,
    applied_changes,
    device_audit,
    device_audit_forks,
    device_participants,
    devices,
    hub_meta,
    published_profiles,
)
from iep_desktop.crypto.sealed import b64d, b64e, key_id
from iep_desktop.domain.models import RECORD_TYPES
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.store import migrate
from iep_desktop.store.io_errors import writes_told
from iep_desktop.store.uow import record_from_row
from iep_desktop.sync import container
from iep_desktop.sync.identity import raw_public
from iep_desktop.sync.payload import ReturnPayload, SyncedRecord, pack


def make_return(ctx: HubContext, device_name: str, out_dir: Path, actor: str) -> tuple[Path, int]:
    """Write the next return bundle for a laptop into ``out_dir``; returns its path and record count."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InvalidInput(f"The folder {out_dir} does not exist; create it or pick another --out.")
    with ctx.engine.begin() as conn:
        device = conn.execute(select(devices).where(devices.c.name == device_name)).mappings().first()
        if device is None:
            raise NotFound(f"No laptop named {device_name} is enrolled; 'iep central status' lists them.")
        if device["revoked_at"] is not None:
            raise InvalidInput(f"{device_name} was revoked on {device['revoked_at']:%Y-%m-%d}; it gets no more return "
                               "bundles. Enroll the laptop again to start over.")
        if not device["encryption_key"]:
            raise InvalidInput(f"{device_name} has not sent its first bundle yet, so there is nothing to return.")
        sequence = device["return_sequence"] + 1
        payload = return_payload(conn, device)
        header = {"format_version": 1, "kind": "return", "bundle_id": str(uuid.uuid4()),
                  "sender_id": ctx.keys.office_id, "recipient_key_id": _x25519_id(device["encryption_key"]),
                  "sequence": sequence, "prev_digest": "", "schema_version": migrate.head_revision(),
                  "created_at": ctx.clock.now().isoformat(),
                  "sender_signing_key": b64e(raw_public(ctx.keys.signing.public_key())),
                  "sender_encryption_key": "", "enrollment_proof": ""}
        with writes_told("export", out_dir):
            path, _, _ = container.write_bundle(
                out_dir, header, pack(payload),
                recipient=X25519PublicKey.from_public_bytes(b64d(device["encryption_key"])),
                signer=ctx.keys.signing, laptop=device_name)
        conn.execute(update(devices).where(devices.c.id == device["id"]).values(return_sequence=sequence))
        profiles.note_sent(conn, device["id"], sequence, payload.board_profiles)  # which laptop has which version
        ctx.audit(conn, actor, "hub.return", "device", device["id"])
    return path, len(payload.records)


def return_payload(conn: Connection, device: Any) -> ReturnPayload:
    mine = select(applied_changes.c.change_id, applied_changes.c.outcome).where(
        applied_changes.c.device_id == device["id"])
    outcomes = list(conn.execute(mine))
    waiting = open_conflict_changes(conn, device["id"])  # decided conflicts are acknowledged
    # Events kept apart as a fork are kept all the same: acknowledged like the rest.
    audit_through = max(
        conn.execute(select(func.max(device_audit.c.seq)).where(device_audit.c.device_id == device["id"])).scalar() or 0,
        conn.execute(select(func.max(device_audit_forks.c.seq))
                     .where(device_audit_forks.c.device_id == device["id"])).scalar() or 0)
    return ReturnPayload(
        device_id=device["id"],
        # A refused change (issue 14, finding 2) waits at the office like a conflict: never acknowledged;
        # a conflict waits while it is open, and is acknowledged once a person decided it.
        acknowledged_changes=[c for c, o in outcomes if o != "refused" and c not in waiting],
        conflicted_changes=[c for c, o in outcomes if o == "refused" or c in waiting],
        audit_acknowledged_through=audit_through,
        records=shared_records(conn, device["id"]),
        board_profiles=list(conn.execute(select(published_profiles.c.profile)
                                         .order_by(published_profiles.c.id)).scalars()),
        resend_all=bool(device["resend_requested"]),
        office_restore_id=str(conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == "restore_id")).scalar()
                              or "") if device["resend_requested"] else "",
    )


def shared_records(conn: Connection, device_id: str) -> list[SyncedRecord]:
    """Every record of every participant the laptop shares, as the office holds it."""
    people = select(device_participants.c.participant_id).where(device_participants.c.device_id == device_id)
    plan_ids = select(HUB_RECORDS["plan"].c.id).where(HUB_RECORDS["plan"].c.participant_id.in_(people))
    out = []
    for kind, table in HUB_RECORDS.items():
        model = RECORD_TYPES[kind]
        if kind == "participant":
            query = select(table).where(table.c.id.in_(people))
        elif "participant_id" in table.c:
            query = select(table).where(table.c.participant_id.in_(people))
        else:
            query = select(table).where(table.c.plan_id.in_(plan_ids))
        out += [SyncedRecord(kind=kind, data=record_from_row(model, r).model_dump(mode="json"))
                for r in conn.execute(query.order_by(table.c.id))]
    return out


def _x25519_id(b64_key: str) -> str:
    return key_id(X25519PublicKey.from_public_bytes(b64d(b64_key)))
