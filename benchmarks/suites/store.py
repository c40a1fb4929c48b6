"""The encrypted store at scale: open, save one edited plan, search, and the cost of encryption.

Everything runs on real files in a temporary folder. The large store is built once per run (or
copied from the cache); the write-overhead comparison uses fresh, empty files for each engine.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import sqlcipher3
from sqlalchemy import select

from benchmarks.common import (
    FRAME_60HZ_MS,
    LatencyRows,
    Options,
    Result,
    log,
    median,
    sample_ms,
    time_ms,
    timed,
)
from benchmarks.datasets import ACTOR, PASSPHRASE, BuiltStore, add_batches, demo_batches, prepare_store
from benchmarks.engines import ENCRYPTED, PLAIN_SQLITE, UNKEYED_SQLCIPHER, EngineKind
from iep_desktop.clock import SystemClock
from iep_desktop.domain.models import Goal, Objective, PlanSnapshot, PlanStatus, Record
from iep_desktop.services.participants import search_participants
from iep_desktop.services.plan_items import update_goal, update_objective
from iep_desktop.services.snapshots import load_snapshot
from iep_desktop.store import migrate, search
from iep_desktop.store.keys import KeyFile, keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.store.tables import RECORD_TABLES
from iep_desktop.store.uow import UnitOfWork

SUITE = "store"


def run(options: Options) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="iep-bench-") as tmp:
        folder = Path(tmp)
        with _environment("IEP_STATE_DIR", str(folder / "state")):  # unlock back-off state stays here
            return _run_in(folder, options)


def _run_in(folder: Path, options: Options) -> list[Result]:
    log(f"store: preparing a store of {options.participants:,} participants")
    built = prepare_store(folder, options.participants, options.seed, options.cache_dir)
    log(f"store: {built.records:,} records in {built.build_seconds:.1f} s"
        + (" (copied from the cache)" if built.from_cache else ""))
    results = build_rows(built)
    log("store: opening")
    results += bench_open(built.path, options)
    results += bench_connection_keys(folder, options)
    key = KeyFile.read(keyfile_path(built.path)).unwrap(PASSPHRASE)
    rng = random.Random(options.seed)
    with Store.open_with_key(built.path, key) as store:
        log("store: saving edited plans")
        results += bench_plan_save(store, rng, options)
        log("store: searching")
        results += bench_search(store, rng, options)
    log("store: write overhead against plain SQLite")
    results += bench_write_overhead(folder, rng, options)
    return results


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


# -- building ----------------------------------------------------------------------------------


def build_rows(built: BuiltStore) -> list[Result]:
    note = "built in an earlier run (cache)" if built.from_cache else "built in this run"
    size_mb = built.path.stat().st_size / 1e6
    migrated = [Result(SUITE, f"cached store migrated from schema {built.migrated_from} (Store.open)",
                       built.migrate_seconds, "s", note="the app's migrations, applied to this run's copy")
                ] if built.migrated_from else []
    return migrated + [
        Result(SUITE, f"build: {built.participants:,} participants, {built.records:,} records",
               built.build_seconds, "s", note=note),
        Result(SUITE, "build: insert rate (add_many)", built.records_per_second, "records/s", note=note),
        Result(SUITE, "build: store file size", size_mb, "MB"),
    ]


# -- opening -----------------------------------------------------------------------------------


def bench_open(path: Path, options: Options) -> list[Result]:
    Store.open_with_key(path, KeyFile.read(keyfile_path(path)).unwrap(PASSPHRASE)).close()  # warm-up
    with_passphrase = sample_ms(lambda: Store.open(path, PASSPHRASE).close(), options.reps(7, 3))
    keyfile = KeyFile.read(keyfile_path(path))
    argon2 = sample_ms(lambda: keyfile.unwrap(PASSPHRASE), options.reps(7, 3))
    key = keyfile.unwrap(PASSPHRASE)
    with_key = sample_ms(lambda: Store.open_with_key(path, key).close(), options.reps(30, 10))
    kdf = keyfile.kdf
    argon2_label = f"Argon2id t={kdf.time_cost} m={kdf.memory_cost_kib // 1024} MiB p={kdf.parallelism}"
    return [
        Result(SUITE, "open with passphrase (Store.open) median", median(with_passphrase), "ms",
               baseline=median(with_key), baseline_label="open with raw key",
               samples=len(with_passphrase), note="Argon2id unwrap + connect + migration check"),
        Result(SUITE, f"  of which {argon2_label} median", median(argon2), "ms", samples=len(argon2)),
        Result(SUITE, "open with raw key (Store.open_with_key) median", median(with_key), "ms",
               samples=len(with_key), note="connect + store check + migration check"),
    ]


def _keyed_connection(path: Path, key_pragma: str) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(key_pragma)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key is applied on first read
    return conn


def _small_database(path: Path, key_pragma: str) -> None:
    conn = _keyed_connection(path, key_pragma)
    conn.execute("CREATE TABLE t (x)")
    conn.close()


def bench_connection_keys(folder: Path, options: Options) -> list[Result]:
    """One SQLCipher connection keyed with the raw key, against one keyed with a passphrase.

    A passphrase in ``PRAGMA key`` makes SQLCipher run PBKDF2 on every connection; the store
    derives its key once (Argon2id) and hands every pooled connection the raw key instead.
    """
    raw_pragma = f"PRAGMA key = \"x'{os.urandom(32).hex()}'\""
    passphrase_pragma = "PRAGMA key = 'a passphrase given to SQLCipher'"
    raw_db, passphrase_db = folder / "raw-key.db", folder / "passphrase.db"
    _small_database(raw_db, raw_pragma)
    _small_database(passphrase_db, passphrase_pragma)
    raw = sample_ms(lambda: _keyed_connection(raw_db, raw_pragma).close(), options.reps(30, 10))
    slow = sample_ms(lambda: _keyed_connection(passphrase_db, passphrase_pragma).close(), options.reps(5, 3))
    with sqlcipher3.connect(":memory:") as conn:
        iterations = int(conn.execute("PRAGMA cipher_default_kdf_iter").fetchone()[0])
    return [
        Result(SUITE, "SQLCipher connection, raw key x'...' median", median(raw), "ms", samples=len(raw)),
        Result(SUITE, f"SQLCipher connection, passphrase key (PBKDF2 {iterations:,}) median", median(slow),
               "ms", baseline=median(raw), baseline_label="raw key", samples=len(slow),
               note="the per-connection cost the raw key avoids"),
    ]


# -- saving one edited plan ----------------------------------------------------------------------


def _sample_open_plans(store: Store, rng: random.Random, count: int) -> list[tuple[str, str]]:
    plans = RECORD_TABLES["plan"]
    query = (select(plans.c.participant_id, plans.c.id)
             .where(plans.c.status == PlanStatus.OPEN.value).order_by(plans.c.id))
    with store.engine.connect() as conn:
        rows = [(r.participant_id, r.id) for r in conn.execute(query)]
    return rng.sample(rows, min(count, len(rows)))


def _edit(snapshot: PlanSnapshot, mark: str) -> tuple[Goal, Objective] | None:
    """The coach's edit: a goal's description and the justification of one of its objectives."""
    for goal in snapshot.goals:
        objective = next((o for o in snapshot.objectives if o.goal_id == goal.id), None)
        if objective is not None:
            return (goal.model_copy(update={"description": f"{goal.description} (edit {mark})"}),
                    objective.model_copy(update={"justification": f"{objective.justification} Edit {mark}."}))
    return None


def _load_plan(store: Store, participant_id: str, plan_id: str) -> PlanSnapshot:
    with store.unit_of_work(ACTOR) as uow:
        return load_snapshot(uow, participant_id, plan_id)


def _save_plan(store: Store, goal: Goal, objective: Objective) -> None:
    with store.unit_of_work(ACTOR) as uow:
        update_goal(uow, goal)
        update_objective(uow, objective)


def bench_plan_save(store: Store, rng: random.Random, options: Options) -> list[Result]:
    """Open a plan (timed apart), edit a goal and an objective, save them in one unit of work."""
    loads: list[float] = []
    saves: list[float] = []
    for number, (participant_id, plan_id) in enumerate(_sample_open_plans(store, rng, options.reps(200, 50))):
        snapshot, load_ms = timed(partial(_load_plan, store, participant_id, plan_id))
        loads.append(load_ms)
        edited = _edit(snapshot, str(number))
        if edited is not None:
            saves.append(time_ms(partial(_save_plan, store, *edited)))
    rows = LatencyRows(SUITE)
    rows.add("load one plan (load_snapshot)", loads)
    rows.add("save one edited plan (goal + objective, one commit)", saves)
    return rows.rows


# -- search as you type -------------------------------------------------------------------------


def fold(text: str) -> str:
    """What a coach types for an accented name: the letters without their accents, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class Query:
    kind: str
    text: str


QUERIES_PER_PERSON = 5


@dataclass(frozen=True)
class Person:
    id: str
    first_name: str
    last_name: str
    date_of_birth: date


def _queries_for(person: Person, rng: random.Random) -> list[Query]:
    """What a coach might type to find this person (one query of each kind)."""
    first, last, dob = fold(person.first_name), fold(person.last_name), person.date_of_birth
    return [
        Query("last name, 1-3 letters", last[:rng.randint(1, 3)]),
        Query("first name, 1-3 letters", first[:rng.randint(1, 3)]),
        Query("last + first name prefixes", f"{last[:rng.randint(2, 3)]} {first[:rng.randint(1, 2)]}"),
        Query("date of birth mm/dd/yyyy", f"{dob:%m/%d/%Y}"),
        Query("id prefix, 4-8 characters", person.id[:rng.randint(4, 8)]),
    ]


def search_queries(store: Store, rng: random.Random, count: int) -> list[Query]:
    table = RECORD_TABLES["participant"]
    query = select(table.c.id, table.c.first_name, table.c.last_name, table.c.date_of_birth).order_by(table.c.id)
    with store.engine.connect() as conn:
        people = [Person(*row) for row in conn.execute(query) if row.date_of_birth is not None]
    sampled = rng.sample(people, min(len(people), -(-count // QUERIES_PER_PERSON)))
    return [q for person in sampled for q in _queries_for(person, rng)][:count]


@dataclass
class SearchTimes:
    whole: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    fts_only: list[float] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)


SEARCH_PAGE = 50  # what the caseload reads per page (ui/caseload.PAGE_LIMIT); more on scroll


def _keystroke(store: Store, typed: str) -> int:
    """What the list does on each keystroke: one unit of work, one search; returns the hits."""
    with store.unit_of_work(ACTOR) as uow:
        return len(search_participants(uow, typed, limit=SEARCH_PAGE))


def _time_searches(store: Store, queries: Sequence[Query]) -> SearchTimes:
    times = SearchTimes()
    for query in queries:
        hits, elapsed = timed(partial(_keystroke, store, query.text))
        times.whole.append(elapsed)
        times.by_kind.setdefault(query.kind, []).append(elapsed)
        times.hits.append(hits)
    with store.unit_of_work(ACTOR) as uow:
        times.fts_only = [time_ms(partial(search.search_ids, uow.c, q.text, SEARCH_PAGE)) for q in queries]
    return times


def bench_search(store: Store, rng: random.Random, options: Options) -> list[Result]:
    queries = search_queries(store, rng, options.reps(300, 100))
    _time_searches(store, queries[:20])  # warm-up: first statements compile, pages load
    times = _time_searches(store, queries)
    rows = LatencyRows(SUITE)
    rows.add(f"search as you type (keystroke to results, page of {SEARCH_PAGE})", times.whole,
             target_p95=FRAME_60HZ_MS,
             note=f"mean {statistics.fmean(times.hits):.0f} participants returned")
    for kind, samples in times.by_kind.items():
        rows.add(f"  search: {kind}", samples, pcts=(95,), target_p95=FRAME_60HZ_MS)
    rows.add("  search: FTS5 lookup alone (search.search_ids)", times.fts_only, pcts=(95,))
    return rows.rows


# -- write overhead: encrypted store against plain SQLite ------------------------------------------


@dataclass(frozen=True)
class WriteRun:
    bulk_ms: float
    update_ms: list[float]

    @property
    def total_ms(self) -> float:
        return self.bulk_ms + sum(self.update_ms)


def _write_workload(kind: EngineKind, path: Path, batches: Sequence[list[Record]],
                    edits: Sequence[Objective]) -> WriteRun:
    engine = kind.make(path)
    try:
        migrate.upgrade(engine)
        bulk = time_ms(lambda: add_batches(engine, batches))

        def update(objective: Objective) -> None:
            with UnitOfWork(engine, SystemClock(), ACTOR) as uow:
                uow.update(objective)

        updates = [time_ms(partial(update, objective)) for objective in edits]
    finally:
        engine.dispose()
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    return WriteRun(bulk, updates)


def _edits(batches: Sequence[list[Record]], rng: random.Random, count: int) -> list[Objective]:
    objectives = [r for batch in batches for r in batch if isinstance(r, Objective)]
    return [o.model_copy(update={"justification": f"{o.justification} Revised {n}."})
            for n, o in enumerate(rng.sample(objectives, min(count, len(objectives))))]


def bench_write_overhead(folder: Path, rng: random.Random, options: Options) -> list[Result]:
    participants = options.reps(2_000, 500)
    batches = list(demo_batches(participants, options.seed + 1))  # made once, never timed
    edits = _edits(batches, rng, options.reps(200, 50))
    kinds = [PLAIN_SQLITE, UNKEYED_SQLCIPHER, ENCRYPTED]
    runs: dict[EngineKind, list[WriteRun]] = {kind: [] for kind in kinds}
    for round_number in range(options.reps(5, 3)):
        turn = round_number % len(kinds)  # rotate, so no engine always goes first
        for index, kind in enumerate(kinds[turn:] + kinds[:turn]):
            runs[kind].append(_write_workload(kind, folder / f"write-{round_number}-{index}.db", batches, edits))
    records = sum(len(batch) for batch in batches)
    return _write_rows(runs, participants, records, len(edits))


def _write_rows(runs: dict[EngineKind, list[WriteRun]], participants: int, records: int,
                updates: int) -> list[Result]:
    plain, unkeyed, encrypted = runs[PLAIN_SQLITE], runs[UNKEYED_SQLCIPHER], runs[ENCRYPTED]

    def total_s(of: list[WriteRun]) -> float:
        return median([r.total_ms for r in of]) / 1000

    def pooled(of: list[WriteRun]) -> list[float]:
        return [ms for r in of for ms in r.update_ms]

    rounds = len(encrypted)
    workload = f"add {participants:,} participants ({records:,} records) + {updates} updates"
    rows = LatencyRows(SUITE)
    rows.rows += [
        Result(SUITE, f"write: add {participants:,} participants, add_many, encrypted",
               median([r.bulk_ms for r in encrypted]) / 1000, "s",
               baseline=median([r.bulk_ms for r in plain]) / 1000, baseline_label="plain SQLite",
               samples=rounds, note=f"{records:,} records; median of {rounds} round(s)"),
    ]
    rows.add("write: one-record update (own commit), encrypted", pooled(encrypted),
             baseline=pooled(plain), baseline_label="plain SQLite")
    rows.rows += [
        Result(SUITE, "write overhead: whole workload, encrypted", total_s(encrypted), "s",
               baseline=total_s(plain), baseline_label="plain SQLite", samples=rounds, note=workload),
        Result(SUITE, "  same workload, SQLCipher build without a key", total_s(unkeyed), "s",
               baseline=total_s(plain), baseline_label="plain SQLite", samples=rounds,
               note="SQLite version difference only"),
        Result(SUITE, "  encryption alone (encrypted vs unkeyed SQLCipher)", total_s(encrypted), "s",
               baseline=total_s(unkeyed), baseline_label="no key", samples=rounds),
    ]
    return rows.rows
