"""Full disk and write errors: a failed save changes nothing, says so plainly, and the next works.

Two ways to make writes fail:

- a real full disk: a 4 MiB tmpfs mounted for the test and filled up, so writes fail with
  ENOSPC exactly as on a full laptop disk or USB stick (needs root; skipped otherwise);
- a file-size limit (RLIMIT_FSIZE) in a child process, so the write that grows a file past it
  fails with EFBIG, as on a FAT32 stick at 4 GiB or under a disk quota (runs everywhere).

Every failure must reach the coach as the app's own one-line error (StorageFull or StorageError),
never as a raw database or OS exception.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import CaseNote
from iep_desktop.errors import IepError, StorageFull
from iep_desktop.services import notes
from iep_desktop.store.store import Store
from iep_desktop.store.tables import RECORD_TABLES, changes, meta
from iep_desktop.services import laptop_sync as laptop
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.reliability._support import HELPERS, ROOT, child_env, iep, one_clean_line, record, save_plan

OFFICE_PASS = "office passphrase for disk tests"


# -- a small disk -------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of our own, so filling it up harms nothing else."""
    point = tmp_path / "disk"
    point.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; the RLIMIT_FSIZE tests below cover failed writes")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); the RLIMIT_FSIZE tests cover failed writes")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk to the last byte, then give back ``leave`` bytes; returns the filler file."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 1 << 12):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def new_store(folder: Path) -> tuple[Store, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf())
    return store, store._key


def ids_and_counts(store: Store) -> tuple[set[str], list[int]]:
    with store.engine.connect() as conn:
        ids = set(conn.execute(select(RECORD_TABLES["participant"].c.id)).scalars())
        counts = [conn.execute(select(func.count()).select_from(RECORD_TABLES[k])).scalar_one()
                  for k in ("participant", "plan", "goal", "objective")]
    return ids, counts


def assert_whole(path: Path, key: bytes, present: set[str], absent: set[str]) -> None:
    """Reopened: verify passes, the saves are there, the failed ones are not, none half-saved."""
    with Store.open_with_key(path, key) as store:
        report = store.verify()
        assert report.ok, report.lines()
        ids, counts = ids_and_counts(store)
    assert present <= ids and not (absent & ids)
    assert counts == [len(ids)] * 4, counts


def save(store: Store, participant_id: str | None = None) -> str:
    with store.unit_of_work("coach") as uow:
        return save_plan(uow, participant_id)


# -- saving on a full disk ----------------------------------------------------------------------

def test_a_save_on_a_full_disk_rolls_back_says_so_in_plain_words_and_works_once_space_is_freed(
        small_disk: Path) -> None:
    store, key = new_store(small_disk / "store")
    first = save(store)
    store.checkpoint()
    filler = fill(small_disk)
    failed = set()
    for _ in range(3):  # failing again and again does no harm either
        attempt = str(uuid.uuid4())
        with pytest.raises(StorageFull) as caught:
            save(store, attempt)
        failed.add(attempt)
        message = str(caught.value)
        assert "disk is full" in message and "nothing was saved" in message and "\n" not in message
    assert ids_and_counts(store) == ({first}, [1, 1, 1, 1])  # reading still works, nothing half-saved
    filler.unlink()
    after = save(store)
    store.close()
    assert_whole(small_disk / "store" / "coach.iep", key, {first, after}, failed)
    record("full_disk.save", {"filesystem": "tmpfs 4 MiB, filled (ENOSPC)", "failed_saves": len(failed),
                              "error": "StorageFull", "message": message, "after_freeing": "saved, verify ok"})


def test_a_big_save_on_a_full_disk_also_says_the_disk_is_full(small_disk: Path) -> None:
    store, _key = new_store(small_disk / "store")
    person = save(store)
    store.checkpoint()
    fill(small_disk)
    story = "Long story about the job search. " * 600  # ~20 KB per note, 600 notes: well past the page cache
    try:
        with pytest.raises(StorageFull):
            with store.unit_of_work("coach") as uow:
                for _ in range(600):
                    notes.add_case_note(uow, CaseNote(participant_id=person, title="Visit", story=story,
                                                      written_at=datetime.now(timezone.utc)))
    finally:
        store.close()


# -- opening on a full disk ---------------------------------------------------------------------

def test_opening_a_store_on_a_full_disk_says_the_disk_is_full_not_that_the_store_is_damaged(
        small_disk: Path) -> None:
    store, key = new_store(small_disk / "store")
    save(store)
    store.close()
    fill(small_disk)
    with pytest.raises(IepError) as caught:
        Store.open_with_key(small_disk / "store" / "coach.iep", key).close()
    assert "full" in str(caught.value).lower() and "damaged" not in str(caught.value).lower()


def test_a_store_that_will_not_open_on_a_full_disk_is_intact_once_space_is_freed(small_disk: Path) -> None:
    store, key = new_store(small_disk / "store")
    person = save(store)
    store.close()
    filler = fill(small_disk)
    path = small_disk / "store" / "coach.iep"
    with pytest.raises(IepError) as caught:  # refused with one line
        Store.open_with_key(path, key).close()
    assert "\n" not in str(caught.value)
    filler.unlink()
    assert_whole(path, key, {person}, set())
    record("full_disk.open", {"error": type(caught.value).__name__, "message": str(caught.value),
                              "after_freeing": "opens, verify ok"})


def test_the_cli_on_a_full_disk_exits_5_with_one_plain_line_and_changes_nothing(
        small_disk: Path, tmp_path: Path) -> None:
    store, key = new_store(small_disk / "store")
    person = save(store)
    store.close()
    path = small_disk / "store" / "coach.iep"
    # Room for the -shm file (32 KiB) that every open needs, none for the data.
    filler = fill(small_disk, leave=48 * 1024)
    env = child_env(IEP_PASSPHRASE=PASSPHRASE, IEP_STATE_DIR=tmp_path / "state", TMPDIR=tmp_path)
    result = iep("demo", "--db", path, "--participants", "30", env=env)
    line = one_clean_line(result)
    assert result.returncode == 5, result.stderr
    assert "disk is full" in line
    filler.unlink()
    assert_whole(path, key, {person}, set())
    assert iep("verify", "--db", path, env=env).returncode == 0
    record("full_disk.cli", {"command": "iep demo", "exit_code": result.returncode, "stderr": line})


# -- exporting to a full folder -----------------------------------------------------------------

def enrolled_laptop(tmp_path: Path) -> tuple[Store, Hub]:
    hub = Hub.init(tmp_path / "office", OFFICE_PASS, kdf=cheap_kdf())
    store, _ = new_store(tmp_path / "laptop")
    hub.enroll_device("laptop-a", tmp_path / "enroll.json", "it")
    laptop.enroll(store, tmp_path / "enroll.json", "coach", hub.office_fingerprint)
    save(store)
    return store, hub


def sync_state(store: Store) -> tuple[str, list[str]]:
    with store.engine.connect() as conn:
        sequence = conn.execute(select(meta.c.value).where(meta.c.key == "sync.sequence")).scalar_one()
        states = sorted(conn.execute(select(changes.c.sync_state)).scalars())
    return sequence, states


def test_an_export_to_a_full_folder_leaves_nothing_behind_and_works_once_space_is_freed(
        small_disk: Path, tmp_path: Path) -> None:
    store, hub = enrolled_laptop(tmp_path)
    usb = small_disk / "usb"
    usb.mkdir()
    before = sync_state(store)
    filler = fill(small_disk)
    with pytest.raises((IepError, OSError)) as caught:
        laptop.export(store, usb, "coach")
    assert list(usb.iterdir()) == []  # no partial bundle, no temp file
    assert sync_state(store) == before  # nothing marked as sent
    filler.unlink()
    result = laptop.export(store, usb, "coach")
    assert [p.name for p in usb.iterdir()] == [result.path.name]
    assert hub.ingest(result.path.read_bytes(), "office").status == "applied"
    store.close()
    hub.close()
    record("full_disk.export", {"error": f"{type(caught.value).__name__}: {caught.value}",
                                "files_left": 0, "after_freeing": "exported, ingested"})


def test_an_export_to_a_full_folder_tells_the_coach_the_disk_is_full(small_disk: Path, tmp_path: Path) -> None:
    store, hub = enrolled_laptop(tmp_path)
    store.close()
    hub.close()
    usb = small_disk / "usb"
    usb.mkdir()
    fill(small_disk)
    env = child_env(IEP_PASSPHRASE=PASSPHRASE, IEP_STATE_DIR=tmp_path / "state", TMPDIR=tmp_path)
    result = iep("export", "--db", tmp_path / "laptop" / "coach.iep", "--out", usb, env=env)
    line = one_clean_line(result)
    record("full_disk.export_cli", {"exit_code": result.returncode, "stderr": line})
    assert result.returncode == 5 and "disk is full" in line.lower()


# -- a write error (EFBIG) ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def write_error(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A child saves plans until a write fails at the file-size limit, then once more without it."""
    folder = tmp_path_factory.mktemp("fsize")
    store, key = new_store(folder / "store")
    first = save(store)
    store.close()
    path = folder / "store" / "coach.iep"
    env = child_env(IEP_TEST_KEY=key.hex(), IEP_STATE_DIR=folder / "state", TMPDIR=folder)
    done = subprocess.run([sys.executable, str(HELPERS / "fsize_save.py"), str(path), str(128 * 1024)],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return {"path": path, "key": key, "first": first, "lines": lines, "stderr": done.stderr}


def test_a_save_that_hits_a_write_error_rolls_back_and_works_once_the_limit_is_gone(
        write_error: dict[str, object]) -> None:
    lines = write_error["lines"]
    saved = {d["saved"] for d in lines if "saved" in d}  # type: ignore[union-attr]
    failed = [d for d in lines if "failed" in d]  # type: ignore[union-attr]
    after = [d for d in lines if "after" in d]  # type: ignore[union-attr]
    assert len(failed) == 1, lines
    assert after, f"the save after lifting the limit failed: {lines[-1]}"
    assert failed[0]["lines"] <= 2  # one line (sqlalchemy adds its background link)
    assert_whole(write_error["path"], write_error["key"],  # type: ignore[arg-type]
                 {write_error["first"], *saved, after[0]["after"]}, {failed[0]["failed"]})  # type: ignore[arg-type]
    record("write_error.save", {"limit": "RLIMIT_FSIZE 128 KiB (EFBIG)", "saves_before_the_error": len(saved),
                                "error": failed[0]["error"], "message": failed[0]["message"],
                                "after_lifting_the_limit": "saved, verify ok"})


def test_a_save_that_hits_a_write_error_tells_the_coach_in_plain_words(write_error: dict[str, object]) -> None:
    failed = [d for d in write_error["lines"] if "failed" in d]  # type: ignore[union-attr]
    assert failed and failed[0]["iep_error"], failed
