"""What every job of the hub works with: its database, the office keys, its folder and clock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from iep_desktop.clock import Clock
from iep_desktop.store.audit import append_event
from iep_desktop.sync.identity import OfficeKeys, office_fingerprint


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
        append_event(conn, at=self.clock.now(), actor=actor, action=action, record_kind=kind, record_id=record_id,
                     before_digest=None, after_digest=None)
