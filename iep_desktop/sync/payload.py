"""What travels inside a bundle, as validated pydantic models (zlib-compressed JSON).

Export (laptop -> office): the change records the office has not acknowledged, the device's
audit events, and the PDFs of fully signed plan versions. Return (office -> laptop):
acknowledgements, the office's current copy of the records the laptop shares, and the
outcome of conflicts.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from operator import attrgetter
from typing import Annotated, Any, Literal

from isal import isal_zlib
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass

from iep_desktop.domain.models import RECORD_TYPES
from iep_desktop.errors import InvalidInput
from iep_desktop.store.canonical import canonical_json

# ISA-L's error for a damaged stream (its stubs declare the class as an instance).
_INFLATE_ERROR: type[Exception] = isal_zlib.error  # type: ignore[assignment]

PAYLOAD_FORMAT = 1
MAX_PAYLOAD = 512 * 1024 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChangeRecord(_Strict):
    id: str
    record_kind: str
    record_id: str
    base_version: int = Field(ge=0)
    new_version: int = Field(ge=1)
    fields: dict[str, Any]
    before: dict[str, Any]
    author: str
    at: datetime

    def model_post_init(self, _context: Any) -> None:
        if self.record_kind not in RECORD_TYPES:
            raise ValueError(f"unknown record kind {self.record_kind!r}")


class AuditRecord(_Strict):
    seq: int
    id: str
    at: datetime
    actor: str
    action: str
    record_kind: str
    record_id: str
    before_digest: str | None
    after_digest: str | None
    prev_hash: str
    hash: str


class SignedPdf(_Strict):
    plan_version_id: str
    digest: str
    pdf: str  # base64


class ExportPayload(_Strict):
    format: Literal[1] = 1
    kind: Literal["export"] = "export"
    store_id: str
    returns_imported: int = Field(ge=0)  # the last return bundle sequence the laptop took in
    changes: list[ChangeRecord]
    audit_events: list[AuditRecord]
    signed_pdfs: list[SignedPdf] = Field(default_factory=list)


# -- the export as the office reads it ----------------------------------------------------------
# The same fields, types and checks as ChangeRecord, AuditRecord and ExportPayload, as slotted
# pydantic dataclasses: a model instance carries a dict and a set of its set fields (728 bytes
# for nine fields), which for a 440,000-row bundle was a third of what the parsed payload held
# and a quarter of the ingest's page faults (issue 17). tests/test_payload_received.py holds the
# two definitions to each other.

_RECEIVED = ConfigDict(extra="forbid")


@dataclass(slots=True, config=_RECEIVED)
class ReceivedChange:
    id: str
    record_kind: str
    record_id: str
    base_version: Annotated[int, Field(ge=0)]
    new_version: Annotated[int, Field(ge=1)]
    fields: dict[str, Any]
    before: dict[str, Any]
    author: str
    at: datetime
    # Its record kind is one of RECORD_TYPES, as ChangeRecord's model_post_init checks: checked by
    # unpack_export once the whole export is read, in one pass, rather than by a call into Python
    # for each change while it is read (219,000 of them in a 10,000-plan bundle, issue 17).


@dataclass(slots=True, config=_RECEIVED)
class ReceivedAudit:
    seq: int
    id: str
    at: datetime
    actor: str
    action: str
    record_kind: str
    record_id: str
    before_digest: str | None
    after_digest: str | None
    prev_hash: str
    hash: str


@dataclass(slots=True, config=_RECEIVED, kw_only=True)
class ReceivedExport:
    format: Literal[1] = 1
    kind: Literal["export"] = "export"
    store_id: str
    returns_imported: Annotated[int, Field(ge=0)]
    changes: list[ReceivedChange]
    audit_events: list[ReceivedAudit]
    signed_pdfs: list[SignedPdf] = Field(default_factory=list)


_RECEIVED_EXPORT: TypeAdapter[ReceivedExport] = TypeAdapter(ReceivedExport)
_RECEIVED_CHANGE: TypeAdapter[ReceivedChange] = TypeAdapter(ReceivedChange)
_RECORD_KINDS = frozenset(RECORD_TYPES)


def change_json(change: ReceivedChange) -> dict[str, Any]:
    """A received change in its JSON form, as ``ChangeRecord.model_dump(mode="json")`` gives it."""
    data: dict[str, Any] = _RECEIVED_CHANGE.dump_python(change, mode="json")
    return data


class SyncedRecord(_Strict):
    kind: str
    data: dict[str, Any]


class ReturnPayload(_Strict):
    format: Literal[1] = 1
    kind: Literal["return"] = "return"
    device_id: str
    acknowledged_changes: list[str]
    conflicted_changes: list[str]
    audit_acknowledged_through: int = Field(ge=0)
    records: list[SyncedRecord]
    board_profiles: list[dict[str, Any]] = Field(default_factory=list)
    # The office was restored from a backup and may have lost changes it acknowledged: the laptop
    # sends again every change not in acknowledged_changes. office_restore_id names the restore,
    # so the laptop takes in this return even when its number is one it has seen before.
    resend_all: bool = False
    office_restore_id: str = ""
    # Changes the office will not apply (a participant this laptop neither created nor was given,
    # issue 14 finding 2): kept on the laptop, never acknowledged, and not a conflict to decide.
    # Left out when empty, so a laptop whose app predates it still reads every other return.
    refused_changes: list[str] = Field(default_factory=list)


def pack(payload: BaseModel) -> bytes:
    data = payload.model_dump(mode="json")
    if isinstance(payload, ReturnPayload) and not payload.refused_changes:
        del data["refused_changes"]
    return zlib.compress(canonical_json(data).encode("utf-8"), 6)


def unpack(data: bytes, model: type[ExportPayload] | type[ReturnPayload]) -> Any:
    """The payload ``pack`` made, validated. Inflated with ISA-L (the same zlib format, 2.5x as
    fast as the standard library's zlib: 1.13 -> 0.44 s for a 10,000-plan bundle, issue 17), and
    never past MAX_PAYLOAD: a stream that has not ended by then is refused, as is a cut-off one."""
    return _validated(model, _inflated(data))


def unpack_export(data: bytes) -> ReceivedExport:
    """A laptop's export as the office reads it: ``unpack(data, ExportPayload)`` as ReceivedExport.
    An export that does not read as one is refused exactly as ``unpack`` refuses it, in its words."""
    raw = _inflated(data)
    first: ValidationError | None = None
    try:
        export = _RECEIVED_EXPORT.validate_json(raw)
    except ValidationError as exc:
        first = exc
    else:
        if _RECORD_KINDS.issuperset(map(attrgetter("record_kind"), export.changes)):
            return export
    _validated(ExportPayload, raw)  # refused here, as it always was, when it is not a valid export
    # The two readings disagree: never seen, and refused rather than guessed.
    if first is not None:
        raise _not_valid(first) from None
    raise InvalidInput("The bundle's contents are not valid (a change of an unknown record kind); it was not applied.")


def _inflated(data: bytes) -> bytes:
    try:
        inflater = isal_zlib.decompressobj()
        raw: bytes = inflater.decompress(data, MAX_PAYLOAD)
    except _INFLATE_ERROR:
        raise InvalidInput("The bundle's contents could not be read; it was not applied.") from None
    if not inflater.eof:
        # ISA-L keeps what it has not inflated yet inside, so the stream's end is what tells.
        if len(raw) >= MAX_PAYLOAD:
            raise InvalidInput("The bundle's contents are larger than any real bundle; it was not applied.")
        raise InvalidInput("The bundle's contents could not be read; it was not applied.")
    return raw


def _validated(model: type[ExportPayload] | type[ReturnPayload], raw: bytes) -> Any:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise _not_valid(exc) from None


def _not_valid(exc: ValidationError) -> InvalidInput:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return InvalidInput(f"The bundle's contents are not valid ({where}: {first['msg']}); it was not applied.")
