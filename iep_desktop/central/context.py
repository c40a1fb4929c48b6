"""What every job of the hub works with: its database, the office keys, its folder and clock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from iep_desktop.clock import Clock
from iep_desktop.store.audit import append_event
from iep_desktop.sync.identity import OfficeKeys, office_fingerprint


# pg_advisory_xact_lock key held by every transaction that writes the hub's shared state (its
# audit trail, a bundle's changes, a return's acknowledgements); schema.py's upgrade lock is another.
_PG_WRITE_LOCK = 0x1EB_0002


def one_writer(conn: Connection) -> None:
    """On PostgreSQL, wait until no other transaction writes the hub, and hold that to commit.

    The embedded hub has one writer at a time by SQLite's own lock. PostgreSQL's does not: two
    ingests read the same last audit event and the second failed on its key (a good bundle set
    aside as "content clashes"); and applied-change numbers are handed out at insert, not commit,
    so a return made while a bundle applied acknowledged past that bundle's changes, which were
    then never acknowledged. Held to the end of the transaction; taking it again is a no-op."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_WRITE_LOCK})


@dataclass
class HubContext:
    engine: Engine
    keys: OfficeKeys
    office_dir: Path
    clock: Clock

    @property
    def office_fingerprint(self) -> str:
        return office_fingerprint(self.keys.public_doc())

    def audit(self, conn: Connection, actor: str, action: str, kind: str, record_id: str) -> None:
        """The hub's own actions go to its hash-chained audit trail, in the caller's transaction."""
        one_writer(conn)  # the next event is numbered from a read of the last one
        append_event(conn, at=self.clock.now(), actor=actor, action=action, record_kind=kind, record_id=record_id,
                     before_digest=None, after_digest=None)
