"""A laptop taking in what the office sends back: a folder of returns with an old one left on the
stick, a laptop enrolled again with a conflict waiting, enrollment that cannot write its key file,
and a signed return with a record the laptop cannot take in."""

from __future__ import annotations

from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import Participant
from iep_desktop.services import laptop_sync as laptop
from tests.conftest import cheap_kdf
from tests.test_sync import new_plan
from tests.test_trust import _laptop

OFFICE_PASS = "office passphrase for review tests"


def _export_ingest(store, hub, name, tmp_path):
    out = tmp_path / name / "usb"
    out.mkdir(parents=True, exist_ok=True)
    return hub.ingest(laptop.export(store, out, name).path.read_bytes(), "office")


def test_import_return_of_a_folder_is_not_stopped_by_an_older_return_left_on_the_stick(
        tmp_path, clock, monkeypatch, capsys):
    from iep_desktop import cli
    from iep_desktop.store.store import Store
    from tests.conftest import PASSPHRASE
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        db = store.path
        person, *_ = new_plan(store, "coach")
        assert _export_ingest(store, hub, "laptop-1", tmp_path).status == "applied"
        usb, other = tmp_path / "usb", tmp_path / "other-stick"
        usb.mkdir()
        other.mkdir()
        hub.make_return("laptop-1", usb, "office")
        two, _ = hub.make_return("laptop-1", other, "office")
        laptop.import_return(store, two, "coach")
        assert _export_ingest(store, hub, "laptop-1", tmp_path).status == "applied"
        hub.update_record("participant", person.id, {"phone": "555-0177"}, "dana.office")
        hub.make_return("laptop-1", usb, "office")
        store.close()
    monkeypatch.setenv("IEP_PASSPHRASE", PASSPHRASE)
    code = cli.main(["import-return", "--db", str(db), str(usb)])
    out = capsys.readouterr()
    with Store.open(db, PASSPHRASE, clock=clock) as reopened, reopened.reading("x") as uow:
        phone = uow.get(Participant, person.id).phone
        taken = uow.meta("sync.return_sequence")
    assert (taken, phone) == ("3", "555-0177"), (code, out.out, out.err)
    assert code == 0, out.err
    assert "Return bundle 1 is older than return bundle 2, which this laptop already took in: it is not " \
           "needed and was skipped; nothing changed." in out.out
    assert "Imported return bundle 3" in out.out and out.err == ""


def test_a_folder_return_with_a_bad_signature_is_reported_not_skipped_and_the_next_still_comes_in(
        tmp_path, clock, monkeypatch, capsys):
    """The number in a return's header is believed only once the office's signature is checked:
    a damaged old return is a failure to report (exit non-zero), not a return "not needed"; the
    returns after it still come in."""
    from iep_desktop import cli
    from iep_desktop.store.store import Store
    from tests.conftest import PASSPHRASE
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        db = store.path
        person, *_ = new_plan(store, "coach")
        _export_ingest(store, hub, "laptop-1", tmp_path)
        usb, other = tmp_path / "usb", tmp_path / "other-stick"
        usb.mkdir()
        other.mkdir()
        one, _ = hub.make_return("laptop-1", usb, "office")
        two, _ = hub.make_return("laptop-1", other, "office")
        laptop.import_return(store, two, "coach")
        _export_ingest(store, hub, "laptop-1", tmp_path)
        hub.update_record("participant", person.id, {"phone": "555-0178"}, "dana.office")
        hub.make_return("laptop-1", usb, "office")
        store.close()
    data = bytearray(one.read_bytes())
    data[-1] ^= 0x01
    one.write_bytes(bytes(data))
    monkeypatch.setenv("IEP_PASSPHRASE", PASSPHRASE)
    code = cli.main(["import-return", "--db", str(db), str(usb)])
    out = capsys.readouterr()
    with Store.open(db, PASSPHRASE, clock=clock) as reopened, reopened.reading("x") as uow:
        phone = uow.get(Participant, person.id).phone
        taken = uow.meta("sync.return_sequence")
    assert (taken, phone) == ("3", "555-0178"), (code, out.out, out.err)
    assert code != 0 and "skipped" not in out.out
    assert f"iep: {one.name}: " in out.err and "1 of the 2 return bundles" in out.err
    assert "Imported return bundle 3" in out.out


def _a_conflict_waiting(tmp_path, hub, clock):
    """Laptop-1's phone edit of its participant waits in the office's conflict queue."""
    from tests.test_sync import sync
    store = _laptop(tmp_path, hub, "laptop-1", clock)
    person, *_ = new_plan(store, "coach")
    sync(store, hub, "laptop-1", tmp_path)
    hub.update_record("participant", person.id, {"phone": "555-0101"}, "dana.office")
    with store.unit_of_work("coach") as uow:
        uow.update(uow.get(Participant, person.id).model_copy(update={"phone": "555-0202"}))
    sync(store, hub, "laptop-1", tmp_path)
    return store, person


def _enrolled_again(tmp_path, hub, store):
    again = tmp_path / "enroll-again.json"
    hub.enroll_device("laptop-1", again, "it", replace=True)
    laptop.enroll(store, again, "coach", hub.office_fingerprint)


def test_a_conflict_waiting_on_a_laptop_that_was_enrolled_again_is_still_decided(tmp_path, clock):
    from tests.test_sync import sync
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store, person = _a_conflict_waiting(tmp_path, hub, clock)
        (conflict,) = hub.open_conflicts()
        with store.reading("x") as uow:
            assert laptop.sync_counts(uow)[laptop.CONFLICT] == 1
        _enrolled_again(tmp_path, hub, store)
        sync(store, hub, "laptop-1", tmp_path)
        # The waiting change went out again: the new enrollment has its own conflict for it.
        assert [c["change_id"] for c in hub.open_conflicts()] == [conflict["change_id"]] * 2
        hub.resolve(conflict["id"], "hub", "dana.office")
        assert hub.open_conflicts() == []  # one decision answers both; none is left to decide again
        sync(store, hub, "laptop-1", tmp_path)
        sync(store, hub, "laptop-1", tmp_path)
        with store.reading("x") as uow:
            counts = laptop.sync_counts(uow)
            phone = uow.get(Participant, person.id).phone
        assert (counts[laptop.CONFLICT], phone) == (0, "555-0101")
        assert hub.open_conflicts() == []


def test_taking_the_laptops_value_for_the_new_enrollments_conflict_settles_the_old_one_once(tmp_path, clock):
    from sqlalchemy import select

    from iep_desktop.central.tables import HUB_RECORDS, hub_audit
    from tests.test_sync import sync
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store, person = _a_conflict_waiting(tmp_path, hub, clock)
        _enrolled_again(tmp_path, hub, store)
        sync(store, hub, "laptop-1", tmp_path)
        _old, new = hub.open_conflicts()
        people = HUB_RECORDS["participant"]
        with hub.engine.connect() as conn:
            version = conn.execute(select(people.c.version).where(people.c.id == person.id)).scalar()
        hub.resolve(new["id"], "device", "dana.office")
        sync(store, hub, "laptop-1", tmp_path)
        with hub.engine.connect() as conn:
            after = conn.execute(select(people.c.version, people.c.phone).where(people.c.id == person.id)).one()
            decisions = conn.execute(select(hub_audit.c.action).where(hub_audit.c.record_id == person.id,
                                                                      hub_audit.c.action.like("hub.resolve.%"))).all()
        assert hub.open_conflicts() == [] and len(decisions) == 1
        assert (after.version, after.phone) == (version + 1, "555-0202")  # the laptop's value, set once
        with store.reading("x") as uow:
            counts = laptop.sync_counts(uow)
            phone = uow.get(Participant, person.id).phone
        assert (counts[laptop.CONFLICT], counts[laptop.SENT], phone) == (0, 0, "555-0202")


def test_an_enrollment_whose_recovery_key_cannot_be_written_leaves_the_laptop_as_it_was(
        tmp_path, clock, monkeypatch):
    import errno
    import json

    import pytest

    from iep_desktop.errors import InvalidInput
    from iep_desktop.store.keys import keyfile_path
    from iep_desktop.store.store import Store
    from tests.conftest import PASSPHRASE
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        folder = tmp_path / "laptop-1"
        folder.mkdir()
        store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
        hub.enroll_device("laptop-1", folder / "enroll.json", "it")
        keys_before = keyfile_path(store.path).read_bytes()
        recovery_before = store.keyfile.recovery

        def refused(self, path):
            raise OSError(errno.EIO, "Input/output error")

        with monkeypatch.context() as patched:
            patched.setattr(type(store.keyfile), "write", refused)
            with pytest.raises(InvalidInput, match="not enrolled and nothing was changed"):
                laptop.enroll(store, folder / "enroll.json", "coach", hub.office_fingerprint)
        assert keyfile_path(store.path).read_bytes() == keys_before
        assert store.keyfile.recovery == recovery_before
        with store.reading("x") as uow:
            assert uow.meta("sync.device_id") is None
            with pytest.raises(InvalidInput, match="not enrolled"):
                laptop.device_state(uow)
        # Once the disk takes the write, the same file enrolls the laptop, with the recovery key.
        laptop.enroll(store, folder / "enroll.json", "coach", hub.office_fingerprint)
        assert json.loads(keyfile_path(store.path).read_text())["recovery"]
        with store.reading("x") as uow:
            assert laptop.enrollment_summary(uow).startswith("laptop-1 with office")
        store.close()


def test_a_signed_return_with_a_malformed_record_is_refused_by_name_and_changes_nothing(tmp_path, clock):
    import pytest

    from iep_desktop.domain.models import Plan
    from iep_desktop.errors import InvalidInput
    from iep_desktop.sync.payload import ReturnPayload, SyncedRecord
    from tests.test_return_chain import _meta, _office_return
    from tests.test_sync import sync
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        person, plan, *_ = new_plan(store, "coach")
        sync(store, hub, "laptop-1", tmp_path)
        with store.reading("x") as uow:
            device = laptop.device_state(uow)
            participant = uow.get(Participant, person.id).model_dump(mode="json")
            plan_data = uow.get(Plan, plan.id).model_dump(mode="json")
        records = [SyncedRecord(kind="participant", data=participant | {"phone": "555-0199",
                                                                        "version": participant["version"] + 1}),
                   SyncedRecord(kind="plan", data=plan_data | {"version": plan_data["version"] + 1,
                                                               "start_date": "not a date"})]
        forged = _office_return(hub, store, tmp_path, ReturnPayload(
            device_id=device.device_id, acknowledged_changes=[], conflicted_changes=[],
            audit_acknowledged_through=0, records=records), sequence=2)
        before = _meta(store)
        with pytest.raises(InvalidInput, match="a plan record the office sent .* nothing was changed"):
            laptop.import_return(store, forged, "coach")
        with store.reading("x") as uow:
            assert uow.get(Participant, person.id).phone != "555-0199"
        assert _meta(store) == before
        store.close()
        from iep_desktop.i18n import translate_message
        message = ("This return bundle holds a plan record the office sent that this laptop cannot take in "
                   "(start_date); nothing was changed. Ask office IT to check that the office and this laptop "
                   "run the same version of IEP Desktop, and make a new return.")
        assert translate_message(message, "es").startswith("Este paquete de respuesta contiene un registro de tipo "
                                                           "plan enviado por la oficina")
