"""The payload inside a bundle is inflated with ISA-L (issue 17): the same zlib format the laptops
write, refused with a clear message when it is damaged, cut off, or larger than any real bundle."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime

import pytest

from iep_desktop.errors import InvalidInput
from iep_desktop.sync import payload
from iep_desktop.sync.payload import AuditRecord, ChangeRecord, ExportPayload, pack, unpack


def _export() -> ExportPayload:
    at = datetime(2026, 11, 3, 14, 5, 9, 123456, tzinfo=UTC)
    change = ChangeRecord(id="c-1", record_kind="participant", record_id="p-1", base_version=0, new_version=1,
                          fields={"first_name": "Nguyễn", "last_name": "Test"}, before={}, author="coach.a", at=at)
    event = AuditRecord(seq=1, id="e-1", at=at, actor="coach.a", action="create", record_kind="participant",
                        record_id="p-1", before_digest=None, after_digest="d" * 64, prev_hash="0" * 64,
                        hash="1" * 64)
    return ExportPayload(store_id="s-1", returns_imported=0, changes=[change], audit_events=[event])


def test_a_payload_the_standard_zlib_packed_comes_back_exactly() -> None:
    sent = _export()
    assert unpack(pack(sent), ExportPayload) == sent


def test_any_zlib_stream_of_a_payload_is_read_whatever_its_compression_level() -> None:
    raw = json.dumps(_export().model_dump(mode="json")).encode()
    for level in (0, 1, 9):
        assert unpack(zlib.compress(raw, level), ExportPayload) == _export()


def test_contents_larger_than_any_real_bundle_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = pack(_export())
    monkeypatch.setattr(payload, "MAX_PAYLOAD", len(zlib.decompress(data)) - 1)
    with pytest.raises(InvalidInput, match="larger than any real bundle"):
        unpack(data, ExportPayload)


def test_contents_exactly_at_the_limit_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = pack(_export())
    monkeypatch.setattr(payload, "MAX_PAYLOAD", len(zlib.decompress(data)))
    assert unpack(data, ExportPayload) == _export()


@pytest.mark.parametrize("damage", ["cut off", "flipped checksum", "not zlib"])
def test_damaged_contents_are_refused_with_what_happened(damage: str) -> None:
    data = bytearray(pack(_export()))
    if damage == "cut off":
        data = data[: len(data) // 2]
    elif damage == "flipped checksum":
        data[-1] ^= 0x01
    else:
        data = bytearray(b"PK\x03\x04 a zip file, not a payload")
    with pytest.raises(InvalidInput, match="could not be read; it was not applied"):
        unpack(bytes(data), ExportPayload)
