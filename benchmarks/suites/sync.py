"""Sync at the office's scale: export of a laptop store with N plans, and hub ingest of the bundle.

A laptop store is filled with synthetic participants until it holds about N plans (default
10,000; 500 with --quick) and enrolled with two hubs: the embedded default (SQLCipher) and
PostgreSQL (a real server started from the machine's binaries, as tests/pgserver.py does for the
tests). Each hub gets its own bundle (a bundle is sealed to one office), so the laptop store is
copied once before enrolling. Export and ingest are timed once each (they are big); rows/s counts
the bundle's change records plus its audit events, the two row kinds the hub stores.

Baselines, measured in the same run on the same rows: PostgreSQL ``COPY`` of the bundle's change
and audit rows into two plain tables (same server, one transaction), and ``executemany`` of the
same rows into a SQLCipher file made like the embedded hub's (same PRAGMAs, one transaction).
That is the floor of loading those bytes; the ratio is what verifying, decrypting, merging
field by field, the conflict checks and the audit chain cost on top.

PDFs of signed plans are not rendered into the bundle here (the ``pdf`` suite measures them).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from benchmarks.common import Options, Result, log
from benchmarks.datasets import add_batches, demo_batches
from iep_desktop.central.hub import Hub
from iep_desktop.store.engine import make_engine
from iep_desktop.store.keys import KdfParams, keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.central.tables import HUB_RECORDS, applied_changes, device_audit
from iep_desktop.store.tables import RECORD_TABLES, audit_events, changes
from iep_desktop.services import laptop_sync as laptop

SUITE = "sync"
FULL_PLANS = 10_000
QUICK_PLANS = 500
PLAN_SHARE = 0.85  # build_demo_records' default share of participants with a plan
PASSPHRASE = "benchmark passphrase, not a secret"
OFFICE_PASSPHRASE = "benchmark office passphrase"
CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)  # key cost is not measured here
ACTOR = "benchmark"
INGEST_VS_BASELINE = 0.5  # issue 17: hub ingest rows/s >= 0.5x the same rows loaded plainly


def run(options: Options) -> list[Result]:
    plans = options.reps(FULL_PLANS, QUICK_PLANS)
    with tempfile.TemporaryDirectory(prefix="iep-bench-sync-") as tmp:
        folder = Path(tmp)
        old_state = os.environ.get("IEP_STATE_DIR")
        os.environ["IEP_STATE_DIR"] = str(folder / "state")
        try:
            return _run_in(folder, plans, options)
        finally:
            if old_state is None:
                os.environ.pop("IEP_STATE_DIR", None)
            else:
                os.environ["IEP_STATE_DIR"] = old_state


@dataclass(frozen=True)
class Exported:
    path: Path
    seconds: float
    changes: int
    audit_events: int

    @property
    def rows(self) -> int:
        return self.changes + self.audit_events


def _run_in(folder: Path, plans: int, options: Options) -> list[Result]:
    from tests.pgserver import PgServer  # the tests' own throwaway server (initdb, pg_ctl)

    participants = math.ceil(plans / PLAN_SHARE)
    log(f"sync: a laptop store with about {plans:,} plans ({participants:,} participants)")
    source = folder / "source" / "coach.iep"
    source.parent.mkdir()
    built_plans, records = _laptop_store(source, participants, options.seed)
    change_rows, audit_rows = _bundle_rows(source)
    log(f"sync: {built_plans:,} plans, {records:,} records; starting PostgreSQL")
    server = PgServer.start()
    try:
        results: list[Result] = []
        hubs = {"embedded SQLite (SQLCipher)": None, "PostgreSQL": server.create_database("iep_bench_hub")}
        exports: list[Exported] = []
        ingests: dict[str, tuple[float, str]] = {}
        failures: dict[str, str] = {}
        written: dict[str, list[tuple[Any, ...]]] = {}
        for number, (label, url) in enumerate(hubs.items()):
            hub_dir = folder / f"office-{number}"
            store_path = folder / f"laptop-{number}" / "coach.iep"
            store_path.parent.mkdir()
            for file in (source, keyfile_path(source)):
                shutil.copy2(file, store_path.parent / file.name)
            with Hub.init(hub_dir, OFFICE_PASSPHRASE, url=url, kdf=CHEAP_KDF) as hub:
                exported = _export(hub, store_path, folder / f"usb-{number}")
                exports.append(exported)
                log(f"sync: ingest into {label}")
                start = time.perf_counter()
                try:
                    outcome = hub.ingest(exported.path.read_bytes(), "office")
                except Exception as exc:  # noqa: BLE001 - a failing hub is a finding to print, not a crash
                    first_line = str(exc).splitlines()[0][:160] if str(exc) else ""
                    failures[label] = f"ingest raised {type(exc).__name__}: {first_line}"
                    log(f"sync: {label}: {failures[label]}")
                    continue
                ingests[label] = (time.perf_counter() - start, outcome.line())
                if outcome.status != "applied":
                    failures[label] = f"bundle not applied: {outcome.line()}"
                elif url is None:
                    written = _hub_rows(hub)
        log("sync: baselines (COPY, executemany)")
        copy_s = _pg_copy(server, change_rows, audit_rows)
        many_s = _sqlite_executemany(folder / "baseline.db", change_rows, audit_rows)
        hub_many_s = _hub_executemany(folder / "office-reference", written) if written else None
    finally:
        server.stop()
    rows = exports[0].rows
    results += _rows(built_plans, records, exports, ingests, rows, copy_s, many_s)
    if hub_many_s is not None:
        results.append(_hub_reference_row(written, rows, hub_many_s, ingests.get("embedded SQLite (SQLCipher)")))
    results += [Result(SUITE, f"hub ingest into {label}: FAILED", 0, "rows/s", note=reason)
                for label, reason in failures.items()]
    return results


def _laptop_store(path: Path, participants: int, seed: int) -> tuple[int, int]:
    with Store.create(path, PASSPHRASE, kdf=CHEAP_KDF) as store:
        records = add_batches(store.engine, demo_batches(participants, seed + 2))
        store.checkpoint()
        with store.engine.connect() as conn:
            plans = conn.execute(select(RECORD_TABLES["plan"].c.id)).all()
    return len(plans), records


def _export(hub: Hub, store_path: Path, out: Path) -> Exported:
    out.mkdir()
    enrollment = out.parent / f"{out.name}-enroll.json"
    hub.enroll_device("bench-laptop", enrollment, "office")
    with Store.open(store_path, PASSPHRASE) as store:
        laptop.enroll(store, enrollment, ACTOR, hub.office_fingerprint)
        log(f"sync: export from {store_path.parent.name}")
        start = time.perf_counter()
        result = laptop.export(store, out, ACTOR)
        seconds = time.perf_counter() - start
        with store.engine.connect() as conn:
            audit = conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one()
    return Exported(result.path, seconds, result.changes, audit)


# -- baselines ---------------------------------------------------------------------------------

ChangeRow = tuple[Any, ...]
AuditRow = tuple[Any, ...]


def _bundle_rows(store_path: Path) -> tuple[list[ChangeRow], list[AuditRow]]:
    """The rows a bundle of this store carries, as text: change records and audit events."""
    with Store.open(store_path, PASSPHRASE) as store, store.engine.connect() as conn:
        change_rows = [(r.id, r.record_kind, r.record_id, r.base_version, r.new_version,
                        json.dumps(r.fields, ensure_ascii=False), json.dumps(r.before, ensure_ascii=False),
                        r.author, r.at.isoformat())
                       for r in conn.execute(select(changes).order_by(changes.c.seq))]
        audit_rows = [(r.seq, r.id, r.at.isoformat(), r.actor, r.action, r.record_kind, r.record_id,
                       r.before_digest, r.after_digest, r.prev_hash, r.hash)
                      for r in conn.execute(select(audit_events).order_by(audit_events.c.seq))]
    return change_rows, audit_rows


CHANGE_COLUMNS = "id, record_kind, record_id, base_version, new_version, fields, before, author, at"
AUDIT_COLUMNS = "seq, id, at, actor, action, record_kind, record_id, before_digest, after_digest, prev_hash, hash"
CREATE_BASELINE = (
    "CREATE TABLE bench_changes (id TEXT PRIMARY KEY, record_kind TEXT NOT NULL, record_id TEXT NOT NULL, "
    "base_version INTEGER NOT NULL, new_version INTEGER NOT NULL, fields TEXT NOT NULL, before TEXT NOT NULL, "
    "author TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE TABLE bench_audit (seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, "
    "actor TEXT NOT NULL, action TEXT NOT NULL, record_kind TEXT NOT NULL, record_id TEXT NOT NULL, "
    "before_digest TEXT, after_digest TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
)


def _pg_copy(server: Any, change_rows: Sequence[ChangeRow], audit_rows: Sequence[AuditRow]) -> float:
    import psycopg

    server.create_database("iep_bench_copy")
    conninfo = server.admin_conninfo.replace("dbname=postgres", "dbname=iep_bench_copy")
    with psycopg.connect(conninfo) as conn:
        for ddl in CREATE_BASELINE:
            conn.execute(ddl)
        conn.commit()
        start = time.perf_counter()
        with conn.cursor() as cur:
            with cur.copy(f"COPY bench_changes ({CHANGE_COLUMNS}) FROM STDIN") as copy:
                for row in change_rows:
                    copy.write_row(row)
            with cur.copy(f"COPY bench_audit ({AUDIT_COLUMNS}) FROM STDIN") as copy:
                for row in audit_rows:
                    copy.write_row(row)
        conn.commit()
        return time.perf_counter() - start


def _sqlite_executemany(path: Path, change_rows: Sequence[ChangeRow], audit_rows: Sequence[AuditRow]) -> float:
    engine = make_engine(path, os.urandom(32))  # the embedded hub's engine: SQLCipher, same PRAGMAs
    try:
        with engine.begin() as conn:
            for ddl in CREATE_BASELINE:
                conn.exec_driver_sql(ddl)
        start = time.perf_counter()
        with engine.begin() as conn:
            conn.exec_driver_sql(f"INSERT INTO bench_changes ({CHANGE_COLUMNS}) VALUES ({', '.join('?' * 9)})",
                                 list(change_rows))
            conn.exec_driver_sql(f"INSERT INTO bench_audit ({AUDIT_COLUMNS}) VALUES ({', '.join('?' * 11)})",
                                 list(audit_rows))
        return time.perf_counter() - start
    finally:
        engine.dispose()


# The tables an ingest of new records writes: the records, what became of each change, the audit events.
WRITTEN_TABLES = (*HUB_RECORDS.values(), applied_changes, device_audit)


def _hub_rows(hub: Hub) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the ingest wrote into the embedded hub's record, outcome and audit tables, as stored."""
    with hub.engine.connect() as conn:
        return {table.name: [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {table.name}")]
                for table in WRITTEN_TABLES}


def _hub_executemany(office_dir: Path, written: dict[str, list[tuple[Any, ...]]]) -> float:
    """For reference (no target): ``executemany`` of exactly the rows the ingest wrote, into the
    tables of a new embedded hub (the same indexes), in one transaction with the page cache the
    ingest uses. What is left between this and the ingest is the ingest's own work: verifying,
    decrypting, parsing, validating and deciding each change."""
    from iep_desktop.central.ingest import INGEST_PAGE_CACHE_KIB

    with Hub.init(office_dir, OFFICE_PASSPHRASE, kdf=CHEAP_KDF) as hub, hub.engine.connect() as conn:
        raw: Any = conn.connection.dbapi_connection
        raw.execute(f"PRAGMA cache_size = -{INGEST_PAGE_CACHE_KIB}")
        start = time.perf_counter()
        raw.execute("BEGIN")
        for name, rows in written.items():
            if rows:
                raw.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)
        raw.execute("COMMIT")
        return time.perf_counter() - start


def _hub_reference_row(written: dict[str, list[tuple[Any, ...]]], rows: int, seconds: float,
                       ingest: tuple[float, str] | None) -> Result:
    stored = sum(map(len, written.values()))
    share = f"; the ingest took {ingest[0] / seconds:.2f}x this time" if ingest else ""
    return Result(SUITE, "  for reference: executemany of the rows the hub writes, into its own tables",
                  rows / seconds, "rows/s",
                  note=f"{stored:,} rows in {len(written)} tables with the hub's indexes, one transaction, "
                       f"{seconds:.2f} s, counted as the bundle's {rows:,} rows like the ingest{share}; no target")


# -- rows --------------------------------------------------------------------------------------


def _rows(plans: int, records: int, exports: list[Exported], ingests: dict[str, tuple[float, str]],
          rows: int, copy_s: float, many_s: float) -> list[Result]:
    bundle_mb = exports[0].path.stat().st_size / 1e6
    export_s = min(e.seconds for e in exports)
    what = f"{exports[0].changes:,} changes + {exports[0].audit_events:,} audit events"
    out = [
        Result(SUITE, f"laptop store: {plans:,} plans, {records:,} records", plans, "plans",
               note="synthetic demo data"),
        Result(SUITE, "export to a bundle (laptop.export)", rows / export_s, "rows/s",
               baseline=rows / copy_s, baseline_label="PostgreSQL COPY rows/s", samples=len(exports),
               note=f"{what}; best of {len(exports)}; {export_s:.1f} s; bundle {bundle_mb:.1f} MB; no PDFs"),
    ]
    baselines = {"embedded SQLite (SQLCipher)": (many_s, "SQLCipher executemany rows/s"),
                 "PostgreSQL": (copy_s, "PostgreSQL COPY rows/s")}
    for label, (seconds, line) in ingests.items():
        if not line.startswith("applied"):
            continue  # reported as FAILED
        base_s, base_label = baselines[label]
        out.append(Result(SUITE, f"hub ingest into {label}", rows / seconds, "rows/s",
                          baseline=rows / base_s, baseline_label=base_label,
                          target_min=INGEST_VS_BASELINE * rows / base_s,
                          note=f"target >= {INGEST_VS_BASELINE:g}x the baseline (issue 17); {what}; "
                               f"{seconds:.1f} s; {line}"))
    out += [
        Result(SUITE, "  baseline: PostgreSQL COPY of the same rows", rows / copy_s, "rows/s",
               note=f"{copy_s:.2f} s, one transaction, same server"),
        Result(SUITE, "  baseline: SQLCipher executemany of the same rows", rows / many_s, "rows/s",
               note=f"{many_s:.2f} s, one transaction, make_engine PRAGMAs"),
    ]
    return out
