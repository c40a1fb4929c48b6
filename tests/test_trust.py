"""Issue 14: trust at the office boundary. Each finding: the attack replayed and refused, and the
honest path working. Real encrypted stores and hub files; the ``iep`` command as a real process
where a person would type it."""

from __future__ import annotations

import base64
import json
import uuid
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from iep_desktop.central.hub import Hub, IngestResult
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


def _seal(store: Store, payload: dict[str, object]) -> bytes:
    """A bundle the laptop itself signs, with content of the test's choosing (what a modified app
    on an enrolled laptop could send)."""
    with store.unit_of_work("x") as uow:
        device = laptop.device_state(uow)
        sequence = device.sequence + 1
    header = {"format_version": 1, "kind": "export", "bundle_id": str(uuid.uuid4()), "sender_id": device.device_id,
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


def _returned_ids(hub: Hub, store: Store, name: str, tmp_path: Path) -> set[str]:
    back, _ = hub.make_return(name, tmp_path, "office")
    with store.unit_of_work("x") as uow:
        device = laptop.device_state(uow)
    _, plain = container.open_bundle(back.read_bytes(), recipient=device.encryption,
                                     signer_for=lambda _h: device.office_signing_key())
    back.unlink()
    return {r.data["id"] for r in unpack(plain, ReturnPayload).records}


def test_a_laptop_neither_receives_nor_changes_a_participant_it_was_never_given(tmp_path: Path, clock) -> None:
    with Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as hub:
        a, b = _laptop(tmp_path, hub, "laptop-a", clock), _laptop(tmp_path, hub, "laptop-b", clock)
        person, plan, goal, _ = new_plan(a, "coach-a")
        assert _round(a, hub, "laptop-a", tmp_path).status == "applied"
        own, _, _, _ = new_plan(b, "coach-b")
        assert _round(b, hub, "laptop-b", tmp_path).status == "applied"
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
