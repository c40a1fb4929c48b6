"""Synthetic data for benchmarks: demo records in batches, and the large store built once.

``build_demo_records`` scans every record it has made so far for each new plan (twice, when it
signs the plan), so its cost grows with the square of the participants asked for in one call. We
therefore ask for small chunks (CHUNK_PARTICIPANTS, each with its own seed), make them in a worker
process while the main process inserts the previous batch, and give each batch of chunks to one
unit of work.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from iep_desktop import __version__, demo
from iep_desktop.clock import SystemClock
from iep_desktop.demo import build_demo_records
from iep_desktop.domain.models import Record
from iep_desktop.store import migrate
from iep_desktop.store.keys import KdfParams, keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.store.uow import UnitOfWork

PASSPHRASE = "benchmark passphrase, not a secret"
TODAY = date(2026, 11, 23)   # fixed, so a seed always gives the same data
ACTOR = "benchmark"
CHUNK_PARTICIPANTS = 25        # small enough that build_demo_records' quadratic scans stay cheap
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

    @property
    def records_per_second(self) -> float:
        return self.records / self.build_seconds


def build_store(path: Path, participants: int, seed: int) -> BuiltStore:
    """A new store with production KDF cost, filled with synthetic participants and plans."""
    start = time.perf_counter()
    with Store.create(path, PASSPHRASE, kdf=KdfParams()) as store:
        records = add_batches(store.engine, demo_batches(participants, seed))
        store.checkpoint()
    return BuiltStore(path, participants, records, time.perf_counter() - start, from_cache=False)


def store_files(path: Path) -> list[Path]:
    return [path, keyfile_path(path)]


def cache_key(participants: int, seed: int) -> str:
    """Names what the data depends on: size, seed, chunking, schema, and the demo generator's code."""
    generator = hashlib.sha256(Path(demo.__file__).read_bytes()).hexdigest()[:10]
    return (f"store-{participants}p-seed{seed}-chunk{CHUNK_PARTICIPANTS}"
            f"-schema{migrate.head_revision()}-demo{generator}-v{__version__}")


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
    info = {k: v for k, v in asdict(built).items() if k not in ("path", "from_cache")}
    (partial / _MARKER).write_text(json.dumps(info, indent=2), "utf-8")
    shutil.rmtree(cached, ignore_errors=True)
    partial.rename(cached)


def prepare_store(folder: Path, participants: int, seed: int, cache_dir: Path | None) -> BuiltStore:
    """The large store in ``folder``: copied from the cache when built before, else built now.

    The cache keeps a pristine copy, so what one run writes never leaks into the next run.
    """
    cached = cache_dir / cache_key(participants, seed) if cache_dir else None
    found = _read_cache(cached, folder) if cached else None
    if found:
        return found
    built = build_store(folder / STORE_NAME, participants, seed)
    if cached:
        _write_cache(cached, built)
    return built
