"""The coach's encrypted store: a SQLCipher database file and its key file, side by side.

Opening asks for the passphrase once, unwraps the data key (Argon2id, off the GUI thread in
the app) and then opens every connection with the raw key. Migrations run on open.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DatabaseError

from iep_desktop import __version__
from iep_desktop.clock import Clock, SystemClock
from iep_desktop.errors import NotAStore, StoreClosed, StoreCorrupt, StoreInUse, StoreNotFound
from iep_desktop.profiles import ProfileCatalogue, profile_from_dict
from iep_desktop.store import migrate
from iep_desktop.store.attempts import unwrap_data_key
from iep_desktop.store.audit import ChainReport, verify_chain
from iep_desktop.store.engine import make_engine
from iep_desktop.store.io_errors import storage_problem
from iep_desktop.store.keys import (DATA_KEY_BYTES, KdfParams, KeyFile, check_passphrase_strength, keyfile_path,
                                    read_store_keyfile)
from iep_desktop.store.tables import meta
from iep_desktop.store.uow import UnitOfWork

APP_MARK = "iep-desktop-store"


@dataclass(frozen=True)
class VerifyReport:
    integrity: str
    cipher_integrity: list[str]
    audit: ChainReport

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.cipher_integrity and self.audit.ok

    def lines(self) -> list[str]:
        return [
            f"integrity_check: {self.integrity}",
            "cipher_integrity_check: " + ("ok" if not self.cipher_integrity
                                          else f"{len(self.cipher_integrity)} damaged page(s)"),
            f"audit chain: {self.audit.events} events, "
            + ("intact" if self.audit.ok else f"broken at event {self.audit.broken_at}: {self.audit.problem}"),
        ]


class Store:
    def __init__(self, path: Path, key: bytes, keyfile: KeyFile, clock: Clock) -> None:
        self.path = path
        self.keyfile = keyfile
        self.clock = clock
        self._key = key
        self.profiles = ProfileCatalogue()  # the office's published profiles join on open
        self._engine: Engine | None = make_engine(path, key)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise StoreClosed("The store is locked. Unlock it with the passphrase to go on.")
        return self._engine

    # -- making and opening -------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None,
               recovery_public: X25519PublicKey | None = None, clock: Clock | None = None) -> Store:
        path = Path(path)
        check_passphrase_strength(passphrase)
        if path.exists() or keyfile_path(path).exists():
            raise NotAStore(f"{path.name} already exists; choose another file name or open it instead.")
        if not path.parent.is_dir():
            raise StoreNotFound(f"The folder {path.parent} does not exist; create it first.")
        data_key = os.urandom(DATA_KEY_BYTES)
        keyfile = KeyFile.create(str(uuid.uuid4()), data_key, passphrase, kdf or KdfParams(), recovery_public)
        keyfile.write(keyfile_path(path))
        store = cls(path, data_key, keyfile, clock or SystemClock())
        try:
            store._initialise()
        except BaseException:
            store.close()
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), keyfile_path(path)):
                leftover.unlink(missing_ok=True)
            raise
        return store

    @classmethod
    def open(cls, path: Path, passphrase: str, *, clock: Clock | None = None) -> Store:
        path, clock = Path(path), clock or SystemClock()
        keyfile, key = unwrap_data_key(path, passphrase, clock)
        return cls.open_with_key(path, key, keyfile=keyfile, clock=clock)

    @classmethod
    def open_with_key(cls, path: Path, key: bytes, *, keyfile: KeyFile | None = None,
                      clock: Clock | None = None) -> Store:
        path = Path(path)
        keyfile = keyfile or read_store_keyfile(path)
        store = cls(path, key, keyfile, clock or SystemClock())
        try:
            store._check_is_ours()
            migrate.upgrade(store.engine)
            store.use_published_profiles()
        except DatabaseError as exc:
            # The key opened the file but its pages do not read back: damaged, or a full disk.
            store.close()
            if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
                raise StoreInUse("The store is in use by another program (another copy of IEP Desktop?); close "
                                 "it and try again.") from None
            problem = storage_problem(exc, doing="open", folder=path.parent)
            raise (problem or StoreCorrupt(
                "The store file is damaged: some of its pages do not read back. Restore it from a backup.")) from None
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def recover(cls, path: Path, office_private: X25519PrivateKey, new_passphrase: str,
                *, clock: Clock | None = None) -> Store:
        """Open with the office recovery key and set a new coach passphrase."""
        path = Path(path)
        keyfile = read_store_keyfile(path)
        key = keyfile.recover(office_private)
        store = cls.open_with_key(path, key, keyfile=keyfile, clock=clock)
        store.change_passphrase(new_passphrase)
        return store

    def _initialise(self) -> None:
        migrate.upgrade(self.engine)
        with self.engine.begin() as conn:
            conn.execute(meta.insert(), [
                {"key": "app", "value": APP_MARK},
                {"key": "store_id", "value": self.keyfile.store_id},
                {"key": "created_with", "value": __version__},
                {"key": "created_at", "value": self.clock.now().isoformat()},
            ])

    def _check_is_ours(self) -> None:
        with self.engine.connect() as conn:
            has_meta = conn.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='store_meta'")).scalar()
            mark = conn.execute(select(meta.c.value).where(meta.c.key == "store_id")).scalar() if has_meta else None
        if mark != self.keyfile.store_id:
            raise NotAStore(
                f"{self.path.name} is not the IEP store that belongs to this key file; "
                "keep each store with its own key file."
            )

    # -- using --------------------------------------------------------------------------------
    @property
    def store_id(self) -> str:
        return self.keyfile.store_id

    def unit_of_work(self, actor: str) -> UnitOfWork:
        return UnitOfWork(self.engine, self.clock, actor, profiles=self.profiles)

    def reading(self, actor: str) -> UnitOfWork:
        """A unit of work that only reads: a snapshot that neither waits for nor blocks a save."""
        return UnitOfWork(self.engine, self.clock, actor, write=False, profiles=self.profiles)

    def use_published_profiles(self) -> None:
        """Board profiles the office sent (return bundles) replace the shipped ones in this store's
        catalogue (``self.profiles``) while it is open."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(meta.c.key, meta.c.value).where(meta.c.key.like("profile:%"))).all()
        self.profiles = ProfileCatalogue({key.removeprefix("profile:"): profile_from_dict(json.loads(value), "the office")
                                          for key, value in rows})

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under the new passphrase (the database is not re-encrypted)."""
        self.keyfile.rewrap(self._key, new_passphrase)
        self.keyfile.write(keyfile_path(self.path))

    def set_recovery_key(self, recovery_public: X25519PublicKey) -> None:
        """Wrap the data key for the office recovery key too; the key file on disk is replaced
        whole (or not at all), and a failed write leaves this store's copy of it as it was."""
        before = self.keyfile.recovery
        self.keyfile.set_recovery(self._key, recovery_public)
        try:
            self.keyfile.write(keyfile_path(self.path))
        except BaseException:
            self.keyfile.recovery = before
            raise

    def verify(self) -> VerifyReport:
        """Check every page's HMAC, SQLite's structure and the audit chain; damage is reported."""
        with self.engine.connect() as conn:
            try:
                cipher = [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
            except DatabaseError as exc:
                cipher = [f"the pages could not be checked ({exc.orig})"]
            try:
                integrity = "; ".join(r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check"))
            except DatabaseError as exc:
                integrity = f"failed ({exc.orig})"
            try:
                audit = verify_chain(conn)
            except DatabaseError as exc:
                audit = ChainReport(0, 0, f"the audit trail could not be read ({exc.orig})")
        return VerifyReport(integrity, cipher, audit)

    def checkpoint(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self) -> None:
        """Close every connection and forget the data key (auto-lock): nothing reads or writes the
        store until it is opened again with the passphrase. Closing twice is harmless."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None  # the engine's connect function holds the key: let both go
        self._key = b""

    @property
    def closed(self) -> bool:
        return self._engine is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

