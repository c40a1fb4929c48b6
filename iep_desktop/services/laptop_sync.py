"""The laptop's side of sync, as use cases: enroll, export a bundle, take in a return bundle.

Each opens and commits its own unit of work on the store it is given. The bundle format
(``sync/container.py``, ``sync/payload.py``) and the enrollment file and keys (``sync/identity.py``)
stay in ``sync/``; this module decides what goes into a bundle and what a return bundle changes.

Nothing is deleted or compacted locally: an exported change stays "sent" until the office
acknowledges it in a return bundle, and every export carries all changes not yet acknowledged,
so a lost USB stick loses nothing.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from pydantic import ValidationError
from sqlalchemy import func, select, update

from iep_desktop.crypto.sealed import b64d, b64e, key_id
from iep_desktop.domain.models import RECORD_TYPES, PlanVersion, Record, Signature
from iep_desktop.domain.sign_state import signed_by_all
from iep_desktop.errors import IepError, InvalidInput, NotFound
from iep_desktop.profiles import profile_from_dict
from iep_desktop.store import migrate
from iep_desktop.store.io_errors import writes_told
from iep_desktop.store.store import Store
from iep_desktop.store.tables import RECORD_TABLES, audit_events, changes
from iep_desktop.store.uow import UnitOfWork
from iep_desktop.sync import container
from iep_desktop.sync.identity import (
    Enrollment, check_office_fingerprint, enrollment_proof, raw_private, raw_public, read_enrollment,
    signing_key_id,
)
from iep_desktop.sync.payload import (
    AuditRecord, ChangeRecord, ExportPayload, ReturnPayload, SignedPdf, pack, unpack,
)

NOT_SENT, SENT, ACKNOWLEDGED, CONFLICT = "not_sent", "sent", "acknowledged", "conflict"
REFUSED = "refused"  # the office will not apply it: a participant this laptop may not change
KEPT = "kept_on_laptop"  # R-A2: a counseling statement the board's profile does not let leave the laptop
PdfRenderer = Callable[[UnitOfWork, PlanVersion], bytes]


@dataclass(frozen=True)
class DeviceState:
    device_id: str
    device_name: str
    office: dict[str, str]
    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey
    sequence: int
    last_digest: str
    return_sequence: int
    enrollment_secret: bytes | None

    def office_signing_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(b64d(self.office["signing_key"]))


def device_state(uow: UnitOfWork) -> DeviceState:
    device_id = uow.meta("sync.device_id")
    if device_id is None:
        raise InvalidInput("This laptop is not enrolled with an office yet; ask office IT for an "
                           "enrollment file and run 'iep enroll'.")
    secret = uow.meta("sync.enrollment_secret", "")
    return DeviceState(
        device_id=device_id, device_name=uow.meta("sync.device_name", "") or "",
        office=json.loads(uow.meta("sync.office", "{}") or "{}"),
        signing=Ed25519PrivateKey.from_private_bytes(b64d(uow.meta("sync.signing_key", "") or "")),
        encryption=X25519PrivateKey.from_private_bytes(b64d(uow.meta("sync.encryption_key", "") or "")),
        sequence=int(uow.meta("sync.sequence", "0") or 0), last_digest=uow.meta("sync.last_digest", "") or "",
        return_sequence=int(uow.meta("sync.return_sequence", "0") or 0),
        enrollment_secret=b64d(secret) if secret else None,
    )


# -- enrollment ------------------------------------------------------------------------------

def enroll(store: Store, enrollment_file: Path, actor: str, office_fingerprint: str) -> Enrollment:
    """Pin the office's keys, make this laptop's own keys, and set the office recovery key.

    ``office_fingerprint`` comes from office IT, not from the file (iep central init prints it):
    a file from any other office is refused before anything is changed."""
    enrollment = read_enrollment(enrollment_file)
    check_office_fingerprint(enrollment, office_fingerprint)
    with store.unit_of_work(actor) as uow:
        known = uow.meta("sync.device_id")
        if known is not None:
            if known == enrollment.device_id:
                return enrollment  # enrolling twice with the same file changes nothing
            office = json.loads(uow.meta("sync.office", "{}") or "{}")
            same_slot = (office.get("office_id") == enrollment.office["office_id"]
                         and uow.meta("sync.device_name") == enrollment.device_name)
            if not same_slot:
                raise InvalidInput(f"This laptop is already enrolled (office {office.get('office_id', '?')[:8]}); "
                                   "a store is enrolled once. Ask office IT if it must move to another office.")
            # The same office enrolled this laptop again under its name (it was revoked, then found):
            # new keys and numbering; changes not yet acknowledged go out again in the next export.
            _resend_waiting(uow)
        values = {
            "sync.device_id": enrollment.device_id, "sync.device_name": enrollment.device_name,
            "sync.office": json.dumps(enrollment.office, sort_keys=True),
            "sync.signing_key": b64e(raw_private(Ed25519PrivateKey.generate())),
            "sync.encryption_key": b64e(raw_private(X25519PrivateKey.generate())),
            "sync.enrollment_secret": b64e(enrollment.secret), "sync.sequence": "0", "sync.last_digest": "",
            "sync.return_sequence": "0", "sync.audit_acknowledged": "0",
            "sync.return_digests": "[]", "sync.return_created_at": "",
        }
        for key, value in values.items():
            uow.set_meta(key, value)
        from iep_desktop.store.audit import append_event

        append_event(uow.c, at=uow.clock.now(), actor=actor, action="sync.enroll", record_kind="device",
                     record_id=enrollment.device_id, before_digest=None, after_digest=None)
        # Last, inside the transaction: a key file that cannot be written undoes the enrollment,
        # so a laptop is never enrolled without the office recovery key.
        _set_office_recovery_key(store, enrollment)
    return enrollment


def _set_office_recovery_key(store: Store, enrollment: Enrollment) -> None:
    try:
        store.set_recovery_key(enrollment.office_recovery_key())
    except OSError as exc:
        raise InvalidInput(f"The store's key file could not be written ({exc.strerror or type(exc).__name__}), so "
                           "this laptop is not enrolled and nothing was changed. Check the disk and the store's "
                           "folder, then enroll again with the same file.") from None


def _resend_waiting(uow: UnitOfWork) -> None:
    """A change waiting at the office (in its conflict queue, or refused) waits under the old
    enrollment, and returns to this one never speak of it: the office's decision would never
    reach this laptop. It goes out again and is judged under the new enrollment; the office
    applies each change once per enrollment and settles the old conflict with the new one."""
    uow.c.execute(update(changes).where(changes.c.sync_state.in_([CONFLICT, REFUSED])).values(sync_state=SENT))


def spend_enrollment_file(store: Store, enrollment_file: Path, enrollment: Enrollment) -> bool:
    """After enrolling: the file's one-time secret is spent, so the file is replaced by a note of
    which store used it, and a second store is refused it (issue 15, item 13). False when the
    file could not be rewritten: tell the person to delete it."""
    from iep_desktop.sync.identity import spend_enrollment

    with store.reading("system") as uow:
        laptop_key = key_fingerprint(uow)
        now = uow.clock.now()
    return spend_enrollment(enrollment_file, enrollment, laptop_key, now)


# -- export ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    sequence: int
    changes: int
    signed_pdfs: int


def export(store: Store, out_dir: Path, actor: str, *, render_pdf: PdfRenderer | None = None,
           chunk_size: int = 65536) -> ExportResult:
    """Write one bundle with every change the office has not acknowledged."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InvalidInput(f"The folder {out_dir} does not exist; plug in the USB stick or pick another folder.")
    with store.unit_of_work(actor) as uow:
        state = device_state(uow)
        pending = _keep_confidential(uow, _pending_changes(uow))
        payload = ExportPayload(
            store_id=store.store_id, returns_imported=state.return_sequence, changes=pending,
            audit_events=_unacknowledged_audit(uow), signed_pdfs=_signed_pdfs(uow, pending, render_pdf),
        )
        header = _export_header(uow, state, store)
        with writes_told("export", out_dir):
            path, sealed, digest = container.write_bundle(
                out_dir, header, pack(payload), recipient=_office_encryption_key(state), signer=state.signing,
                chunk_size=chunk_size, laptop=state.device_name)
        # The file is safely on disk before the store says "sent" (a crash between the two only
        # means the next bundle carries the same changes again; the office applies each once).
        uow.c.execute(update(changes).where(changes.c.id.in_([c.id for c in pending]))
                      .where(changes.c.sync_state == NOT_SENT).values(sync_state=SENT, bundle_id=sealed.bundle_id))
        uow.set_meta("sync.sequence", str(sealed.sequence))
        uow.set_meta("sync.last_digest", digest)
    return ExportResult(path, sealed.bundle_id, sealed.sequence, len(pending), len(payload.signed_pdfs))


def _export_header(uow: UnitOfWork, state: DeviceState, store: Store) -> dict[str, object]:
    import uuid

    signing_public = raw_public(state.signing.public_key())
    encryption_public = raw_public(state.encryption.public_key())
    proof = b""
    if state.enrollment_secret is not None:
        proof = enrollment_proof(state.enrollment_secret, state.device_id, signing_public, encryption_public)
    return {
        "format_version": 1, "kind": "export", "bundle_id": str(uuid.uuid4()), "sender_id": state.device_id,
        "recipient_key_id": state.office["encryption_key_id"], "sequence": state.sequence + 1,
        "prev_digest": state.last_digest, "schema_version": migrate.head_revision(),
        "created_at": uow.clock.now().isoformat(), "sender_signing_key": b64e(signing_public),
        "sender_encryption_key": b64e(encryption_public), "enrollment_proof": b64e(proof) if proof else "",
    }


def _office_encryption_key(state: DeviceState) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(b64d(state.office["encryption_key"]))


def _keep_confidential(uow: UnitOfWork, pending: list[ChangeRecord]) -> list[ChangeRecord]:
    """R-A2: counseling statements leave the laptop only where the participant's board profile
    allows it (export_counseling_statements; no shipped profile does). The others are marked kept
    on this laptop, so they are never offered to the office again."""
    kept = [c.id for c in pending if c.record_kind == "counseling_statement" and not _may_leave(uow, c)]
    if kept:
        uow.c.execute(update(changes).where(changes.c.id.in_(kept)).values(sync_state=KEPT))
    return [c for c in pending if c.id not in set(kept)]


def _may_leave(uow: UnitOfWork, change: ChangeRecord) -> bool:
    person = change.fields.get("participant_id")
    if not isinstance(person, str):
        return False
    participant = uow.c.execute(select(RECORD_TABLES["participant"].c.board)
                                .where(RECORD_TABLES["participant"].c.id == person)).scalar()
    if participant is None:
        return False
    try:
        return bool(uow.profiles.get(str(participant)).export_counseling_statements)
    except Exception:  # noqa: BLE001 - a board this app cannot read: the statement stays (the safe side)
        return False


def _pending_changes(uow: UnitOfWork) -> list[ChangeRecord]:
    rows = uow.c.execute(select(changes).where(changes.c.sync_state.in_([NOT_SENT, SENT])).order_by(changes.c.seq))
    return [ChangeRecord(id=r.id, record_kind=r.record_kind, record_id=r.record_id, base_version=r.base_version,
                         new_version=r.new_version, fields=r.fields, before=r.before, author=r.author, at=r.at)
            for r in rows]


def _unacknowledged_audit(uow: UnitOfWork) -> list[AuditRecord]:
    through = int(uow.meta("sync.audit_acknowledged", "0") or 0)
    rows = uow.c.execute(select(audit_events).where(audit_events.c.seq > through).order_by(audit_events.c.seq))
    return [AuditRecord.model_validate(dict(r._mapping)) for r in rows]


def _signed_pdfs(uow: UnitOfWork, pending: list[ChangeRecord], render: PdfRenderer | None) -> list[SignedPdf]:
    """The PDF of every plan version that a pending signature completed (both signed)."""
    if render is None:
        return []
    version_ids = {c.fields.get("plan_version_id") for c in pending if c.record_kind == "signature"}
    out = []
    for version_id in sorted(v for v in version_ids if v):
        version = uow.find_one(PlanVersion, version_id)
        if version is None or not signed_by_all(version, uow.list(Signature, plan_id=version.plan_id)):
            continue
        pdf = render(uow, version)
        out.append(SignedPdf(plan_version_id=version.id, digest=version.digest, pdf=base64.b64encode(pdf).decode()))
    return out


# -- return bundles ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ReturnResult:
    sequence: int
    acknowledged: int
    conflicts: int
    records_updated: int
    already_imported: bool = False
    profiles: int = 0
    resent: int = 0  # changes the office asked for again (it was restored from a backup)
    refused: int = 0  # changes the office will not apply (participants this laptop may not change)
    older: bool = False  # skipped: older than the last return taken in (a folder's leftover); nothing changed
    last_taken_in: int = 0  # with ``older``: the number of the last return this laptop took in


@dataclass(frozen=True)
class FolderReturn:
    """One return bundle of a folder: what it did, or what is wrong with it (nothing changed then)."""
    path: Path
    result: ReturnResult | None
    problem: IepError | None = None


def import_returns_in(store: Store, folder: Path, actor: str) -> list[FolderReturn]:
    """Take in this laptop's return bundles in ``folder`` (a USB stick), oldest first.

    A stick keeps the returns it was given: one older than the last return taken in (a newer one
    came in from another stick) is skipped and said so, and a return that is refused does not
    stop the ones after it. Each is verified and taken in on its own, so a refused one changes
    nothing and the next is judged as if it were alone."""
    with store.reading(actor) as uow:
        bundles = return_bundles_in(uow, folder)
    if not bundles:
        raise NotFound(f"No return bundle for this laptop (iep-return-*.iepb) is in {folder}; nothing was changed.")
    done = []
    for bundle in bundles:
        try:
            done.append(FolderReturn(bundle, import_return(store, bundle, actor, skip_older=True)))
        except IepError as exc:
            done.append(FolderReturn(bundle, None, exc))
    return done


def import_return(store: Store, bundle: Path, actor: str, *, skip_older: bool = False) -> ReturnResult:
    """Take in one return bundle. ``skip_older``: a return older than the last one taken in is
    not an error but a ReturnResult with ``older`` set (folder mode); nothing is changed either way."""
    data = _read_bundle(bundle)
    with store.unit_of_work(actor) as uow:
        state = device_state(uow)
        _check_addressed_here(data, state)
        header, plain = container.open_bundle(data, recipient=state.encryption,
                                              signer_for=lambda h: _office_signer(state, h))
        if header.kind != "return":
            raise InvalidInput("This is an export bundle, not a return bundle from the office.")
        if header.schema_version not in migrate.known_revisions():
            raise InvalidInput("This return bundle was made by a newer IEP Desktop at the office; update the app "
                               "on this laptop, then import it again. Nothing was changed.")
        payload: ReturnPayload = unpack(plain, ReturnPayload)
        if payload.device_id != state.device_id:
            raise InvalidInput("This return bundle was made for another laptop; nothing was changed.")
        digest, taken_in = container.bundle_digest(data), _returns_taken_in(uow)
        if digest in taken_in:
            return ReturnResult(header.sequence, 0, 0, 0, already_imported=True)
        restored = _new_office_restore(uow, payload)
        # Its number is believed only now: the office's signature over the header was checked.
        if skip_older and _older(state, header, restored):
            return ReturnResult(header.sequence, 0, 0, 0, older=True, last_taken_in=state.return_sequence)
        _check_chain(uow, state, header, taken_in, restored)
        profiles = [profile_from_dict(p, "the office's return bundle") for p in payload.board_profiles]
        resent = _resend_unheld(uow, payload) if payload.resend_all else 0
        acknowledged = _mark(uow, payload.acknowledged_changes, ACKNOWLEDGED)
        conflicts = _mark(uow, payload.conflicted_changes, CONFLICT)
        refused = _mark(uow, payload.refused_changes, REFUSED)
        updated = _adopt_records(uow, payload)
        if restored:
            uow.set_meta("sync.office_restore_id", payload.office_restore_id)
        uow.set_meta("sync.return_sequence", str(header.sequence))
        uow.set_meta("sync.return_created_at", header.created_at)
        uow.set_meta("sync.return_digests", json.dumps((taken_in + [digest])[-RETURNS_KEPT:]))
        uow.set_meta("sync.audit_acknowledged", str(payload.audit_acknowledged_through))
        for profile, sent in zip(profiles, payload.board_profiles):
            uow.set_meta(f"profile:{profile.id}", json.dumps(profile.model_dump(mode="json"), sort_keys=True))
            _note_profile_origin(uow, actor, profile.id, sent, header.sequence)
        if acknowledged:
            uow.set_meta("sync.enrollment_secret", "")  # the office has pinned our keys: the secret is spent
    store.use_published_profiles()
    return ReturnResult(header.sequence, acknowledged, conflicts, updated, profiles=len(profiles), resent=resent,
                        refused=refused)


RETURNS_KEPT = 1000  # digests of the returns taken in that a later one may build on (years of daily returns)


def _returns_taken_in(uow: UnitOfWork) -> list[str]:
    return list(json.loads(uow.meta("sync.return_digests", "[]") or "[]"))


def _check_chain(uow: UnitOfWork, state: DeviceState, header: container.BundleHeader, taken_in: list[str],
                 restored: bool) -> None:
    """Return bundles are chained (issue 14, finding 7): each names the return it builds on, and
    none may be older than the last one taken in. A signed return from the office can still be
    the wrong one: an old copy kept back, or one that builds on a return this laptop never had
    (then it would miss what that one carried). Nothing is changed when one is refused."""
    if _older(state, header, restored):
        raise InvalidInput(f"This is return bundle {header.sequence}, older than return bundle {state.return_sequence} "
                           "this laptop already took in; it is not needed and nothing was changed.")
    last_at = uow.meta("sync.return_created_at", "") or ""
    if last_at and datetime.fromisoformat(header.created_at) < datetime.fromisoformat(last_at):
        raise InvalidInput(f"This return bundle was made on {header.created_at[:10]}, before the last one this laptop "
                           "took in; an older return is never taken in. Nothing was changed.")
    if header.prev_digest and header.prev_digest not in taken_in:
        raise InvalidInput("This return bundle follows a return bundle this laptop never took in, so it would "
                           "miss what that one carried. Send a bundle to the office (Sync with the office) and "
                           "take in the return it makes next. Nothing was changed.")


def _older(state: DeviceState, header: container.BundleHeader, restored: bool) -> bool:
    """A verified return numbered at or below the last one taken in (a restored office numbers anew)."""
    return header.sequence <= state.return_sequence and not restored


def _check_addressed_here(data: bytes, state: DeviceState) -> None:
    """Plain words for the two mix-ups at a laptop (issue 15, item 13): its own export bundle, and
    a return the office made for another laptop. The header is not trusted here; it only picks the
    message, and open_bundle still checks everything."""
    try:
        header = container.read_header(data)
    except container.BundleError:
        return  # open_bundle says what is wrong with it
    if header.kind == "export":
        whose = ("this laptop's own export bundle" if header.sender_id == state.device_id
                 else "an export bundle from a laptop")
        raise InvalidInput(f"This is {whose} (number {header.sequence}), not a return bundle: take it to the office "
                           "to be ingested ('iep central ingest'). The office's return bundle for this laptop is "
                           f"named iep-return-{state.device_name}-*.iepb. Nothing was changed.")
    mine = key_id(state.encryption.public_key())
    if header.kind == "return" and header.sender_id == state.office.get("office_id") and \
            header.recipient_key_id != mine:
        raise InvalidInput(f"This return bundle was made by the office for another laptop, not for "
                           f"{state.device_name}; ask the office for this laptop's ('iep central return --device "
                           f"{state.device_name}'). Nothing was changed.")


def return_bundles_in(uow: UnitOfWork, folder: Path) -> list[Path]:
    """The office's return bundles in ``folder`` (a USB stick) made for this laptop, oldest first;
    bundles for other laptops on the same stick are left alone."""
    state = device_state(uow)
    mine = key_id(state.encryption.public_key())
    found: list[tuple[int, Path]] = []
    for path in Path(folder).glob(f"iep-return-*{container.FILE_SUFFIX}"):
        try:
            header = container.read_header(path.read_bytes())
        except (OSError, container.BundleError):
            continue  # import-return of that one file says what is wrong with it
        if header.recipient_key_id == mine and header.sender_id == state.office.get("office_id"):
            found.append((header.sequence, path))
    return [path for _, path in sorted(found)]


def _note_profile_origin(uow: UnitOfWork, actor: str, profile_id: str, sent: dict[str, object], sequence: int) -> None:
    """Where a published profile came from: its version, the return bundle, when; a new version
    is also a line in the audit trail (issue 15, item 13: publishing leaves a trace)."""
    from iep_desktop.profiles import profile_version
    from iep_desktop.store.audit import append_event

    version = profile_version(sent)
    known = json.loads(uow.meta(f"profile_origin:{profile_id}", "{}") or "{}")
    if known.get("version") == version:
        return
    uow.set_meta(f"profile_origin:{profile_id}", json.dumps(
        {"version": version, "return_sequence": sequence, "received_at": uow.clock.now().isoformat()}, sort_keys=True))
    append_event(uow.c, at=uow.clock.now(), actor=actor, action="sync.profile_received", record_kind="board_profile",
                 record_id=profile_id[:36], before_digest=known.get("version"), after_digest=version)


def profile_origin(uow: UnitOfWork, profile_id: str) -> dict[str, object] | None:
    """The office version of a board profile this store uses, or None when it uses the shipped one."""
    known = uow.meta(f"profile_origin:{profile_id}")
    return json.loads(known) if known else None


def _new_office_restore(uow: UnitOfWork, payload: ReturnPayload) -> bool:
    """A return from an office restored from a backup this laptop has not heard of yet."""
    return bool(payload.resend_all and payload.office_restore_id
                and payload.office_restore_id != uow.meta("sync.office_restore_id", ""))


def _resend_unheld(uow: UnitOfWork, payload: ReturnPayload) -> int:
    """The office lost changes it had acknowledged (it was restored from a backup): every change
    it does not hold now goes out again with the next export. The office applies each only once."""
    held = set(payload.acknowledged_changes) | set(payload.conflicted_changes) | set(payload.refused_changes)
    settled = [c for c in uow.c.execute(select(changes.c.id).where(
        changes.c.sync_state.in_([ACKNOWLEDGED, CONFLICT, REFUSED]))).scalars() if c not in held]
    for part in range(0, len(settled), 10_000):
        uow.c.execute(update(changes).where(changes.c.id.in_(settled[part:part + 10_000])).values(sync_state=SENT))
    return len(settled)


def _read_bundle(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {Path(path).name}: {exc.strerror}.") from None


def _office_signer(state: DeviceState, header: container.BundleHeader) -> Ed25519PublicKey:
    if header.sender_id != state.office.get("office_id"):
        raise container.BundleError("unknown-sender", "This bundle is not from the office this laptop is enrolled with.")
    return state.office_signing_key()


def _mark(uow: UnitOfWork, ids: list[str], state: str) -> int:
    if not ids:
        return 0
    return uow.c.execute(update(changes).where(changes.c.id.in_(ids)).values(sync_state=state)).rowcount


def _adopt_records(uow: UnitOfWork, payload: ReturnPayload) -> int:
    """Take the office's copy of every record that has no local change still waiting: not sent,
    sent, in the office's conflict queue (the coach's value stays until the office decides), or
    refused by the office (the coach's value stays here, never overwritten or deleted)."""
    waiting = set(uow.c.execute(select(changes.c.record_id).where(
        changes.c.sync_state.in_([NOT_SENT, SENT, CONFLICT, REFUSED]))).scalars())
    count = 0
    for item in payload.records:
        model = RECORD_TYPES.get(item.kind)
        if model is None or item.data.get("id") in waiting:
            continue
        count += uow.put_synced(_office_record(model, item.kind, item.data))
    return count


def _office_record(model: type[Record], kind: str, data: dict[str, object]) -> Record:
    """A record as the office sent it, checked like any other; one that is not a valid record
    refuses the whole return (its unit of work is rolled back). The message names the kind and
    the field, never the value: it may be a participant's."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        where = ", ".join(sorted({".".join(str(part) for part in e["loc"]) or "?" for e in exc.errors()}))
        raise InvalidInput(f"This return bundle holds a {kind.replace('_', ' ')} record the office sent that this "
                           f"laptop cannot take in ({where}); nothing was changed. Ask office IT to check that the "
                           "office and this laptop run the same version of IEP Desktop, and make a new return.") from None


def waiting_for_office(uow: UnitOfWork) -> list[RecordSyncState]:
    """Records whose local value is kept, "waiting for the office" to decide a conflict."""
    return [r for r in record_sync_states(uow, limit=10_000) if r.state == CONFLICT]


def sync_counts(uow: UnitOfWork) -> dict[str, int]:
    """Per-record sync state for the Sync screen: not sent / sent / acknowledged / conflict."""
    rows = uow.c.execute(select(changes.c.sync_state, func.count()).group_by(changes.c.sync_state))
    counts = {NOT_SENT: 0, SENT: 0, ACKNOWLEDGED: 0, CONFLICT: 0, REFUSED: 0}
    counts.update({state: n for state, n in rows})
    return counts


@dataclass(frozen=True)
class RecordSyncState:
    record_kind: str
    record_id: str
    state: str        # the least settled state among the record's changes
    changes: int
    last_change_at: datetime


_SETTLED_ORDER = {NOT_SENT: 0, SENT: 1, REFUSED: 2, CONFLICT: 3, ACKNOWLEDGED: 4, KEPT: 5}


def record_sync_states(uow: UnitOfWork, limit: int = 500) -> list[RecordSyncState]:
    """Per-record sync state, least settled first (not sent, sent, conflict, acknowledged)."""
    rows = uow.c.execute(select(changes.c.record_kind, changes.c.record_id, changes.c.sync_state, changes.c.at))
    merged: dict[tuple[str, str], RecordSyncState] = {}
    for kind, record_id, state, at in rows:
        key = (kind, record_id)
        old = merged.get(key)
        if old is None:
            merged[key] = RecordSyncState(kind, record_id, state, 1, at)
            continue
        worst = state if _SETTLED_ORDER[state] < _SETTLED_ORDER[old.state] else old.state
        merged[key] = RecordSyncState(kind, record_id, worst, old.changes + 1, max(at, old.last_change_at))
    ordered = sorted(merged.values(), key=lambda r: (_SETTLED_ORDER[r.state], -r.last_change_at.timestamp()))
    return ordered[:limit]


def key_fingerprint(uow: UnitOfWork) -> str:
    """The fingerprint of this laptop's signing key, as the office lists it ('iep central devices')."""
    return signing_key_id(device_state(uow).signing.public_key())


def enrollment_summary(uow: UnitOfWork) -> str | None:
    """'laptop-3 with office 1a2b3c4d', or None when not enrolled."""
    device = uow.meta("sync.device_id")
    if device is None:
        return None
    office = json.loads(uow.meta("sync.office", "{}") or "{}")
    return f"{uow.meta('sync.device_name', '')} with office {str(office.get('office_id', ''))[:8]}"
