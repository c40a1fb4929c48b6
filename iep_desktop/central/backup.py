"""Backing up and restoring the office hub, and catching up with laptops after a restore.

The embedded hub is copied with SQLite's online backup while the hub runs (other commands keep
reading and writing; the copy is one consistent moment) into a file encrypted with the same key
as the hub: without office-keys.json and its passphrase the copy is unreadable. A PostgreSQL hub
is backed up with the database's own tools (pg_dump), as the README shows.

A hub brought back from a backup has lost whatever it took in after the copy, including changes
it had already acknowledged to laptops. It cannot know which, so after a restore every laptop is
asked, in its next return bundle, to send again every change the office does not hold; the office
applies each change only once, so nothing is applied twice and nothing acknowledged is lost.

A revocation is the one thing the laptops cannot send again: a backup taken before a laptop was
revoked (or replaced with ``enroll --replace``) holds it as trusted. So the laptops the hub being
replaced had revoked are revoked in the restored copy before it takes the hub's place, and the
restore says which.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from sqlalchemy import insert, select, update

from iep_desktop.central import schema
from iep_desktop.central.context import HubContext
from iep_desktop.central.office import DB_FILE, KEYS_FILE
from iep_desktop.central.tables import bundles, devices, hub_audit, hub_meta
from iep_desktop.clock import Clock, SystemClock
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.fsutil import fsync_dir
from iep_desktop.store.engine import connect, make_engine
from iep_desktop.sync.identity import OfficeKeys

PG_BACKUP_HINT = ("This hub runs on PostgreSQL: back it up with the database's own tools, for example "
                  "'pg_dump --format=custom --file=hub.dump DATABASE', keep the dump as safe as the database "
                  "(it holds participants' data), and after 'pg_restore' run 'iep central restore --url URL' "
                  "so every laptop sends again what the restored hub lacks.")


@dataclass(frozen=True)
class RestoreResult:
    restore_id: str
    laptops: list[str]       # every enrolled laptop: each is asked to send its changes again
    replaced: Path | None    # where the hub file that was replaced was kept


@dataclass(frozen=True)
class RestoredFile:
    """What restore_file did, for the person restoring."""
    kept: Path | None          # where the replaced hub file was kept (None: there was none)
    revoked_again: list[str]   # laptops the replaced hub had revoked that the backup still trusted
    replaced_unread: bool      # the replaced hub did not open: its revocations could not be carried
    rolled_back: RolledBack | None = None  # what the replaced hub held that the backup lacks (None: unknown)


@dataclass(frozen=True)
class RolledBack:
    """What the hub being replaced held that the backup does not: what the restore rolls back."""
    bundles: int          # laptop bundles taken in after the backup (the laptops send those changes again)
    laptops: list[str]    # laptops enrolled after the backup: they must be enrolled again
    office_actions: int   # entries of the office's audit trail after the backup: edits, decisions, enrollments...

    @property
    def nothing(self) -> bool:
        return not (self.bundles or self.laptops or self.office_actions)


REVOKE_AGAIN_HINT = ("If a laptop was revoked (or enrolled again with --replace) after this backup was taken, revoke it "
                     "again now with 'iep central revoke --device NAME': the restored hub trusts it again.")


def backup(ctx: HubContext, out: Path) -> Path:
    """A consistent, encrypted copy of the embedded hub written to ``out`` (mode 0600)."""
    if ctx.engine.dialect.name != "sqlite":
        raise InvalidInput(PG_BACKUP_HINT)
    out = Path(out)
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist; create it or pick another --out.")
    if out.exists():
        raise InvalidInput(f"{out} already exists; pick a new file name for each backup.")
    partial = out.with_name(f".iep-partial-{uuid.uuid4().hex}")
    source = connect(ctx.office_dir / DB_FILE, ctx.keys.hub_db_key)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        target = sqlcipher3.connect(str(partial), isolation_level=None)
        try:
            target.execute(f"PRAGMA key = \"x'{ctx.keys.hub_db_key.hex()}'\"")
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE").fetchall()  # one self-contained file
        finally:
            target.close()
        _check_copy(partial, ctx.keys, shown=out)
        os.chmod(partial, 0o600)
        os.replace(partial, out)
        fsync_dir(out.parent)
    finally:
        source.close()
        partial.unlink(missing_ok=True)
    return out


def _check_copy(path: Path, keys: OfficeKeys, shown: Path | None = None) -> None:
    """The copy opens with the office's key and belongs to this office (else it is refused, naming
    ``shown``: the file the person gave, not a temporary copy of it).

    Opened as it is: no journal mode is set, so a backup's file stays one self-contained file
    (journal_mode DELETE) that a later restore, or any reader, opens without writing beside it."""
    name = (shown or path).name
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{keys.hub_db_key.hex()}'\"")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise InvalidInput(f"{name} is not a backup of this office's hub (it does not open with the "
                           "office's key); nothing was changed.") from None
    try:
        row = conn.execute(f"SELECT value FROM {hub_meta.name} WHERE key = 'office_id'").fetchone()
    except sqlcipher3.DatabaseError:
        row = None
    finally:
        conn.close()
    if row is None or row[0] != keys.office_id:
        raise InvalidInput(f"{name} is not a backup of this office's hub; nothing was changed.")


def restore_file(office_dir: Path, passphrase: str, backup_file: Path, *, actor: str = "restore",
                 clock: Clock | None = None) -> RestoredFile:
    """Put an embedded hub backup in place of the hub file; a copy of the old file is kept beside it.

    The laptops the replaced hub had revoked stay revoked in the restored one. Crash-safe: the hub
    file is the old one until a single rename puts the restored one in its place (see _swap_in)."""
    office_dir, backup_file = Path(office_dir), Path(backup_file)
    if not (office_dir / KEYS_FILE).exists():
        raise NotFound(f"No office is set up in {office_dir}; restore office-keys.json there first.")
    if not backup_file.is_file():
        raise NotFound(f"There is no backup file {backup_file}.")
    keys = OfficeKeys.load(office_dir / KEYS_FILE, passphrase)
    hub = office_dir / DB_FILE
    incoming = office_dir / f".iep-partial-{uuid.uuid4().hex}"
    try:
        # Only the copy is opened: the backup may be on a write-protected stick, and opening a
        # database can need to write beside it (a -shm for a file in WAL mode).
        try:
            _copy_private(backup_file, incoming)
        except OSError as exc:
            raise InvalidInput(f"Cannot read the backup {backup_file} ({exc.strerror or type(exc).__name__}); "
                               "nothing was changed.") from None
        _check_copy(incoming, keys, shown=backup_file)
        replaced = _read_replaced(hub, keys) if hub.exists() else ([], None)
        rolled_back = None
        if replaced is not None and replaced[1] is not None:
            rolled_back = _rolled_back(replaced[1], _holdings_of(incoming, keys))
        revoked_again = _carry_revocations(incoming, keys, replaced[0] if replaced else [], actor,
                                           clock or SystemClock())
        kept = _swap_in(incoming, hub, checkpointed=replaced is not None)
    finally:
        for leftover in (incoming, *_sidecars(incoming)):
            leftover.unlink(missing_ok=True)
    return RestoredFile(kept, revoked_again, replaced is None, rolled_back)


def _sidecars(db: Path) -> tuple[Path, Path]:
    return db.with_name(f"{db.name}-wal"), db.with_name(f"{db.name}-shm")


def _swap_in(incoming: Path, hub: Path, *, checkpointed: bool) -> Path | None:
    """Keep a copy of the hub, then put ``incoming`` in its place; returns where the copy is.

    At every step the hub file opens as the old hub or as the restored one: the old file is
    copied, never moved, so it stays in place until the one os.replace that puts the restored
    file there. Its -wal must not outlive it: SQLite would apply the old hub's frames to the
    restored file. The hub was checkpointed (TRUNCATE) when it was read, so its -wal holds
    nothing the file does not, and it is removed before the rename: a crash after that leaves
    the old hub, complete. A hub that did not open could not be checkpointed: its -wal is copied
    beside the kept copy first, so the kept pair is the old hub as it was."""
    if not hub.exists():
        os.replace(incoming, hub)
        fsync_dir(hub.parent)
        return None
    stamp = 1
    while hub.with_name(f"{hub.name}.before-restore-{stamp}").exists():
        stamp += 1
    kept = hub.with_name(f"{hub.name}.before-restore-{stamp}")
    wal, shm = _sidecars(hub)
    _copy_private(hub, kept)
    if wal.exists() and wal.stat().st_size:
        if checkpointed:  # something wrote to the hub since it was checkpointed: it is in use
            kept.unlink()
            raise InvalidInput(HUB_IN_USE)
        _copy_private(wal, _sidecars(kept)[0])
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)
    fsync_dir(hub.parent)
    os.replace(incoming, hub)
    fsync_dir(hub.parent)
    return kept


def _copy_private(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` (created 0600, never over a file), synced to disk.

    Written to a partial file renamed into place, so ``target`` is whole or absent."""
    partial = target.with_name(f".iep-partial-{uuid.uuid4().hex}")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            raise FileExistsError(target)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


HUB_IN_USE = ("The hub is in use (the app or another 'iep central' command has it open); close it and run the "
              "restore again. Nothing was changed.")


@dataclass(frozen=True)
class _Holdings:
    bundles: frozenset[tuple[str, str]]
    laptops: dict[str, str]   # device id -> name
    audit: frozenset[str]     # the ids of the hub's own audit events


def _holdings(conn: sqlcipher3.Connection) -> _Holdings:
    return _Holdings(frozenset((str(r[0]), str(r[1])) for r in conn.execute(f"SELECT device_id, id FROM {bundles.name}")),
                     {str(r[0]): str(r[1]) for r in conn.execute(f"SELECT id, name FROM {devices.name}")},
                     frozenset(str(r[0]) for r in conn.execute(f"SELECT id FROM {hub_audit.name}")))


def _rolled_back(replaced: _Holdings, restored: _Holdings) -> RolledBack:
    return RolledBack(len(replaced.bundles - restored.bundles),
                      sorted(name for device, name in replaced.laptops.items() if device not in restored.laptops),
                      len(replaced.audit - restored.audit))


def _holdings_of(path: Path, keys: OfficeKeys) -> _Holdings:
    conn = connect(path, keys.hub_db_key)
    try:
        return _holdings(conn)
    finally:
        conn.close()


def _read_replaced(hub: Path, keys: OfficeKeys) -> tuple[list[tuple[str, str, str | None]], _Holdings] | None:
    """The laptops (id, revoked_at, revoked_by) the hub file revoked, and what it holds; None when
    it does not open.

    The hub is checkpointed too (its -wal emptied into the file), so the file alone is the hub."""
    try:
        conn = connect(hub, keys.hub_db_key)
    except Exception:  # noqa: BLE001 - a damaged hub is the usual reason to restore; it is reported
        return None
    try:
        revoked = [(str(r[0]), str(r[1]), r[2]) for r in conn.execute(
            f"SELECT id, revoked_at, revoked_by FROM {devices.name} WHERE revoked_at IS NOT NULL")]
        held = _holdings(conn)
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlcipher3.DatabaseError:
        return None
    finally:
        conn.close()
    if busy:
        raise InvalidInput(HUB_IN_USE)
    return revoked, held


def _carry_revocations(incoming: Path, keys: OfficeKeys, revoked: list[tuple[str, str, str | None]], actor: str,
                       clock: Clock) -> list[str]:
    """Revoke in the restored copy every laptop the replaced hub had revoked; returns their names.

    The copy is brought to this app's schema first (opening it would anyway), so a backup from a
    newer app is refused here, before the hub is touched."""
    from datetime import datetime

    engine = make_engine(incoming, keys.hub_db_key)
    try:
        schema.upgrade(engine)
        ctx = HubContext(engine, keys, incoming.parent, clock)
        names: list[str] = []
        with engine.begin() as conn:
            for device_id, revoked_at, revoked_by in revoked:
                done = conn.execute(update(devices).where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
                                    .values(revoked_at=datetime.fromisoformat(revoked_at), revoked_by=revoked_by))
                if done.rowcount:
                    names.append(str(conn.execute(select(devices.c.name).where(devices.c.id == device_id)).scalar()))
                    ctx.audit(conn, actor, "hub.revoke", "device", device_id)
        return sorted(names)
    finally:
        engine.dispose()


def mark_restored(ctx: HubContext, actor: str) -> RestoreResult:
    """After a restore: every laptop is asked to send again what the hub does not hold."""
    restore_id = str(uuid.uuid4())
    with ctx.engine.begin() as conn:
        conn.execute(hub_meta.delete().where(hub_meta.c.key == "restore_id"))
        conn.execute(insert(hub_meta).values(key="restore_id", value=restore_id))
        conn.execute(update(devices).values(resend_requested=1, resend_return=0))
        names = list(conn.execute(select(devices.c.name).order_by(devices.c.name)).scalars())
        ctx.audit(conn, actor, "hub.restore", "hub", restore_id)
    return RestoreResult(restore_id, names, None)
