"""The office's routine work: the request to send again after a restore, enrolling, the quarantine, the
folders the hub makes, short ids, sharing and conflicting flags. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import Participant
from iep_desktop.services import laptop_sync as laptop
from tests.conftest import cheap_kdf
from tests.test_office_restore import _restore, _usb
from tests.test_sync import OFFICE_PASS, edit, laptop_store, local, new_plan, sync


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


def test_enroll_refuses_to_overwrite_an_existing_file(tmp_path):
    from tests.test_cli import iep
    from tests.test_cli_office import OFFICE
    office_dir = tmp_path / "office"
    assert iep("central", "init", "--office-dir", str(office_dir), env=OFFICE).returncode == 0
    keys = office_dir / "office-keys.json"
    before = keys.read_bytes()
    result = iep("central", "enroll", "--office-dir", str(office_dir), "--device", "laptop-9", "--out", str(keys),
                 env=OFFICE)
    assert result.returncode == 2, result.stdout + result.stderr
    assert keys.read_bytes() == before


def test_an_enrollment_file_is_never_written_over_nor_into_the_office_folder(tmp_path, clock):
    from iep_desktop.errors import InvalidInput
    office_dir = tmp_path / "office"
    with Hub.init(office_dir, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        unused = tmp_path / "enroll.json"
        hub.enroll_device("laptop-1", unused, "it")
        before = unused.read_bytes()
        for out in (unused, office_dir / "laptop-2.json", tmp_path / "no-such-folder" / "e.json"):
            with pytest.raises(InvalidInput) as refused:
                hub.enroll_device("laptop-2", out, "it")
            assert "Nothing was changed" in str(refused.value) or "does not exist" in str(refused.value)
        assert unused.read_bytes() == before and not (office_dir / "laptop-2.json").exists()
        assert [d["name"] for d in hub.devices()] == ["laptop-1"]
        with pytest.raises(InvalidInput):
            hub.enroll_device("laptop-1", unused, "it", replace=True)
        assert [d["state"] for d in hub.devices()] == ["waiting for its first bundle"]


def _newer_bundle(tmp_path: Path, hub: Hub, clock, monkeypatch: pytest.MonkeyPatch):
    """A bundle set aside because it seemed made by a newer app; releasing it applies it."""
    from iep_desktop.central import ingest as ingest_mod
    from iep_desktop.store import migrate
    store = laptop_store(tmp_path, hub, "laptop-a", clock)
    new_plan(store, "coach")
    bundle = laptop.export(store, _usb(tmp_path, "laptop-a"), "coach").path
    known = migrate.known_revisions()
    with monkeypatch.context() as m:
        m.setattr(ingest_mod.migrate, "known_revisions", lambda: [r for r in known if r != migrate.head_revision()])
        assert hub.ingest(bundle.read_bytes(), "office").status == "quarantined"
    return store


def test_a_release_that_fails_leaves_the_bundle_in_the_quarantine_list(tmp_path, clock, monkeypatch):
    from sqlalchemy.exc import OperationalError
    from iep_desktop.central import ingest as ingest_mod, quarantine
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _newer_bundle(tmp_path, hub, clock, monkeypatch)
        (entry,) = quarantine.list_quarantine(hub.ctx)

        def disk_full(*_a, **_k):
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        with monkeypatch.context() as m:
            m.setattr(ingest_mod, "_apply_bundle", disk_full)
            with pytest.raises(OperationalError):
                quarantine.release(hub.ctx, entry["id"], "it")
        assert hub.status()["participants"] == 0
        assert [(q["id"], q["file_kept"]) for q in quarantine.list_quarantine(hub.ctx)] == [(entry["id"], True)]
        # Once the disk has room again, the same entry is released: applied, and gone with its file.
        assert quarantine.release(hub.ctx, entry["id"], "it").status == "applied"
        assert hub.status()["participants"] == 1 and quarantine.list_quarantine(hub.ctx) == []
        assert not quarantine.quarantine_file(hub.ctx, entry["digest"]).exists()
        store.close()


def test_a_release_set_aside_again_is_listed_once_with_its_file(tmp_path, clock, monkeypatch):
    from iep_desktop.central import quarantine
    from iep_desktop.store import migrate
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _newer_bundle(tmp_path, hub, clock, monkeypatch)
        (entry,) = quarantine.list_quarantine(hub.ctx)
        known = migrate.known_revisions()
        monkeypatch.setattr(migrate, "known_revisions", lambda: [r for r in known if r != migrate.head_revision()])
        assert quarantine.release(hub.ctx, entry["id"], "it").status == "quarantined"
        (again,) = quarantine.list_quarantine(hub.ctx)
        assert again["digest"] == entry["digest"] and again["file_kept"]
        store.close()


@pytest.mark.parametrize("typed", ["%%%%%%%%", "________", "%", "58f87641%", "58f8_641-"])
def test_a_participant_id_made_of_wildcards_is_refused_and_changes_nothing(tmp_path, clock, typed):
    from iep_desktop.central.lookup import resolve_participant_id
    from iep_desktop.errors import IepError
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = laptop_store(tmp_path, hub, "laptop-a", clock)
        person, *_ = new_plan(store, "coach")
        sync(store, hub, "laptop-a", tmp_path)
        with pytest.raises(IepError, match="not a participant id"):
            resolve_participant_id(hub.ctx, typed.replace("58f87641", person.id[:8]).replace("58f8", person.id[:4]))
        with pytest.raises(IepError, match="not a participant id"):
            hub.share("laptop-a", "%" * 8, "it")
        assert resolve_participant_id(hub.ctx, f" {person.id[:8].upper()} ") == person.id
        store.close()


def test_on_the_laptop_too_a_wildcard_id_names_nobody(tmp_path, clock):
    from iep_desktop.errors import NotFound
    from iep_desktop.services.participants import resolve_participant_id
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = laptop_store(tmp_path, hub, "laptop-a", clock)
        person, *_ = new_plan(store, "coach")
        with store.unit_of_work("coach") as uow:
            for typed in ("%%%%%%%%", "________", person.id[:7] + "%"):
                with pytest.raises(NotFound):
                    resolve_participant_id(uow, typed)
            assert resolve_participant_id(uow, person.id[:8]) == person.id
        store.close()


def test_sharing_a_participant_with_a_revoked_laptop_is_refused(tmp_path, clock):
    from iep_desktop.central.tables import device_participants
    from iep_desktop.errors import IepError
    from sqlalchemy import func, select
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a = laptop_store(tmp_path, hub, "laptop-a", clock)
        b = laptop_store(tmp_path, hub, "laptop-b", clock)
        person, *_ = new_plan(a, "coach")
        sync(a, hub, "laptop-a", tmp_path)
        sync(b, hub, "laptop-b", tmp_path)
        hub.revoke("laptop-b", "it")

        def shares() -> int:
            with hub.engine.connect() as conn:
                return conn.execute(select(func.count()).select_from(device_participants)).scalar_one()
        before = shares()
        with pytest.raises(IepError, match="revoked"):
            hub.share("laptop-b", person.id, "it")
        assert shares() == before
        a.close()
        b.close()


@pytest.mark.parametrize("flags", [("conflicts", "--resolve", "1", "--keep", "hub", "--reopen", "1"),
                                   ("conflicts", "--resolve", "1", "--keep", "hub", "--resolved"),
                                   ("quarantine", "--release", "1", "--delete", "1")])
def test_two_actions_at_once_are_refused_before_the_hub_is_opened(tmp_path, flags):
    from tests.test_cli import iep
    from tests.test_cli_office import OFFICE
    office_dir = tmp_path / "office"
    assert iep("central", "init", "--office-dir", str(office_dir), env=OFFICE).returncode == 0
    before = {p.name: p.read_bytes() for p in office_dir.iterdir() if p.is_file()}
    result = iep("central", flags[0], "--office-dir", str(office_dir), *flags[1:], env=OFFICE)
    assert result.returncode == 2 and "not allowed with argument" in result.stderr, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert {p.name: p.read_bytes() for p in office_dir.iterdir() if p.is_file()} == before
