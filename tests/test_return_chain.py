"""Issue 14, finding 7: return bundles are chained and a version's digest is recomputed; issue 15,
item 13: a return carries only what changed since the laptop's last acknowledged return.

Each attack is replayed against real encrypted stores and a real hub file, and refused or
reported; the honest path works beside it."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import select, text

from iep_desktop.central.hub import Hub
from iep_desktop.central.tables import returns
from iep_desktop.clock import FixedClock
from iep_desktop.crypto.sealed import b64e
from iep_desktop.demo import build_demo_records
from iep_desktop.domain.models import Participant, Signature, SignerRole
from iep_desktop.domain.strokes import synthetic_ink
from iep_desktop.errors import InvalidInput
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.services import signing
from iep_desktop.services.caseload import CaseStatus, case_status
from iep_desktop.services.snapshots import load_snapshots
from iep_desktop.store import migrate
from iep_desktop.store.store import Store
from iep_desktop.sync import container
from iep_desktop.sync.identity import raw_public
from iep_desktop.sync.payload import ReturnPayload, pack, unpack
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf
from tests.test_cli import iep
from tests.test_sync import new_plan

OFFICE_PASS = "office passphrase for chain tests"


def _laptop(tmp_path: Path, hub: Hub, name: str, clock: FixedClock, *, people: int = 0) -> Store:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
    if people:
        with store.unit_of_work("demo") as uow:
            uow.add_many(build_demo_records(people, 7, TODAY))
    hub.enroll_device(name, folder / "enroll.json", "it")
    laptop.enroll(store, folder / "enroll.json", name, hub.office_fingerprint)
    return store


def _usb(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name / "usb"
    out.mkdir(parents=True, exist_ok=True)
    return out


def _send(store: Store, hub: Hub, name: str, tmp_path: Path) -> None:
    ingested = hub.ingest(laptop.export(store, _usb(tmp_path, name), name).path.read_bytes(), "office")
    assert ingested.status == "applied", ingested.line()


def _return(hub: Hub, name: str, tmp_path: Path) -> Path:
    back, _ = hub.make_return(name, _usb(tmp_path, name), "office")
    return back


def _opened(store: Store, back: Path) -> tuple[container.BundleHeader, ReturnPayload]:
    with store.reading("x") as uow:
        device = laptop.device_state(uow)
    header, plain = container.open_bundle(back.read_bytes(), recipient=device.encryption,
                                          signer_for=lambda _h: device.office_signing_key())
    return header, unpack(plain, ReturnPayload)


def _phone(store: Store, person_id: str) -> str | None:
    with store.reading("x") as uow:
        return uow.get(Participant, person_id).phone


def _set_phone(store: Store, person_id: str, phone: str) -> None:
    with store.unit_of_work("coach") as uow:
        uow.update(uow.get(Participant, person_id).model_copy(update={"phone": phone}))


def _office_return(hub: Hub, store: Store, tmp_path: Path, payload: ReturnPayload | None = None,
                   **header: object) -> Path:
    """A return the office's own key signs, with a header of the test's choosing (an old copy
    kept back, or one built on a return the laptop never had, is signed just the same)."""
    with store.reading("x") as uow:
        device = laptop.device_state(uow)
    fields = {"format_version": 1, "kind": "return", "bundle_id": str(uuid.uuid4()),
              "sender_id": hub.keys.office_id,
              "recipient_key_id": container.key_id(device.encryption.public_key()),
              "sequence": 99, "prev_digest": "", "schema_version": migrate.head_revision(),
              "created_at": hub.clock.now().isoformat(),
              "sender_signing_key": b64e(raw_public(hub.keys.signing.public_key())),
              "sender_encryption_key": "", "enrollment_proof": ""} | header
    payload = payload or ReturnPayload(device_id=device.device_id, acknowledged_changes=[], conflicted_changes=[],
                                       audit_acknowledged_through=0, records=[])
    path, _, _ = container.write_bundle(_usb(tmp_path, "forged"), fields, pack(payload),
                                        recipient=X25519PublicKey.from_public_bytes(
                                            raw_public(device.encryption.public_key())),
                                        signer=hub.keys.signing)
    return path


def _meta(store: Store) -> dict[str, str | None]:
    with store.reading("x") as uow:
        return {k: uow.meta(k) for k in ("sync.return_sequence", "sync.return_digests", "sync.return_created_at")}


# -- finding 7: chained returns -------------------------------------------------------------------

def test_each_return_names_the_one_it_builds_on_and_the_honest_chain_is_taken_in(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        person, *_ = new_plan(store, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        first = _return(hub, "laptop-1", tmp_path)
        assert _opened(store, first)[0].prev_digest == ""  # the first return builds on nothing: full
        laptop.import_return(store, first, "coach")
        _set_phone(store, person.id, "555-0101")
        _send(store, hub, "laptop-1", tmp_path)  # says it took in return 1
        second = _return(hub, "laptop-1", tmp_path)
        assert _opened(store, second)[0].prev_digest == container.bundle_digest(first.read_bytes())
        assert laptop.import_return(store, second, "coach").acknowledged == 1
        with hub.engine.connect() as conn:
            made = conn.execute(select(returns.c.sequence, returns.c.baseline, returns.c.digest)
                                .order_by(returns.c.sequence)).all()
        assert [(s, b) for s, b, _ in made] == [(1, 0), (2, 1)]
        assert made[1].digest == container.bundle_digest(second.read_bytes())
        assert json.loads(_meta(store)["sync.return_digests"] or "[]") == [d for _, _, d in made]


def test_an_out_of_order_return_is_refused_and_changes_nothing(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        person, *_ = new_plan(store, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        _send(store, hub, "laptop-1", tmp_path)
        hub.update_record("participant", person.id, {"phone": "555-0102"}, "dana.office")
        two = _return(hub, "laptop-1", tmp_path)
        hub.update_record("participant", person.id, {"phone": "555-0103"}, "dana.office")
        three = _return(hub, "laptop-1", tmp_path)
        # Both build on return 1; the newer one first, then the older one is refused.
        assert laptop.import_return(store, three, "coach").records_updated >= 1
        assert _phone(store, person.id) == "555-0103"
        before = _meta(store)
        with pytest.raises(InvalidInput, match="older than return bundle 3"):
            laptop.import_return(store, two, "coach")
        assert _phone(store, person.id) == "555-0103" and _meta(store) == before

        # Signed by the office, but built on a return this laptop never took in: refused.
        elsewhere = _office_return(hub, store, tmp_path, sequence=4, prev_digest="ab" * 32)
        with pytest.raises(InvalidInput, match="never took in"):
            laptop.import_return(store, elsewhere, "coach")
        assert _meta(store) == before


def test_an_older_return_is_refused_by_its_time_even_with_a_higher_number(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        new_plan(store, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        before = _meta(store)
        earlier = (clock.now() - timedelta(days=3)).isoformat()
        old = _office_return(hub, store, tmp_path, sequence=7, created_at=earlier)
        with pytest.raises(InvalidInput, match="before the last one this laptop took in"):
            laptop.import_return(store, old, "coach")
        assert _meta(store) == before
        # The same return made now is taken in (its number is new, it builds on nothing).
        assert not laptop.import_return(store, _office_return(hub, store, tmp_path, sequence=7), "coach").already_imported


def test_a_replayed_return_changes_nothing(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        person, *_ = new_plan(store, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        hub.update_record("participant", person.id, {"phone": "555-0104"}, "dana.office")
        first = _return(hub, "laptop-1", tmp_path)
        laptop.import_return(store, first, "coach")
        assert _phone(store, person.id) == "555-0104"
        _set_phone(store, person.id, "555-0105")
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        before = _meta(store)
        # The first return again (a copy left on the stick): taken in already, nothing changes;
        # it would have put the office's old phone back.
        assert laptop.import_return(store, first, "coach").already_imported
        assert _phone(store, person.id) == "555-0105" and _meta(store) == before


def test_a_replayed_restore_return_is_refused(tmp_path: Path, clock) -> None:
    """Before the chain, a return that asked the laptop to resend (the office was restored) was
    taken in whatever its number: an old one kept back could undo later returns."""
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        new_plan(store, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        hub.mark_restored("it")
        restored = _return(hub, "laptop-1", tmp_path)
        clock.advance(hours=1)
        laptop.import_return(store, restored, "coach")  # honest: the restore return is taken in
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        before = _meta(store)
        assert laptop.import_return(store, restored, "coach").already_imported
        assert _meta(store) == before
        # An older restore return, never taken in (another restore id), kept back and replayed.
        payload = ReturnPayload(device_id=laptop_device_id(store), acknowledged_changes=[], conflicted_changes=[],
                                audit_acknowledged_through=0, records=[], resend_all=True,
                                office_restore_id=str(uuid.uuid4()))
        kept_back = _office_return(hub, store, tmp_path, payload, sequence=2,
                                   created_at=(clock.now() - timedelta(hours=2)).isoformat())
        with pytest.raises(InvalidInput, match="before the last one"):
            laptop.import_return(store, kept_back, "coach")
        assert _meta(store) == before


def laptop_device_id(store: Store) -> str:
    with store.reading("x") as uow:
        return laptop.device_state(uow).device_id


# -- finding 7: sign status recomputes the digest ---------------------------------------------------

def _signed(store: Store) -> tuple[str, str]:
    person, plan, *_ = new_plan(store, "coach")
    with store.unit_of_work("coach") as uow:
        signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="Ngozi Okonkwo", ink=synthetic_ink(1))
        signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name="Coach Kim", ink=synthetic_ink(2))
    return person.id, plan.id


def _state(store: Store, person_id: str, plan_id: str) -> tuple[signing.SignStatus, CaseStatus | None]:
    """Sign status and the caseload's status, worked out afresh (the caseload reuses a status
    while the audit chain's head stays, and an edit made outside the app does not move it: a
    new session, as after the edit, works it out again)."""
    with store.reading("x") as uow:
        snapshot = load_snapshots(uow, [person_id], notes=False)[person_id]
        return signing.sign_status(uow, plan_id), case_status(snapshot, uow.clock.today(), uow.profiles)[0]


@pytest.mark.parametrize("edit", ["content", "digest", "content_and_digest"])
def test_a_version_edited_in_the_store_is_reported_tampered(store: Store, edit: str) -> None:
    person_id, plan_id = _signed(store)
    status, row = _state(store, person_id, plan_id)
    assert status.state is signing.SignState.SIGNED and row is CaseStatus.SIGNED  # the honest path
    with store.engine.begin() as conn:
        content, digest = conn.execute(text("SELECT content, digest FROM plan_versions")).one()
        forged = json.loads(content)
        forged["goals"][0]["description"] = "Something the participant never agreed to"
        forged_text = signing.canonical(forged)
        new = {"content": (forged_text if edit != "digest" else content),
               "digest": (signing.content_digest(forged) if edit != "content" else digest)}
        if edit == "digest":
            new["digest"] = "0" * 64
        conn.execute(text("UPDATE plan_versions SET content = :content, digest = :digest"), new)
    status, row = _state(store, person_id, plan_id)
    assert status.state is signing.SignState.TAMPERED and row is CaseStatus.TAMPERED
    assert any("TAMPERED" in line for line in status.lines())
    assert "Status: tampered" in status.lines()
    with store.reading("x") as uow:
        signatures = uow.list(Signature, plan_id=plan_id)
        assert not any(signing.verify_signature(uow, s) for s in signatures)
        with pytest.raises(InvalidInput, match="changed outside IEP Desktop"):
            signing.version_for_print(uow, plan_id, 1)  # never printed as signed


def test_iep_sign_status_reports_a_tampered_version_and_exits_non_zero(tmp_path: Path, clock) -> None:
    db = tmp_path / "coach.iep"
    with Store.create(db, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:
        person_id, _ = _signed(store)
    honest = iep("sign-status", "--db", str(db), "--participant", person_id[:8], passphrase=PASSPHRASE)
    assert honest.returncode == 0 and "Status: signed" in honest.stdout, honest.stdout + honest.stderr
    with Store.open(db, PASSPHRASE, clock=clock) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE plan_versions SET digest = :d"), {"d": "f" * 64})
    shown = iep("sign-status", "--db", str(db), "--participant", person_id[:8], passphrase=PASSPHRASE)
    assert shown.returncode == 1, shown.stdout + shown.stderr
    assert "Status: tampered" in shown.stdout and "TAMPERED" in shown.stdout
    assert "changed outside IEP Desktop" in shown.stderr


# -- issue 15, item 13: returns carry only what changed ---------------------------------------------

def _records(store: Store, back: Path) -> list[tuple[str, str]]:
    return [(r.kind, str(r.data["id"])) for r in _opened(store, back)[1].records]


def test_a_return_carries_only_what_changed_and_a_new_share_brings_the_whole_record(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock, people=30)
        _send(store, hub, "laptop-1", tmp_path)
        full = _return(hub, "laptop-1", tmp_path)
        everything = _records(store, full)
        laptop.import_return(store, full, "coach")
        with store.reading("x") as uow:
            people = uow.list(Participant)
        _set_phone(store, people[0].id, "555-0110")
        _send(store, hub, "laptop-1", tmp_path)
        delta = _return(hub, "laptop-1", tmp_path)
        assert _records(store, delta) == [("participant", people[0].id)]  # the one record that changed
        header, payload = _opened(store, delta)
        assert len(payload.acknowledged_changes) == 1 and header.prev_digest
        assert delta.stat().st_size * 10 < full.stat().st_size, (delta.stat().st_size, full.stat().st_size)
        laptop.import_return(store, delta, "coach")
        assert _phone(store, people[0].id) == "555-0110"

        # Nothing changed: an empty return. An office edit: that record alone.
        _send(store, hub, "laptop-1", tmp_path)
        quiet = _return(hub, "laptop-1", tmp_path)
        assert _records(store, quiet) == []
        laptop.import_return(store, quiet, "coach")
        hub.update_record("participant", people[1].id, {"phone": "555-0111"}, "dana.office")
        _send(store, hub, "laptop-1", tmp_path)
        edited = _return(hub, "laptop-1", tmp_path)
        assert _records(store, edited) == [("participant", people[1].id)]
        laptop.import_return(store, edited, "coach")
        assert _phone(store, people[1].id) == "555-0111"

        # A second laptop given one participant with 'central share' gets the whole record.
        other = _laptop(tmp_path, hub, "laptop-2", clock)
        new_plan(other, "coach-2")
        _send(other, hub, "laptop-2", tmp_path)
        laptop.import_return(other, _return(hub, "laptop-2", tmp_path), "coach-2")
        hub.share("laptop-2", people[2].id, "it")
        _send(other, hub, "laptop-2", tmp_path)
        shared = _return(hub, "laptop-2", tmp_path)
        theirs = {key for key in everything if _belongs(store, key, people[2].id)}
        assert theirs and theirs <= set(_records(other, shared))
        laptop.import_return(other, shared, "coach-2")
        assert _phone(other, people[2].id) == _phone(store, people[2].id)


def _belongs(store: Store, key: tuple[str, str], person_id: str) -> bool:
    kind, record_id = key
    with store.reading("x") as uow:
        from iep_desktop.domain.models import RECORD_TYPES, Plan

        record = uow.find_one(RECORD_TYPES[kind], record_id)
        if record is None:
            return False
        data = record.model_dump()
        if kind == "participant":
            return record_id == person_id
        if data.get("participant_id"):
            return bool(data["participant_id"] == person_id)
        plan = uow.find_one(Plan, str(data.get("plan_id")))
        return plan is not None and plan.participant_id == person_id


def test_a_restored_hub_and_a_re_enrolled_laptop_get_a_full_return(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock, people=5)
        _send(store, hub, "laptop-1", tmp_path)
        full = _return(hub, "laptop-1", tmp_path)
        everything = set(_records(store, full))
        laptop.import_return(store, full, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        assert _records(store, _return(hub, "laptop-1", tmp_path)) == []
        hub.mark_restored("it")
        restored = _return(hub, "laptop-1", tmp_path)
        header, payload = _opened(store, restored)
        assert payload.resend_all and header.prev_digest == "" and set(_records(store, restored)) == everything

    # A reinstalled laptop: a new store enrolled under the old name gets everything it shares.
    with Hub.open(tmp_path / "office", OFFICE_PASS, clock=clock) as hub:
        fresh_dir = tmp_path / "reinstalled"
        fresh_dir.mkdir()
        fresh = Store.create(fresh_dir / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
        hub.enroll_device("laptop-1", fresh_dir / "enroll.json", "it", replace=True)
        laptop.enroll(fresh, fresh_dir / "enroll.json", "coach", hub.office_fingerprint)
        _send(fresh, hub, "laptop-1", tmp_path)
        again = _return(hub, "laptop-1", tmp_path)
        assert _opened(fresh, again)[0].prev_digest == "" and set(_records(fresh, again)) == everything
        laptop.import_return(fresh, again, "coach")
        with fresh.reading("x") as uow:
            assert len(uow.list(Participant)) == 5


def test_a_record_the_laptop_skipped_while_its_own_change_waited_comes_again(tmp_path: Path, clock) -> None:
    """The laptop keeps its own copy of a record while a change of its own waits, so it skips the
    office's version in that return. When the change is acknowledged the record must come again,
    even if the office's version did not move (the coach typed the office's value)."""
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        person, *_ = new_plan(store, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        _send(store, hub, "laptop-1", tmp_path)
        hub.update_record("participant", person.id, {"phone": "555-0120", "email": "ngozi@example.org"}, "dana")
        carrying = _return(hub, "laptop-1", tmp_path)
        assert ("participant", person.id) in _records(store, carrying)
        _set_phone(store, person.id, "555-0120")  # the coach types the same phone, not yet sent
        laptop.import_return(store, carrying, "coach")
        with store.reading("x") as uow:
            assert uow.get(Participant, person.id).email != "ngozi@example.org"  # skipped: its change waits
        _send(store, hub, "laptop-1", tmp_path)  # the same value as the office's: its version stays
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        with store.reading("x") as uow:
            assert uow.get(Participant, person.id).email == "ngozi@example.org"


def _conflict_count(store: Store) -> int:
    with store.reading("x") as uow:
        return laptop.sync_counts(uow)[laptop.CONFLICT]


def test_a_conflict_waits_is_decided_and_reopened_through_delta_returns(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-1", clock)
        person, *_ = new_plan(store, "coach")
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        hub.update_record("participant", person.id, {"phone": "555-0130"}, "dana")
        _set_phone(store, person.id, "555-0131")
        _send(store, hub, "laptop-1", tmp_path)
        (conflict,) = hub.open_conflicts()
        waiting = _return(hub, "laptop-1", tmp_path)
        assert _opened(store, waiting)[0].prev_digest  # a delta
        laptop.import_return(store, waiting, "coach")
        assert _conflict_count(store) == 1 and _phone(store, person.id) == "555-0131"  # waiting for the office

        hub.resolve(conflict["id"], "hub", "dana")  # the office's value: its version does not move
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        assert _conflict_count(store) == 0 and _phone(store, person.id) == "555-0130"

        hub.reopen(conflict["id"], "dana")  # waiting again: the next return says so
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        assert _conflict_count(store) == 1
        hub.resolve(conflict["id"], "device", "dana")
        _send(store, hub, "laptop-1", tmp_path)
        laptop.import_return(store, _return(hub, "laptop-1", tmp_path), "coach")
        assert _conflict_count(store) == 0
