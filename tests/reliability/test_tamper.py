"""Tamper evidence: a flipped byte anywhere in a store, and any edit to the audit trail, is caught.

Stores: copies of a small demo store, each with one byte at a random offset XORed with a random
non-zero value. Each copy must refuse to open with a one-line error, or open and fail
``Store.verify`` (what ``iep verify`` runs); a few go through the real ``iep verify`` too.
SQLCipher authenticates every page with an HMAC, and the first 16 bytes of the file are the
salt those HMAC keys come from, so a flip there means the file does not open at all.

Audit trail: events altered, removed or reordered inside a transaction that is rolled back
afterwards; ``verify_chain`` must name the first broken link.

Key file: the other half of a store. A changed character must never open the store with a wrong
key or damage it, and every damaged key file is refused with the app's own one-line error.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from iep_desktop.demo import build_demo_records
from iep_desktop.domain.models import Participant
from iep_desktop.errors import IepError
from iep_desktop.store.attempts import state_dir
from iep_desktop.store.audit import verify_chain
from iep_desktop.store.keys import KeyFile, keyfile_path
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.reliability._support import LONG, TODAY, child_env, iep, record, save_plan, scale, seed, time_limit

COPIES = scale(40, 1000)
SALT = 16


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("tamper")
    path = folder / "demo.iep"
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf()) as store:
        with store.unit_of_work("demo") as uow:
            uow.add_many(build_demo_records(6, seed=5, today=TODAY))
        store.checkpoint()
        key = store._key
    return {"path": path, "key": key, "keyfile": KeyFile.read(keyfile_path(path)), "data": path.read_bytes()}


def _flip(data: bytes, offset: int, xor: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= xor
    return bytes(changed)


def _place(folder: Path, data: bytes, keys_from: Path | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "copy.iep"
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    path.write_bytes(data)
    if keys_from is not None:
        shutil.copyfile(keyfile_path(keys_from), keyfile_path(path))
    return path


def detect(path: Path, key: bytes, keyfile: KeyFile) -> str:
    """How a damaged copy is caught: refused at open (and how), reported by verify, or "intact"."""
    with time_limit(20):
        try:
            store = Store.open_with_key(path, key, keyfile=keyfile)
        except IepError as exc:
            assert "\n" not in str(exc)
            return f"open refused: {type(exc).__name__}"
        except DatabaseError as exc:  # not an IepError; 'iep' maps it to one line, exit 4
            return f"open refused: raw {type(exc).__name__}"
        try:
            report = store.verify()
        except DatabaseError as exc:
            return f"verify raised: raw {type(exc).__name__}"
        finally:
            store.close()
    return "verify reports damage" if not report.ok else "intact"


def test_every_copy_with_one_flipped_byte_is_detected(demo_store: dict[str, Any], tmp_path: Path) -> None:
    data, rng = demo_store["data"], random.Random(seed() + 3)
    size, pages = len(data), len(data) // 4096
    offsets = [rng.randrange(SALT), rng.randrange(size - 4096, size)]  # the salt and the last page, always
    offsets += [rng.randrange(size) for _ in range(COPIES - len(offsets))]
    outcomes, undetected = Counter(), []
    for offset in offsets:
        path = _place(tmp_path, _flip(data, offset, rng.randrange(1, 256)))
        outcome = detect(path, demo_store["key"], demo_store["keyfile"])
        outcomes[outcome] += 1
        if outcome == "intact":  # opened and verified clean although a byte differs
            undetected.append(offset)
    assert not undetected, f"flips at offsets {undetected} were not detected"
    raw = {how: n for how, n in outcomes.items() if "raw" in how}
    assert not raw, f"damage reported with a raw database error, not the app's own: {raw}"
    record("tamper.store_byte_flips", {"copies": len(offsets), "detected": len(offsets) - len(undetected),
                                       "detection_rate": f"{100 * (len(offsets) - len(undetected)) / len(offsets):.1f}%",
                                       "store_bytes": size, "pages": pages, "how": dict(outcomes),
                                       "seed": seed() + 3})


def test_iep_verify_exits_non_zero_with_one_clear_line_for_damaged_copies(demo_store: dict[str, Any],
                                                                          tmp_path: Path) -> None:
    data, source = demo_store["data"], demo_store["path"]
    rng = random.Random(seed() + 4)
    env = child_env(IEP_PASSPHRASE=PASSPHRASE, IEP_STATE_DIR=tmp_path / "state", TMPDIR=tmp_path)
    shown = {}
    cases = {"salt": rng.randrange(SALT), "page 1": rng.randrange(SALT, 4096),
             "middle": rng.randrange(4096, len(data) - 4096), "last page": rng.randrange(len(data) - 4096, len(data))}
    for where, offset in cases.items():
        path = _place(tmp_path / where.replace(" ", "-"), _flip(data, offset, rng.randrange(1, 256)), source)
        result = iep("verify", "--db", path, env=env)
        assert result.returncode == 4, (where, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        failed = [line for line in (result.stdout + result.stderr).splitlines() if "FAILED" in line or "iep:" in line]
        assert len(failed) == 1, (where, result.stdout, result.stderr)
        shown[where] = failed[0]
    # An audit event changed by someone holding the key: the store is sound, the chain is not.
    path = _place(tmp_path / "audit", data, source)
    with Store.open_with_key(path, demo_store["key"]) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 7"))
    result = iep("verify", "--db", path, env=env)
    assert result.returncode == 4 and "broken at event 7" in result.stdout, result.stdout
    shown["audit event 7 altered"] = result.stdout.strip().splitlines()[-2]
    record("tamper.iep_verify", shown)


# -- the audit trail ----------------------------------------------------------------------------

EVENTS = 60  # 12 saves of 4 records, then 12 edits


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("audit")
    with Store.create(folder / "audit.iep", PASSPHRASE, kdf=cheap_kdf()) as store:
        people = []
        for i in range(12):
            with store.unit_of_work(f"coach-{i % 3}") as uow:
                people.append(save_plan(uow))
        for i, person in enumerate(people):
            with store.unit_of_work("coach") as uow:
                uow.update(uow.get(Participant, person).model_copy(update={"first_name": f"Edited {i}"}))
        with store.engine.connect() as conn:
            report = verify_chain(conn)
        assert report.ok and report.events == EVENTS
        yield store


def _positions() -> list[int]:
    if LONG:
        return list(range(1, EVENTS))
    rng = random.Random(20261123)
    return sorted({1, EVENTS - 1, *rng.sample(range(2, EVENTS - 1), 13)})


FIELDS = ("actor", "action", "record_id", "at", "after_digest", "before_digest", "record_kind", "id")
NEW_VALUES = {"at": "2020-01-01T00:00:00.000000+00:00", "after_digest": "0" * 64, "before_digest": "f" * 64}


def _alter(conn: Any, seq: int) -> None:
    field = FIELDS[seq % len(FIELDS)]
    conn.execute(text(f"UPDATE audit_events SET {field} = :value WHERE seq = :seq"),
                 {"value": NEW_VALUES.get(field, "tampered"), "seq": seq})


def _remove(conn: Any, seq: int) -> None:
    conn.execute(text("DELETE FROM audit_events WHERE seq = :seq"), {"seq": seq})


def _remove_and_renumber(conn: Any, seq: int) -> None:
    _remove(conn, seq)
    for later in range(seq + 1, EVENTS + 1):
        conn.execute(text("UPDATE audit_events SET seq = :new WHERE seq = :old"), {"new": later - 1, "old": later})


def _swap_with_next(conn: Any, seq: int) -> None:
    for old, new in ((seq, -1), (seq + 1, seq), (-1, seq + 1)):
        conn.execute(text("UPDATE audit_events SET seq = :new WHERE seq = :old"), {"new": new, "old": old})


TAMPERS = {  # how -> (tamper, the seq verify_chain must report, a word its message must hold)
    "altered": (_alter, lambda k: k, "altered"),
    "removed": (_remove, lambda k: k + 1, "where event {k} belongs"),
    "removed, later ones renumbered": (_remove_and_renumber, lambda k: k, "does not follow"),
    "swapped with the next": (_swap_with_next, lambda k: k, "does not follow"),
}


def chain_after(store: Store, tamper: Any, seq: int) -> Any:
    with store.engine.connect() as conn:
        transaction = conn.begin()
        try:
            tamper(conn, seq)
            return verify_chain(conn)
        finally:
            transaction.rollback()


@pytest.mark.parametrize("how", list(TAMPERS))
@pytest.mark.parametrize("seq", _positions())
def test_a_tampered_audit_event_breaks_the_chain_at_the_first_tampered_link(audited: Store, how: str, seq: int) -> None:
    tamper, expected, words = TAMPERS[how]
    report = chain_after(audited, tamper, seq)
    assert report.broken_at == expected(seq), report
    assert words.format(k=seq) in report.problem, report
    _tally(how)


_TALLY: Counter[str] = Counter()


def _tally(how: str) -> None:
    _TALLY[how] += 1
    record("tamper.audit_chain", {"events": EVENTS, "positions": len(_positions()),
                                  "cases_detected_at_first_link": dict(_TALLY)})


@pytest.mark.parametrize("newest", [1, 3])
def test_removing_the_newest_audit_events_is_detected(audited: Store, newest: int) -> None:
    def cut(conn: Any, _seq: int) -> None:
        conn.execute(text("DELETE FROM audit_events WHERE seq > :keep"), {"keep": EVENTS - newest})

    report = chain_after(audited, cut, EVENTS)
    assert report.broken_at == EVENTS - newest + 1, report
    assert f"should end at event {EVENTS}" in report.problem, report
    _tally(f"newest {newest} removed")


def test_removing_the_record_of_the_chains_end_is_detected(audited: Store) -> None:
    def drop_head(conn: Any, _seq: int) -> None:
        conn.execute(text("DELETE FROM store_meta WHERE key = 'audit.head'"))

    report = chain_after(audited, drop_head, EVENTS)
    assert not report.ok and "missing" in report.problem, report


# -- the key file -------------------------------------------------------------------------------

def _open_with(path: Path, key_bytes: bytes) -> str:
    keyfile_path(path).write_bytes(key_bytes)
    shutil.rmtree(state_dir() / "unlock-attempts", ignore_errors=True)  # no back-off between copies
    with time_limit(20):
        try:
            Store.open(path, PASSPHRASE).close()
        except IepError as exc:
            assert "\n" not in str(exc)
            return f"refused: {type(exc).__name__}"
        except Exception as exc:  # noqa: BLE001 - counted and shown; the test below requires none
            return f"refused: raw {type(exc).__name__}"
    return "opened with the right key"


def test_a_changed_key_file_never_opens_the_store_with_a_wrong_key(demo_store: dict[str, Any], tmp_path: Path) -> None:
    path = _place(tmp_path, demo_store["data"], demo_store["path"])
    original = keyfile_path(path).read_bytes()
    rng = random.Random(seed() + 5)
    outcomes = Counter()
    for _ in range(scale(40, 1500)):
        offset = rng.randrange(len(original))
        outcomes[_open_with(path, _flip(original, offset, rng.randrange(1, 256)))] += 1
    keyfile_path(path).write_bytes(original)
    # "Opened" is only ever with the right data key: a store opens only with its own key (every page has
    # an HMAC), and the copy is unchanged afterwards.
    assert _place(tmp_path / "check", demo_store["data"]).read_bytes() == path.read_bytes()
    assert detect(path, demo_store["key"], demo_store["keyfile"]) == "intact"
    record("tamper.key_file_flips", {"copies": sum(outcomes.values()), "how": dict(outcomes), "seed": seed() + 5})


@pytest.mark.parametrize("change", [
    ('"nonce"', '"n0nce"'), ('"ciphertext"', '"ciphertex9"'), ('"nonce": "', '"nonce": "-'), ('"time_cost": 1', '"time_cost": 0'),
    ('"memory_cost_kib": 8192', '"memory_cost_kib": -192'), ('"parallelism": 1', '"parallelism": 0'),
])
def test_a_damaged_key_file_is_refused_with_a_clear_error(demo_store: dict[str, Any], tmp_path: Path,
                                                          change: tuple[str, str]) -> None:
    path = _place(tmp_path, demo_store["data"], demo_store["path"])
    original = keyfile_path(path).read_text()
    assert change[0] in original
    outcome = _open_with(path, original.replace(change[0], change[1], 1).encode())
    assert outcome.startswith("refused: ") and "raw" not in outcome, outcome
