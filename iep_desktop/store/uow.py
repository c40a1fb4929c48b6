"""The unit of work: one transaction in which services read and write domain records.

Every write goes through ``add`` or ``update``, which in the same transaction
- bump the record's version (sync uses it as the base of a change),
- append the changed fields to the change log (what an export bundle carries),
- append an audit event to the hash chain.
So a record, its change and its audit event are saved together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from iep_desktop.clock import Clock
from iep_desktop.domain.models import Participant, Record
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.profiles import SHIPPED, ProfileCatalogue
from iep_desktop.store import search
from iep_desktop.store.audit import append_event, append_events
from iep_desktop.store.canonical import digest
from iep_desktop.store.io_errors import storage_problem
from iep_desktop.store.tables import JSON_COLUMNS, RECORD_TABLES, changes, meta

R = TypeVar("R", bound=Record)


def row_values(record: Record) -> dict[str, Any]:
    python = record.model_dump()
    as_json = record.model_dump(mode="json")
    json_cols = JSON_COLUMNS[record.kind]
    return {name: (as_json[name] if name in json_cols else value) for name, value in python.items()}


def record_from_row(model: type[R], row: Any) -> R:
    return model.model_validate(dict(row._mapping))


class UnitOfWork:
    def __init__(self, engine: Engine, clock: Clock, actor: str, *, write: bool = True,
                 profiles: ProfileCatalogue = SHIPPED) -> None:
        self._engine = engine
        self.clock = clock
        self.actor = actor
        self.write = write
        self.profiles = profiles  # the open store's board profiles: services read boards here
        self.written: set[str] = set()  # record kinds written, for the session's "records changed"
        self.conn: Connection | None = None

    def __enter__(self) -> UnitOfWork:
        # A writer takes the write lock up front (BEGIN IMMEDIATE); a reader does not, so in WAL
        # mode it reads a consistent snapshot while a save goes on, and never waits for one.
        self.written = set()
        self.conn = self._engine.connect().execution_options(immediate=self.write)
        self.conn.begin()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self.conn is not None
        try:
            if exc_type is None:
                self._commit()
            else:
                self.written = set()  # rolled back: nothing changed
                self._rollback_quietly()
                # A big unit of work spills pages to the WAL before COMMIT: a full disk or a write
                # error can surface inside the 'with' block. Told in plain words, like at COMMIT.
                if isinstance(exc, DBAPIError):
                    problem = storage_problem(exc, folder=self._folder())
                    if problem is not None:
                        raise problem from None
        finally:
            try:
                self.conn.close()
            except DBAPIError:  # closing after a failed write: the connection is discarded anyway
                pass
            self.conn = None

    def _folder(self) -> Path | None:
        database = self._engine.url.database
        return Path(database).parent if database and database != ":memory:" else None

    def _rollback_quietly(self) -> None:
        assert self.conn is not None
        try:
            self.conn.rollback()
        except DBAPIError:  # SQLite has rolled back already when a write failed on disk
            pass

    def _commit(self) -> None:
        assert self.conn is not None
        try:
            self.conn.commit()
        except DBAPIError as exc:
            self._rollback_quietly()
            problem = storage_problem(exc, folder=self._folder())
            if problem is not None:
                raise problem from None
            raise

    @property
    def c(self) -> Connection:
        if self.conn is None:
            raise RuntimeError("unit of work used outside its 'with' block")
        return self.conn

    # -- reading ----------------------------------------------------------------------------
    def get(self, model: type[R], record_id: str) -> R:
        found = self.find_one(model, record_id)
        if found is None:
            raise NotFound(f"No {model.kind.replace('_', ' ')} with id {record_id}.")
        return found

    def find_one(self, model: type[R], record_id: str) -> R | None:
        table = RECORD_TABLES[model.kind]
        row = self.c.execute(select(table).where(table.c.id == record_id)).first()
        return None if row is None else record_from_row(model, row)

    def list(self, model: type[R], order_by: str | None = None, **equals: Any) -> list[R]:
        table = RECORD_TABLES[model.kind]
        query = select(table)
        for column, value in equals.items():
            query = query.where(table.c[column] == value)
        if order_by:
            query = query.order_by(table.c[order_by], table.c.id)
        return [record_from_row(model, row) for row in self.c.execute(query)]

    # -- store settings (sync state, device keys): inside the encrypted database ---------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        value = self.c.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
        return default if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        updated = self.c.execute(meta.update().where(meta.c.key == key).values(value=value))
        if updated.rowcount == 0:
            self.c.execute(meta.insert().values(key=key, value=value))

    # -- writing ----------------------------------------------------------------------------
    def add(self, record: R, action: str | None = None) -> R:
        table = RECORD_TABLES[record.kind]
        saved = record.model_copy(update={"version": 1})
        values = row_values(saved)
        self.c.execute(table.insert().values(**values))
        fields = {k: v for k, v in saved.model_dump(mode="json").items() if k not in ("id", "version")}
        self._log(saved, action or f"{record.kind}.add", 0, fields, {}, None)
        self.written.add(record.kind)
        return saved

    def update(self, record: R, action: str | None = None) -> R:
        """Save the fields that differ from the stored record. Returns the saved record."""
        if record.append_only:
            raise InvalidInput(f"A saved {record.kind.replace('_', ' ')} cannot be changed; add a new one.")
        current = self.get(type(record), record.id)
        before, after = current.model_dump(mode="json"), record.model_dump(mode="json")
        changed = {k: v for k, v in after.items() if k != "version" and before.get(k) != v}
        if not changed:
            return current
        locked = sorted(changed.keys() & record.immutable_fields)
        if locked:
            raise InvalidInput(f"The {', '.join(locked)} of a saved {record.kind} cannot change.")
        saved = record.model_copy(update={"version": current.version + 1})
        table = RECORD_TABLES[record.kind]
        values = {k: v for k, v in row_values(saved).items() if k in changed or k == "version"}
        self.c.execute(table.update().where(table.c.id == record.id).values(**values))
        self._log(saved, action or f"{record.kind}.update", current.version, changed,
                  {k: before.get(k) for k in changed}, digest(before))
        self.written.add(record.kind)
        return saved

    def _log(self, saved: Record, action: str, base_version: int, fields: dict[str, Any],
             before: dict[str, Any], before_digest: str | None) -> None:
        now: datetime = self.clock.now()
        self.c.execute(changes.insert().values(
            id=_uuid(), record_kind=saved.kind, record_id=saved.id, base_version=base_version,
            new_version=saved.version, fields=fields, before=before, author=self.actor, at=now,
        ))
        append_event(self.c, at=now, actor=self.actor, action=action, record_kind=saved.kind,
                     record_id=saved.id, before_digest=before_digest, after_digest=digest(saved))
        if isinstance(saved, Participant):
            search.index_participant(self.c, saved)

    def put_synced(self, record: Record, action: str = "sync.apply") -> bool:
        """Take the office's copy of a record as it is (its version too). Not a local change, so
        nothing goes to the change log; the audit trail still records it."""
        table = RECORD_TABLES[record.kind]
        current = self.find_one(type(record), record.id)
        values = row_values(record)
        if current is None:
            self.c.execute(table.insert().values(**values))
        elif current == record:
            return False
        else:
            self.c.execute(table.update().where(table.c.id == record.id).values(**values))
        append_event(self.c, at=self.clock.now(), actor=self.actor, action=action, record_kind=record.kind,
                     record_id=record.id, before_digest=digest(current) if current else None,
                     after_digest=digest(record))
        if isinstance(record, Participant):
            search.index_participant(self.c, record)
        self.written.add(record.kind)
        return True

    def add_many(self, records: Iterable[Record]) -> int:
        """Add many new records with few statements (demo data, imports); same log and audit."""
        saved = [r.model_copy(update={"version": 1}) for r in records]
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for record in saved:
            by_kind.setdefault(record.kind, []).append(row_values(record))
        for kind, rows in by_kind.items():
            self.c.execute(RECORD_TABLES[kind].insert(), rows)
        now = self.clock.now()
        self.c.execute(changes.insert(), [
            {"id": _uuid(), "record_kind": r.kind, "record_id": r.id, "base_version": 0, "new_version": 1,
             "fields": {k: v for k, v in r.model_dump(mode="json").items() if k not in ("id", "version")},
             "before": {}, "author": self.actor, "at": now}
            for r in saved
        ])
        append_events(self.c, [
            {"at": now, "actor": self.actor, "action": f"{r.kind}.add", "record_kind": r.kind,
             "record_id": r.id, "before_digest": None, "after_digest": digest(r)}
            for r in saved
        ])
        search.index_participants(self.c, [r for r in saved if isinstance(r, Participant)])
        self.written.update(r.kind for r in saved)
        return len(saved)


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())
