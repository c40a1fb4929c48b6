"""The office reads a laptop's export as ReceivedExport (slotted dataclasses, issue 17): the same
fields and checks as ExportPayload, so it takes exactly the exports ``unpack`` takes, gives back
the same values, and refuses the others in the same words."""

from __future__ import annotations

import dataclasses
import json
import zlib
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import BaseModel

from iep_desktop.errors import InvalidInput
from iep_desktop.sync.payload import (
    AuditRecord,
    ChangeRecord,
    ExportPayload,
    ReceivedAudit,
    ReceivedChange,
    ReceivedExport,
    change_json,
    unpack,
    unpack_export,
)

PAIRS = [(ReceivedChange, ChangeRecord), (ReceivedAudit, AuditRecord), (ReceivedExport, ExportPayload)]


@pytest.mark.parametrize(("received", "model"), PAIRS)
def test_each_received_type_has_its_model_s_fields_in_order_with_the_same_types_and_checks(
        received: type, model: type[BaseModel]) -> None:
    fields = received.__pydantic_fields__  # type: ignore[attr-defined]
    assert [f.name for f in dataclasses.fields(received)] == list(model.model_fields)
    for name, info in model.model_fields.items():
        mine = fields[name]
        expected = str(info.annotation).replace("ChangeRecord", "ReceivedChange").replace("AuditRecord", "ReceivedAudit")
        assert str(mine.annotation) == expected, name
        assert mine.metadata == info.metadata, name
        assert mine.is_required() == info.is_required(), name
        if not info.is_required():
            assert mine.get_default(call_default_factory=True) == info.get_default(call_default_factory=True), name


def _export() -> dict[str, Any]:
    at = datetime(2026, 11, 3, 14, 5, 9, 123456, tzinfo=UTC)
    change = ChangeRecord(id="c-1", record_kind="participant", record_id="p-1", base_version=0, new_version=1,
                          fields={"first_name": "Nguyễn", "tags": [1, {"a": None}]}, before={}, author="coach.a",
                          at=at)
    event = AuditRecord(seq=1, id="e-1", at=at, actor="coach.a", action="create", record_kind="participant",
                        record_id="p-1", before_digest=None, after_digest="d" * 64, prev_hash="0" * 64,
                        hash="1" * 64)
    data: dict[str, Any] = ExportPayload(store_id="s-1", returns_imported=3, changes=[change],
                                         audit_events=[event]).model_dump(mode="json")
    return data


def _changed(path: tuple[Any, ...], value: Any, *, delete: bool = False) -> dict[str, Any]:
    data = _export()
    where: Any = data
    for step in path[:-1]:
        where = where[step]
    if delete:
        del where[path[-1]]
    else:
        where[path[-1]] = value
    return data


VARIANTS = [
    _export(),
    _changed(("format",), 2),
    _changed(("format",), None, delete=True),
    _changed(("kind",), "return"),
    _changed(("returns_imported",), -1),
    _changed(("extra",), 1),
    _changed(("signed_pdfs",), [{"plan_version_id": "v", "digest": "d", "pdf": "JVBE"}]),
    _changed(("signed_pdfs",), [{"plan_version_id": "v"}]),
    _changed(("changes", 0, "record_kind"), "nope"),
    _changed(("changes", 0, "base_version"), -1),
    _changed(("changes", 0, "new_version"), 0),
    _changed(("changes", 0, "new_version"), "1"),
    _changed(("changes", 0, "at"), "yesterday"),
    _changed(("changes", 0, "at"), "2026-11-03T14:05:09"),
    _changed(("changes", 0, "fields"), []),
    _changed(("changes", 0, "zz"), 1),
    _changed(("changes", 0, "author"), None, delete=True),
    _changed(("changes", 0), ["c-1", "participant"]),
    _changed(("audit_events", 0, "seq"), "x"),
    _changed(("audit_events", 0, "before_digest"), 5),
    _changed(("audit_events", 0, "extra"), 5),
    _changed(("audit_events", 0, "hash"), None, delete=True),
    _changed(("audit_events",), {}),
]


@pytest.mark.parametrize("data", VARIANTS)
def test_an_export_is_taken_or_refused_as_unpack_takes_or_refuses_it(data: dict[str, Any]) -> None:
    packed = zlib.compress(json.dumps(data).encode())
    try:
        expected = unpack(packed, ExportPayload)
    except InvalidInput as exc:
        with pytest.raises(InvalidInput) as refused:
            unpack_export(packed)
        assert refused.value.message == exc.message
        return
    got = unpack_export(packed)
    assert [change_json(c) for c in got.changes] == [c.model_dump(mode="json") for c in expected.changes]
    assert [dataclasses.asdict(e) for e in got.audit_events] == [e.model_dump() for e in expected.audit_events]
    assert (got.store_id, got.returns_imported, got.signed_pdfs, got.format, got.kind) == (
        expected.store_id, expected.returns_imported, expected.signed_pdfs, expected.format, expected.kind)


def test_a_damaged_stream_is_refused_in_unpack_s_words() -> None:
    for damaged in (b"not zlib at all", zlib.compress(b"{}")[:-3]):
        with pytest.raises(InvalidInput) as exc:
            unpack(damaged, ExportPayload)
        with pytest.raises(InvalidInput) as mine:
            unpack_export(damaged)
        assert mine.value.message == exc.value.message
