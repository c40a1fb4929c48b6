"""Restoring the office hub from a backup (a review's findings): a lost laptop stays revoked, a crash
at any step leaves a hub that opens, a backup on a write-protected stick restores, and the person
restoring is told what the restore rolled back."""

from __future__ import annotations

from pathlib import Path

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
