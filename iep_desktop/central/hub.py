"""The central office hub: one object over the hub's jobs, for the ``iep central`` commands.

Each job lives in its own module and works on a HubContext (database, office keys, folder, clock):

- office.py      office set-up: key set, hub database made or upgraded (schema.py, migrations/)
- enrollment.py  enrollment files, and the proof a laptop's first bundle gives
- ingest.py      verify and apply a laptop's bundle, or quarantine it
- merge.py       the three-way merge, pure functions with no database
- sharing.py     which participants each laptop receives
- returns.py     return bundles for a laptop
- conflicts.py   the conflict queue and edits made at the office
- status.py      counts and records, for a person or a report
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from sqlalchemy import Engine

from iep_desktop.central import (
    backup,
    conflicts,
    enrollment,
    ingest,
    office,
    returns,
    schema,
    sharing,
    status,
)
from iep_desktop.central.backup import RestoreResult
from iep_desktop.central.context import HubContext
from iep_desktop.central.ingest import IngestResult
from iep_desktop.central.office import (
    DB_FILE,
    KEYS_FILE,
    RECOVERY_PUBLIC_FILE,
    default_office_dir,
)
from iep_desktop.clock import Clock
from iep_desktop.domain.models import Record
from iep_desktop.sync.identity import OfficeKeys

__all__ = ["DB_FILE", "KEYS_FILE", "RECOVERY_PUBLIC_FILE", "Hub", "IngestResult", "default_office_dir"]


class Hub:
    def __init__(self, ctx: HubContext) -> None:
        self.ctx = ctx

    @property
    def engine(self) -> Engine:
        return self.ctx.engine

    @property
    def keys(self) -> OfficeKeys:
        return self.ctx.keys

    @property
    def office_dir(self) -> Path:
        return self.ctx.office_dir

    @property
    def clock(self) -> Clock:
        return self.ctx.clock

    @property
    def office_fingerprint(self) -> str:
        """Laptops need it to enroll ('iep enroll --office-fingerprint'): it anchors the office's keys."""
        return self.ctx.office_fingerprint

    # -- making and opening -------------------------------------------------------------------
    @classmethod
    def init(cls, office_dir: Path, passphrase: str, *, url: str | None = None, clock: Clock | None = None,
             kdf: Any = None, unencrypted: bool = False, recovery_passphrase: str | None = None,
             recovery_out: Path | None = None) -> Hub:
        return cls(office.init_office(office_dir, passphrase, url=url, clock=clock, kdf=kdf, unencrypted=unencrypted,
                                      recovery_passphrase=recovery_passphrase, recovery_out=recovery_out))

    @classmethod
    def open(cls, office_dir: Path, passphrase: str, *, url: str | None = None, clock: Clock | None = None,
             upgrade: bool = True, unencrypted: bool = False) -> Hub:
        """Open the office's hub, upgrading its database in place to this app's schema (unless
        ``upgrade`` is False: then it is only checked not to come from a newer app)."""
        return cls(office.open_office(office_dir, passphrase, url=url, clock=clock, upgrade=upgrade,
                                      unencrypted=unencrypted))

    def upgrade_schema(self) -> tuple[str | None, str]:
        """Bring the hub database to this app's schema; returns the revisions (before, after)."""
        return schema.upgrade(self.ctx.engine)

    def close(self) -> None:
        self.ctx.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the jobs -----------------------------------------------------------------------------
    def enroll_device(self, name: str, out: Path, actor: str, *, valid_days: int = enrollment.ENROLLMENT_DAYS,
                      replace: bool = False) -> str:
        return enrollment.enroll_device(self.ctx, name, out, actor, valid_days=valid_days, replace=replace)

    def revoke(self, name: str, actor: str) -> None:
        enrollment.revoke(self.ctx, name, actor)

    def devices(self) -> list[dict[str, Any]]:
        """Every laptop: state, key fingerprint, enrollment, last bundle, gaps and what waits for it."""
        return status.device_overview(self.ctx)

    def ingest(self, data: bytes, actor: str) -> IngestResult:
        return ingest.ingest(self.ctx, data, actor)

    def share(self, device_name: str, participant_id: str, actor: str) -> str:
        return sharing.share(self.ctx, device_name, participant_id, actor)

    def publish_profile(self, path: Path, actor: str) -> str:
        return office.publish_profile(self.ctx, path, actor)

    def open_conflicts(self) -> list[dict[str, Any]]:
        return conflicts.open_conflicts(self.ctx)

    def conflicts(self, status: str = "open") -> list[dict[str, Any]]:
        return conflicts.list_conflicts(self.ctx, status)

    def refused_changes(self) -> list[dict[str, Any]]:
        return conflicts.refused(self.ctx)

    def resolve(self, conflict_id: int, keep: str | None, actor: str) -> None:
        conflicts.resolve(self.ctx, conflict_id, keep, actor)

    def reopen(self, conflict_id: int, actor: str) -> None:
        conflicts.reopen(self.ctx, conflict_id, actor)

    def backup(self, out: Path) -> Path:
        return backup.backup(self.ctx, out)

    def mark_restored(self, actor: str) -> RestoreResult:
        return backup.mark_restored(self.ctx, actor)

    def update_record(self, kind: str, record_id: str, changes: dict[str, Any], actor: str) -> None:
        conflicts.update_record(self.ctx, kind, record_id, changes, actor)

    def make_return(self, device_name: str, out_dir: Path, actor: str) -> tuple[Path, int]:
        return returns.make_return(self.ctx, device_name, out_dir, actor)

    def status(self) -> dict[str, Any]:
        return status.status(self.ctx)

    def record(self, kind: str, record_id: str) -> Record | None:
        return status.record(self.ctx, kind, record_id)
