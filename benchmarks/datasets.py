"""Synthetic data for benchmarks: demo records in batches, and the large store built once.

Records come in chunks (CHUNK_PARTICIPANTS, each with its own seed), made in a worker process
while the main process inserts the previous batch; each batch of chunks goes to one unit of work.
(The chunks once kept ``build_demo_records``' quadratic scans cheap; it is linear now, but the
chunking decides the data, so it stays.)

The cache is keyed by what the data depends on: size, seed, chunking, the generator's output and
the schema the store was built with. A store cached under an older schema is copied and migrated
(the app's own migrations, as on a coach's laptop), so a new migration never forces a rebuild.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

from sqlalchemy import Engine, event

from iep_desktop import __version__
from iep_desktop.clock import SystemClock
from iep_desktop.demo import build_demo_records
from iep_desktop.domain.models import Record
from iep_desktop.store import migrate
from iep_desktop.store.keys import KdfParams, KeyFile, keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.store.uow import UnitOfWork

PASSPHRASE = "benchmark passphrase, not a secret"
TODAY = date(2026, 11, 23)   # fixed, so a seed always gives the same data
ACTOR = "benchmark"
CHUNK_PARTICIPANTS = 25        # participants per build_demo_records call (part of the data's identity)
CHUNKS_PER_UNIT_OF_WORK = 40   # 1,000 participants, about 18,000 records per add_many transaction
BATCHES_AHEAD = 2              # batches the worker may make before the inserter takes them
STORE_NAME = "coach.iep"
_MARKER = "built.json"


ChunkSpec = tuple[int, int]  # (participants, seed) for one build_demo_records call


def _batch_specs(participants: int, seed: int) -> list[list[ChunkSpec]]:
    chunks = [(min(CHUNK_PARTICIPANTS, participants - first), seed * 1_000_003 + index)
              for index, first in enumerate(range(0, participants, CHUNK_PARTICIPANTS))]
    return [chunks[i:i + CHUNKS_PER_UNIT_OF_WORK] for i in range(0, len(chunks), CHUNKS_PER_UNIT_OF_WORK)]


def _records_for(batch: list[ChunkSpec]) -> list[Record]:
    return [record for count, seed in batch for record in build_demo_records(count, seed, TODAY)]


def demo_batches(participants: int, seed: int) -> Iterator[list[Record]]:
    """Records for ``participants`` synthetic people, in batches made by a worker process."""
    with ProcessPoolExecutor(max_workers=1) as worker:
        pending: deque[Future[list[Record]]] = deque()
        for batch in _batch_specs(participants, seed):
            pending.append(worker.submit(_records_for, batch))
            if len(pending) > BATCHES_AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def add_batches(engine: Engine, batches: Iterable[list[Record]]) -> int:
    """Each batch in its own unit of work through ``add_many``; returns the records added."""
    added = 0
    for batch in batches:
        with UnitOfWork(engine, SystemClock(), ACTOR) as uow:
            added += uow.add_many(batch)
    return added


@dataclass(frozen=True)
class BuiltStore:
    path: Path
    participants: int
    records: int
    build_seconds: float
    from_cache: bool
    migrated_from: str | None = None  # the schema the cached copy had, when it was migrated
    migrate_seconds: float = 0.0

    @property
    def records_per_second(self) -> float:
        return self.records / self.build_seconds


# While the store is built nothing else has it open and a crash means building again, so its
# connections skip what protects a coach's work: no WAL (each page written once, not twice), no
# fsync, and a page cache large enough for the indexes of 100,000 participants (1 GiB at most,
# released when the build ends). The finished file is put back in WAL mode.
BUILD_PRAGMAS = ("PRAGMA journal_mode = MEMORY", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -1048576")


def _fast_build_connections(engine: Engine) -> None:
    engine.dispose()  # connections opened before the listener would keep the safe settings

    @event.listens_for(engine, "connect")
    def _build_pragmas(dbapi_connection: Any, _record: object) -> None:
        for pragma in BUILD_PRAGMAS:
            dbapi_connection.execute(pragma).fetchall()


def build_store(path: Path, participants: int, seed: int) -> BuiltStore:
    """A new store with production KDF cost, filled with synthetic participants and plans."""
    start = time.perf_counter()
    with Store.create(path, PASSPHRASE, kdf=KdfParams()) as store:
        _fast_build_connections(store.engine)
        records = add_batches(store.engine, demo_batches(participants, seed))
        store.engine.dispose()
    key = KeyFile.read(keyfile_path(path)).unwrap(PASSPHRASE)
    with Store.open_with_key(path, key) as store:  # the app's own settings again: WAL, fsync
        store.checkpoint()
    return BuiltStore(path, participants, records, time.perf_counter() - start, from_cache=False)


def store_files(path: Path) -> list[Path]:
    return [path, keyfile_path(path)]


@cache
def demo_fingerprint() -> str:
    """What the demo generator makes for a fixed sample, ids and clock made deterministic.

    Keyed by output rather than by source text, so a change to demo.py that keeps its output
    (a faster loop) keeps the cache, and a change to its output (or to a board profile it draws
    from) does not.
    """
    ids = random.Random(20261123)
    fixed_now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    with mock.patch.object(uuid, "uuid4", lambda: uuid.UUID(int=ids.getrandbits(128), version=4)), \
            mock.patch.object(SystemClock, "now", lambda self: fixed_now):
        records = build_demo_records(CHUNK_PARTICIPANTS, 1, TODAY)
    digest = hashlib.sha256()
    for record in records:
        digest.update(record.kind.encode())
        digest.update(record.model_dump_json().encode())
    return digest.hexdigest()[:10]


def schema_revisions() -> list[str]:
    """Every schema revision, newest (head) first."""
    from alembic.script import ScriptDirectory

    return [rev.revision for rev in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()]


def cache_key(participants: int, seed: int, schema: str | None = None) -> str:
    """Names what the data depends on: size, seed, chunking, the generator's output, schema, version."""
    return (f"store-{participants}p-seed{seed}-chunk{CHUNK_PARTICIPANTS}"
            f"-schema{schema or migrate.head_revision()}-demo{demo_fingerprint()}-v{__version__}")


def _copy_store(source: Path, folder: Path) -> None:
    for file in store_files(source):
        shutil.copy2(file, folder / file.name)


def _read_cache(cached: Path, folder: Path) -> BuiltStore | None:
    marker = cached / _MARKER
    if not marker.is_file():
        return None
    info = json.loads(marker.read_text("utf-8"))
    _copy_store(cached / STORE_NAME, folder)
    return BuiltStore(folder / STORE_NAME, info["participants"], info["records"], info["build_seconds"],
                      from_cache=True)


def _write_cache(cached: Path, built: BuiltStore) -> None:
    partial = cached.with_name(cached.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    _copy_store(built.path, partial)
    info = {k: v for k, v in asdict(built).items() if k in ("participants", "records", "build_seconds")}
    (partial / _MARKER).write_text(json.dumps(info, indent=2), "utf-8")
    shutil.rmtree(cached, ignore_errors=True)
    partial.rename(cached)


def _migrate(built: BuiltStore, schema: str) -> BuiltStore:
    """Bring a copy made under an older schema up to date: Store.open applies the migrations."""
    key = KeyFile.read(keyfile_path(built.path)).unwrap(PASSPHRASE)
    start = time.perf_counter()
    Store.open_with_key(built.path, key).close()
    seconds = time.perf_counter() - start
    return BuiltStore(built.path, built.participants, built.records, built.build_seconds, True,
                      migrated_from=schema, migrate_seconds=seconds)


def prepare_store(folder: Path, participants: int, seed: int, cache_dir: Path | None) -> BuiltStore:
    """The large store in ``folder``: copied from the cache when built before, else built now.

    The cache keeps a pristine copy, so what one run writes never leaks into the next run. A copy
    cached under an older schema is migrated in ``folder`` (the cached copy stays as it is).
    """
    if cache_dir:
        for schema in schema_revisions():  # the newest cached schema first
            found = _read_cache(cache_dir / cache_key(participants, seed, schema), folder)
            if found:
                return found if schema == migrate.head_revision() else _migrate(found, schema)
    built = build_store(folder / STORE_NAME, participants, seed)
    if cache_dir:
        _write_cache(cache_dir / cache_key(participants, seed), built)
    return built
