"""Findings of a review of the office's routine work: a restore, enrolling, the quarantine, the
folders the hub makes, short ids, sharing and conflicting flags. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path


from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import Participant
from iep_desktop.services import laptop_sync as laptop
from tests.conftest import cheap_kdf
from tests.test_sync import OFFICE_PASS, edit, laptop_store, local, new_plan, sync


def _usb(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name / "usb"
    out.mkdir(exist_ok=True)
    return out


def _restore(office_dir: Path, backup: Path, clock) -> Hub:
    from iep_desktop.central.backup import restore_file
    restore_file(office_dir, OFFICE_PASS, backup)
    hub = Hub.open(office_dir, OFFICE_PASS, clock=clock)
    hub.mark_restored("it")
    return hub


def test_a_restored_hub_still_asks_for_everything_when_two_bundles_come_before_its_return(tmp_path, clock):
    office_dir = tmp_path / "office"
    hub = Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf())
    store = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, *_ = new_plan(store, "coach")
    sync(store, hub, "laptop-a", tmp_path)
    monday = hub.backup(tmp_path / "monday.iephub")
    edit(store, "coach", Participant, person.id, phone="555-0142")
    sync(store, hub, "laptop-a", tmp_path)
    hub.close()
    hub = _restore(office_dir, monday, clock)
    try:
        usb = _usb(tmp_path, "laptop-a")
        for day in (1, 2):
            if day == 2:
                edit(store, "coach", Participant, person.id, email="pat@example.org")
            bundle = laptop.export(store, usb, "coach").path
            assert hub.ingest(bundle.read_bytes(), "office").status == "applied"
        sync(store, hub, "laptop-a", tmp_path)
        sync(store, hub, "laptop-a", tmp_path)
        assert local(store, Participant, person.id).phone == "555-0142"
        assert hub.record("participant", person.id).phone == "555-0142"
    finally:
        hub.close()
        store.close()
