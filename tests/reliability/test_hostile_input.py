"""Hostile input: the bundle reader, the hub's ingest, enrollment files and board profiles.

Hypothesis feeds each reader random bytes, mutations of a real file, and structurally valid
files with hostile content - including bundles properly signed by an enrolled laptop (a stolen
or buggy laptop can sign anything) whose payload is made up. Each call runs under a 5 s alarm.
The only acceptable outcomes are success or the app's own error (an IepError subclass, one
line): no other exception, no hang. At the hub nothing may be half-written: a bundle that is
quarantined adds one quarantine row and changes no other table.

Fast: ~200 examples per reader; IEP_LONG=1: 5000. ``tests/reliability/fuzz_atheris.py`` runs
the same readers under libFuzzer (atheris) for as long as you like.
"""

from __future__ import annotations

import base64
import copy
import shutil
import hashlib
import json
import struct
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from iep_desktop.central.hub import Hub
from iep_desktop.central.tables import device_audit, device_audit_forks, hub_metadata
from iep_desktop.clock import FixedClock
from iep_desktop.crypto.sealed import b64e
from iep_desktop.demo import build_demo_records
from iep_desktop.domain.models import RECORD_TYPES, PlanVersion, Signature
from iep_desktop.errors import IepError, InvalidInput, ProfileError
from iep_desktop.profiles.loader import load_profile_file, profiles_dir
from iep_desktop.store.canonical import canonical_json
from iep_desktop.store.migrate import head_revision
from iep_desktop.store.store import Store
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.sync import container
from iep_desktop.sync.identity import raw_public, read_enrollment
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf
from tests.reliability._support import LONG, record, scale, time_limit

EXAMPLES = scale(200, 5000)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
OFFICE_PASS = "office passphrase for fuzz tests"
OUTCOMES: dict[str, Counter[str]] = {}


def tally(target: str, outcome: str) -> None:
    OUTCOMES.setdefault(target, Counter())[outcome] += 1
    record("fuzz." + target, {"examples": sum(OUTCOMES[target].values()), "outcomes": dict(OUTCOMES[target]),
                              "mode": "random" if LONG else "derandomized"})


# -- an office, an enrolled laptop, a real bundle -------------------------------------------------

@dataclass
class World:
    hub: Hub
    store: Store
    device: laptop.DeviceState
    office_public: Any
    bundle: bytes
    enrollment: dict[str, Any]
    folder: Path
    pool: dict[str, list[Any]]
    sequence: int = 100

    def header(self, **override: Any) -> dict[str, Any]:
        self.sequence += 1
        return {"format_version": 1, "kind": "export", "bundle_id": str(uuid.uuid4()),
                "sender_id": self.device.device_id, "recipient_key_id": self.device.office["encryption_key_id"],
                "sequence": self.sequence, "prev_digest": "", "schema_version": head_revision(),
                "created_at": "2026-11-23T15:00:00+00:00",
                "sender_signing_key": b64e(raw_public(self.device.signing.public_key())),
                "sender_encryption_key": b64e(raw_public(self.device.encryption.public_key())),
                "enrollment_proof": ""} | override

    def seal(self, payload: bytes) -> bytes:
        data, _, _ = container.seal_bundle(self.header(), payload, recipient=self.office_public,
                                           signer=self.device.signing, chunk_size=4096)
        return data


def _signed_demo() -> list[Any]:
    for demo_seed in range(1, 200):
        records = build_demo_records(1, demo_seed, TODAY, plan_share=1.0)
        if any(isinstance(r, Signature) for r in records):
            return records
    raise AssertionError("no signed demo plan")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    try:
        from iep_desktop.services.printing import version_pdf
    except ImportError:  # older layout
        from iep_desktop.cli import _version_pdf as version_pdf

    folder = tmp_path_factory.mktemp("fuzz")
    clock = FixedClock(datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc))
    hub = Hub.init(folder / "office", OFFICE_PASS, kdf=cheap_kdf(), clock=clock)
    (folder / "laptop").mkdir()
    store = Store.create(folder / "laptop" / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
    hub.enroll_device("laptop-a", folder / "enroll.json", "it")
    laptop.enroll(store, folder / "enroll.json", "coach", hub.office_fingerprint)
    records = _signed_demo()
    with store.unit_of_work("coach") as uow:
        uow.add_many(records)
    (folder / "usb").mkdir()
    sent = laptop.export(store, folder / "usb", "coach", render_pdf=version_pdf, chunk_size=2048)
    bundle = sent.path.read_bytes()
    assert hub.ingest(bundle, "office").status == "applied"
    back, _ = hub.make_return("laptop-a", folder / "usb", "office")
    laptop.import_return(store, back, "coach")
    with store.unit_of_work("coach") as uow:
        device = laptop.device_state(uow)
    version = next(r for r in records if isinstance(r, PlanVersion))
    with hub.engine.connect() as conn:
        audit = [dict(r._mapping) for r in conn.execute(select(device_audit))]
    pool = {
        "ids": [r.id for r in records], "dumps": [r.model_dump(mode="json") for r in records],
        "kinds": [r.kind for r in records], "version": [(version.id, version.digest)],
        "audit": [{k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in a.items() if k != "device_id"}
                  for a in audit],
    }
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    office_public = X25519PublicKey.from_public_bytes(base64.b64decode(device.office["encryption_key"]))
    return World(hub, store, device, office_public, bundle, json.loads((folder / "enroll.json").read_text()),
                 folder, pool)


# -- strategies ---------------------------------------------------------------------------------

SCALARS = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
           | st.text(max_size=24))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)


def _slots(doc: Any, parent: Any = None, key: Any = None) -> list[tuple[Any, Any]]:
    found = [(parent, key)] if parent is not None else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            found += _slots(v, doc, k)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            found += _slots(v, doc, i)
    return found


@st.composite
def mutated_json(draw: Any, doc: Any) -> Any:
    """The document with 1-3 values replaced (by a look-alike or anything), removed or added."""
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 3))):
        slots = _slots(doc)
        if not slots:
            return draw(JSON)
        parent, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        old = parent[key]
        if action == "replace":
            like = (st.integers(-3, 2**64) if isinstance(old, int) and not isinstance(old, bool)
                    else st.text(max_size=40) if isinstance(old, str) else JSON)
            parent[key] = draw(like | JSON)
        elif action == "remove":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(JSON)
        else:
            parent.insert(key, draw(JSON))
    return doc


@st.composite
def mutated_bytes(draw: Any, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(out) - 1)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete", "overwrite"]))
        if action == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del out[at:]
        elif action == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif action == "delete":
            del out[at:at + draw(st.integers(1, 64))]
        else:
            piece = draw(st.binary(min_size=1, max_size=16))
            out[at:at + len(piece)] = piece
    return bytes(out)


def reframed(world: World, header: Any, signer: Ed25519PrivateKey | None = None) -> bytes:
    """A bundle with the given header (any JSON) and the real chunks, signed again (so the signature
    check passes whenever the header is accepted) by the laptop's key unless told otherwise."""
    raw = header if isinstance(header, bytes) else json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    original_header = container.read_header(world.bundle)
    start = 12 + int.from_bytes(world.bundle[8:12], "big")
    end = len(world.bundle) - 2 - container.SIGNATURE_LEN
    del original_header
    body = container.MAGIC + struct.pack(">I", len(raw)) + raw + world.bundle[start:end]
    signature = (signer or world.device.signing).sign(hashlib.sha256(body).digest())
    return body + struct.pack(">H", len(signature)) + signature


def bundle_inputs(world: World) -> st.SearchStrategy[bytes]:
    header = container.read_header(world.bundle).as_dict()
    return st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=64).map(lambda tail: container.MAGIC + tail),
        mutated_bytes(world.bundle),
        mutated_json(header).map(lambda h: reframed(world, h)),
        st.binary(max_size=256).map(lambda h: reframed(world, h)),
    )


def _field_names() -> list[str]:
    return sorted({name for model in RECORD_TYPES.values() for name in model.model_fields})


@st.composite
def hostile_change(draw: Any, world: World) -> dict[str, Any]:
    pool = world.pool
    index = draw(st.integers(0, len(pool["dumps"]) - 1))
    dump = {k: v for k, v in pool["dumps"][index].items() if k not in ("id", "version")}
    fields = draw(st.one_of(
        st.just(dump), mutated_json(dump),
        st.dictionaries(st.sampled_from(_field_names()) | st.text(max_size=10), JSON, max_size=5)))
    return {
        "id": draw(st.uuids(version=4).map(str) | st.text(max_size=12)),
        "record_kind": draw(st.sampled_from([pool["kinds"][index]]) | st.sampled_from(sorted(RECORD_TYPES))
                            | st.text(max_size=10)),
        "record_id": draw(st.sampled_from(pool["ids"]) | st.uuids(version=4).map(str)),
        "base_version": draw(st.integers(0, 3) | st.integers()),
        "new_version": draw(st.integers(1, 4) | st.integers()),
        "fields": fields,
        "before": draw(st.just({}) | mutated_json(dump) | st.dictionaries(st.text(max_size=10), JSON, max_size=3)),
        "author": draw(st.text(max_size=12)),
        "at": draw(st.just("2026-11-23T15:00:00+00:00") | st.text(max_size=30)),
    }


@st.composite
def hostile_payload(draw: Any, world: World) -> bytes:
    pool = world.pool
    version_id, digest = pool["version"][0]
    doc: dict[str, Any] = {
        "format": 1, "kind": "export", "store_id": world.store.store_id,
        "returns_imported": draw(st.integers(0, 3) | st.integers()),
        "changes": draw(st.lists(hostile_change(world), max_size=4)),
        "audit_events": draw(st.lists(st.sampled_from(pool["audit"]).flatmap(
            lambda a: st.just(a) | mutated_json(a)), max_size=3)),
        "signed_pdfs": draw(st.lists(st.fixed_dictionaries({
            "plan_version_id": st.just(version_id) | st.uuids(version=4).map(str),
            "digest": st.just(digest) | st.text(max_size=64),
            "pdf": st.binary(max_size=64).map(lambda b: base64.b64encode(b).decode()) | st.text(max_size=16)}),
            max_size=2)),
    }
    if draw(st.integers(0, 9)) == 0:
        doc = draw(mutated_json(doc))
    how = draw(st.sampled_from(["zlib", "zlib", "zlib", "plain", "garbage"]))
    if how == "garbage":
        return draw(st.binary(max_size=512))
    raw = json.dumps(doc).encode()
    return zlib.compress(raw) if how == "zlib" else raw


# -- the bundle reader --------------------------------------------------------------------------

def test_the_bundle_reader_gives_only_its_own_errors(world: World) -> None:
    signer = world.device.signing.public_key()

    @FUZZ
    @given(data=bundle_inputs(world))
    def check(data: bytes) -> None:
        with time_limit(5):
            try:
                container.open_bundle(data, recipient=world.hub.keys.encryption, signer_for=lambda _h: signer)
                tally("open_bundle", "opened")
            except container.BundleError as exc:
                assert "\n" not in exc.message
                tally("open_bundle", exc.reason)

    check()


# -- the hub's ingest ---------------------------------------------------------------------------

def table_counts(hub: Hub) -> dict[str, int]:
    names = [t.name for t in hub_metadata.sorted_tables]
    sql = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{n}")' for n in names)
    with hub.engine.connect() as conn:
        return dict(zip(names, conn.execute(text(sql)).one()))


def ingest_checked(world: World, data: bytes, target: str) -> None:
    before = table_counts(world.hub)
    with time_limit(5):
        try:
            result = world.hub.ingest(data, "fuzz")
        except IepError as exc:  # allowed: a clear error, but it must not have written anything
            assert table_counts(world.hub) == before
            tally(target, f"raised {type(exc).__name__}")
            return
    after = table_counts(world.hub)
    # "rejected": not a bundle at all, refused without a copy (issue 15 item 6), so nothing is written
    assert result.status in ("applied", "duplicate", "quarantined", "rejected"), result
    if result.status == "rejected":
        assert after == before, result.reason
    if result.status == "quarantined":
        assert after == before | {"hub_quarantine": before["hub_quarantine"] + 1}, result.reason
        assert result.reason and "\n" not in result.reason
    elif result.status == "duplicate":
        assert after == before
    tally(target, result.status)


def test_the_hub_quarantines_hostile_bundles_and_writes_nothing_else(world: World) -> None:
    @FUZZ
    @given(data=bundle_inputs(world))
    def check(data: bytes) -> None:
        ingest_checked(world, data, "hub_ingest_bytes")

    check()


def test_the_hub_survives_hostile_content_signed_by_an_enrolled_laptop(world: World) -> None:
    @FUZZ
    @given(payload=hostile_payload(world))
    def check(payload: bytes) -> None:
        ingest_checked(world, world.seal(payload), "hub_ingest_signed_payload")

    check()


# -- enrollment files and board profiles --------------------------------------------------------

def _resigned(doc: Any) -> Any:
    """Sign the document with a new key and name that key in it: a self-consistent forgery."""
    if not isinstance(doc, dict) or not isinstance(doc.get("office"), dict):
        return doc
    key = Ed25519PrivateKey.generate()
    doc = dict(doc, office=dict(doc["office"], signing_key=b64e(raw_public(key.public_key()))))
    body = {k: v for k, v in doc.items() if k != "signature"}
    try:
        doc["signature"] = b64e(key.sign(canonical_json(body).encode()))
    except (TypeError, ValueError):
        pass
    return doc


def test_the_enrollment_reader_gives_only_its_own_errors(world: World, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("enroll") / "enroll.json"
    real = world.enrollment

    @FUZZ
    @given(content=st.one_of(
        st.binary(max_size=1024),
        JSON.map(lambda d: json.dumps(d).encode()),
        mutated_json(real).map(lambda d: json.dumps(d).encode()),
        mutated_json(real).map(_resigned).map(lambda d: json.dumps(d).encode()),
        mutated_bytes(json.dumps(real).encode()),
    ))
    def check(content: bytes) -> None:
        path.write_bytes(content)
        with time_limit(5):
            try:
                read_enrollment(path)
                tally("read_enrollment", "accepted")
            except InvalidInput as exc:
                assert "\n" not in exc.message
                tally("read_enrollment", "refused")

    check()


def test_the_profile_loader_gives_only_its_own_errors(tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("profile") / "default.json"
    real = json.loads((profiles_dir() / "default.json").read_text("utf-8"))

    @FUZZ
    @given(content=st.one_of(
        st.binary(max_size=1024),
        JSON.map(lambda d: json.dumps(d).encode()),
        mutated_json(real).map(lambda d: json.dumps(d).encode()),
        mutated_bytes(json.dumps(real).encode()),
    ))
    def check(content: bytes) -> None:
        path.write_bytes(content)
        with time_limit(5):
            try:
                load_profile_file(path)
                tally("load_profile_file", "accepted")
            except ProfileError as exc:
                assert "\n" not in exc.message
                tally("load_profile_file", "refused")

    check()


# -- bugs found, kept visible -------------------------------------------------------------------

def _change(kind: str, record_id: str, fields: dict[str, Any], base_version: int = 0) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "record_kind": kind, "record_id": record_id, "base_version": base_version,
            "new_version": base_version + 1, "fields": fields, "before": {}, "author": "coach",
            "at": "2026-11-23T15:00:00+00:00"}


def _payload(world: World, changes: list[dict[str, Any]] = (), pdfs: list[dict[str, Any]] = (),  # type: ignore[assignment]
             **top: Any) -> bytes:
    doc = {"format": 1, "kind": "export", "store_id": world.store.store_id, "returns_imported": 1,
           "changes": list(changes), "audit_events": [], "signed_pdfs": list(pdfs)} | top
    return zlib.compress(json.dumps(doc).encode())


def _first(world: World, kind: str) -> tuple[str, dict[str, Any]]:
    index = world.pool["kinds"].index(kind)
    return world.pool["ids"][index], world.pool["dumps"][index]


def _quarantined_without_writes(world: World, payload: bytes) -> None:
    before = table_counts(world.hub)
    result = world.hub.ingest(world.seal(payload), "office")
    assert result.status == "quarantined" and result.reason, result
    assert table_counts(world.hub) == before | {"hub_quarantine": before["hub_quarantine"] + 1}


@pytest.mark.parametrize("kind, field, value", [("plan", "participant_id", ["x"]), ("goal", "plan_id", {"a": 1})])
def test_a_change_with_a_non_text_id_is_quarantined(world: World, kind: str, field: str, value: Any) -> None:
    record_id, _ = _first(world, kind)
    _quarantined_without_writes(world, _payload(world, [_change(kind, record_id, {field: value})]))


def test_a_signed_pdf_that_is_not_base64_is_quarantined(world: World) -> None:
    _, dump = _first(world, "plan_version")
    version_id = str(uuid.uuid4())
    fields = {k: v for k, v in dump.items() if k not in ("id", "version")}
    _quarantined_without_writes(world, _payload(world, [_change("plan_version", version_id, fields)],
                                                [{"plan_version_id": version_id, "digest": dump["digest"], "pdf": "abc"}]))


def test_a_number_too_big_for_the_database_is_quarantined(world: World) -> None:
    _quarantined_without_writes(world, _payload(world, returns_imported=2**63))


def test_a_laptop_restored_from_a_backup_can_sync_again(tmp_path: Path) -> None:
    from tests.reliability._support import save_plan

    hub = Hub.init(tmp_path / "office", OFFICE_PASS, kdf=cheap_kdf())
    (tmp_path / "laptop").mkdir()
    (tmp_path / "usb").mkdir()
    store = Store.create(tmp_path / "laptop" / "coach.iep", PASSPHRASE, kdf=cheap_kdf())
    hub.enroll_device("laptop-a", tmp_path / "enroll.json", "it")
    laptop.enroll(store, tmp_path / "enroll.json", "coach", hub.office_fingerprint)

    def sync_once() -> str:
        sent = laptop.export(store, tmp_path / "usb", "coach")
        status = hub.ingest(sent.path.read_bytes(), "office").status
        back, _ = hub.make_return("laptop-a", tmp_path / "usb", "office")
        laptop.import_return(store, back, "coach")
        return status

    with store.unit_of_work("coach") as uow:
        save_plan(uow)
    assert sync_once() == "applied"
    store.close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "backup")  # the coach's backup
    store = Store.open(tmp_path / "laptop" / "coach.iep", PASSPHRASE)
    with store.unit_of_work("coach") as uow:
        save_plan(uow)
    assert sync_once() == "applied"  # work done after the backup reaches the office
    store.close()
    shutil.rmtree(tmp_path / "laptop")  # the laptop's disk dies; the backup is restored
    shutil.copytree(tmp_path / "backup", tmp_path / "laptop")
    store = Store.open(tmp_path / "laptop" / "coach.iep", PASSPHRASE)
    with store.unit_of_work("coach") as uow:
        person = save_plan(uow)
    try:
        sent = laptop.export(store, tmp_path / "usb", "coach")
        result = hub.ingest(sent.path.read_bytes(), "office")
        assert result.status == "applied", result.line()
        assert hub.record("participant", person) is not None  # the work done after the restore arrived
        # The office keeps both histories: the events numbered again after the restore are kept
        # apart and the bundle says so; the chain the office held is untouched.
        assert any("restored from a backup" in note for note in result.notes), result.notes
        with hub.engine.connect() as conn:
            forks = conn.execute(select(func.count()).select_from(device_audit_forks)).scalar_one()
        assert forks > 0
        back, _ = hub.make_return("laptop-a", tmp_path / "usb", "office")
        laptop.import_return(store, back, "coach")
        with store.unit_of_work("coach") as uow:
            save_plan(uow)
        assert sync_once() == "applied"  # and it goes on syncing
    finally:
        store.close()
        hub.close()


def test_an_enrollment_file_without_office_id_is_refused(world: World, tmp_path: Path) -> None:
    doc = copy.deepcopy(world.enrollment)
    del doc["office"]["office_id"]
    path = tmp_path / "enroll.json"
    path.write_text(json.dumps(_resigned(doc)))
    with pytest.raises(InvalidInput):
        read_enrollment(path)
