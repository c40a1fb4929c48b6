"""Crash safety: a process killed (SIGKILL) at a random moment leaves nothing half-done.

A child process writes in a loop and prints a line after each durable step; the parent kills
it 0.05-0.5 s after it is ready, then checks the files with fresh eyes:

- the coach's store: it opens, integrity_check / cipher_integrity_check / the audit chain pass,
  every save the child reported is there, and no plan is half-saved (a participant has plan,
  goal and objective, with their change-log rows and audit events, or none of them at all);
- the hub: every bundle is applied completely (bundle row, its changes, its records) or not at
  all, in order, and the hub database passes the same checks;
- the export folder: every ``*.iepb`` file verifies with the laptop's key; anything else is a
  ``.iep-partial-*`` leftover of the write that was cut short.

SIGKILL stops the process, not the machine: what the kernel already accepted still reaches the
disk. Power loss is covered by SQLite's WAL with synchronous=FULL and the fsyncs in
``fsutil.atomic_write_bytes``, which these tests do not simulate (see docs/promises.md).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sqlalchemy import func, select, text

from iep_desktop import fsutil
from iep_desktop.central.hub import DB_FILE, KEYS_FILE, Hub
from iep_desktop.central.tables import HUB_RECORDS, applied_changes, bundles, devices, quarantine
from iep_desktop.store.audit import verify_chain
from iep_desktop.store.engine import make_engine
from iep_desktop.store.keys import KeyFile, keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.store.tables import RECORD_TABLES, audit_events, changes, meta
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.sync import container
from iep_desktop.sync.identity import OfficeKeys
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.reliability._support import ForkServer, child_env, record, save_plan, scale, seed

OFFICE_PASS = "office passphrase for crash tests"
KILLS = scale(15, 300)
PARTICIPANTS, PLANS, GOALS, OBJECTIVES = (RECORD_TABLES[k] for k in ("participant", "plan", "goal", "objective"))


def _new_store(folder: Path) -> tuple[Path, bytes, KeyFile]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "coach.iep"
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf()) as store:
        key = store._key  # the raw data key, handed to the child through its environment
    return path, key, KeyFile.read(keyfile_path(path))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    """One fork server for the module: the app is imported once, each round forks a worker."""
    folder = tmp_path_factory.mktemp("crash-worker")
    (folder / "tmp").mkdir()
    env = child_env(TMPDIR=folder / "tmp", IEP_STATE_DIR=folder / "state")
    with ForkServer(env, folder / "worker.log") as running:
        yield running


def _count(conn, table, *where) -> int:
    return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def _missing(conn, sql: str) -> int:
    return conn.execute(text(sql)).scalar_one()


# -- the coach's store --------------------------------------------------------------------------

@dataclass
class StoreTally:
    kills: int = 0
    commits: int = 0
    checkpoints: int = 0
    cut_mid_save_kept: int = 0     # killed after COMMIT reached disk but before the child said so
    cut_mid_save_dropped: int = 0  # killed inside the unit of work: rolled back, nothing of it left
    committed: set[str] = field(default_factory=set)


def _check_store(path: Path, key: bytes, keyfile: KeyFile, tally: StoreTally, in_flight: list[str]) -> None:
    with Store.open_with_key(path, key, keyfile=keyfile) as store:
        report = store.verify()
        assert report.ok, report.lines()
        with store.engine.connect() as conn:
            ids = set(conn.execute(select(PARTICIPANTS.c.id)).scalars())
            counts = [_count(conn, t) for t in (PARTICIPANTS, PLANS, GOALS, OBJECTIVES)]
            logged, events = _count(conn, changes), _count(conn, audit_events)
            half_saved = _missing(conn, """
                SELECT (SELECT count(*) FROM participants p WHERE NOT EXISTS
                            (SELECT 1 FROM plans x WHERE x.participant_id = p.id))
                     + (SELECT count(*) FROM plans p WHERE NOT EXISTS
                            (SELECT 1 FROM goals x WHERE x.plan_id = p.id))
                     + (SELECT count(*) FROM goals g WHERE NOT EXISTS
                            (SELECT 1 FROM objectives x WHERE x.goal_id = g.id))
                     + (SELECT count(*) FROM objectives o WHERE NOT EXISTS
                            (SELECT 1 FROM goals x WHERE x.id = o.goal_id))""")
    assert tally.committed <= ids, f"reported commits missing: {sorted(tally.committed - ids)[:3]}"
    assert half_saved == 0
    assert counts == [len(ids)] * 4, counts
    assert logged == events == 4 * len(ids), (logged, events, len(ids))  # change log and audit chain too
    for participant_id in in_flight:
        if participant_id in ids:
            tally.cut_mid_save_kept += 1
            tally.committed.add(participant_id)
        else:
            tally.cut_mid_save_dropped += 1


def test_a_save_killed_at_a_random_moment_is_all_there_or_not_at_all(tmp_path: Path, server: ForkServer) -> None:
    path, key, keyfile = _new_store(tmp_path / "store")
    rng, tally = random.Random(seed()), StoreTally()
    command = {"work": "store", "path": str(path), "env": {"IEP_TEST_KEY": key.hex()}}
    for _ in range(KILLS):
        done = server.kill_round(command, rng)
        assert done.killed, done.lines
        begun, committed = done.values("BEGIN"), done.values("COMMITTED")
        in_flight = [p for p in begun if p not in committed]
        assert len(in_flight) <= 1
        tally.kills += 1
        tally.commits += len(committed)
        tally.checkpoints += sum(line == "CHECKPOINT" for line in done.lines)
        tally.committed |= set(committed)
        _check_store(path, key, keyfile, tally, in_flight)
    assert tally.kills == KILLS and tally.commits > 0
    record("crash.store", {"kills": tally.kills, "kills_survived": tally.kills, "saves_committed": tally.commits,
                           "checkpoints": tally.checkpoints, "killed_mid_save_rolled_back": tally.cut_mid_save_dropped,
                           "killed_after_commit_before_report": tally.cut_mid_save_kept, "seed": seed()})


# -- the hub's ingest ---------------------------------------------------------------------------

@dataclass(frozen=True)
class StreamBundle:
    path: Path
    bundle_id: str
    sequence: int
    change_ids: frozenset[str]
    participant_ids: frozenset[str]


PLANS_PER_BUNDLE = 8  # enough work per bundle that most kills land inside the stream


def _bundle_stream(tmp_path: Path, count: int) -> tuple[Path, Path, list[StreamBundle]]:
    """An enrolled laptop's stream of bundles, each with new changes only, and a fresh office.

    The stream is made against a working copy of the office (each bundle ingested and answered
    with a return bundle, so the next one carries only new changes); the test then ingests it
    into the untouched copy kept from before the first bundle."""
    office, pristine, usb = tmp_path / "office", tmp_path / "office-pristine", tmp_path / "usb"
    usb.mkdir()
    hub = Hub.init(office, OFFICE_PASS, kdf=cheap_kdf())
    path, _, _ = _new_store(tmp_path / "laptop")
    store = Store.open(path, PASSPHRASE)
    hub.enroll_device("laptop-a", tmp_path / "enroll.json", "it")
    laptop.enroll(store, tmp_path / "enroll.json", "coach", hub.office_fingerprint)
    hub.close()
    shutil.copytree(office, pristine)
    hub = Hub.open(office, OFFICE_PASS)
    stream = []
    for _ in range(count):
        people = []
        for _ in range(PLANS_PER_BUNDLE):
            with store.unit_of_work("coach") as uow:
                people.append(save_plan(uow))
        sent = laptop.export(store, usb, "coach")
        with store.engine.connect() as conn:
            ids = frozenset(conn.execute(select(changes.c.id).where(changes.c.bundle_id == sent.bundle_id)).scalars())
        assert len(ids) == 4 * PLANS_PER_BUNDLE
        assert hub.ingest(sent.path.read_bytes(), "office").status == "applied"
        back, _ = hub.make_return("laptop-a", usb, "office")
        laptop.import_return(store, back, "coach")
        stream.append(StreamBundle(sent.path, sent.bundle_id, sent.sequence, ids, frozenset(people)))
    hub.close()
    store.close()
    shutil.rmtree(office)
    shutil.copytree(pristine, office)
    return office, pristine, stream


def _check_hub(office: Path, db_key: bytes, stream: list[StreamBundle], reported: set[str]) -> int:
    """Every bundle all-or-nothing, in order; returns how many are applied."""
    engine = make_engine(office / DB_FILE, db_key)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            chain = verify_chain(conn)
            assert chain.ok, chain
            applied = set(conn.execute(select(bundles.c.id)).scalars())
            people = set(conn.execute(select(HUB_RECORDS["participant"].c.id)).scalars())
            flags = []
            for item in stream:
                present = item.bundle_id in applied
                rows = set(conn.execute(select(applied_changes.c.change_id)
                                        .where(applied_changes.c.bundle_id == item.bundle_id)).scalars())
                mine = item.participant_ids & people
                if present:
                    assert rows == item.change_ids and mine == item.participant_ids, item.bundle_id
                else:
                    assert not rows and not mine, f"bundle {item.bundle_id} half applied"
                flags.append(present)
            last = conn.execute(select(devices.c.last_sequence)).scalar_one()
            assert _count(conn, quarantine) == 0
    finally:
        engine.dispose()
    done = sum(flags)
    assert flags == [True] * done + [False] * (len(stream) - done), "bundles applied out of order"
    assert last == (stream[done - 1].sequence if done else 0)
    assert reported <= applied
    assert len(applied) == done  # no bundle row without its stream entry
    return done


def test_an_ingest_killed_at_a_random_moment_applies_each_bundle_fully_or_not_at_all(
        tmp_path: Path, server: ForkServer) -> None:
    office, pristine, stream = _bundle_stream(tmp_path, scale(8, 30))
    db_key = OfficeKeys.load(office / KEYS_FILE, OFFICE_PASS).hub_db_key
    rng = random.Random(seed() + 1)
    kills = partial = restarts = unkilled = 0
    reported: set[str] = set()
    command = {"work": "hub", "office_dir": str(office), "bundles": [str(b.path) for b in stream],
               "env": {"IEP_TEST_OFFICE_PASS": OFFICE_PASS}}
    while kills < KILLS:
        done = server.kill_round(command, rng)
        reported |= {v.split()[0] for v in done.values("INGESTED") if v.split()[1] in ("applied", "duplicate")}
        applied = _check_hub(office, db_key, stream, reported)
        if done.killed:
            kills += 1
            partial += 0 < applied < len(stream)
        else:
            unkilled += 1  # the worker got through the whole stream before its kill moment
        if applied == len(stream):  # all in: start the stream again on a fresh office
            shutil.rmtree(office)
            shutil.copytree(pristine, office)
            reported.clear()
            restarts += 1
    record("crash.hub_ingest", {"kills": kills, "kills_survived": kills, "bundles_in_stream": len(stream),
                                "plans_per_bundle": PLANS_PER_BUNDLE, "kills_with_stream_part_applied": partial,
                                "rounds_done_before_the_kill": unkilled, "fresh_offices": restarts,
                                "seed": seed() + 1})


# -- writing bundles ----------------------------------------------------------------------------

def test_an_export_killed_at_a_random_moment_leaves_no_bundle_that_looks_valid_but_is_not(
        tmp_path: Path, server: ForkServer) -> None:
    path, key, keyfile = _new_store(tmp_path / "laptop")
    hub = Hub.init(tmp_path / "office", OFFICE_PASS, kdf=cheap_kdf())
    hub.enroll_device("laptop-a", tmp_path / "enroll.json", "it")
    with Store.open_with_key(path, key, keyfile=keyfile) as store:
        laptop.enroll(store, tmp_path / "enroll.json", "coach", hub.office_fingerprint)
        with store.unit_of_work("coach") as uow:
            device = laptop.device_state(uow)
    hub.close()
    signer = device.signing.public_key()
    out = tmp_path / "usb"
    out.mkdir()
    rng = random.Random(seed() + 2)
    tally = {"kills": 0, "bundles_written": 0, "bundles_verified": 0, "tmp_leftovers": 0,
             "tmp_leftovers_complete": 0, "bundles_written_but_not_recorded": 0}
    command = {"work": "export", "path": str(path), "out": str(out), "env": {"IEP_TEST_KEY": key.hex()}}
    for _ in range(KILLS):
        done = server.kill_round(command, rng)
        assert done.killed, done.lines
        tally["kills"] += 1
        reported = {v.split()[0]: int(v.split()[1]) for v in done.values("EXPORTED")}
        tally["bundles_written"] += len(reported)
        with Store.open_with_key(path, key, keyfile=keyfile) as store:
            assert store.verify().ok
            with store.engine.connect() as conn:
                sequence = int(conn.execute(select(meta.c.value).where(meta.c.key == "sync.sequence")).scalar_one())
        sequences = {}
        for item in sorted(out.iterdir()):
            data = item.read_bytes()
            if item.suffix == container.FILE_SUFFIX:
                header = container.verify_bundle(data, signer)  # raises BundleError if it is not valid
                assert header.kind == "export" and header.sender_id == device.device_id
                sequences[item.name] = header.sequence
                tally["bundles_verified"] += 1
            else:
                assert item.name.startswith(fsutil.PARTIAL_PREFIX), f"unexpected file {item.name} in the export folder"
                tally["tmp_leftovers"] += 1
                try:
                    container.verify_bundle(data, signer)
                    tally["tmp_leftovers_complete"] += 1
                except container.BundleError:
                    pass
            item.unlink()
        assert set(reported) <= set(sequences), "a reported bundle file is missing"
        assert all(seq <= sequence for seq in reported.values())
        orphans = [s for s in sequences.values() if s > sequence]  # written, then killed before commit
        assert orphans in ([], [sequence + 1]), (orphans, sequence)
        tally["bundles_written_but_not_recorded"] += len(orphans)
    record("crash.export", tally | {"kills_survived": tally["kills"], "seed": seed() + 2})
