"""The central office hub: enroll laptops, ingest their bundles, merge, and send updates back.

Ingest checks the sender (signature, enrollment) first, then decrypts and checks every chunk,
then applies the whole bundle in one transaction together with its bundle id, so a bundle
applies once and only once. A bad bundle is quarantined with its reason and blocks nothing.

Merging is per field, three-way: each change carries the field's value before and after. If
the hub still has the "before" value the change applies; if the hub already has the "after"
value there is nothing to do; otherwise someone else changed that field: the hub keeps its
value and the laptop's value waits in the conflict queue for a person. Nothing is discarded.
Append-only records (case notes, signatures, plan versions, reviews, counseling statements)
merge by id and are never altered.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from platformdirs import user_data_dir
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, create_engine, func, insert, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from iep_desktop.clock import Clock, SystemClock
from iep_desktop.crypto.office_keys import PUBLIC_FORMAT
from iep_desktop.crypto.sealed import b64d, b64e, key_id
from iep_desktop.domain.models import RECORD_TYPES, Record
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.fsutil import atomic_write_bytes
from iep_desktop.store import migrate
from iep_desktop.store.audit import GENESIS, append_event
from iep_desktop.store.engine import make_engine
from iep_desktop.store.io_errors import writes_told
from iep_desktop.store.uow import record_from_row, row_values
from iep_desktop.sync import container
from iep_desktop.sync.container import BundleError, BundleHeader
from iep_desktop.sync.identity import OfficeKeys, enrollment_proof, raw_public, write_enrollment
from iep_desktop.sync.payload import ExportPayload, ReturnPayload, SyncedRecord, pack, unpack
from iep_desktop.central.tables import (
    HUB_RECORDS, applied_changes, bundles, conflicts, device_audit, device_audit_forks, device_participants, devices,
    hub_meta,
    hub_metadata, published_profiles, quarantine, signed_pdfs,
)

KEYS_FILE = "office-keys.json"
# Values bound in one IN (...): PostgreSQL's protocol allows 65,535 parameters per statement.
IN_CHUNK = 10_000


def _chunks(values: list[str]) -> list[list[str]]:
    return [values[i:i + IN_CHUNK] for i in range(0, len(values), IN_CHUNK)]


DB_FILE = "hub.iephub"
RECOVERY_PUBLIC_FILE = "office-recovery-public.json"


def default_office_dir() -> Path:
    override = os.environ.get("IEP_OFFICE_DIR")
    return Path(override) if override else Path(user_data_dir("iep-desktop", appauthor=False)) / "office"


@dataclass
class IngestResult:
    bundle_id: str
    status: str  # applied | duplicate | quarantined
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items()) if n)
        text = f"{self.status}: bundle {self.bundle_id[:8]}"
        text += f" ({counts})" if counts else ""
        text += f" — {self.reason}" if self.reason else ""
        return text + "".join(f"; {n}" for n in self.notes)


class _Quarantine(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Batch:
    """A bundle's changes applied in bulk: what the hub already has is read ahead with one query
    per table, new records and outcomes are written with one executemany per table, and the
    records of a table are written out before a change must read one of them back."""

    def __init__(self, conn: Connection, changes: list[Any]) -> None:
        self.conn = conn
        ids = [c.id for c in changes]
        self.applied: set[str] = {
            found for part in _chunks(ids)
            for found in conn.execute(select(applied_changes.c.change_id)
                                      .where(applied_changes.c.change_id.in_(part))).scalars()}
        wanted: dict[str, set[str]] = defaultdict(set)
        for change in changes:
            wanted[change.record_kind].add(change.record_id)
        self.present: dict[str, set[str]] = defaultdict(set)
        for kind, record_ids in wanted.items():
            table = HUB_RECORDS[kind]
            for part in _chunks(sorted(record_ids)):
                self.present[kind].update(conn.execute(select(table.c.id).where(table.c.id.in_(part))).scalars())
        self._rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._unwritten: dict[str, set[str]] = defaultdict(set)
        self.outcomes: list[dict[str, Any]] = []

    def insert(self, kind: str, row: dict[str, Any]) -> None:
        self._rows[kind].append(row)
        self._unwritten[kind].add(row["id"])
        self.present[kind].add(row["id"])

    def flush(self, kind: str | None = None, record_id: str | None = None) -> None:
        """Write what is pending (of ``kind``, when ``record_id`` is one of its unwritten rows; else all)."""
        if kind is not None:
            if record_id not in self._unwritten[kind]:
                return
            kinds = [kind]
        else:
            kinds = list(self._rows)
        for name in kinds:
            if self._rows[name]:
                self.conn.execute(insert(HUB_RECORDS[name]), self._rows[name])
            self._rows[name], self._unwritten[name] = [], set()
        if kind is None and self.outcomes:
            self.conn.execute(insert(applied_changes), self.outcomes)
            self.outcomes = []


class Hub:
    def __init__(self, engine: Engine, keys: OfficeKeys, office_dir: Path, clock: Clock) -> None:
        self.engine, self.keys, self.office_dir, self.clock = engine, keys, office_dir, clock

    # -- making and opening -------------------------------------------------------------------
    @classmethod
    def init(cls, office_dir: Path, passphrase: str, *, url: str | None = None, clock: Clock | None = None,
             kdf: Any = None) -> Hub:
        office_dir = Path(office_dir)
        office_dir.mkdir(parents=True, exist_ok=True)
        if (office_dir / KEYS_FILE).exists():
            raise InvalidInput(f"{office_dir} already holds an office key set; use it, or pick another --office-dir.")
        keys = OfficeKeys.generate()
        keys.save(office_dir / KEYS_FILE, passphrase, kdf)
        _write_recovery_public(office_dir / RECOVERY_PUBLIC_FILE, keys)
        hub = cls(_engine(office_dir, keys, url), keys, office_dir, clock or SystemClock())
        hub_metadata.create_all(hub.engine)
        with hub.engine.begin() as conn:
            existing = conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == "office_id")).scalar()
            if existing is not None:
                raise InvalidInput("That database already belongs to an office; give an empty database with --url.")
            conn.execute(insert(hub_meta), [{"key": "office_id", "value": keys.office_id},
                                             {"key": "schema", "value": migrate.head_revision()}])
        return hub

    @classmethod
    def open(cls, office_dir: Path, passphrase: str, *, url: str | None = None, clock: Clock | None = None) -> Hub:
        office_dir = Path(office_dir)
        if not (office_dir / KEYS_FILE).exists():
            raise NotFound(f"No office is set up in {office_dir}; run 'iep central init' first.")
        keys = OfficeKeys.load(office_dir / KEYS_FILE, passphrase)
        hub = cls(_engine(office_dir, keys, url), keys, office_dir, clock or SystemClock())
        with hub.engine.connect() as conn:
            office = conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == "office_id")).scalar()
        if office != keys.office_id:
            hub.close()
            raise InvalidInput("That database belongs to another office's key set; check --url and --office-dir.")
        hub_metadata.create_all(hub.engine)  # tables added since the hub was set up (none is ever dropped)
        return hub

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _audit(self, conn: Connection, actor: str, action: str, kind: str, record_id: str) -> None:
        append_event(conn, at=self.clock.now(), actor=actor, action=action, record_kind=kind, record_id=record_id,
                     before_digest=None, after_digest=None)

    # -- enrollment ---------------------------------------------------------------------------
    def enroll_device(self, name: str, out: Path, actor: str) -> str:
        name = name.strip()
        if not name:
            raise InvalidInput("Give the laptop a name, for example 'job-fair-laptop-3'.")
        device_id, secret = str(uuid.uuid4()), os.urandom(32)
        with self.engine.begin() as conn:
            if conn.execute(select(devices.c.id).where(devices.c.name == name)).first():
                raise InvalidInput(f"A laptop named {name} is already enrolled; pick another name.")
            conn.execute(insert(devices).values(id=device_id, name=name, enrollment_secret=b64e(secret),
                                                enrolled_at=self.clock.now()))
            self._audit(conn, actor, "hub.enroll", "device", device_id)
            write_enrollment(Path(out), self.keys, device_id, name, secret, self.clock.now())
        return device_id

    # -- ingest -------------------------------------------------------------------------------
    def ingest(self, data: bytes, actor: str) -> IngestResult:
        digest = container.bundle_digest(data)
        try:
            header = container.read_header(data)
        except BundleError as exc:
            return self._quarantine(data, None, digest, exc.message)
        with self.engine.connect() as conn:
            seen = conn.execute(select(bundles.c.id).where(bundles.c.id == header.bundle_id)).first()
        if seen:
            return IngestResult(header.bundle_id, "duplicate", "this bundle was already applied; nothing changed")
        try:
            with self.engine.begin() as conn:
                return self._apply_bundle(conn, data, header, digest, actor)
        except _Quarantine as exc:
            return self._quarantine(data, header, digest, exc.reason)
        except BundleError as exc:
            return self._quarantine(data, header, digest, exc.message)
        except IntegrityError:
            with self.engine.connect() as conn:  # the same bundle applied by another ingest at the same moment
                if conn.execute(select(bundles.c.id).where(bundles.c.id == header.bundle_id)).first():
                    return IngestResult(header.bundle_id, "duplicate", "this bundle was already applied; nothing changed")
            return self._quarantine(data, header, digest, "its content clashes with what the office holds "
                                                          "(a record or event id used twice); nothing from it was applied")
        except (TypeError, ValueError, OverflowError, StatementError) as exc:
            if isinstance(exc, DBAPIError) and not isinstance(exc, DataError):
                raise  # the database itself failed (disk full, connection lost): not the bundle's fault
            # Signed by an enrolled laptop yet not storable (a value of the wrong type or size): the
            # transaction rolled back; set the bundle aside so it does not block the others.
            return self._quarantine(data, header, digest, f"its content cannot be stored ({type(exc).__name__}); "
                                                          "nothing from it was applied")

    def _apply_bundle(self, conn: Connection, data: bytes, header: BundleHeader, digest: str, actor: str) -> IngestResult:
        if header.kind != "export":
            raise _Quarantine("a return bundle was given to the office; only laptop exports are ingested")
        if header.schema_version not in migrate.known_revisions():
            raise _Quarantine(f"it was made by a newer IEP Desktop (schema {header.schema_version}); update the "
                              "office's app, then ingest it again")
        device = conn.execute(select(devices).where(devices.c.id == header.sender_id)).mappings().first()
        _, plain = container.open_bundle(data, recipient=self.keys.encryption,
                                         signer_for=lambda h: self._signer(conn, device, h))
        try:
            payload: ExportPayload = unpack(plain, ExportPayload)
        except InvalidInput as exc:
            raise _Quarantine(exc.message) from None
        notes = self._sequence_notes(device, header)
        result = IngestResult(header.bundle_id, "applied", notes=notes)
        conn.execute(insert(bundles).values(id=header.bundle_id, device_id=header.sender_id, sequence=header.sequence,
                                            digest=digest, received_at=self.clock.now(),
                                            notes="; ".join(notes), changes=len(payload.changes)))
        batch = _Batch(conn, payload.changes)
        for change in payload.changes:
            outcome = self._apply_change(batch, header, change)
            result.outcomes[outcome] = result.outcomes.get(outcome, 0) + 1
        batch.flush()
        forked = self._store_audit(conn, header, payload)
        if forked:
            notes += forked
            conn.execute(update(bundles).where(bundles.c.id == header.bundle_id).values(notes="; ".join(notes)))
        self._store_pdfs(conn, header.sender_id, payload)
        self._share_participants(conn, header.sender_id, payload)
        self._advance_device(conn, device, header, digest, payload)
        self._audit(conn, actor, "hub.ingest", "bundle", header.bundle_id)
        return result

    def _signer(self, conn: Connection, device: Any, header: BundleHeader) -> Ed25519PublicKey:
        if device is None:
            raise BundleError("unknown-sender", "The bundle comes from a laptop this office never enrolled.")
        if device["signing_key"]:
            if device["signing_key"] != header.sender_signing_key:
                raise BundleError("bad-signature", "The bundle is signed with a key this laptop never registered.")
            return Ed25519PublicKey.from_public_bytes(b64d(device["signing_key"]))
        # First bundle from this laptop: it must prove it holds the enrollment secret.
        secret = device["enrollment_secret"]
        signing, encryption = b64d(header.sender_signing_key), b64d(header.sender_encryption_key)
        proof = b64d(header.enrollment_proof) if header.enrollment_proof else b""
        if not secret or proof != enrollment_proof(b64d(secret), device["id"], signing, encryption):
            raise BundleError("unknown-sender", "The laptop did not prove its enrollment; enroll it again.")
        X25519PublicKey.from_public_bytes(encryption)
        return Ed25519PublicKey.from_public_bytes(signing)

    def _sequence_notes(self, device: Any, header: BundleHeader) -> list[str]:
        last = device["last_sequence"]
        if header.sequence > last + 1:
            return [f"sequence gap: bundle {header.sequence} arrived, {last + 1} to {header.sequence - 1} not yet received"]
        if header.sequence == last + 1 and last and header.prev_digest != device["last_digest"]:
            return ["the previous-bundle digest differs from the last bundle received (an export was repeated)"]
        if header.sequence <= last:
            return [f"older bundle (sequence {header.sequence}, already have {last}); only new changes applied"]
        return []

    def _advance_device(self, conn: Connection, device: Any, header: BundleHeader, digest: str,
                        payload: ExportPayload) -> None:
        values: dict[str, Any] = {"returns_confirmed": max(device["returns_confirmed"], payload.returns_imported)}
        if not device["signing_key"]:
            values |= {"signing_key": header.sender_signing_key, "encryption_key": header.sender_encryption_key,
                       "enrollment_secret": None, "registered_at": self.clock.now()}
        if header.sequence > device["last_sequence"]:
            values |= {"last_sequence": header.sequence, "last_digest": digest}
        conn.execute(update(devices).where(devices.c.id == device["id"]).values(**values))

    # -- merging ------------------------------------------------------------------------------
    def _apply_change(self, batch: _Batch, header: BundleHeader, change: Any) -> str:
        if change.id in batch.applied:
            return "duplicate"
        model = RECORD_TYPES[change.record_kind]
        if change.record_id not in batch.present[model.kind]:
            outcome = self._insert_record(batch, model, change)
        elif model.append_only or change.base_version == 0:
            # The office has it already (the laptop sent it again); still refuse what is not a record.
            self._validated(model, {**change.fields, "id": change.record_id, "version": 1})
            outcome = "duplicate"
        else:
            batch.flush(model.kind, change.record_id)  # a record written earlier in this bundle
            table = HUB_RECORDS[model.kind]
            row = batch.conn.execute(select(table).where(table.c.id == change.record_id)).first()
            outcome = self._merge_fields(batch.conn, model, record_from_row(model, row), header, change)
        batch.applied.add(change.id)
        batch.outcomes.append({"change_id": change.id, "bundle_id": header.bundle_id, "device_id": header.sender_id,
                               "record_kind": change.record_kind, "record_id": change.record_id, "outcome": outcome})
        return outcome

    def _insert_record(self, batch: _Batch, model: type[Record], change: Any) -> str:
        if change.base_version != 0:
            raise _Quarantine(f"a change to a {change.record_kind} the office does not have (its first change "
                              "is missing); export again from that laptop")
        record = self._validated(model, {**change.fields, "id": change.record_id, "version": 1})
        batch.insert(model.kind, row_values(record))
        return "applied"

    def _merge_fields(self, conn: Connection, model: type[Record], current: Record, header: BundleHeader,
                      change: Any) -> str:
        hub = current.model_dump(mode="json")
        apply, clashes = {}, []
        for name, new in change.fields.items():
            if name in ("id", "version") or name not in hub or hub[name] == new:
                continue
            if name in model.immutable_fields:
                raise _Quarantine(f"a change to the {name} of a {model.kind}, which never changes")
            if hub[name] == change.before.get(name):
                apply[name] = new
            else:
                clashes.append(name)
        if apply:
            merged = self._validated(model, {**hub, **apply, "version": current.version + 1})
            table = HUB_RECORDS[model.kind]
            conn.execute(update(table).where(table.c.id == current.id).values(**row_values(merged)))
        for name in clashes:
            conn.execute(insert(conflicts).values(
                change_id=change.id, device_id=header.sender_id, record_kind=model.kind, record_id=current.id,
                field=name, hub_value=hub[name], device_value=change.fields[name],
                device_before=change.before.get(name), created_at=self.clock.now()))
        if clashes:
            return "conflict"
        return "applied" if current.version == change.base_version else "merged"

    @staticmethod
    def _validated(model: type[Record], data: dict[str, Any]) -> Record:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise _Quarantine(f"a {model.kind} with an invalid {'.'.join(map(str, first['loc']))}: {first['msg']}") from None

    def _store_audit(self, conn: Connection, header: BundleHeader, payload: ExportPayload) -> list[str]:
        """Append the laptop's audit events to its chain; events that do not extend that chain
        (a laptop restored from a backup numbers new events again) are kept apart as a fork."""
        device_id = header.sender_id
        if not payload.audit_events:
            return []
        ids = [e.id for e in payload.audit_events]
        known = {found for part in _chunks(ids) for table in (device_audit, device_audit_forks)
                 for found in conn.execute(select(table.c.id).where(table.c.id.in_(part))).scalars()}
        low = min(e.seq for e in payload.audit_events) - 1
        chain = {seq: hash_ for seq, hash_ in conn.execute(
            select(device_audit.c.seq, device_audit.c.hash)
            .where(device_audit.c.device_id == device_id, device_audit.c.seq >= low))}
        rows, forks = [], []
        for event in payload.audit_events:
            if event.id in known:
                continue
            extends = event.seq not in chain and (
                chain.get(event.seq - 1) == event.prev_hash if event.seq > 1 else event.prev_hash == GENESIS)
            if extends:
                chain[event.seq] = event.hash
                rows.append(event.model_dump() | {"device_id": device_id})
            else:
                forks.append(event.model_dump() | {"device_id": device_id, "bundle_id": header.bundle_id})
        if rows:
            conn.execute(insert(device_audit), rows)
        if not forks:
            return []
        conn.execute(insert(device_audit_forks), forks)
        return [f"{len(forks)} audit events from event {forks[0]['seq']} on do not follow the office's copy of "
                "this laptop's audit trail (was it restored from a backup?); they are kept apart for review"]

    def _store_pdfs(self, conn: Connection, device_id: str, payload: ExportPayload) -> None:
        versions = HUB_RECORDS["plan_version"]
        for item in payload.signed_pdfs:
            digest = conn.execute(select(versions.c.digest).where(versions.c.id == item.plan_version_id)).scalar()
            if digest != item.digest:
                raise _Quarantine("a signed PDF does not belong to the plan version it names")
            if conn.execute(select(signed_pdfs.c.digest).where(signed_pdfs.c.plan_version_id == item.plan_version_id)).first():
                continue  # a signed version never changes, so neither does its PDF
            try:
                pdf = base64.b64decode(item.pdf, validate=True)
            except binascii.Error:
                raise _Quarantine("a signed PDF in it is not valid base64") from None
            conn.execute(insert(signed_pdfs).values(plan_version_id=item.plan_version_id, digest=item.digest,
                                                    pdf=pdf, device_id=device_id))

    def _share_participants(self, conn: Connection, device_id: str, payload: ExportPayload) -> None:
        ids = {c.record_id for c in payload.changes if c.record_kind == "participant"}
        # Only text ids count: a change that repeats what the hub has is not validated again.
        ids |= {c.fields["participant_id"] for c in payload.changes if isinstance(c.fields.get("participant_id"), str)}
        plan_ids = {c.fields["plan_id"] for c in payload.changes if isinstance(c.fields.get("plan_id"), str)}
        if plan_ids:
            plans = HUB_RECORDS["plan"]
            for part in _chunks(sorted(plan_ids)):
                ids |= set(conn.execute(select(plans.c.participant_id).where(plans.c.id.in_(part))).scalars())
        known = set(conn.execute(select(device_participants.c.participant_id)
                                 .where(device_participants.c.device_id == device_id)).scalars())
        new = [{"device_id": device_id, "participant_id": pid} for pid in sorted(ids - known)]
        if new:
            conn.execute(insert(device_participants), new)

    def share(self, device_name: str, participant_id: str, actor: str) -> None:
        """Let a laptop receive a participant another coach works with (in its next return bundle)."""
        with self.engine.begin() as conn:
            device = conn.execute(select(devices.c.id).where(devices.c.name == device_name)).scalar()
            if device is None:
                raise NotFound(f"No laptop named {device_name} is enrolled; 'iep central status' lists them.")
            table = HUB_RECORDS["participant"]
            if conn.execute(select(table.c.id).where(table.c.id == participant_id)).first() is None:
                raise NotFound(f"The office has no participant {participant_id}.")
            exists = conn.execute(select(device_participants).where(device_participants.c.device_id == device)
                                  .where(device_participants.c.participant_id == participant_id)).first()
            if not exists:
                conn.execute(insert(device_participants).values(device_id=device, participant_id=participant_id))
            self._audit(conn, actor, "hub.share", "participant", participant_id)

    def publish_profile(self, path: Path, actor: str) -> str:
        """Send an updated board profile to every laptop with its next return bundle."""
        from iep_desktop.profiles import load_profile_file

        profile = load_profile_file(Path(path))
        with self.engine.begin() as conn:
            conn.execute(published_profiles.delete().where(published_profiles.c.id == profile.id))
            conn.execute(insert(published_profiles).values(id=profile.id, profile=profile.model_dump(mode="json"),
                                                           published_at=self.clock.now(), published_by=actor))
            self._audit(conn, actor, "hub.publish_profile", "board_profile", profile.id)
        return profile.id

    # -- quarantine ---------------------------------------------------------------------------
    def _quarantine(self, data: bytes, header: BundleHeader | None, digest: str, reason: str) -> IngestResult:
        folder = self.office_dir / "quarantine"
        folder.mkdir(exist_ok=True)
        atomic_write_bytes(folder / f"{digest}.iepb", data)
        with self.engine.begin() as conn:
            conn.execute(insert(quarantine).values(
                bundle_id=header.bundle_id if header else None, device_id=header.sender_id if header else None,
                sequence=header.sequence if header else None, digest=digest, received_at=self.clock.now(),
                reason=reason))
        return IngestResult(header.bundle_id if header else digest[:36], "quarantined", reason)

    # -- conflicts ----------------------------------------------------------------------------
    def open_conflicts(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(conflicts).where(conflicts.c.status == "open").order_by(conflicts.c.id))
            return [dict(r._mapping) for r in rows]

    def resolve(self, conflict_id: int, keep: str, actor: str) -> None:
        """A person decides: keep the hub's value, or take the laptop's."""
        if keep not in ("hub", "device"):
            raise InvalidInput("Say which value to keep: 'hub' or 'device'.")
        with self.engine.begin() as conn:
            item = conn.execute(select(conflicts).where(conflicts.c.id == conflict_id)).mappings().first()
            if item is None or item["status"] != "open":
                raise NotFound(f"There is no open conflict {conflict_id}; 'iep central conflicts' lists them.")
            if keep == "device":
                self._set_field(conn, item["record_kind"], item["record_id"], item["field"], item["device_value"])
            conn.execute(update(conflicts).where(conflicts.c.id == conflict_id).values(
                status="resolved", resolution=keep, resolved_by=actor, resolved_at=self.clock.now()))
            self._audit(conn, actor, f"hub.resolve.{keep}", item["record_kind"], item["record_id"])

    def update_record(self, kind: str, record_id: str, changes: dict[str, Any], actor: str) -> None:
        """An edit made at the office; laptops that share the record get it in their next return."""
        model = RECORD_TYPES.get(kind)
        if model is None or model.append_only:
            raise InvalidInput(f"A {kind} cannot be edited at the office.")
        with self.engine.begin() as conn:
            for name, value in changes.items():
                if name in model.immutable_fields or name == "version":
                    raise InvalidInput(f"The {name} of a {kind} never changes.")
                self._set_field(conn, kind, record_id, name, value)
            self._audit(conn, actor, "hub.edit", kind, record_id)

    def _set_field(self, conn: Connection, kind: str, record_id: str, name: str, value: Any) -> None:
        model, table = RECORD_TYPES[kind], HUB_RECORDS[kind]
        row = conn.execute(select(table).where(table.c.id == record_id)).first()
        if row is None:
            raise NotFound(f"The office has no {kind} {record_id}.")
        current = record_from_row(model, row)
        merged = self._validated(model, {**current.model_dump(mode="json"), name: value, "version": current.version + 1})
        conn.execute(update(table).where(table.c.id == record_id).values(**row_values(merged)))

    # -- return bundles -----------------------------------------------------------------------
    def make_return(self, device_name: str, out_dir: Path, actor: str) -> tuple[Path, int]:
        """A bundle for one laptop: acknowledgements and the office's copy of what it shares."""
        out_dir = Path(out_dir)
        if not out_dir.is_dir():
            raise InvalidInput(f"The folder {out_dir} does not exist; create it or pick another --out.")
        with self.engine.begin() as conn:
            device = conn.execute(select(devices).where(devices.c.name == device_name)).mappings().first()
            if device is None:
                raise NotFound(f"No laptop named {device_name} is enrolled; 'iep central status' lists them.")
            if not device["encryption_key"]:
                raise InvalidInput(f"{device_name} has not sent its first bundle yet, so there is nothing to return.")
            sequence = device["return_sequence"] + 1
            payload = self._return_payload(conn, device)
            header = {"format_version": 1, "kind": "return", "bundle_id": str(uuid.uuid4()),
                      "sender_id": self.keys.office_id, "recipient_key_id": _x25519_id(device["encryption_key"]),
                      "sequence": sequence, "prev_digest": "", "schema_version": migrate.head_revision(),
                      "created_at": self.clock.now().isoformat(),
                      "sender_signing_key": b64e(raw_public(self.keys.signing.public_key())),
                      "sender_encryption_key": "", "enrollment_proof": ""}
            with writes_told("export", out_dir):
                path, _, _ = container.write_bundle(
                    out_dir, header, pack(payload),
                    recipient=X25519PublicKey.from_public_bytes(b64d(device["encryption_key"])),
                    signer=self.keys.signing)
            conn.execute(update(devices).where(devices.c.id == device["id"]).values(return_sequence=sequence))
            self._audit(conn, actor, "hub.return", "device", device["id"])
        return path, len(payload.records)

    def _return_payload(self, conn: Connection, device: Any) -> ReturnPayload:
        mine = select(applied_changes.c.change_id, applied_changes.c.outcome).where(
            applied_changes.c.device_id == device["id"])
        outcomes = list(conn.execute(mine))
        # Events kept apart as a fork are kept all the same: acknowledged like the rest.
        audit_through = max(
            conn.execute(select(func.max(device_audit.c.seq)).where(device_audit.c.device_id == device["id"])).scalar() or 0,
            conn.execute(select(func.max(device_audit_forks.c.seq))
                         .where(device_audit_forks.c.device_id == device["id"])).scalar() or 0)
        return ReturnPayload(
            device_id=device["id"],
            acknowledged_changes=[c for c, o in outcomes if o != "conflict"],
            conflicted_changes=[c for c, o in outcomes if o == "conflict"],
            audit_acknowledged_through=audit_through,
            records=self._shared_records(conn, device["id"]),
            board_profiles=list(conn.execute(select(published_profiles.c.profile)
                                             .order_by(published_profiles.c.id)).scalars()),
        )

    def _shared_records(self, conn: Connection, device_id: str) -> list[SyncedRecord]:
        people = select(device_participants.c.participant_id).where(device_participants.c.device_id == device_id)
        plan_ids = select(HUB_RECORDS["plan"].c.id).where(HUB_RECORDS["plan"].c.participant_id.in_(people))
        out = []
        for kind, table in HUB_RECORDS.items():
            model = RECORD_TYPES[kind]
            if kind == "participant":
                query = select(table).where(table.c.id.in_(people))
            elif "participant_id" in table.c:
                query = select(table).where(table.c.participant_id.in_(people))
            else:
                query = select(table).where(table.c.plan_id.in_(plan_ids))
            out += [SyncedRecord(kind=kind, data=record_from_row(model, r).model_dump(mode="json"))
                    for r in conn.execute(query.order_by(table.c.id))]
        return out

    # -- status -------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            def count(table: Any, *where: Any) -> int:
                return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()

            return {
                "office_id": self.keys.office_id,
                "participants": count(HUB_RECORDS["participant"]),
                "plans": count(HUB_RECORDS["plan"]),
                "signed_pdfs": count(signed_pdfs),
                "bundles_applied": count(bundles),
                "bundles_quarantined": count(quarantine),
                "open_conflicts": count(conflicts, conflicts.c.status == "open"),
                "devices": [dict(name=r.name, last_sequence=r.last_sequence, registered=r.registered_at is not None)
                            for r in conn.execute(select(devices).order_by(devices.c.name))],
            }

    def record(self, kind: str, record_id: str) -> Record | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(HUB_RECORDS[kind]).where(HUB_RECORDS[kind].c.id == record_id)).first()
        return None if row is None else record_from_row(RECORD_TYPES[kind], row)


def _engine(office_dir: Path, keys: OfficeKeys, url: str | None) -> Engine:
    if url:
        try:
            return create_engine(url, hide_parameters=True, pool_pre_ping=True)
        except Exception as exc:  # noqa: BLE001 - a bad URL must read as a message, not a traceback
            raise InvalidInput(f"The database URL is not usable ({type(exc).__name__}); check --url.") from None
    return make_engine(office_dir / DB_FILE, keys.hub_db_key)


def _write_recovery_public(path: Path, keys: OfficeKeys) -> None:
    public = keys.recovery.public_key()
    doc = {"format": PUBLIC_FORMAT, "version": 1, "key_id": key_id(public), "public": b64e(raw_public(public))}
    atomic_write_bytes(path, json.dumps(doc, indent=2).encode(), mode=0o644)


def _x25519_id(b64_key: str) -> str:
    return key_id(X25519PublicKey.from_public_bytes(b64d(b64_key)))

