"""The encrypted store on a real SQLCipher file: keys, passphrases, recovery, tamper evidence."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from iep_desktop.crypto.office_keys import generate_recovery_key, load_recovery_private, load_recovery_public
from iep_desktop.domain.models import CaseNote, Participant, Program
from iep_desktop.errors import (
    InvalidInput, NotAStore, RecoveryError, StoreClosed, StoreCorrupt, StoreNotFound, TooManyAttempts,
    WeakPassphrase, WrongPassphrase,
)
from iep_desktop.services.unlock import open_store
from iep_desktop.store.keys import keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.store.tables import audit_events, changes, metadata
from tests.conftest import PASSPHRASE, cheap_kdf


def person(**fields: object) -> Participant:
    base = {"first_name": "Zoë", "last_name": "Castañeda", "program": Program.ADULT, "board": "default",
            "date_of_birth": date(1990, 3, 14), "ssn_last4": "4321"}
    return Participant(**(base | fields))


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def add_person(store: Store, **fields: object) -> Participant:
    with store.unit_of_work("coach") as uow:
        return uow.add(person(**fields))


# -- opening and passphrases --------------------------------------------------------------------

def test_reopen_with_passphrase_reads_what_was_written(store: Store, store_path: Path) -> None:
    saved = add_person(store)
    store.close()
    with Store.open(store_path, PASSPHRASE) as again, again.unit_of_work("coach") as uow:
        assert uow.get(Participant, saved.id).first_name == "Zoë"


def test_wrong_passphrase_is_refused_and_changes_nothing(store: Store, store_path: Path) -> None:
    add_person(store)
    store.close()
    before = folder_digest(store_path.parent)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        Store.open(store_path, "not the right passphrase")
    assert folder_digest(store_path.parent) == before


def test_short_passphrase_is_refused_without_composition_rules(store_path: Path) -> None:
    with pytest.raises(WeakPassphrase, match="at least 12 characters"):
        Store.create(store_path, "short pass", kdf=cheap_kdf())
    assert not store_path.exists()
    with Store.create(store_path, "all lowercase words", kdf=cheap_kdf()):
        pass  # 19 characters of lowercase letters and spaces is fine


@pytest.mark.parametrize("unlock", [Store.open, open_store], ids=["Store.open", "services.unlock.open_store"])
def test_repeated_wrong_passphrases_back_off_and_never_wipe(store: Store, store_path: Path, clock, unlock) -> None:
    """The app's unlock (services/unlock.open_store: Argon2id first, then the store's modules,
    issue 17) keeps exactly Store.open's back-off."""
    saved = add_person(store)
    store.close()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            unlock(store_path, "guess guess guess", clock=clock)
    with pytest.raises(TooManyAttempts, match="Wait 1 second,"):
        unlock(store_path, PASSPHRASE, clock=clock)  # even the right one waits
    clock.advance(seconds=1)
    with pytest.raises(WrongPassphrase):
        unlock(store_path, "guess guess guess", clock=clock)
    with pytest.raises(TooManyAttempts, match="Wait 2 seconds"):
        unlock(store_path, PASSPHRASE, clock=clock)
    clock.advance(seconds=2)
    with unlock(store_path, PASSPHRASE, clock=clock) as opened, opened.unit_of_work("c") as uow:
        assert uow.get(Participant, saved.id).last_name == "Castañeda"
    # success resets the counter
    with pytest.raises(WrongPassphrase):
        unlock(store_path, "guess guess guess", clock=clock)
    unlock(store_path, PASSPHRASE, clock=clock).close()


def test_passphrase_change_rewraps_the_key_without_reencrypting(store: Store, store_path: Path) -> None:
    saved = add_person(store)
    store.checkpoint()
    db_before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    store.change_passphrase("a brand new passphrase")
    store.close()
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == db_before
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE)
    with Store.open(store_path, "a brand new passphrase") as again, again.unit_of_work("c") as uow:
        assert uow.get(Participant, saved.id).id == saved.id


def test_recovery_through_the_office_key(tmp_path: Path, store_path: Path) -> None:
    private, public = tmp_path / "office.pem", tmp_path / "office-public.json"
    generate_recovery_key(private, public, "office passphrase 2026")
    with Store.create(store_path, PASSPHRASE, kdf=cheap_kdf(),
                      recovery_public=load_recovery_public(public)) as created:
        saved = add_person(created)
    office_key = load_recovery_private(private, "office passphrase 2026")
    with Store.recover(store_path, office_key, "coach forgot, new one") as recovered:
        with recovered.unit_of_work("office") as uow:
            assert uow.get(Participant, saved.id).first_name == "Zoë"
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE)
    Store.open(store_path, "coach forgot, new one").close()


def test_recovery_needs_the_right_office_key(tmp_path: Path, store: Store, store_path: Path) -> None:
    store.close()
    generate_recovery_key(tmp_path / "a.pem", tmp_path / "a.json", "office passphrase 2026")
    key = load_recovery_private(tmp_path / "a.pem", "office passphrase 2026")
    with pytest.raises(RecoveryError, match="no office recovery key"):
        Store.recover(store_path, key, "whatever new passphrase")
    with pytest.raises(RecoveryError, match="wrong office passphrase"):
        load_recovery_private(tmp_path / "a.pem", "not the office passphrase")
    generate_recovery_key(tmp_path / "b.pem", tmp_path / "b.json", "office passphrase 2026")
    with Store.open(store_path, PASSPHRASE) as opened:
        opened.set_recovery_key(load_recovery_public(tmp_path / "b.json"))
    with pytest.raises(RecoveryError, match="different office key"):
        Store.recover(store_path, key, "whatever new passphrase")


def test_missing_file_and_foreign_files_get_clear_errors(tmp_path: Path, store: Store, store_path: Path) -> None:
    with pytest.raises(StoreNotFound, match="no store at"):
        Store.open(tmp_path / "nowhere.iep", PASSPHRASE)
    with pytest.raises(StoreNotFound, match="no store at"):
        open_store(tmp_path / "nowhere.iep", PASSPHRASE)  # the app's unlock says the same
    plain = tmp_path / "notes.txt"
    plain.write_text("just a text file")
    with pytest.raises(NotAStore, match="key file notes.txt.keys is missing"):
        Store.open(plain, PASSPHRASE)
    store.close()
    # A store file paired with another store's key file.
    other = tmp_path / "other.iep"
    Store.create(other, PASSPHRASE, kdf=cheap_kdf()).close()
    keyfile_path(plain).write_bytes(keyfile_path(other).read_bytes())
    with pytest.raises(StoreCorrupt, match="does not open with its key"):
        Store.open(plain, PASSPHRASE)
    with pytest.raises(NotAStore, match="already exists"):
        Store.create(store_path, PASSPHRASE, kdf=cheap_kdf())


# -- nothing in plaintext --------------------------------------------------------------------

DISTINCTIVE = ["Quetzalcoatlina", "Xochiquetzalli", "Zyxwvutsrqpon", "Þórhildurdóttir"]


def test_no_participant_data_in_any_file_and_sqlite3_cannot_read(store: Store, store_path: Path) -> None:
    with store.unit_of_work("coach") as uow:
        for i, name in enumerate(DISTINCTIVE):
            p = uow.add(person(first_name=name, last_name=f"{name}son", ssn_last4="9876", email=f"{name}@example.org"))
            uow.add(CaseNote(participant_id=p.id, title=f"Intake for {name}", story=f"{name} came in {i}",
                             written_at=store.clock.now()))
    # Look at the files while the store is still open (WAL not yet checkpointed) and after closing.
    files_open = {p.name: p.read_bytes() for p in store_path.parent.iterdir() if p.is_file()}
    assert any(n.endswith("-wal") for n in files_open), "expected a write-ahead log while open"
    store.close()
    files_closed = {p.name: p.read_bytes() for p in store_path.parent.iterdir() if p.is_file()}
    for files in (files_open, files_closed):
        for file_name, data in files.items():
            for name in DISTINCTIVE:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    assert name.encode(encoding) not in data, f"{name} found in {file_name}"
                assert name.lower().encode() not in data.lower()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(store_path).execute("SELECT * FROM sqlite_master").fetchall()


# -- integrity and the audit chain ---------------------------------------------------------------

def test_verify_passes_on_a_healthy_store(store: Store) -> None:
    add_person(store)
    report = store.verify()
    assert report.ok, report.lines()
    assert report.audit.events == 1


def test_a_flipped_byte_is_detected(store: Store, store_path: Path) -> None:
    for i in range(30):
        add_person(store, first_name=f"Person{i}")
    store.checkpoint()
    store.close()
    data = bytearray(store_path.read_bytes())
    data[len(data) // 2] ^= 0x01
    store_path.write_bytes(bytes(data))
    with Store.open(store_path, PASSPHRASE) as damaged:
        report = damaged.verify()
    assert not report.ok
    assert report.cipher_integrity, "cipher_integrity_check must name the damaged page"


def _tamper(store: Store, sql: str) -> None:
    with store.engine.begin() as conn:
        for statement in sql.split(";"):
            conn.execute(text(statement))


@pytest.mark.parametrize("tamper, first_broken", [
    ("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3", 3),
    ("DELETE FROM audit_events WHERE seq = 2", 3),
    ("UPDATE audit_events SET seq = -1 WHERE seq = 2; UPDATE audit_events SET seq = 2 WHERE seq = 4;"
     " UPDATE audit_events SET seq = 4 WHERE seq = -1", 2),
])
def test_audit_tampering_is_found_at_the_first_broken_link(store: Store, tamper: str, first_broken: int) -> None:
    for i in range(5):
        add_person(store, first_name=f"Person{i}")
    assert store.verify().audit.ok
    _tamper(store, tamper)
    audit = store.verify().audit
    assert not audit.ok
    assert audit.broken_at == first_broken


def test_every_write_is_versioned_logged_and_audited(store: Store) -> None:
    saved = add_person(store)
    with store.unit_of_work("coach") as uow:
        edited = uow.update(saved.model_copy(update={"email": "zoe@example.org"}))
        unchanged = uow.update(edited)
    assert (saved.version, edited.version, unchanged.version) == (1, 2, 2)
    with store.engine.connect() as conn:
        log = conn.execute(select(changes).order_by(changes.c.seq)).mappings().all()
        events = conn.execute(select(audit_events).order_by(audit_events.c.seq)).mappings().all()
    assert [(c["base_version"], c["new_version"]) for c in log] == [(0, 1), (1, 2)]
    assert log[1]["fields"] == {"email": "zoe@example.org"}
    assert all(c["sync_state"] == "not_sent" for c in log)
    assert [e["action"] for e in events] == ["participant.add", "participant.update"]
    assert events[1]["before_digest"] == events[0]["after_digest"]


def test_failed_unit_of_work_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work("coach") as uow:
        uow.add(person())
        raise RuntimeError("power cut in the middle")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM participants")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM changes")).scalar() == 0


def test_append_only_and_immutable_fields_are_enforced(store: Store) -> None:
    saved = add_person(store)
    with store.unit_of_work("coach") as uow:
        note = uow.add(CaseNote(participant_id=saved.id, title="Intake", story="First visit",
                                written_at=store.clock.now()))
    with pytest.raises(InvalidInput, match="cannot be changed"), store.unit_of_work("coach") as uow:
        uow.update(note.model_copy(update={"story": "rewritten"}))


def test_search_ignores_accents_and_matches_prefixes_ids_and_dates(store: Store) -> None:
    from iep_desktop.services.participants import search_participants

    nguyen = add_person(store, first_name="Thị Lan", last_name="Nguyễn", date_of_birth=date(1988, 7, 4))
    add_person(store, first_name="Ирина", last_name="Петрова", ssn_last4="5555")
    with store.unit_of_work("coach") as uow:
        assert [p.id for p in search_participants(uow, "nguyen")] == [nguyen.id]
        assert [p.id for p in search_participants(uow, "NGU th")] == [nguyen.id]
        assert [p.id for p in search_participants(uow, "07/04/1988")] == [nguyen.id]
        assert [p.id for p in search_participants(uow, nguyen.id[:8])] == [nguyen.id]
        assert [p.last_name for p in search_participants(uow, "ири")] == ["Петрова"]
        assert [p.last_name for p in search_participants(uow, "5555")] == ["Петрова"]
        assert search_participants(uow, "zzz") == []
        assert search_participants(uow, '"*') == []
        assert len(search_participants(uow, "")) == 2


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_object": lambda obj, name, *a: not (name or "").startswith("participant_search")})
        assert compare_metadata(context, metadata) == []


def test_a_store_from_a_newer_app_is_refused_clearly(store: Store, store_path: Path) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'gone'"))
    store.close()
    # A schema this version does not know (made by a newer app) is reported, not touched.
    with pytest.raises(NotAStore, match="newer version of IEP Desktop"):
        Store.open(store_path, PASSPHRASE)


def test_closing_forgets_the_key_and_refuses_further_work_in_plain_words(store_path: Path) -> None:
    store = Store.create(store_path, PASSPHRASE, kdf=cheap_kdf())
    store.close()
    store.close()  # twice is harmless
    assert store.closed and store._key == b""
    with pytest.raises(StoreClosed, match="locked"):
        store.unit_of_work("coach").__enter__()
    with pytest.raises(StoreClosed):
        store.verify()
    Store.open(store_path, PASSPHRASE).close()  # the store itself is fine


def test_a_reader_neither_waits_for_nor_blocks_a_save(store: Store) -> None:
    import time

    with store.unit_of_work("coach") as uow:
        first = uow.add(Participant(first_name="Zoë", last_name="Brontë", program=Program.ADULT, board="default"))
    with store.unit_of_work("coach") as writer:  # a save in progress holds the write lock
        writer.add(Participant(first_name="Ana", last_name="Nguyễn", program=Program.ADULT, board="default"))
        started = time.perf_counter()
        with store.reading("coach") as reader:
            seen = [p.id for p in reader.list(Participant)]
        assert time.perf_counter() - started < 1.0  # no wait for the writer (busy_timeout is 10 s)
    assert seen == [first.id]  # the snapshot before the save committed
