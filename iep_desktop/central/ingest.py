"""Ingest: verify a laptop's bundle, then apply all of it in one transaction, or none of it.

The sender (signature, enrollment) is checked first, then every chunk is decrypted and checked,
then the whole bundle applies in one transaction together with its bundle id, so a bundle
applies once and only once. A bad bundle is quarantined with its reason and blocks nothing.
What each change does to the office's copy is decided by the pure merge (central/merge.py).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import typing
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from operator import attrgetter
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import BaseModel
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from iep_desktop.central.bulk import insert_columns, insert_rows, select_in, writes_behind
from iep_desktop.central.context import HubContext, one_writer
from iep_desktop.central.enrollment import advance_device, sender_key
from iep_desktop.crypto.sealed import b64e
from iep_desktop.central.merge import (
    MergeRefused,
    Step,
    list_adapter,
    merge_fields,
    plan_step,
    validated,
    validated_many,
)
from iep_desktop.central.ownership import Ownership, plan_version_owner, records_named
from iep_desktop.central.tables import (
    HUB_RECORDS,
    applied_changes,
    bundles,
    conflicts,
    device_audit,
    device_audit_forks,
    devices,
    hub_audit,
    published_profiles,
    quarantine,
    refused_changes,
    signed_pdfs,
)
from iep_desktop.domain.models import RECORD_TYPES, Record
from iep_desktop.errors import InvalidInput
from iep_desktop.fsutil import atomic_write_bytes, private_dir
from iep_desktop.gc_pause import cycle_collector_paused
from iep_desktop.profiles import load_profile, profile_from_dict
from iep_desktop.store import migrate
from iep_desktop.store.audit import GENESIS
from iep_desktop.store.tables import JSON_COLUMNS
from iep_desktop.store.uow import record_from_row, row_values
from iep_desktop.sync import container
from iep_desktop.sync.container import BundleError, BundleHeader
from iep_desktop.sync.identity import raw_public
from iep_desktop.sync.payload import ReceivedAudit, ReceivedChange, ReceivedExport, change_json, unpack_export


@dataclass
class IngestResult:
    bundle_id: str
    status: str  # applied | duplicate | quarantined | rejected (not a bundle: nothing kept)
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    laptop: str = ""   # the sending laptop's name, when the office knows it
    sequence: int | None = None
    # False for a bundle set aside before its signature was checked: its laptop and number are
    # only what its header claims (anyone can write a header naming a laptop).
    sender_verified: bool = True

    @property
    def clean(self) -> bool:
        """Applied with nothing kept apart, or a byte-identical copy of an applied bundle."""
        return self.status == "duplicate" or (self.status == "applied" and not self.outcomes.get("refused"))

    def line(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items()) if n)
        text = f"{self.status}: bundle {self.bundle_id[:8]}"
        if self.laptop:
            text += (f" from laptop {self.laptop}" if self.sender_verified
                     else f" claiming to be from laptop {self.laptop} (not verified)")
            text += f" (its bundle {self.sequence})" if self.sequence else ""
        text += f" ({counts})" if counts else ""
        text += f" — {self.reason}" if self.reason else ""
        return text + "".join(f"; {n}" for n in self.notes)


class _Quarantine(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


ALREADY_APPLIED = "this bundle was already applied; nothing changed"


class _Batch:
    """A bundle's changes applied in bulk: what the hub already has is read ahead with one query
    per table, new records and outcomes are written with one executemany per table, and the
    records of a table are written out before a change must read one of them back."""

    def __init__(self, conn: Connection, header: BundleHeader, changes: list[ReceivedChange],
                 named: dict[str, set[str]], held: dict[str, set[str]]) -> None:
        """``named``: the record ids the changes name, by kind; ``held``: those of them the office
        holds, for the kinds already read (Ownership reads all but participants)."""
        self.conn = conn
        self.bundle_id = header.bundle_id
        self.device_id = device_id = header.sender_id
        ids = [c.id for c in changes]
        # Change ids are the sender's own: another laptop's change under the same id is another change.
        self.applied: set[str] = _held_of_laptop(conn, applied_changes.c.change_id, ids, device_id)
        self.present: dict[str, set[str]] = defaultdict(set)
        for kind, record_ids in named.items():
            if kind in held:
                self.present[kind] = set(held[kind])
                continue
            table = HUB_RECORDS[kind]
            self.present[kind].update(found for (found,) in select_in(conn, [table.c.id], table.c.id, sorted(record_ids)))
        self._rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._unwritten: dict[str, set[str]] = defaultdict(set)
        self.outcomes: list[tuple[str, str, str, str]] = []  # (change id, record kind, record id, outcome)
        self.rows: dict[int, dict[str, Any]] = {}  # validated ahead, as row_values gives them, by place
        self.refused: list[dict[str, Any]] = []

    def insert(self, kind: str, row: dict[str, Any]) -> None:
        self._rows[kind].append(row)
        self._unwritten[kind].add(row["id"])
        self.present[kind].add(row["id"])

    def flush(self, kind: str | None = None, record_id: str | None = None) -> None:
        """Write what is pending (of ``kind``, when ``record_id`` is one of its unwritten rows; else all).

        All of it: the changes kept apart, what became of each change, then the records. On
        PostgreSQL the outcomes' COPY is the largest of a bundle's last ones, and the server
        inserts it while the records are bound here (bulk.writes_behind); written last, it was the
        wait before the commit (issue 17). One transaction either way, so the order changes
        nothing that is stored."""
        if kind is not None:
            if record_id not in self._unwritten[kind]:
                return
            self._write_records([kind])
            return
        if self.refused:
            self.conn.execute(insert(refused_changes), self.refused)
            self.refused = []
        if self.outcomes:
            change_ids, record_kinds, record_ids, outcomes = zip(*self.outcomes, strict=True)
            every = len(self.outcomes)
            insert_columns(self.conn, applied_changes,
                           ["change_id", "bundle_id", "device_id", "record_kind", "record_id", "outcome"],
                           [change_ids, [self.bundle_id] * every, [self.device_id] * every, record_kinds, record_ids,
                            outcomes])
            self.outcomes = []
        self._write_records(list(self._rows))

    def _write_records(self, kinds: list[str]) -> None:
        for name in kinds:
            insert_rows(self.conn, HUB_RECORDS[name], self._rows[name])
            self._rows[name], self._unwritten[name] = [], set()


NOT_A_BUNDLE = ("this file is not an IEP bundle; it was not kept at the office (give only the "
                "iep-export-*.iepb files laptops write)")


def ingest(ctx: HubContext, data: bytes, actor: str) -> IngestResult:
    result = _ingest(ctx, data, actor)
    if result.laptop == "" and result.status != "rejected":
        result.laptop, result.sequence = _laptop_of(ctx, data)
    return result


def _laptop_of(ctx: HubContext, data: bytes) -> tuple[str, int | None]:
    try:
        header = container.read_header(data)
    except BundleError:
        return "", None
    with ctx.engine.connect() as conn:
        name = conn.execute(select(devices.c.name).where(devices.c.id == header.sender_id)).scalar()
    return (str(name), header.sequence) if name else ("", header.sequence)


def _ingest(ctx: HubContext, data: bytes, actor: str) -> IngestResult:
    """Verify first, then decide: the sender and its signature over the whole file are checked
    before anything the header says (duplicate, kind, schema) is believed."""
    if not container.looks_like_bundle(data):
        # A CSV or a document handed over by mistake may hold personal data: never copied.
        return IngestResult("-", "rejected", NOT_A_BUNDLE)
    digest = container.bundle_digest(data)
    try:
        header = container.read_header(data)
    except BundleError as exc:
        return _quarantine(ctx, data, None, digest, exc.message, verified=False)
    try:
        with ctx.engine.connect() as conn:
            if conn.execute(select(bundles.c.id).where(bundles.c.digest == digest)).first() is not None:
                # The very bytes of a bundle verified and applied before (a USB stick ingested again,
                # even after its laptop was revoked): nothing in it is new. Any other copy is verified.
                return IngestResult(header.bundle_id, "duplicate", ALREADY_APPLIED)
            device = conn.execute(select(devices).where(devices.c.id == header.sender_id)).mappings().first()
            container.verify_bundle(data, _signer(ctx, device, header))
            if _already_applied(conn, header, digest):
                return IngestResult(header.bundle_id, "duplicate", ALREADY_APPLIED)
    except BundleError as exc:  # the sender or its signature did not check out
        return _quarantine(ctx, data, header, digest, exc.message, verified=False)
    except _Quarantine as exc:
        return _quarantine(ctx, data, header, digest, exc.reason)
    try:
        with cycle_collector_paused(), ctx.engine.begin() as conn, _large_page_cache(conn), writes_behind(conn):
            one_writer(conn)
            if conn.dialect.name == "postgresql" and _already_applied(conn, header, digest):
                # The same bundle, applied by another ingest while this one waited for the lock.
                return IngestResult(header.bundle_id, "duplicate", ALREADY_APPLIED)
            return _apply_bundle(ctx, conn, data, header, digest, actor)
    except _Quarantine as exc:
        return _quarantine(ctx, data, header, digest, exc.reason)
    except MergeRefused as exc:
        return _quarantine(ctx, data, header, digest, exc.message)
    except BundleError as exc:
        return _quarantine(ctx, data, header, digest, exc.message)
    except IntegrityError:
        with ctx.engine.connect() as conn:  # the same bundle applied by another ingest at the same moment
            if _already_applied(conn, header, digest):
                return IngestResult(header.bundle_id, "duplicate", ALREADY_APPLIED)
        return _quarantine(ctx, data, header, digest, "its content clashes with what the office holds "
                                                      "(a record or event id used twice); nothing from it was applied")
    except (TypeError, ValueError, OverflowError, StatementError) as exc:
        if isinstance(exc, DBAPIError) and not isinstance(exc, DataError):
            raise  # the database itself failed (disk full, connection lost): not the bundle's fault
        # Signed by an enrolled laptop yet not storable (a value of the wrong type or size): the
        # transaction rolled back; set the bundle aside so it does not block the others.
        return _quarantine(ctx, data, header, digest, f"its content cannot be stored ({type(exc).__name__}); "
                                                      "nothing from it was applied")


# Pages of the embedded hub held in memory while a bundle applies (KiB, as PRAGMA cache_size takes it).
INGEST_PAGE_CACHE_KIB = 512 * 1024


@contextmanager
def _large_page_cache(conn: Connection) -> Iterator[None]:
    """On the embedded hub, a page cache of INGEST_PAGE_CACHE_KIB while a bundle applies, then the
    connection's own again (issue 17). A bundle inserts into a dozen indexes keyed by random ids;
    with SQLite's default 2 MiB cache the same index pages were written out and read back (and
    encrypted and decrypted) many times in one transaction: at 10,000 plans, 0.19x -> 0.36x of the
    benchmark's baseline. 128 -> 512 MiB: a 10,000-plan bundle's whole transaction (430 MB of
    pages) stays in memory until the commit instead of spilling to the WAL page by page, each
    spilled page one more encryption and one more write when it is changed again (harness, 440k
    rows: 13.16/13.48 s -> 12.85/12.77 s; peak RSS 1.82 GB both ways, the parsed bundle's). A
    ceiling, not an allocation: a day's bundle touches a few MB. Memory only: pages stay
    encrypted on disk as always."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(INGEST_PAGE_CACHE_KIB)}")
    try:
        yield
    finally:
        with suppress(DBAPIError):  # a connection that failed: its own error is the one to see
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _signer(ctx: HubContext, device: Any, header: BundleHeader) -> Ed25519PublicKey:
    """The key on record for the sender. The office's own key for a bundle the office signed
    (a return bundle brought back by mistake: refused as such once its signature holds)."""
    if device is None and header.sender_id == ctx.keys.office_id:
        if header.sender_signing_key != b64e(raw_public(ctx.keys.signing.public_key())):
            raise BundleError("bad-signature", "The bundle claims to come from this office but is not signed "
                                               "with its key.")
        return ctx.keys.signing.public_key()
    return sender_key(device, header, ctx.clock.now())


def _already_applied(conn: Connection, header: BundleHeader, digest: str) -> bool:
    """True for a byte-identical copy of a bundle this laptop sent before. Bundle ids are the
    sender's: another laptop's bundle under the same id is a different bundle (it cannot block
    this one). The same laptop's id with other content is refused as exactly that."""
    if conn.execute(select(bundles.c.id).where(bundles.c.digest == digest)).first() is not None:
        return True
    mine = conn.execute(select(bundles.c.digest).where(bundles.c.device_id == header.sender_id,
                                                       bundles.c.id == header.bundle_id)).first()
    if mine is not None:
        raise _Quarantine("a different bundle under the id of one this laptop already sent (the first one was "
                          "applied); nothing from this one was applied")
    return False


def _apply_bundle(ctx: HubContext, conn: Connection, data: bytes, header: BundleHeader, digest: str,
                  actor: str) -> IngestResult:
    if header.kind != "export":
        raise _Quarantine("a return bundle was given to the office; only laptop exports are ingested")
    if header.schema_version not in migrate.known_revisions():
        raise _Quarantine(f"it was made by a newer IEP Desktop (schema {header.schema_version}); update the "
                          "office's app, then ingest it again")
    device = conn.execute(select(devices).where(devices.c.id == header.sender_id)).mappings().first()
    if device is None:
        raise BundleError("unknown-sender", "The bundle comes from a laptop this office never enrolled.")

    def signer_for(h: BundleHeader) -> Ed25519PublicKey:
        return _signer(ctx, device, h)

    _, plain = container.open_bundle(data, recipient=ctx.keys.encryption, signer_for=signer_for)
    try:
        payload = unpack_export(plain)
    except InvalidInput as exc:
        raise _Quarantine(exc.message) from None
    notes = sequence_notes(device, header)
    result = IngestResult(header.bundle_id, "applied", notes=notes)
    conn.execute(insert(bundles).values(id=header.bundle_id, device_id=header.sender_id, sequence=header.sequence,
                                        digest=digest, received_at=ctx.clock.now(),
                                        notes="; ".join(notes), changes=len(payload.changes)))
    noted = len(notes)
    named = records_named(payload.changes)
    owners = Ownership(conn, header.sender_id, payload.changes, named)
    batch = _Batch(conn, header, payload.changes, named, owners.found)
    # The audit events first: on PostgreSQL the server inserts them while the records are
    # validated here (bulk.writes_behind). Their note still comes after the changes' own.
    audit_notes = _store_audit(conn, header, payload)
    batch.rows = _validate_new_records(batch, payload.changes)
    for position, change in enumerate(payload.changes):
        outcome = _apply_change(ctx, batch, owners, header, change, position)
        result.outcomes[outcome] = result.outcomes.get(outcome, 0) + 1
    batch.flush()
    if result.outcomes.get("refused"):
        notes.append(f"{result.outcomes['refused']} change(s) to participants this laptop may not change were kept "
                     "apart ('iep central refused' lists them)")
    notes += audit_notes
    notes += _store_pdfs(ctx, conn, header, owners, payload)
    owners.grant(conn, header.sender_id)
    if len(notes) > noted:
        conn.execute(update(bundles).where(bundles.c.device_id == header.sender_id, bundles.c.id == header.bundle_id)
                     .values(notes="; ".join(notes)))
    advance_device(ctx, conn, device, header, digest, payload.returns_imported)
    ctx.audit(conn, actor, "hub.ingest", "bundle", header.bundle_id)
    return result


def sequence_notes(device: Any, header: BundleHeader) -> list[str]:
    """What a person should know about where this bundle falls in the laptop's sequence."""
    last = device["last_sequence"]
    if header.sequence > last + 1:
        return [f"sequence gap: bundle {header.sequence} arrived, {last + 1} to {header.sequence - 1} not yet received"]
    if header.sequence == last + 1 and last and header.prev_digest != device["last_digest"]:
        return ["the previous-bundle digest differs from the last bundle received (an export was repeated)"]
    if header.sequence <= last:
        return [f"older bundle (sequence {header.sequence}, already have {last}); only new changes applied"]
    return []


def _validate_new_records(batch: _Batch, changes: list[ReceivedChange]) -> dict[int, dict[str, Any]]:
    """The records the bundle adds, validated ahead in one call per record type (issue 17), as the
    rows ``row_values`` makes of them (dumped in one call too), by the change's place in the
    bundle. Only a speed-up: ``_apply_change`` takes a row from here
    when there is one for its change, and validates the change itself otherwise. So a record
    type with an invalid record in it is left out here, and the change is refused where and as
    it always was (in bundle order, in the same words); a change the laptop may not make
    (ownership) is never validated at all."""
    present = {kind: set(ids) for kind, ids in batch.present.items()}
    seen = set(batch.applied)
    wanted: dict[type[Record], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for position, change in enumerate(changes):
        if change.id in seen:
            continue
        seen.add(change.id)
        model = RECORD_TYPES[change.record_kind]
        try:
            step = plan_step(office_has_record=change.record_id in present.setdefault(model.kind, set()),
                             append_only=model.append_only, base_version=change.base_version,
                             kind=change.record_kind)
        except MergeRefused:
            break  # the bundle stops there; nothing after it needs a record
        if step == Step.MERGE:
            continue
        wanted[model].append((position, {**change.fields, "id": change.record_id, "version": 1}))
        if step == Step.INSERT:
            present[model.kind].add(change.record_id)
    rows: dict[int, dict[str, Any]] = {}
    for model, items in wanted.items():
        done, invalid = validated_many(model, [data for _, data in items])
        if invalid is None:
            rows.update(zip((position for position, _ in items), rows_of(model, done), strict=True))
    return rows


def rows_of(model: type[Record], records: list[Record]) -> list[dict[str, Any]]:
    """``[row_values(r) for r in records]`` of one record type, in two calls to pydantic's core:
    every field as Python values, then the JSON columns in their JSON form."""
    adapter = list_adapter(model)
    rows: list[dict[str, Any]]
    if _plain_fields(model):  # each field's Python value is the one the record holds
        rows = [record.__dict__.copy() for record in records]
    else:
        rows = adapter.dump_python(records)
    json_columns = JSON_COLUMNS[model.kind]
    if json_columns:
        for row, as_json in zip(rows, adapter.dump_python(records, mode="json", include={"__all__": set(json_columns)}),
                                strict=True):
            row.update(as_json)
    return rows


@cache
def _plain_fields(model: type[Record]) -> bool:
    """True when ``model_dump()`` of a record gives the values its fields hold, for every field
    that is not a JSON column: no serializers, computed fields or extra fields, and every
    nested model in a JSON column."""
    decorators = model.__pydantic_decorators__
    return (not decorators.field_serializers and not decorators.model_serializers
            and not model.model_computed_fields and model.model_config.get("extra") == "forbid"
            and set(JSON_COLUMNS[model.kind]) >= {name for name, info in model.model_fields.items()
                                                  if _holds_model(info.annotation)})


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))


def _apply_change(ctx: HubContext, batch: _Batch, owners: Ownership, header: BundleHeader,
                  change: ReceivedChange, position: int) -> str:
    if change.id in batch.applied:
        return "duplicate"
    model = RECORD_TYPES[change.record_kind]
    new_record = change.record_id not in batch.present[model.kind]
    refused = owners.refusal(change, new_record=new_record) or _confidential(batch.conn, change)
    if refused is not None:
        person, reason = refused
        owners.note_refused(change, person, new_record=new_record)
        kept = change_json(change)
        if change.record_kind == "counseling_statement":  # R-A2: its text is not kept even here
            kept |= {"fields": {}, "before": {}}
        batch.refused.append({"change_id": change.id, "bundle_id": header.bundle_id, "device_id": header.sender_id,
                              "record_kind": change.record_kind, "record_id": change.record_id,
                              "participant_id": person, "reason": reason, "change": kept,
                              "received_at": ctx.clock.now()})
        outcome = "refused"
        _record_outcome(batch, header, change, outcome)
        return outcome
    step = plan_step(office_has_record=not new_record, append_only=model.append_only,
                     base_version=change.base_version, kind=change.record_kind)
    row = batch.rows.pop(position, None) if step != Step.MERGE else None
    if step != Step.MERGE and row is None:
        row = row_values(validated(model, {**change.fields, "id": change.record_id, "version": 1}))
    if step == Step.INSERT:
        assert row is not None
        batch.insert(model.kind, row)
        outcome = "applied"
    elif step == Step.DUPLICATE:
        outcome = "duplicate"  # still refused above when it is not a record
    else:
        batch.flush(model.kind, change.record_id)  # a record written earlier in this bundle
        table = HUB_RECORDS[model.kind]
        current = batch.conn.execute(select(table).where(table.c.id == change.record_id)).first()
        outcome = _merge_into(ctx, batch.conn, model, record_from_row(model, current), header, change)
    owners.note_applied(change, new_record=new_record)
    _record_outcome(batch, header, change, outcome)
    return outcome


def _confidential(conn: Connection, change: ReceivedChange) -> tuple[str, str] | None:
    """R-A2 at the office too: a counseling statement is taken only where the participant's board
    profile lets it leave the laptop (a laptop running this app never sends one otherwise)."""
    if change.record_kind != "counseling_statement":
        return None
    person = change.fields.get("participant_id")
    people = HUB_RECORDS["participant"]
    board = conn.execute(select(people.c.board).where(people.c.id == person)).scalar() if isinstance(person, str) else None
    try:
        published = conn.execute(select(published_profiles.c.profile)
                                 .where(published_profiles.c.id == str(board))).scalar() if board else None
        profile = profile_from_dict(published, "the office") if published else load_profile(str(board))
        allowed = board is not None and profile.export_counseling_statements
    except Exception:  # noqa: BLE001 - a board the office cannot read: the statement is not taken
        allowed = False
    if allowed:
        return None
    return (str(person) if isinstance(person, str) else None) or "", (
        "a counseling statement, which this participant's board keeps on the laptop (R-A2); not kept, "
        "nor its text")


def _record_outcome(batch: _Batch, header: BundleHeader, change: ReceivedChange, outcome: str) -> None:
    """What became of a change, once: sent again, it is a duplicate."""
    batch.applied.add(change.id)
    batch.outcomes.append((change.id, change.record_kind, change.record_id, outcome))


def _merge_into(ctx: HubContext, conn: Connection, model: type[Record], current: Record, header: BundleHeader,
                change: ReceivedChange) -> str:
    office = current.model_dump(mode="json")
    merge = merge_fields(office, change.fields, change.before, immutable=model.immutable_fields, kind=model.kind)
    if merge.apply:
        merged = validated(model, {**office, **merge.apply, "version": current.version + 1})
        table = HUB_RECORDS[model.kind]
        conn.execute(update(table).where(table.c.id == current.id).values(**row_values(merged)))
    hub_author, hub_at = last_writer(conn, model.kind, current.id) if merge.clashes else ("", None)
    for name in merge.clashes:
        conn.execute(insert(conflicts).values(
            change_id=change.id, device_id=header.sender_id, record_kind=model.kind, record_id=current.id,
            field=name, hub_value=office[name], device_value=change.fields[name],
            device_before=change.before.get(name), created_at=ctx.clock.now(),
            device_author=change.author, device_at=change.at, hub_author=hub_author, hub_at=hub_at))
    return merge.outcome(current.version, change.base_version)


def last_writer(conn: Connection, kind: str, record_id: str) -> tuple[str, datetime | None]:
    """Who last wrote the office's copy of a record, and when: a laptop's change that applied, or an
    edit or decision made at the office ('office user NAME'), whichever is later."""
    laptop = conn.execute(
        select(devices.c.name, devices.c.id, bundles.c.received_at)
        .select_from(applied_changes.join(bundles, (bundles.c.id == applied_changes.c.bundle_id)
                                          & (bundles.c.device_id == applied_changes.c.device_id))
                     .join(devices, devices.c.id == applied_changes.c.device_id))
        .where(applied_changes.c.record_kind == kind, applied_changes.c.record_id == record_id,
               applied_changes.c.outcome.in_(["applied", "merged"]))
        .order_by(applied_changes.c.seq.desc()).limit(1)).first()
    office = conn.execute(
        select(hub_audit.c.actor, hub_audit.c.at)
        .where(hub_audit.c.record_kind == kind, hub_audit.c.record_id == record_id,
               hub_audit.c.action.in_(["hub.edit", "hub.resolve.device", "hub.resolve.hub"]))
        .order_by(hub_audit.c.seq.desc()).limit(1)).first()
    if office is not None and (laptop is None or office.at >= laptop.received_at):
        return f"office user {office.actor}", office.at
    if laptop is not None:
        # The other laptop's coach and the time of the edit, from that laptop's audit trail (when
        # it came along): "coach.lee on laptop fair-laptop-2", as the laptop side of a conflict reads.
        event = conn.execute(
            select(device_audit.c.actor, device_audit.c.at)
            .where(device_audit.c.device_id == laptop.id, device_audit.c.record_kind == kind,
                   device_audit.c.record_id == record_id)
            .order_by(device_audit.c.seq.desc()).limit(1)).first()
        if event is not None:
            return f"{event.actor} on laptop {laptop.name}", event.at
        return f"laptop {laptop.name}", laptop.received_at
    return "", None


def _store_audit(conn: Connection, header: BundleHeader, payload: ReceivedExport) -> list[str]:
    """Append the laptop's audit events to its chain; events that do not extend that chain
    (a laptop restored from a backup numbers new events again) are kept apart as a fork."""
    device_id = header.sender_id
    if not payload.audit_events:
        return []
    ids = [e.id for e in payload.audit_events]
    known = {found for table in (device_audit, device_audit_forks)  # an event's id is its laptop's own (hub0012)
             for found in _held_of_laptop(conn, table.c.id, ids, device_id)}
    low = min(e.seq for e in payload.audit_events) - 1
    chain = {seq: hash_ for seq, hash_ in conn.execute(
        select(device_audit.c.seq, device_audit.c.hash)
        .where(device_audit.c.device_id == device_id, device_audit.c.seq >= low))}
    rows: list[ReceivedAudit] = []
    forks: list[ReceivedAudit] = []
    for event in payload.audit_events:
        if event.id in known:
            continue
        extends = event.seq not in chain and (
            chain.get(event.seq - 1) == event.prev_hash if event.seq > 1 else event.prev_hash == GENESIS)
        if extends:
            chain[event.seq] = event.hash
            rows.append(event)
        else:
            forks.append(event)
    _insert_events(conn, device_audit, rows, device_id=device_id)
    if not forks:
        return []
    _insert_events(conn, device_audit_forks, forks, device_id=device_id, bundle_id=header.bundle_id)
    return [(f"{len(forks)} audit events from event {forks[0].seq} on do not follow the office's copy of "
            "this laptop's audit trail (was it restored from a backup?); they are kept apart for review")]


def _held_of_laptop(conn: Connection, key: Any, values: list[str], device_id: str) -> set[str]:
    """The ``values`` the office holds in column ``key`` among this laptop's rows of its table. A
    laptop's first bundle, the largest it sends, has none there: one indexed probe says so, instead
    of looking up each of its ids (225,000 audit events and 219,000 change ids in a 10,000-plan
    bundle, 0.5 s; issue 17)."""
    laptop = key.table.c.device_id
    if conn.execute(select(laptop).where(laptop == device_id).limit(1)).first() is None:
        return set()
    return {found for (found,) in select_in(conn, [key], key, values, where={laptop: device_id})}


def _insert_events(conn: Connection, table: Any, events: list[ReceivedAudit], **same: str) -> None:
    """The laptop's audit events, column by column, with the columns every one of them shares."""
    if not events:
        return
    names = [column.name for column in dataclasses.fields(ReceivedAudit)]
    columns: list[Any] = [list(map(attrgetter(name), events)) for name in names]
    names += same
    columns += [[value] * len(events) for value in same.values()]
    insert_columns(conn, table, names, columns)


def _store_pdfs(ctx: HubContext, conn: Connection, header: BundleHeader, owners: Ownership,
                payload: ReceivedExport) -> list[str]:
    """Keep the signed PDFs of plan versions this laptop owns; refuse, one by one, the others."""
    versions = HUB_RECORDS["plan_version"]
    refused = 0
    for item in payload.signed_pdfs:
        owner = plan_version_owner(conn, item.plan_version_id)
        if owner is None or owner not in owners.allowed:
            refused += 1
            conn.execute(insert(refused_changes).values(
                change_id=item.plan_version_id, bundle_id=header.bundle_id, device_id=header.sender_id,
                record_kind="signed_pdf", record_id=item.plan_version_id, participant_id=owner,
                reason="a signed PDF for a plan version this laptop does not own (or the office does not have); "
                       "not kept",
                change={"plan_version_id": item.plan_version_id, "digest": item.digest}, received_at=ctx.clock.now()))
            continue
        digest = conn.execute(select(versions.c.digest).where(versions.c.id == item.plan_version_id)).scalar()
        if digest != item.digest:
            raise _Quarantine("a signed PDF does not belong to the plan version it names")
        if conn.execute(select(signed_pdfs.c.digest).where(signed_pdfs.c.plan_version_id == item.plan_version_id)).first():
            continue  # a signed version never changes, so neither does its PDF
        try:
            pdf = base64.b64decode(item.pdf, validate=True)
        except binascii.Error:
            raise _Quarantine("a signed PDF in it is not valid base64") from None
        if not names_version(pdf, item.digest):
            raise _Quarantine("a signed PDF in it is not a PDF of the plan version it names")
        conn.execute(insert(signed_pdfs).values(plan_version_id=item.plan_version_id, digest=item.digest,
                                                pdf=pdf, device_id=header.sender_id))
    return [f"{refused} signed PDF(s) for plan versions this laptop does not own were not kept"] if refused else []


def names_version(pdf: bytes, digest: str) -> bool:
    """A PDF the app made for this plan version: it starts as a PDF and its Subject is the version's
    digest (pdf/plan_pdf.py writes it there, uncompressed, in the document information)."""
    return pdf.startswith(b"%PDF-") and f"/Subject ({digest})".encode() in pdf


def _quarantine(ctx: HubContext, data: bytes, header: BundleHeader | None, digest: str, reason: str, *,
                verified: bool = True) -> IngestResult:
    """Set the bundle aside with its reason. ``verified``: its signature was checked against the key
    on record for its sender, so the laptop and number its header gives are that laptop's."""
    folder = ctx.office_dir / "quarantine"
    private_dir(folder)
    atomic_write_bytes(folder / f"{digest}.iepb", data)
    with ctx.engine.begin() as conn:
        conn.execute(insert(quarantine).values(
            bundle_id=header.bundle_id if header else None, device_id=header.sender_id if header else None,
            sequence=header.sequence if header else None, digest=digest, received_at=ctx.clock.now(),
            reason=reason, sender_verified=int(verified and header is not None)))
    return IngestResult(header.bundle_id if header else digest[:36], "quarantined", reason,
                        sender_verified=verified and header is not None)
