"""Return bundles: for one laptop, acknowledgements and the office's copy of what it shares.

A return carries only what changed since the return the laptop last said it took in (its
"baseline", from the latest bundle's ``returns_imported``; issue 15, item 13): changes
acknowledged since, conflicts decided since, and every record whose version differs from the one
that laptop was last sent, or that was sent only in a return it has not confirmed. Its header's
``prev_digest`` names the baseline return's file digest, so the laptop refuses a return that
builds on one it never took in (issue 14, finding 7). A full return (``prev_digest`` empty) goes
out when there is no baseline to build on: the laptop's first return, a new or re-enrolled
laptop, a baseline this hub has no record of, and after a restore (``resend_all``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import Connection, delete, func, insert, select, update

from iep_desktop.central import profiles
from iep_desktop.central.conflicts import open_conflict_changes
from iep_desktop.central.context import HubContext, one_writer
from iep_desktop.central.tables import (
    HUB_RECORDS,
    applied_changes,
    device_audit,
    device_audit_forks,
    device_participants,
    devices,
    hub_meta,
    published_profiles,
    return_records,
    returns,
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
        one_writer(conn)  # no bundle half applied: what it acknowledges is all committed
        device = conn.execute(select(devices).where(devices.c.name == device_name)).mappings().first()
        if device is None:
            raise NotFound(f"No laptop named {device_name} is enrolled; 'iep central status' lists them.")
        if device["revoked_at"] is not None:
            raise InvalidInput(f"{device_name} was revoked on {device['revoked_at']:%Y-%m-%d}; it gets no more return "
                               "bundles. Enroll the laptop again to start over.")
        if not device["encryption_key"]:
            raise InvalidInput(f"{device_name} has not sent its first bundle yet, so there is nothing to return.")
        sequence = device["return_sequence"] + 1
        base = baseline(conn, device)
        payload, plan = return_payload(conn, device, base)
        now = ctx.clock.now()
        header = {"format_version": 1, "kind": "return", "bundle_id": str(uuid.uuid4()),
                  "sender_id": ctx.keys.office_id, "recipient_key_id": _x25519_id(device["encryption_key"]),
                  "sequence": sequence, "prev_digest": base["digest"] if base else "",
                  "schema_version": migrate.head_revision(), "created_at": now.isoformat(),
                  "sender_signing_key": b64e(raw_public(ctx.keys.signing.public_key())),
                  "sender_encryption_key": "", "enrollment_proof": ""}
        with writes_told("export", out_dir):
            path, _, digest = container.write_bundle(
                out_dir, header, pack(payload),
                recipient=X25519PublicKey.from_public_bytes(b64d(device["encryption_key"])),
                signer=ctx.keys.signing, laptop=device_name)
        values: dict[str, Any] = {"return_sequence": sequence}
        if payload.resend_all and not device["resend_return"]:
            values["resend_return"] = sequence  # the request is settled once the laptop took this one in
        conn.execute(update(devices).where(devices.c.id == device["id"]).values(**values))
        _note_return(conn, device["id"], sequence, digest, now, base, plan, payload)
        profiles.note_sent(conn, device["id"], sequence, payload.board_profiles)  # which laptop has which version
        ctx.audit(conn, actor, "hub.return", "device", device["id"])
    return path, len(payload.records)


def baseline(conn: Connection, device: Any) -> Any | None:
    """The return the next one builds on, or None for a full return."""
    if device["resend_requested"] or not device["returns_reported"]:
        return None  # after a restore the laptop needs all of it; before its first, there is nothing
    return conn.execute(select(returns).where(returns.c.device_id == device["id"],
                                              returns.c.sequence == device["returns_reported"])).mappings().first()


@dataclass
class _Plan:
    """What a return is built from, kept for the record of it (hub_returns, hub_return_records)."""
    acks_through: int
    conflicted: list[str]
    sent: dict[tuple[str, str], int]  # (kind, id) -> version, of the records it carries


def return_payload(conn: Connection, device: Any, base: Any | None = None) -> tuple[ReturnPayload, _Plan]:
    """The return for ``device``: everything (``base`` None), or what changed since ``base``."""
    # Read first: a change applied while this return is made waits for the next one (PostgreSQL).
    acks_through = conn.execute(select(func.max(applied_changes.c.seq))).scalar() or 0
    mine = select(applied_changes.c.seq, applied_changes.c.change_id, applied_changes.c.outcome,
                  applied_changes.c.record_kind, applied_changes.c.record_id).where(
        applied_changes.c.device_id == device["id"], applied_changes.c.seq <= acks_through)
    waiting = open_conflict_changes(conn, device["id"])  # decided conflicts are acknowledged
    if base is None:
        outcomes = list(conn.execute(mine))
    else:  # applied since the baseline, refused, waiting then (decided since, or still) or now (reopened)
        outcomes = list(conn.execute(mine.where((applied_changes.c.seq > base["acks_through"])
                                                | (applied_changes.c.outcome == "refused"))))
        seen = {r.change_id for r in outcomes}
        asked = sorted((set(base["conflicted"]) | waiting) - seen)
        for part in range(0, len(asked), 5000):  # within any database's limit of bound values
            outcomes += conn.execute(mine.where(applied_changes.c.change_id.in_(asked[part:part + 5000])))
    # Events kept apart as a fork are kept all the same: acknowledged like the rest.
    audit_through = max(
        conn.execute(select(func.max(device_audit.c.seq)).where(device_audit.c.device_id == device["id"])).scalar() or 0,
        conn.execute(select(func.max(device_audit_forks.c.seq))
                     .where(device_audit_forks.c.device_id == device["id"])).scalar() or 0)
    # A refused change (issue 14, finding 2) waits at the office like a conflict: never acknowledged;
    # a conflict waits while it is open, and is acknowledged once a person decided it.
    acknowledged = [r for r in outcomes if r.outcome != "refused" and r.change_id not in waiting]
    refused = [r.change_id for r in outcomes if r.outcome == "refused"]
    conflicted = [r.change_id for r in outcomes if r.outcome != "refused" and r.change_id in waiting]
    records = shared_records(conn, device["id"])
    if base is not None:
        # A laptop keeps its own copy of a record while a change of its own to it waits (not sent,
        # sent, or in conflict), and takes the office's copy once that change is acknowledged. So
        # the record of every change acknowledged here goes with it, even when the office's
        # version did not move (the laptop's value was the office's already, or a conflict was
        # decided for the office's value): the laptop may have skipped that version.
        acked = {(r.record_kind, r.record_id) for r in acknowledged}
        records = _changed_since(conn, device["id"], base["sequence"], records, acked)
    payload = ReturnPayload(
        device_id=device["id"],
        acknowledged_changes=[r.change_id for r in acknowledged],
        conflicted_changes=conflicted,
        refused_changes=refused,
        audit_acknowledged_through=audit_through,
        records=records,
        board_profiles=list(conn.execute(select(published_profiles.c.profile)
                                         .order_by(published_profiles.c.id)).scalars()),
        resend_all=bool(device["resend_requested"]),
        office_restore_id=str(conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == "restore_id")).scalar()
                              or "") if device["resend_requested"] else "",
    )
    sent = {(r.kind, str(r.data["id"])): int(r.data.get("version", 0)) for r in records}
    return payload, _Plan(acks_through, conflicted + refused, sent)


def _changed_since(conn: Connection, device_id: str, base_sequence: int, records: list[SyncedRecord],
                   decided: set[tuple[str, str]]) -> list[SyncedRecord]:
    """The records the laptop may not hold as the office holds them now: never sent, sent at
    another version, sent only in a return after its baseline (it may never have taken that one
    in), or of a change of the laptop's acknowledged in this return."""
    known = {(r.record_kind, r.record_id): (r.version, r.return_sequence) for r in conn.execute(
        select(return_records).where(return_records.c.device_id == device_id))}
    out = []
    for record in records:
        key = (record.kind, str(record.data["id"]))
        version, sent_in = known.get(key, (None, None))
        if (version is None or sent_in is None or sent_in > base_sequence or version != record.data.get("version")
                or key in decided):
            out.append(record)
    return out


def _note_return(conn: Connection, device_id: str, sequence: int, digest: str, now: Any, base: Any | None,
                 plan: _Plan, payload: ReturnPayload) -> None:
    """Keep what the next return builds on: this one's digest, acknowledgements, waiting changes,
    and the version of each record it carries."""
    conn.execute(delete(returns).where(returns.c.device_id == device_id, returns.c.sequence == sequence))
    conn.execute(insert(returns).values(device_id=device_id, sequence=sequence, digest=digest, created_at=now,
                                        baseline=base["sequence"] if base else 0, acks_through=plan.acks_through,
                                        conflicted=plan.conflicted, records=len(payload.records)))
    keys = list(plan.sent)
    if base is None:
        conn.execute(delete(return_records).where(return_records.c.device_id == device_id))
    else:
        for part in range(0, len(keys), 500):
            ids = [record_id for _, record_id in keys[part:part + 500]]
            conn.execute(delete(return_records).where(return_records.c.device_id == device_id,
                                                      return_records.c.record_id.in_(ids)))
    rows = [{"device_id": device_id, "record_kind": kind, "record_id": record_id, "version": version,
             "return_sequence": sequence} for (kind, record_id), version in plan.sent.items()]
    for part in range(0, len(rows), 5000):
        conn.execute(insert(return_records), rows[part:part + 5000])


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
