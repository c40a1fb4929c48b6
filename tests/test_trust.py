"""Issue 14: trust at the office boundary. Each finding: the attack replayed and refused, and the
honest path working. Real encrypted stores and hub files; the ``iep`` command as a real process
where a person would type it."""

from __future__ import annotations

import base64
import json
import os
import uuid
import zlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from iep_desktop.central.hub import Hub, IngestResult
from iep_desktop.central.tables import HUB_RECORDS, devices, refused_changes
from iep_desktop.crypto.sealed import b64d, b64e
from iep_desktop.domain.models import PlanVersion, Signature
from iep_desktop.errors import InvalidInput
from iep_desktop.store.keys import KeyFile, keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.store import migrate
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.sync import container
from iep_desktop.sync.identity import enrollment_proof, office_fingerprint, raw_public, read_enrollment
from iep_desktop.sync.payload import ReturnPayload, unpack
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.test_cli import assert_clean_failure, iep
from tests.test_cli_sync import OFFICE, fingerprint_printed
from tests.test_sync import new_plan

OFFICE_PASS = "office passphrase for trust tests"


def signed_demo_records() -> list[object]:
    from iep_desktop.demo import build_demo_records
    from tests.conftest import TODAY

    for seed in range(1, 200):
        records = build_demo_records(1, seed, TODAY, plan_share=1.0)
        if any(isinstance(r, Signature) for r in records):
            return records
    raise AssertionError("no signed demo plan")


def store_meta(store: Store, key: str) -> str | None:
    with store.unit_of_work("check") as uow:
        return uow.meta(key)


def recovery_of(db: Path) -> object:
    return KeyFile.read(keyfile_path(db)).recovery


# -- finding 1: enrollment anchored outside the file --------------------------------------------

def test_a_forged_enrollment_file_is_refused_and_changes_nothing(tmp_path: Path, clock) -> None:
    real = Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf())
    attacker = Hub.init(tmp_path / "attacker", "attacker passphrase for tests", clock=clock, kdf=cheap_kdf())
    try:
        # The attacker's file is well formed and verifies with the key written in it ...
        attacker.enroll_device("laptop-a", tmp_path / "forged.json", "mallory")
        assert read_enrollment(tmp_path / "forged.json").office["office_id"] == attacker.keys.office_id
        store = Store.create(tmp_path / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
        with store:
            # ... but it does not carry the fingerprint office IT gave the coach.
            with pytest.raises(InvalidInput, match="does not come from the office with that fingerprint"):
                laptop.enroll(store, tmp_path / "forged.json", "coach", real.office_fingerprint)
            assert store_meta(store, "sync.device_id") is None and store_meta(store, "sync.office") is None
            assert recovery_of(tmp_path / "coach.iep") is None  # no recovery key from an unauthenticated file
            with pytest.raises(InvalidInput, match="not an office fingerprint"):
                laptop.enroll(store, tmp_path / "forged.json", "coach", "not-a-fingerprint")
            # The honest path: the office's own file with the office's fingerprint.
            real.enroll_device("laptop-a", tmp_path / "enroll.json", "it")
            enrolled = laptop.enroll(store, tmp_path / "enroll.json", "coach",
                                     real.office_fingerprint.upper().replace("-", " "))  # as read aloud
            assert enrolled.office["office_id"] == real.keys.office_id
            assert store_meta(store, "sync.device_id") == enrolled.device_id
            assert recovery_of(tmp_path / "coach.iep") is not None
    finally:
        real.close()
        attacker.close()


def test_the_fingerprint_is_printed_shown_and_needed_by_iep_enroll(tmp_path: Path) -> None:
    office, attacker = ["--office-dir", str(tmp_path / "office")], ["--office-dir", str(tmp_path / "attacker")]
    init = iep("central", "init", *office, env=OFFICE)
    assert init.returncode == 0, init.stderr
    fingerprint = fingerprint_printed(init)
    status = json.loads(iep("central", "status", "--json", *office, env=OFFICE).stdout)
    assert status["office_fingerprint"] == fingerprint
    assert iep("central", "init", *attacker, env=OFFICE).returncode == 0
    assert iep("central", "enroll", *attacker, "--device", "laptop-a", "--out", str(tmp_path / "forged.json"),
               env=OFFICE).returncode == 0
    assert iep("central", "enroll", *office, "--device", "laptop-a", "--out", str(tmp_path / "enroll.json"),
               env=OFFICE).returncode == 0
    db = tmp_path / "coach.iep"
    assert iep("init", "--db", str(db)).returncode == 0
    keys_before = keyfile_path(db).read_bytes()

    assert_clean_failure(iep("enroll", "--db", str(db), str(tmp_path / "forged.json"),
                             "--office-fingerprint", fingerprint), "does not come from the office")
    assert_clean_failure(iep("enroll", "--db", str(db), str(tmp_path / "enroll.json")),
                         "Give the office fingerprint")  # no prompt possible, none given: refused
    assert keyfile_path(db).read_bytes() == keys_before  # no recovery key was set
    assert "not enrolled" in iep("export", "--db", str(db), "--out", str(tmp_path)).stderr

    joined = iep("enroll", "--db", str(db), str(tmp_path / "enroll.json"), "--office-fingerprint", fingerprint)
    assert joined.returncode == 0, joined.stderr
    assert recovery_of(db) is not None


def test_the_fingerprint_names_the_offices_signing_key() -> None:
    from iep_desktop.sync.identity import OfficeKeys

    one, two = OfficeKeys.generate(), OfficeKeys.generate()
    doc = one.public_doc()
    assert office_fingerprint(doc) == office_fingerprint(dict(doc))  # the same office, the same fingerprint
    assert office_fingerprint(doc) != office_fingerprint(two.public_doc())
    swapped = doc | {"signing_key": two.public_doc()["signing_key"]}  # same office id, another signing key
    assert office_fingerprint(swapped) != office_fingerprint(doc)
    assert len(office_fingerprint(doc)) == 39 and office_fingerprint(doc).count("-") == 7


# -- finding 2: ownership at the hub ------------------------------------------------------------

def _laptop(tmp_path: Path, hub: Hub, name: str, clock) -> Store:
    folder = tmp_path / name
    folder.mkdir()
    store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
    hub.enroll_device(name, folder / "enroll.json", "it")
    laptop.enroll(store, folder / "enroll.json", name, hub.office_fingerprint)
    return store


def _round(store: Store, hub: Hub, name: str, tmp_path: Path) -> IngestResult:
    out = tmp_path / name / "usb"
    out.mkdir(exist_ok=True)
    result = hub.ingest(laptop.export(store, out, name).path.read_bytes(), "office")
    back, _ = hub.make_return(name, out, "office")
    laptop.import_return(store, back, name)
    return result


def _seal(store: Store, payload: dict[str, object], *, bundle_id: str | None = None) -> bytes:
    """A bundle the laptop itself signs, with content of the test's choosing (what a modified app
    on an enrolled laptop could send)."""
    with store.unit_of_work("x") as uow:
        device = laptop.device_state(uow)
        sequence = device.sequence + 1
    header = {"format_version": 1, "kind": "export", "bundle_id": bundle_id or str(uuid.uuid4()),
              "sender_id": device.device_id,
              "recipient_key_id": device.office["encryption_key_id"], "sequence": sequence, "prev_digest": "",
              "schema_version": migrate.head_revision(), "created_at": "2026-11-23T15:00:00+00:00",
              "sender_signing_key": b64e(raw_public(device.signing.public_key())),
              "sender_encryption_key": b64e(raw_public(device.encryption.public_key())), "enrollment_proof": ""}
    if device.enrollment_secret:  # the laptop's first bundle proves its enrollment
        header["enrollment_proof"] = b64e(enrollment_proof(
            device.enrollment_secret, device.device_id, raw_public(device.signing.public_key()),
            raw_public(device.encryption.public_key())))
    office = X25519PublicKey.from_public_bytes(b64d(device.office["encryption_key"]))
    body = {"format": 1, "kind": "export", "store_id": store.store_id, "returns_imported": 0, "changes": [],
            "audit_events": [], "signed_pdfs": []} | payload
    data, _, _ = container.seal_bundle(header, zlib.compress(json.dumps(body).encode()), recipient=office,
                                       signer=device.signing)
    return data


def _change(kind: str, record_id: str, fields: dict[str, object], *, base: int = 0,
            before: dict[str, object] | None = None) -> dict[str, object]:
    return {"id": str(uuid.uuid4()), "record_kind": kind, "record_id": record_id, "base_version": base,
            "new_version": base + 1, "fields": fields, "before": before or {}, "author": "coach-b",
            "at": "2026-11-23T15:00:00+00:00"}


def _two_laptops_with_a_plan_each(tmp_path: Path, hub: Hub, clock) -> tuple[tuple[Store, Any], tuple[Store, Any]]:
    """Laptops a and b, each with one participant and plan of its own at the office:
    ((a, new_plan of a), (b, new_plan of b))."""
    laptops = []
    for name in ("a", "b"):
        store = _laptop(tmp_path, hub, f"laptop-{name}", clock)
        made = new_plan(store, f"coach-{name}")
        assert _round(store, hub, f"laptop-{name}", tmp_path).status == "applied"
        laptops.append((store, made))
    return laptops[0], laptops[1]


def _returned_ids(hub: Hub, store: Store, name: str, tmp_path: Path) -> set[str]:
    back, _ = hub.make_return(name, tmp_path, "office")
    with store.unit_of_work("x") as uow:
        device = laptop.device_state(uow)
    _, plain = container.open_bundle(back.read_bytes(), recipient=device.encryption,
                                     signer_for=lambda _h: device.office_signing_key())
    back.unlink()
    return {r.data["id"] for r in unpack(plain, ReturnPayload).records}


def test_a_laptop_cannot_move_its_own_records_into_a_participant_it_was_never_given(tmp_path: Path, clock) -> None:
    """A change that sets a record's participant_id or plan_id touches the participant it names
    too: b may not move its own assessment and barrier into a's participant and plan."""
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        (a, (person_a, plan_a, _, _)), (b, (person_b, plan_b, _, _)) = _two_laptops_with_a_plan_each(
            tmp_path, hub, clock)
        assessment, barrier = str(uuid.uuid4()), str(uuid.uuid4())
        made = hub.ingest(_seal(b, {"changes": [
            _change("assessment", assessment, {"participant_id": person_b.id, "plan_id": plan_b.id,
                                               "instrument": "casas", "taken_on": "2026-11-23", "comments": "b's"}),
            _change("barrier", barrier, {"plan_id": plan_b.id, "group": "personal", "category": "child_care",
                                         "description": "b's"})]}), "office")
        assert made.status == "applied" and made.outcomes == {"applied": 2}, made.line()
        moved = hub.ingest(_seal(b, {"changes": [
            _change("assessment", assessment, {"participant_id": person_a.id, "plan_id": plan_a.id}, base=1,
                    before={"participant_id": person_b.id, "plan_id": plan_b.id}),
            _change("barrier", barrier, {"plan_id": plan_a.id}, base=1, before={"plan_id": plan_b.id})]}), "office")
        assert moved.status == "applied" and moved.outcomes == {"refused": 2}, moved.line()
        kept = hub.record("assessment", assessment)
        assert kept is not None and (kept.participant_id, kept.plan_id) == (person_b.id, plan_b.id)
        kept_barrier = hub.record("barrier", barrier)
        assert kept_barrier is not None and kept_barrier.plan_id == plan_b.id
        with hub.engine.connect() as conn:
            reasons = conn.execute(select(refused_changes.c.participant_id, refused_changes.c.reason)).all()
        assert {person for person, _ in reasons} == {person_a.id}
        assert all("neither created nor was given" in reason for _, reason in reasons)
        assert not {assessment, barrier} & _returned_ids(hub, a, "laptop-a", tmp_path)
        # Its own records b may still change: a change that keeps them where they are applies.
        edited = hub.ingest(_seal(b, {"changes": [
            _change("assessment", assessment, {"comments": "b's, edited", "participant_id": person_b.id}, base=1,
                    before={"comments": "b's", "participant_id": person_b.id})]}), "office")
        assert edited.outcomes == {"applied": 1}, edited.line()
        edited_record = hub.record("assessment", assessment)
        assert edited_record is not None and edited_record.comments == "b's, edited"


def test_a_laptop_neither_receives_nor_changes_a_participant_it_was_never_given(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        (_, (person, plan, goal, _)), (b, (own, _, _, _)) = _two_laptops_with_a_plan_each(tmp_path, hub, clock)
        office_copy = hub.record("participant", person.id)

        # Laptop b sends one change naming a's participant (the finding's attack), an edit of that
        # participant, a goal on a's plan, an edit of a's goal, and one honest edit of its own participant.
        attack = _seal(b, {"changes": [
            _change("participant", person.id, {"first_name": "Mallory"}, base=1, before={"first_name": "Ngozi"}),
            _change("goal", str(uuid.uuid4()), {"plan_id": plan.id, "goal_type": "employment", "term": "short",
                                                "description": "planted", "established_on": "2026-11-23",
                                                "estimated_completion_on": "2027-01-01"}),
            _change("goal", goal.id, {"description": "changed by b"}, base=1,
                    before={"description": goal.description}),
            _change("participant", own.id, {"first_name": "Adaeze"}, base=1, before={"first_name": own.first_name}),
        ]})
        result = hub.ingest(attack, "office")
        assert result.status == "applied" and result.outcomes == {"refused": 3, "applied": 1}, result.line()
        assert "kept apart" in result.line()
        assert hub.record("participant", person.id) == office_copy  # nothing of a's changed
        assert hub.record("goal", goal.id).description == goal.description
        assert hub.record("participant", own.id).first_name == "Adaeze"  # the rest of the bundle applied
        refused = hub.refused_changes()
        assert len(refused) == 3 and all(r["device"] == "laptop-b" for r in refused)
        assert all("neither created nor was given with 'iep central share'" in r["reason"] for r in refused)
        assert {r["participant_id"] for r in refused} == {person.id}

        # Its next return carries none of a's participant's records: the share list did not grow.
        returned = _returned_ids(hub, b, "laptop-b", tmp_path)
        assert own.id in returned and person.id not in returned and plan.id not in returned

        # The honest path: the office shares the participant, and then b may change it.
        hub.share("laptop-b", person.id, "office")
        assert person.id in _returned_ids(hub, b, "laptop-b", tmp_path)
        allowed = hub.ingest(_seal(b, {"changes": [
            _change("goal", goal.id, {"description": "Forklift licence"}, base=1,
                    before={"description": goal.description})]}), "office")
        assert allowed.outcomes == {"applied": 1}, allowed.line()
        assert hub.record("goal", goal.id).description == "Forklift licence"


def test_a_refused_change_comes_back_as_refused_not_as_a_conflict_and_the_coach_keeps_the_value(
        tmp_path: Path, clock) -> None:
    """Issue 15, item 8: a change the office refused (a participant this laptop may not change) is
    reported to the laptop as refused, never as "in the office's conflict queue", and stays there
    with the coach's value. Here laptop b holds a's participant the way it would after the office
    shared it and was then restored from a backup taken before the share."""
    from iep_desktop.services.participants import edit_participant_fields, get_participant

    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        person, _, _, _ = new_plan(a, "coach-a")
        assert _round(a, hub, "laptop-a", tmp_path).status == "applied"
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"
        with b.unit_of_work("coach-b") as uow:
            uow.put_synced(person)
            edit_participant_fields(uow, person.id, {"phone": "555-0142"})
        out = tmp_path / "b-out"
        out.mkdir()
        result = hub.ingest(laptop.export(b, out, "laptop-b").path.read_bytes(), "office")
        assert result.outcomes == {"refused": 1}, result.line()
        back, _ = hub.make_return("laptop-b", out, "office")
        imported = laptop.import_return(b, back, "coach-b")
        assert (imported.refused, imported.conflicts) == (1, 0)
        with b.unit_of_work("x") as uow:
            counts = laptop.sync_counts(uow)
            states = {r.record_id: r.state for r in laptop.record_sync_states(uow)}
            kept = get_participant(uow, person.id)
        assert counts[laptop.REFUSED] == 1 and counts[laptop.CONFLICT] == 0
        assert states[person.id] == laptop.REFUSED
        assert kept.phone == "555-0142"  # the coach's value, not the office's
        assert hub.record("participant", person.id).phone != "555-0142"

        # The next return says the same, and a laptop whose app predates the field reads a return
        # without refusals: the member is left out when empty.
        again = laptop.import_return(b, hub.make_return("laptop-b", out, "office")[0], "coach-b")
        assert (again.refused, again.conflicts) == (1, 0)
        _, plain = container.open_bundle(hub.make_return("laptop-a", out, "office")[0].read_bytes(),
                                         recipient=_device(a).encryption,
                                         signer_for=lambda _h: _device(a).office_signing_key())
        assert "refused_changes" not in json.loads(zlib.decompress(plain))


def test_an_edit_of_a_record_whose_first_change_was_kept_apart_is_kept_apart_too_not_quarantined(
        tmp_path: Path, clock) -> None:
    """A goal laptop b added to a's participant was kept apart; the coach then edits it. The edit
    carries only the changed field, so it names no participant: it was let through, found no goal
    at the office and quarantined the whole bundle (b's honest edit with it), and every export
    after it carried the edit again. Now it is kept apart with the goal, and the rest applies."""
    from datetime import timedelta

    from iep_desktop.domain.models import Goal, GoalTerm, GoalType, Participant
    from iep_desktop.services import plan_items
    from tests.conftest import TODAY

    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        person, plan, _, _ = new_plan(a, "coach-a")
        own, _, _, _ = new_plan(b, "coach-b")
        assert _round(a, hub, "laptop-a", tmp_path).status == "applied"
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"
        with b.unit_of_work("coach-b") as uow:
            uow.put_synced(person)
            uow.put_synced(plan)
            goal = plan_items.add_goal(uow, Goal(
                plan_id=plan.id, goal_type=GoalType.TRAINING, term=GoalTerm.SHORT, description="CDL class",
                established_on=TODAY, estimated_completion_on=TODAY + timedelta(days=60)))
        first = _round(b, hub, "laptop-b", tmp_path)
        assert first.status == "applied" and first.outcomes == {"refused": 1}, first.line()

        with b.unit_of_work("coach-b") as uow:
            uow.update(uow.get(Goal, goal.id).model_copy(update={"description": "CDL class A"}))
            uow.update(uow.get(Participant, own.id).model_copy(update={"phone": "555-0199"}))
        second = _round(b, hub, "laptop-b", tmp_path)
        assert second.status == "applied" and second.outcomes == {"refused": 1, "applied": 1}, second.line()
        assert hub.record("participant", own.id).phone == "555-0199"
        assert hub.record("goal", goal.id) is None
        refused = [r for r in hub.refused_changes() if r["record_id"] == goal.id]
        assert len(refused) == 2 and {r["participant_id"] for r in refused} == {person.id}
        assert "an earlier change from this laptop was kept apart" in refused[-1]["reason"]
        # The office shares the participant afterwards: the edit of the goal it never received is
        # still kept apart (reviewed with the goal), not a quarantine of b's next bundle.
        hub.share("laptop-b", person.id, "office")
        with b.unit_of_work("coach-b") as uow:
            uow.update(uow.get(Goal, goal.id).model_copy(update={"description": "CDL class B"}))
        third = _round(b, hub, "laptop-b", tmp_path)
        assert third.status == "applied" and third.outcomes == {"refused": 1}, third.line()


def test_a_goal_on_a_plan_that_was_kept_apart_is_kept_apart_with_it(tmp_path: Path, clock) -> None:
    """Laptop b starts a plan, with a goal, for a participant of a's. The plan was kept apart, but
    the goal links only to the plan, which the office then did not hold, so it was taken as
    touching no one, applied and acknowledged: a record of a participant b may not change."""
    from datetime import timedelta

    from iep_desktop.domain.models import Goal, GoalTerm, GoalType, Plan, Program
    from iep_desktop.services import plan_items
    from tests.conftest import TODAY

    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        person, _, _, _ = new_plan(a, "coach-a")
        new_plan(b, "coach-b")
        assert _round(a, hub, "laptop-a", tmp_path).status == "applied"
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"

        def plan_with_goal(start: int) -> tuple[Plan, Goal]:
            with b.unit_of_work("coach-b") as uow:
                uow.put_synced(person)
                plan = uow.add(Plan(participant_id=person.id, program=Program.ADULT, board="default", region="R",
                                    office="O", start_date=TODAY + timedelta(days=start)))
                goal = plan_items.add_goal(uow, Goal(
                    plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT, description="Forklift job",
                    established_on=TODAY, estimated_completion_on=TODAY + timedelta(days=60)))
            return plan, goal

        plan, goal = plan_with_goal(1)
        result = _round(b, hub, "laptop-b", tmp_path)
        assert result.outcomes == {"refused": 2}, result.line()
        assert hub.record("plan", plan.id) is None and hub.record("goal", goal.id) is None
        # And in a later bundle: another goal on the plan the office kept apart.
        with b.unit_of_work("coach-b") as uow:
            later = plan_items.add_goal(uow, Goal(
                plan_id=plan.id, goal_type=GoalType.TRAINING, term=GoalTerm.LONG, description="CDL class",
                established_on=TODAY, estimated_completion_on=TODAY + timedelta(days=90)))
        again = _round(b, hub, "laptop-b", tmp_path)
        assert again.outcomes == {"refused": 1}, again.line()
        assert hub.record("goal", later.id) is None
        assert {r["participant_id"] for r in hub.refused_changes()} == {person.id}
        with b.unit_of_work("x") as uow:
            assert laptop.sync_counts(uow)[laptop.REFUSED] == 3


def _device(store: Store) -> laptop.DeviceState:
    with store.unit_of_work("x") as uow:
        return laptop.device_state(uow)


def test_a_signed_pdf_is_kept_only_for_a_version_the_laptop_owns_and_only_if_it_names_it(
        tmp_path: Path, clock) -> None:
    from iep_desktop.services.printing import version_pdf

    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        records = signed_demo_records()
        with a.unit_of_work("coach-a") as uow:
            uow.add_many(records)
        version = next(r for r in records if isinstance(r, PlanVersion))
        with a.unit_of_work("coach-a") as uow:
            real_pdf = version_pdf(uow, uow.get(PlanVersion, version.id))
        # a sends its records without their PDF, so the office holds the version and no PDF yet.
        assert hub.ingest(_seal(a, {"changes": [
            _change(r.kind, r.id, r.model_dump(mode="json", exclude={"id", "version"})) for r in records]}),
            "office").status == "applied"
        assert hub.status()["signed_pdfs"] == 0
        new_plan(b, "coach-b")
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"

        forged = hub.ingest(_seal(b, {"signed_pdfs": [{"plan_version_id": version.id, "digest": version.digest,
                                                       "pdf": base64.b64encode(real_pdf).decode()}]}), "office")
        assert forged.status == "applied" and "not kept" in forged.line()
        assert hub.status()["signed_pdfs"] == 0
        assert [r["record_kind"] for r in hub.refused_changes()] == ["signed_pdf"]

        not_a_pdf = hub.ingest(_seal(a, {"signed_pdfs": [{"plan_version_id": version.id, "digest": version.digest,
                                                          "pdf": base64.b64encode(b"%PDF-1.4 junk").decode()}]}),
                               "office")
        assert not_a_pdf.status == "quarantined" and "not a PDF of the plan version" in not_a_pdf.reason
        assert hub.status()["signed_pdfs"] == 0

        honest = hub.ingest(_seal(a, {"signed_pdfs": [{"plan_version_id": version.id, "digest": version.digest,
                                                       "pdf": base64.b64encode(real_pdf).decode()}]}), "office")
        assert honest.status == "applied", honest.line()
        assert hub.status()["signed_pdfs"] == 1


# -- finding 3: verify first; duplicates by (sender, bundle id) and digest -----------------------

def _exported(store: Store, name: str, tmp_path: Path) -> Path:
    out = tmp_path / name / "usb"
    out.mkdir(exist_ok=True)
    return laptop.export(store, out, name).path


def test_a_tampered_or_cut_copy_of_an_applied_bundle_is_refused_not_called_a_duplicate(
        tmp_path: Path, clock) -> None:
    office = tmp_path / "office"
    with Hub.init(office, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a = _laptop(tmp_path, hub, "laptop-a", clock)
        new_plan(a, "coach-a")
        bundle = _exported(a, "laptop-a", tmp_path)
    data = bundle.read_bytes()
    flipped, cut = tmp_path / "flipped.iepb", tmp_path / "cut.iepb"
    flipped.write_bytes(data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    cut.write_bytes(data[:-100])
    # A header edit: a forged schema number must not read as "made by a newer IEP Desktop".
    forged = tmp_path / "forged.iepb"
    forged.write_bytes(data.replace(f'"schema_version":"{migrate.head_revision()}"'.encode(),
                                    b'"schema_version":"9999"', 1))
    assert forged.read_bytes() != data
    env = {"IEP_OFFICE_PASSPHRASE": OFFICE_PASS}
    where = ["--office-dir", str(office)]

    applied = iep("central", "ingest", *where, str(bundle), env=env)
    assert applied.returncode == 0 and "applied" in applied.stdout, applied.stdout + applied.stderr
    again = iep("central", "ingest", *where, str(bundle), env=env)  # byte-identical: fine, exit 0
    assert again.returncode == 0 and "duplicate" in again.stdout
    for bad in (flipped, cut, forged):
        refused = iep("central", "ingest", *where, str(bad), env=env)
        assert refused.returncode != 0, refused.stdout
        assert "quarantined" in refused.stdout and "duplicate" not in refused.stdout, refused.stdout
        assert "newer IEP Desktop" not in refused.stdout
    status = json.loads(iep("central", "status", "--json", *where, env=env).stdout)
    assert status["bundles_applied"] == 1 and status["bundles_quarantined"] == 3


def test_a_bundle_set_aside_before_its_signature_was_checked_is_listed_under_the_laptop_it_claims(
        tmp_path: Path, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anyone can write a header naming a laptop: a bundle whose signature could not be checked was
    reported and listed as from that laptop. Only a verified one is."""
    from iep_desktop.central import ingest as ingest_mod
    from iep_desktop.central import quarantine

    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a = _laptop(tmp_path, hub, "laptop-a", clock)
        new_plan(a, "coach-a")
        data = _exported(a, "laptop-a", tmp_path).read_bytes()
        cut = hub.ingest(data[:-40], "office")
        assert cut.status == "quarantined" and "claiming to be from laptop laptop-a (not verified)" in cut.line()
        known = migrate.known_revisions()
        monkeypatch.setattr(ingest_mod.migrate, "known_revisions",
                            lambda: [r for r in known if r != migrate.head_revision()])
        newer = hub.ingest(data, "office")  # verified, then set aside: made by a newer app
        assert newer.status == "quarantined" and " from laptop laptop-a (its bundle 1)" in newer.line(), newer.line()
        assert "not verified" not in newer.line()
        assert sorted(q["sender_verified"] for q in quarantine.list_quarantine(hub.ctx)) == [0, 1]


def test_a_squatted_bundle_id_does_not_block_the_real_bundle(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        new_plan(b, "coach-b")
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"
        people = [new_plan(a, "coach-a")[0] for _ in range(3)]
        pending = _exported(a, "laptop-a", tmp_path)  # on the shared USB stick, not yet ingested
        pending_id = container.read_header(pending.read_bytes()).bundle_id
        # b signs a bundle of its own under a's pending bundle id, and it reaches the office first.
        squat = _seal(b, {}, bundle_id=pending_id)
        first = hub.ingest(squat, "office")
        assert first.status == "applied" and first.outcomes == {}, first.line()  # b's own (empty) bundle
        real = hub.ingest(pending.read_bytes(), "office")
        assert real.status == "applied" and real.outcomes.get("applied", 0) > 3, real.line()
        assert all(hub.record("participant", p.id).first_name == p.first_name for p in people)
        # The same id from the same laptop with other content is refused as exactly that.
        reused = _seal(a, {"changes": [_change("participant", people[1].id, {"first_name": "Other"}, base=1,
                                               before={"first_name": people[1].first_name})]},
                       bundle_id=pending_id)
        result = hub.ingest(reused, "office")
        assert result.status == "quarantined" and "different bundle under the id" in result.reason
        assert hub.record("participant", people[1].id).first_name == people[1].first_name


def test_a_bundle_id_two_laptops_used_keeps_each_bundle_its_own_notes_and_times(tmp_path: Path, clock) -> None:
    """Bundle ids are each laptop's own (hub0004): what the office writes about one bundle (its
    notes) and reads of it (when it came, for who wrote a record last) stay that laptop's."""
    from iep_desktop.central.ingest import last_writer
    from iep_desktop.central.tables import bundles

    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        theirs = new_plan(b, "coach-b")[0]
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"
        mine = new_plan(a, "coach-a")[0]
        assert _round(a, hub, "laptop-a", tmp_path).status == "applied"
        shared_id = str(uuid.uuid4())
        # b's bundle under the id comes first, with nothing kept apart ...
        assert hub.ingest(_seal(b, {}, bundle_id=shared_id), "office").status == "applied"
        clock.advance(hours=1)
        hub.update_record("participant", mine.id, {"phone": "555-0100"}, "dana.office")
        clock.advance(hours=1)
        # ... then a's, which changes its own participant after the office did, and also names b's
        # participant (kept apart, and noted on a's bundle).
        later = _seal(a, {"changes": [
            _change("participant", mine.id, {"phone": "555-0199"}, base=2, before={"phone": "555-0100"}),
            _change("participant", theirs.id, {"first_name": "Other"}, base=1,
                    before={"first_name": theirs.first_name})]}, bundle_id=shared_id)
        result = hub.ingest(later, "office")
        assert result.status == "applied" and result.outcomes.get("refused") == 1, result.line()
        with hub.engine.connect() as conn:
            notes = dict(conn.execute(select(bundles.c.device_id, bundles.c.notes)
                                      .where(bundles.c.id == shared_id)).all())
            writer, _ = last_writer(conn, "participant", mine.id)
            device_of = dict(conn.execute(select(devices.c.name, devices.c.id)).all())
        assert "kept apart" not in notes[device_of["laptop-b"]], notes
        assert "kept apart" in notes[device_of["laptop-a"]], notes
        # The last write is a's, an hour after the office's, though b's bundle under the same id came before it.
        assert writer.endswith("laptop laptop-a"), writer


def test_an_audit_event_id_is_each_laptops_own(tmp_path: Path, clock) -> None:
    """hub0012: another laptop's bundle carrying one of a's event ids cannot take that event out
    of a's chain, and a store enrolled again keeps its events in its new chain, not as a fork."""
    from iep_desktop.central.tables import device_audit, device_audit_forks

    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"
        new_plan(a, "coach-a")
        with a.unit_of_work("x") as uow:
            events = laptop._unacknowledged_audit(uow)
        planted = hub.ingest(_seal(b, {"audit_events": [events[0].model_dump(mode="json")]}), "office")
        assert planted.status == "applied", planted.line()
        sent = _round(a, hub, "laptop-a", tmp_path)
        assert sent.status == "applied" and "kept apart for review" not in sent.line(), sent.line()

        def events_of(name: str) -> tuple[list[str], int]:
            with hub.engine.connect() as conn:
                device = conn.execute(select(devices.c.id).where(devices.c.name == name,
                                                                 devices.c.revoked_at.is_(None))).scalar_one()
                chain = list(conn.execute(select(device_audit.c.id).where(device_audit.c.device_id == device)
                                          .order_by(device_audit.c.seq)).scalars())
                forks = conn.execute(select(device_audit_forks.c.id)
                                     .where(device_audit_forks.c.device_id == device)).all()
            return chain, len(forks)

        assert events_of("laptop-a") == ([e.id for e in events], 0)
        # The same store enrolled again (enroll --replace): a new laptop id, and its chain from the start.
        hub.enroll_device("laptop-a", tmp_path / "again.json", "it", replace=True)
        laptop.enroll(a, tmp_path / "again.json", "laptop-a", hub.office_fingerprint)
        new_plan(a, "coach-a")
        again = _round(a, hub, "laptop-a", tmp_path)
        assert again.status == "applied" and "kept apart for review" not in again.line(), again.line()
        chain, forks = events_of("laptop-a")
        assert chain[:len(events)] == [e.id for e in events] and len(chain) > len(events) and forks == 0


def test_a_share_with_one_laptop_is_not_counted_as_new_on_another(tmp_path: Path, clock) -> None:
    """'iep central devices' counts what each laptop's next return brings it: a participant shared
    with b is new to b, not to a, which has it already (and whose records to send still count it)."""
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        (_, (person, _, _, _)), (b, _) = _two_laptops_with_a_plan_each(tmp_path, hub, clock)
        clock.advance(hours=1)
        hub.share("laptop-b", person.id, "office")
        clock.advance(hours=1)
        hub.update_record("participant", person.id, {"phone": "555-0100"}, "dana.office")

        def waiting() -> dict[str, tuple[int, int]]:
            return {d["name"]: (d["records_to_send"], d["participants_newly_shared"]) for d in hub.devices()}

        assert waiting() == {"laptop-a": (1, 0), "laptop-b": (0, 1)}
        back, _ = hub.make_return("laptop-b", tmp_path, "office")
        laptop.import_return(b, back, "laptop-b")
        assert waiting()["laptop-b"] == (0, 0)


# -- finding 5: files 0600, no plain hub database by accident, no password on the command line ----

def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_every_store_hub_key_and_bundle_file_is_made_0600(tmp_path: Path, clock) -> None:
    office = tmp_path / "office"
    with Hub.init(office, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a = _laptop(tmp_path, hub, "laptop-a", clock)
        new_plan(a, "coach-a")
        bundle = _exported(a, "laptop-a", tmp_path)
        assert hub.ingest(bundle.read_bytes(), "office").status == "applied"
        back, _ = hub.make_return("laptop-a", bundle.parent, "office")
        damaged = bytearray(bundle.read_bytes())
        damaged[-10] ^= 1  # a damaged bundle is quarantined (a file that is no bundle is not kept)
        assert hub.ingest(bytes(damaged), "office").status == "quarantined"
        made = [tmp_path / "laptop-a" / "coach.iep", keyfile_path(tmp_path / "laptop-a" / "coach.iep"),
                tmp_path / "laptop-a" / "enroll.json", bundle, back, office / "hub.iephub",
                office / "office-keys.json", office / "office-recovery-public.json",
                *(office / "quarantine").iterdir()]
        made += [p for p in (office / "hub.iephub-wal", tmp_path / "laptop-a" / "coach.iep-wal") if p.exists()]
        assert len(made) >= 10
        assert {str(p.relative_to(tmp_path)): _mode(p) for p in made} == {
            str(p.relative_to(tmp_path)): 0o600 for p in made}
        a.close()


@pytest.mark.parametrize("given", [False, True], ids=["made-by-init", "given-by-the-user"])
def test_the_office_and_quarantine_folders_are_the_users_alone(tmp_path: Path, clock, given: bool) -> None:
    """Made 0700 whatever the umask; an office folder the user made beforehand keeps its mode, the
    quarantine/ made in it (bundles the office could not apply, people's data) is 0700 all the same."""
    office = tmp_path / "office"
    if given:
        office.mkdir(mode=0o750)
        os.chmod(office, 0o750)
    old = os.umask(0o022)
    try:
        with Hub.init(office, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
            a = _laptop(tmp_path, hub, "laptop-a", clock)
            new_plan(a, "coach-a")
            damaged = bytearray(_exported(a, "laptop-a", tmp_path).read_bytes())
            damaged[-10] ^= 1
            assert hub.ingest(bytes(damaged), "office").status == "quarantined"
            a.close()
    finally:
        os.umask(old)
    assert {p.name: _mode(p) for p in (office, office / "quarantine")} == {
        "office": 0o750 if given else 0o700, "quarantine": 0o700}


def test_a_plain_sqlite_hub_url_is_refused_unless_the_office_means_it(tmp_path: Path) -> None:
    plain = tmp_path / "plain-hub.db"
    office = ["--office-dir", str(tmp_path / "office")]
    refused = iep("central", "init", *office, "--url", f"sqlite:///{plain}", env=OFFICE)
    assert_clean_failure(refused, "not encrypted", "--unencrypted")
    assert not plain.exists() and not (tmp_path / "office").exists()  # nothing was made
    meant = iep("central", "init", *office, "--url", f"sqlite:///{plain}", "--unencrypted", env=OFFICE)
    assert meant.returncode == 0, meant.stderr
    assert _mode(plain) == 0o600
    assert_clean_failure(iep("central", "status", *office, "--url", f"sqlite:///{plain}", env=OFFICE),
                         "not encrypted")
    assert iep("central", "status", *office, "--url", f"sqlite:///{plain}", "--unencrypted",
               env=OFFICE).returncode == 0


def test_a_database_password_comes_from_the_environment_or_a_file_never_argv(tmp_path: Path, pg_url: str) -> None:
    office = ["--office-dir", str(tmp_path / "office")]
    with_password = pg_url.replace("://postgres@", "://postgres:s3cret@", 1)
    assert with_password != pg_url
    assert_clean_failure(iep("central", "init", *office, "--url", with_password, env=OFFICE),
                         "Do not put the database password in --url")
    assert not (tmp_path / "office").exists()
    in_query = f"{pg_url}?password=s3cret"  # libpq takes it there too, and init would remember it
    assert_clean_failure(iep("central", "init", *office, "--url", in_query, env=OFFICE),
                         "Do not put the database password in --url")
    assert not (tmp_path / "office").exists()
    secret_file = tmp_path / "db-password"
    secret_file.write_text("s3cret\n")
    # The test server trusts local connections, so any password opens it: what is shown here is that
    # the password reaches the connection from the file and from the environment, not from argv.
    assert iep("central", "init", *office, "--url", pg_url, "--db-password-file", str(secret_file),
               env=OFFICE).returncode == 0
    status = iep("central", "status", *office, "--url", pg_url, env=OFFICE | {"IEP_HUB_DB_PASSWORD": "s3cret"})
    assert status.returncode == 0, status.stderr


# -- finding 4: devices: expiry, hashed secrets, key fingerprint, revoke, enroll again ------------

def test_an_expired_enrollment_file_is_refused_and_a_new_one_works(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        folder = tmp_path / "laptop-a"
        folder.mkdir()
        store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
        hub.enroll_device("laptop-a", folder / "enroll.json", "it", valid_days=3)
        # The office keeps no secret: only a verifier that cannot prove an enrollment.
        secret = json.loads((folder / "enroll.json").read_text())["secret"]
        with hub.engine.connect() as conn:
            row = dict(conn.execute(select(devices)).mappings().one())
        assert row["enrollment_secret"] is None and secret not in json.dumps(row, default=str)
        laptop.enroll(store, folder / "enroll.json", "coach", hub.office_fingerprint)
        new_plan(store, "coach")
        clock.advance(days=4)
        late = hub.ingest(_exported(store, "laptop-a", tmp_path).read_bytes(), "office")
        assert late.status == "quarantined" and "expired" in late.reason
        assert hub.status()["participants"] == 0
        hub.revoke("laptop-a", "it")  # the slot is freed for a new file
        hub.enroll_device("laptop-a", folder / "again.json", "it")
        laptop.enroll(store, folder / "again.json", "coach", hub.office_fingerprint)
        assert hub.ingest(_exported(store, "laptop-a", tmp_path).read_bytes(), "office").status == "applied"
        assert hub.status()["participants"] == 1
        store.close()


def test_the_lost_laptop_drill_through_the_iep_command(tmp_path: Path) -> None:
    """README, 'A laptop is lost': revoke it, its bundles are refused and it gets no returns; found
    again (or replaced), it is enrolled again under its name and syncs as before."""
    office = ["--office-dir", str(tmp_path / "office")]
    fingerprint = fingerprint_printed(iep("central", "init", *office, env=OFFICE))
    db, usb = tmp_path / "coach.iep", tmp_path / "usb"
    usb.mkdir()
    assert iep("central", "enroll", *office, "--device", "laptop-1", "--out", str(tmp_path / "e1.json"),
               env=OFFICE).returncode == 0
    assert iep("demo", "--db", str(db), "--participants", "3", "--seed", "5").returncode == 0
    joined = iep("enroll", "--db", str(db), str(tmp_path / "e1.json"), "--office-fingerprint", fingerprint)
    assert joined.returncode == 0, joined.stderr
    first_key = joined.stdout.split("key fingerprint: ")[1].split()[0]

    def export() -> Path:
        for old in usb.glob("*.iepb"):
            old.unlink()
        assert iep("export", "--db", str(db), "--out", str(usb)).returncode == 0
        return next(usb.glob("iep-export-*.iepb"))

    assert iep("central", "ingest", *office, str(export()), env=OFFICE).returncode == 0
    devices_now = json.loads(iep("central", "devices", "--json", *office, env=OFFICE).stdout)
    assert [(d["name"], d["state"], d["key_fingerprint"]) for d in devices_now] == [
        ("laptop-1", "registered", first_key)]  # the office sees the key the laptop showed

    assert iep("central", "revoke", *office, "--device", "laptop-1", env=OFFICE).returncode == 0
    refused = iep("central", "ingest", *office, str(export()), env=OFFICE)
    assert refused.returncode != 0 and "quarantined" in refused.stdout and "revoked" in refused.stdout
    assert_clean_failure(iep("central", "return", *office, "--device", "laptop-1", "--out", str(usb), env=OFFICE),
                         "revoked")

    assert iep("central", "enroll", *office, "--device", "laptop-1", "--out", str(tmp_path / "e2.json"),
               env=OFFICE).returncode == 0
    rejoined = iep("enroll", "--db", str(db), str(tmp_path / "e2.json"), "--office-fingerprint", fingerprint)
    assert rejoined.returncode == 0, rejoined.stderr
    new_key = rejoined.stdout.split("key fingerprint: ")[1].split()[0]
    assert new_key != first_key
    back_in = iep("central", "ingest", *office, str(export()), env=OFFICE)
    assert back_in.returncode == 0 and "applied" in back_in.stdout, back_in.stdout + back_in.stderr
    returned = iep("central", "return", *office, "--device", "laptop-1", "--out", str(usb), env=OFFICE)
    assert returned.returncode == 0, returned.stderr
    imported = iep("import-return", "--db", str(db), str(next(usb.glob("iep-return-*.iepb"))))
    assert imported.returncode == 0, imported.stderr
    states = {d["name"]: (d["state"], d["key_fingerprint"])
              for d in json.loads(iep("central", "devices", "--json", *office, env=OFFICE).stdout)}
    assert states["laptop-1"] == ("registered", new_key)
    assert [s for name, s in states.items() if name != "laptop-1"] == [("revoked", first_key)]
    status = json.loads(iep("central", "status", "--json", *office, env=OFFICE).stdout)
    assert status["participants"] == 3  # the demo caseload, once


# -- finding 8 (R-A2): counseling statements leave the laptop only where the profile allows ------

def test_counseling_statements_stay_on_the_laptop_unless_the_board_allows_them_out(tmp_path: Path, clock) -> None:
    from iep_desktop.domain.models import CounselingStatement
    from iep_desktop.profiles import load_profile
    from tests.conftest import TODAY

    secret_text = "Discussed a confidential family matter with Zebulon"
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a = _laptop(tmp_path, hub, "laptop-a", clock)
        person, plan, _, _ = new_plan(a, "coach-a")
        with a.unit_of_work("coach-a") as uow:
            uow.add(CounselingStatement(participant_id=person.id, plan_id=plan.id, written_on=TODAY, text=secret_text))
        sent = _exported(a, "laptop-a", tmp_path)
        assert hub.ingest(sent.read_bytes(), "office").status == "applied"
        statements = HUB_RECORDS["counseling_statement"]
        with hub.engine.connect() as conn:  # the hub holds no counseling statement, so none of its text
            assert conn.execute(select(statements)).all() == []
            assert hub.record("participant", person.id) is not None
        with a.unit_of_work("x") as uow:
            assert laptop.sync_counts(uow)[laptop.KEPT] == 1  # kept, and never offered again
        again = hub.ingest(_exported(a, "laptop-a", tmp_path).read_bytes(), "office")
        assert "counseling_statement" not in json.dumps(again.outcomes)
        with hub.engine.connect() as conn:
            assert conn.execute(select(statements)).all() == []

        # The honest path for a board whose profile allows it (the office publishes that profile; the
        # laptop gets it in its next return): the statement reaches the office.
        open_board = load_profile("default").model_copy(update={"export_counseling_statements": True})
        (tmp_path / "default.json").write_text(json.dumps(open_board.model_dump(mode="json")))
        hub.publish_profile(tmp_path / "default.json", "office")
        _round(a, hub, "laptop-a", tmp_path)
        assert a.profiles.get("default").export_counseling_statements is True
        with a.unit_of_work("coach-a") as uow:
            allowed = uow.add(CounselingStatement(participant_id=person.id, plan_id=plan.id, written_on=TODAY,
                                                  text="Allowed by this board"))
        assert hub.ingest(_exported(a, "laptop-a", tmp_path).read_bytes(), "office").status == "applied"
        assert hub.record("counseling_statement", allowed.id) is not None
        a.close()


def test_the_hub_keeps_no_counseling_statement_a_modified_laptop_sends(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a = _laptop(tmp_path, hub, "laptop-a", clock)
        person, plan, _, _ = new_plan(a, "coach-a")
        assert _round(a, hub, "laptop-a", tmp_path).status == "applied"
        text = "Confidential: Quintessa spoke about her court date"
        result = hub.ingest(_seal(a, {"changes": [_change("counseling_statement", str(uuid.uuid4()), {
            "participant_id": person.id, "plan_id": plan.id, "written_on": "2026-11-23", "author": "coach-a",
            "text": text})]}), "office")
        assert result.outcomes == {"refused": 1} and "R-A2" in hub.refused_changes()[0]["reason"]
        with hub.engine.connect() as conn:
            assert conn.execute(select(HUB_RECORDS["counseling_statement"])).all() == []
            assert text not in json.dumps([dict(r._mapping) for r in conn.execute(select(refused_changes))],
                                          default=str)
