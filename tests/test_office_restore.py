"""Restoring the office hub from a backup: a lost laptop stays revoked, a crash
at any step leaves a hub that opens, a backup on a write-protected stick restores, and the person
restoring is told what the restore rolled back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iep_desktop.central.backup import restore_file
from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import Participant
from iep_desktop.services import laptop_sync as laptop
from tests.conftest import cheap_kdf
from tests.test_sync import OFFICE_PASS, edit, laptop_store, new_plan, sync


def _usb(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name / "usb"
    out.mkdir(exist_ok=True)
    return out


def _restore(office_dir: Path, backup: Path, clock) -> Hub:
    restore_file(office_dir, OFFICE_PASS, backup)
    hub = Hub.open(office_dir, OFFICE_PASS, clock=clock)
    hub.mark_restored("it")
    return hub


def test_a_restore_from_a_backup_older_than_a_revocation_keeps_the_lost_laptop_revoked(tmp_path: Path, clock) -> None:
    office_dir = tmp_path / "office"
    hub = Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf())
    store = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, *_ = new_plan(store, "coach")
    sync(store, hub, "laptop-a", tmp_path)
    monday = hub.backup(tmp_path / "monday.iephub")
    hub.revoke("laptop-a", "it")
    hub.close()
    hub = _restore(office_dir, monday, clock)
    try:
        edit(store, "thief", Participant, person.id, phone="555-6666")
        bundle = laptop.export(store, _usb(tmp_path, "laptop-a"), "thief").path
        result = hub.ingest(bundle.read_bytes(), "office")
        assert result.status == "quarantined", result.line()
        assert hub.record("participant", person.id).phone != "555-6666"
    finally:
        hub.close()
        store.close()


def test_a_crash_in_the_middle_of_a_restore_leaves_the_old_hub_or_the_new_one(tmp_path, clock, monkeypatch):
    from iep_desktop.central import backup as backup_mod
    office_dir = tmp_path / "office"
    with Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        monday = hub.backup(tmp_path / "monday.iephub")
    real_replace = os.replace

    def crash_before_the_backup_goes_in(src, dst):
        if Path(str(src)).name.startswith(".iep-partial-") and Path(str(dst)).name == "hub.iephub":
            raise KeyboardInterrupt
        real_replace(src, dst)
    monkeypatch.setattr(backup_mod.os, "replace", crash_before_the_backup_goes_in)
    with pytest.raises(KeyboardInterrupt):
        restore_file(office_dir, OFFICE_PASS, monday)
    monkeypatch.setattr(backup_mod.os, "replace", real_replace)
    assert (office_dir / "hub.iephub").exists(), sorted(p.name for p in office_dir.iterdir())
    Hub.open(office_dir, OFFICE_PASS, clock=clock).close()


_LATE_ENROLLMENT = """
import os, sys
from pathlib import Path
from iep_desktop.central.hub import Hub
hub = Hub.open(Path(sys.argv[1]), sys.argv[2])
hub.enroll_device("laptop-late", Path(sys.argv[3]), "it")
os._exit(0)  # the hub process dies: what it wrote is still in hub.iephub-wal
"""


def _office_whose_last_change_is_only_in_its_wal(tmp_path: Path, clock) -> tuple[Path, Path]:
    """An office with a backup, and after it a laptop enrolled by a hub process that died before its
    -wal went into the hub file: a restore that loses the -wal loses that enrollment."""
    import subprocess
    import sys

    office_dir = tmp_path / "template"
    with Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        monday = hub.backup(tmp_path / "monday.iephub")
    subprocess.run([sys.executable, "-c", _LATE_ENROLLMENT, str(office_dir), OFFICE_PASS, str(tmp_path / "late.json")],
                   check=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert (office_dir / "hub.iephub-wal").stat().st_size > 0
    return office_dir, monday


def _laptops(office_dir: Path, clock) -> list[str]:
    with Hub.open(office_dir, OFFICE_PASS, clock=clock) as hub:
        return [d["name"] for d in hub.devices()]


def test_a_crash_at_any_step_of_a_restore_leaves_the_old_hub_or_the_restored_one(tmp_path, clock, monkeypatch):
    """Every rename and removal the restore makes is, in turn, where it dies; the office then opens
    either the old hub (with what was only in its -wal) or the restored one, never nothing, never a mix."""
    import shutil

    from iep_desktop.central import backup as backup_mod

    template, monday = _office_whose_last_change_is_only_in_its_wal(tmp_path, clock)
    real = {"replace": os.replace, "unlink": os.unlink}
    steps: list[str] = []

    def watched(name: str, crash_at: int | None):
        def call(*args, **kwargs):
            steps.append(f"{name} {Path(str(args[0])).name}")
            if crash_at is not None and len(steps) == crash_at + 1:
                raise KeyboardInterrupt
            return real[name](*args, **kwargs)
        return call

    def restore(office_dir: Path, crash_at: int | None) -> None:
        steps.clear()
        shutil.copytree(template, office_dir)
        for name in real:
            monkeypatch.setattr(backup_mod.os, name, watched(name, crash_at))
        try:
            restore_file(office_dir, OFFICE_PASS, monday)
        finally:
            for name, function in real.items():
                monkeypatch.setattr(backup_mod.os, name, function)

    restore(tmp_path / "whole", None)
    everything = list(steps)
    assert _laptops(tmp_path / "whole", clock) == []  # the restored hub: the backup had no laptop
    assert len(everything) >= 3, everything
    for crash_at, step in enumerate(everything):
        office_dir = tmp_path / f"crash-{crash_at}"
        with pytest.raises(KeyboardInterrupt):
            restore(office_dir, crash_at)
        assert (office_dir / "hub.iephub").exists(), (step, sorted(p.name for p in office_dir.iterdir()))
        assert _laptops(office_dir, clock) in (["laptop-late"], []), step


def test_the_hub_kept_by_a_restore_holds_what_was_only_in_its_wal(tmp_path: Path, clock) -> None:
    import shutil

    template, monday = _office_whose_last_change_is_only_in_its_wal(tmp_path, clock)
    office_dir = tmp_path / "office"
    shutil.copytree(template, office_dir)
    kept = restore_file(office_dir, OFFICE_PASS, monday).kept
    assert kept == office_dir / "hub.iephub.before-restore-1"
    assert kept.stat().st_mode & 0o077 == 0
    assert (office_dir / "hub.iephub").exists()
    assert not (office_dir / "hub.iephub-wal").exists()
    back = tmp_path / "back"  # the kept file, put back as the hub, is the old hub with its last change
    back.mkdir()
    shutil.copy(office_dir / "office-keys.json", back)
    shutil.copy(kept, back / "hub.iephub")
    assert _laptops(back, clock) == ["laptop-late"]


@pytest.mark.parametrize("made_by", ["this version", "an older version"])
def test_a_backup_on_a_write_protected_stick_restores(tmp_path: Path, clock, made_by: str) -> None:
    """The backup is copied off the stick and only the copy is opened; and a backup is left in a
    journal mode that needs nothing written beside it (older versions left it in WAL mode, which does)."""
    import subprocess

    from iep_desktop.store.engine import connect

    office_dir = tmp_path / "office"
    stick = tmp_path / "stick"
    stick.mkdir()
    with Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        monday = hub.backup(stick / "monday.iephub")
        key = hub.keys.hub_db_key
    if made_by == "an older version":
        connect(monday, key).close()  # what an older backup's check left: the file in WAL mode
        assert _journal_mode(monday, key) == "wal"
    else:
        assert _journal_mode(monday, key) == "delete"
    assert sorted(p.name for p in stick.iterdir()) == ["monday.iephub"]
    if subprocess.run(["chattr", "+i", str(stick)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        restore_file(office_dir, OFFICE_PASS, monday)
    finally:
        subprocess.run(["chattr", "-i", str(stick)], check=True)
    Hub.open(office_dir, OFFICE_PASS, clock=clock).close()


def test_a_laptop_replaced_after_the_backup_keeps_its_old_keys_revoked(tmp_path: Path, clock) -> None:
    """'enroll --replace' revokes the old keys; the backup, older, trusts them: the restore says so and keeps
    them revoked."""
    office_dir = tmp_path / "office"
    hub = Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf())
    store = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, *_ = new_plan(store, "coach")
    sync(store, hub, "laptop-a", tmp_path)
    monday = hub.backup(tmp_path / "monday.iephub")
    hub.enroll_device("laptop-a", tmp_path / "again.json", "it", replace=True)
    hub.close()
    restored = restore_file(office_dir, OFFICE_PASS, monday, actor="it")
    assert restored.revoked_again == ["laptop-a"] and not restored.replaced_unread
    hub = Hub.open(office_dir, OFFICE_PASS, clock=clock)
    try:
        hub.mark_restored("it")
        assert [d["state"] for d in hub.devices()] == ["revoked"]
        edit(store, "thief", Participant, person.id, phone="555-6666")
        bundle = laptop.export(store, _usb(tmp_path, "laptop-a"), "thief").path
        assert hub.ingest(bundle.read_bytes(), "office").status == "quarantined"
        assert hub.record("participant", person.id).phone != "555-6666"
    finally:
        hub.close()
        store.close()


def test_iep_central_restore_keeps_a_revoked_laptop_revoked_and_says_so(tmp_path: Path) -> None:
    import json

    from tests.test_cli_office import Office

    office = Office(tmp_path)
    office.set_up(participants=1)
    backup = tmp_path / "monday.iephub"
    office.central("backup", "--out", str(backup))
    office.central("revoke", "--device", office.laptop)
    restored = office.central("restore", "--from", str(backup))
    assert f"Kept revoked, as in the hub that was replaced (the backup still trusted them): {office.laptop}." \
        in restored.stdout, restored.stdout
    (device,) = json.loads(office.central("devices", "--json").stdout)
    assert device["state"] == "revoked"
    ingest = office.central("ingest", str(office.export()), ok=False)
    assert ingest.returncode == 1 and "revoked" in ingest.stdout, ingest.stdout


def _journal_mode(path: Path, key: bytes) -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_a_file_that_is_not_this_offices_backup_is_refused_by_its_name_and_changes_nothing(tmp_path, clock):
    from iep_desktop.errors import InvalidInput

    office_dir = tmp_path / "office"
    Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf()).close()
    before = {p.name: p.read_bytes() for p in office_dir.iterdir()}
    junk = tmp_path / "junk.iephub"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(InvalidInput, match="junk.iephub is not a backup of this office's hub"):
        restore_file(office_dir, OFFICE_PASS, junk)
    assert {p.name: p.read_bytes() for p in office_dir.iterdir()} == before


def test_a_restore_says_what_it_rolls_back(tmp_path: Path, clock) -> None:
    """An office edit, a bundle taken in and a laptop enrolled after the backup are not in it: the
    restore names them, rather than rolling them back without a word."""
    office_dir = tmp_path / "office"
    hub = Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf())
    store = laptop_store(tmp_path, hub, "laptop-a", clock)
    try:
        person, *_ = new_plan(store, "coach")
        sync(store, hub, "laptop-a", tmp_path)
        up_to_date = hub.backup(tmp_path / "up-to-date.iephub")
        hub.close()
        nothing = restore_file(office_dir, OFFICE_PASS, up_to_date).rolled_back
        assert nothing is not None and nothing.nothing, nothing
        hub = Hub.open(office_dir, OFFICE_PASS, clock=clock)
        monday = hub.backup(tmp_path / "monday.iephub")
        hub.update_record("participant", person.id, {"email": "office@example.org"}, "dana.office")
        edit(store, "coach", Participant, person.id, phone="555-0142")
        sync(store, hub, "laptop-a", tmp_path)
        hub.enroll_device("laptop-b", tmp_path / "b.json", "it")
        hub.close()
        lost = restore_file(office_dir, OFFICE_PASS, monday).rolled_back
        assert lost is not None
        assert (lost.bundles, lost.laptops) == (1, ["laptop-b"]), lost
        assert lost.office_actions >= 2, lost  # the office's edit and the enrollment, at least
    finally:
        hub.close()
        store.close()


def test_iep_central_restore_prints_what_it_rolls_back(tmp_path: Path) -> None:
    from tests.test_cli_office import Office

    office = Office(tmp_path)
    office.set_up(participants=1)
    backup = tmp_path / "monday.iephub"
    office.central("backup", "--out", str(backup))
    office.central("enroll", "--device", "fair-laptop-9", "--out", str(tmp_path / "nine.json"))
    restored = office.central("restore", "--from", str(backup)).stdout
    assert "Rolled back by this restore" in restored and "to enroll again: fair-laptop-9" in restored, restored
