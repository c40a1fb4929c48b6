"""The tamper-evident audit trail: a SHA-256 hash chain over every change.

Each event records who did what, when, to which record, and digests of the record before and
after (never the content itself). Its hash covers its fields and the previous event's hash, so
altering, removing or reordering any event breaks the chain at that point, and ``verify_chain``
names the first broken link. A chain alone cannot show that its newest events were cut off, so
every append also records the chain's head (last sequence number and hash) in ``store_meta``
in the same transaction, and ``verify_chain`` checks that the chain ends there.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from iep_desktop.store.canonical import canonical_json
from iep_desktop.store.tables import audit_events, meta

GENESIS = "0" * 64
HEAD_KEY = "audit.head"
_HASHED = ("seq", "id", "at", "actor", "action", "record_kind", "record_id",
           "before_digest", "after_digest", "prev_hash")


def event_hash(event: Mapping[str, object]) -> str:
    fields = {name: event[name] for name in _HASHED}
    if isinstance(fields["at"], datetime):
        fields["at"] = fields["at"].isoformat(timespec="microseconds")
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def append_event(conn: Connection, *, at: datetime, actor: str, action: str, record_kind: str,
                 record_id: str, before_digest: str | None, after_digest: str | None) -> str:
    """Append one event inside the caller's (write-locked) transaction; returns its hash."""
    return append_events(conn, [{"at": at, "actor": actor, "action": action, "record_kind": record_kind,
                                 "record_id": record_id, "before_digest": before_digest,
                                 "after_digest": after_digest}])


def append_events(conn: Connection, events: list[dict[str, object]]) -> str:
    """Chain and append events in order; returns the hash of the last one."""
    last = conn.execute(
        select(audit_events.c.seq, audit_events.c.hash).order_by(audit_events.c.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS)
    rows = []
    for fields in events:
        seq += 1
        event = {**fields, "seq": seq, "id": str(uuid.uuid4()), "prev_hash": prev_hash}
        event["hash"] = prev_hash = event_hash(event)
        rows.append(event)
    if rows:
        conn.execute(audit_events.insert(), rows)
        head = f"{seq}:{prev_hash}"
        if not conn.execute(update(meta).where(meta.c.key == HEAD_KEY).values(value=head)).rowcount:
            conn.execute(insert(meta).values(key=HEAD_KEY, value=head))
    return prev_hash


@dataclass(frozen=True)
class ChainReport:
    events: int
    broken_at: int | None  # seq of the first event that does not chain, None when intact
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


# Any keys: SQLAlchemy's RowMapping is keyed by name or Column, and tests pass plain dicts.
def verify_events(events: Iterable[Mapping[Any, Any]], head: str | None = None) -> ChainReport:
    """Check every link; with ``head`` ("seq:hash", as recorded), also that the chain ends there."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for event in events:
        count += 1
        seq = int(event["seq"])
        if seq != expected_seq:
            return ChainReport(count, seq, f"event {seq} found where event {expected_seq} belongs (removed or reordered)")
        if event["prev_hash"] != prev_hash:
            return ChainReport(count, seq, f"event {seq} does not follow the event before it (removed or reordered)")
        if event_hash(event) != event["hash"]:
            return ChainReport(count, seq, f"event {seq} was altered")
        prev_hash, expected_seq = str(event["hash"]), expected_seq + 1
    if head is not None and head != f"{expected_seq - 1}:{prev_hash}":
        should_end = head.split(":", 1)[0]
        return ChainReport(count, expected_seq,
                           f"the trail ends at event {expected_seq - 1} but should end at event {should_end} "
                           "(the newest events were removed or altered)")
    if head is None and count:
        return ChainReport(count, expected_seq, "the record of where the trail ends is missing (removed)")
    return ChainReport(count, None)


def current_head(conn: Connection) -> str | None:
    """The chain's head as recorded in ``store_meta``: it moves with every change to a record,
    in that change's transaction, so it names one state of the store."""
    value = conn.execute(select(meta.c.value).where(meta.c.key == HEAD_KEY)).scalar()
    return None if value is None else str(value)


def verify_chain(conn: Connection) -> ChainReport:
    head = conn.execute(select(meta.c.value).where(meta.c.key == HEAD_KEY)).scalar()
    rows = conn.execute(select(audit_events).order_by(audit_events.c.seq)).mappings()
    return verify_events(rows, head)
