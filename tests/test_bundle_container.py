"""Bundle container v1: round trips, tamper and truncation detection, atomic writes, test vector."""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iep_desktop.crypto.sealed import b64e, key_id, raw_public
from iep_desktop.errors import IepError
from iep_desktop.sync import container
from iep_desktop.sync.container import (
    MAGIC,
    BundleError,
    BundleHeader,
    bundle_digest,
    header_fields_ok,
    open_bundle,
    read_header,
    seal_bundle,
    verify_bundle,
    write_bundle,
)

ROOT = Path(__file__).resolve().parents[1]
OFFICE = X25519PrivateKey.generate()
DEVICE = Ed25519PrivateKey.generate()
DEVICE_X = X25519PrivateKey.generate()
OFFICE_SIGNER = Ed25519PrivateKey.generate()
SECRET_TEXT = b"Maria Nguyen SSN 123-45-6789"


def signing_b64(key: Ed25519PrivateKey) -> str:
    return b64e(container._raw_signing(key.public_key()))


def export_fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "format_version": 1,
        "kind": "export",
        "bundle_id": str(uuid.uuid4()),
        "sender_id": "device-7f3a",
        "recipient_key_id": key_id(OFFICE.public_key()),
        "sequence": 1,
        "prev_digest": "",
        "schema_version": "0001",
        "created_at": "2026-11-23T15:00:00Z",
        "sender_signing_key": signing_b64(DEVICE),
        "sender_encryption_key": b64e(raw_public(DEVICE_X.public_key())),
        "enrollment_proof": b64e(b"opaque proof"),
    }
    fields.update(changes)
    return fields


def seal(payload: bytes, chunk_size: int = 65536, **changes: Any) -> bytes:
    return seal_bundle(export_fields(**changes), payload, recipient=OFFICE.public_key(), signer=DEVICE,
                       chunk_size=chunk_size)[0]


def device_signer(_header: BundleHeader) -> Ed25519PublicKey:
    return DEVICE.public_key()


def open_as_office(data: bytes) -> tuple[BundleHeader, bytes]:
    return open_bundle(data, recipient=OFFICE, signer_for=device_signer)


def frame_offsets(data: bytes) -> list[int]:
    """Offsets of every frame boundary: after the magic, the header, each length and each chunk."""
    frames = container._parse(data)
    offsets = [len(MAGIC), len(MAGIC) + 4, len(MAGIC) + 4 + len(frames.header_raw)]
    for chunk in frames.chunks:
        offsets += [offsets[-1] + 4, offsets[-1] + 4 + len(chunk)]
    return offsets + [frames.signed_end + 2, len(data)]


def rebuild(header_raw: bytes, chunks: list[bytes], signature: bytes) -> bytes:
    body = MAGIC + struct.pack(">I", len(header_raw)) + header_raw
    body += b"".join(struct.pack(">I", len(chunk)) + chunk for chunk in chunks)
    return body + struct.pack(">H", len(signature)) + signature


def resign(body_and_sig: bytes, key: Ed25519PrivateKey) -> bytes:
    end = container._parse(body_and_sig).signed_end
    signature = key.sign(hashlib.sha256(body_and_sig[:end]).digest())
    return body_and_sig[:end] + struct.pack(">H", 64) + signature


def expect_rejected(data: bytes, *, original: bytes, payload: bytes) -> BundleError:
    """The mutated bundle must raise BundleError; never any other error, never a payload."""
    assert data != original
    with pytest.raises(BundleError) as info:
        open_as_office(data)
    assert SECRET_TEXT not in info.value.message.encode()
    if payload:
        assert payload[:16].hex() not in info.value.message
    return info.value


SMALL_PAYLOAD = SECRET_TEXT + bytes(range(256))[:100]
SMALL = seal(SMALL_PAYLOAD, chunk_size=48)
LARGE_PAYLOAD = os.urandom(200 * 1024 - 17) + SECRET_TEXT
LARGE = seal(LARGE_PAYLOAD)


# -- round trips ------------------------------------------------------------------------------

@pytest.mark.parametrize("payload, chunk_size, chunks", [
    (SECRET_TEXT, 65536, 1),
    (b"", 65536, 1),
    (os.urandom(10 * 1024 + 5), 1024, 11),
    (os.urandom(4096), 1024, 4),
    (b"x", 1, 1),
])
def test_round_trip(payload: bytes, chunk_size: int, chunks: int) -> None:
    data, header, digest = seal_bundle(export_fields(), payload, recipient=OFFICE.public_key(), signer=DEVICE,
                                       chunk_size=chunk_size)
    opened_header, opened = open_as_office(data)
    assert opened == payload
    assert opened_header == header == read_header(data) == verify_bundle(data, DEVICE.public_key())
    assert (header.chunk_count, header.chunk_size, header.payload_length) == (chunks, chunk_size, len(payload))
    assert digest == bundle_digest(data) == hashlib.sha256(data).hexdigest()
    assert data.startswith(MAGIC)
    if len(payload) >= 16:
        assert payload[:16] not in data


def test_return_bundle_goes_office_to_device() -> None:
    fields = export_fields(kind="return", sender_id="office-main", recipient_key_id=key_id(DEVICE_X.public_key()),
                           sender_signing_key=signing_b64(OFFICE_SIGNER), sender_encryption_key="",
                           enrollment_proof="", sequence=3, prev_digest="ab" * 32)
    data, _header, _ = seal_bundle(fields, b"returned changes", recipient=DEVICE_X.public_key(), signer=OFFICE_SIGNER)
    opened_header, payload = open_bundle(data, recipient=DEVICE_X, signer_for=lambda h: OFFICE_SIGNER.public_key())
    assert payload == b"returned changes"
    assert opened_header.kind == "return" and opened_header.prev_digest == "ab" * 32
    with pytest.raises(BundleError) as info:
        open_as_office(data)  # the office's own key is not the recipient, and the device did not sign it
    assert info.value.reason == "bad-signature"


def test_new_bundle_every_time_even_for_same_payload() -> None:
    fields = export_fields()
    first = seal_bundle(fields, b"same", recipient=OFFICE.public_key(), signer=DEVICE)
    second = seal_bundle(fields, b"same", recipient=OFFICE.public_key(), signer=DEVICE)
    assert first[1].ephemeral_public != second[1].ephemeral_public
    assert first[0] != second[0]


def test_header_holds_ids_counters_keys_and_sizes_only() -> None:
    raw = container._parse(SMALL).header_raw
    header = json.loads(raw)
    assert sorted(header) == sorted(container.HEADER_FIELDS)
    assert raw == json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    assert SECRET_TEXT not in SMALL and b"Maria" not in SMALL


def test_read_header_needs_only_the_header_frame() -> None:
    length = struct.unpack(">I", SMALL[8:12])[0]
    assert read_header(SMALL[:12 + length]) == read_header(SMALL)


def test_core_does_not_import_qt() -> None:
    code = ("import sys, iep_desktop.sync.container; "
            "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# -- tampering --------------------------------------------------------------------------------

@pytest.mark.parametrize("mask", [0x01, 0x80])
def test_every_byte_of_a_small_bundle_flipped_is_rejected(mask: int) -> None:
    assert container._parse(SMALL).header.chunk_count == 3
    for index in range(len(SMALL)):
        mutated = bytearray(SMALL)
        mutated[index] ^= mask
        expect_rejected(bytes(mutated), original=SMALL, payload=SMALL_PAYLOAD)


def test_dense_sample_of_flips_in_a_large_bundle_is_rejected() -> None:
    frames = container._parse(LARGE)
    header_end = 12 + len(frames.header_raw)
    positions = set(range(0, len(LARGE), 97)) | set(range(header_end)) | set(range(frames.signed_end, len(LARGE)))
    positions |= {offset + delta for offset in frame_offsets(LARGE)[:-1] for delta in range(4)}
    for index in sorted(p for p in positions if p < len(LARGE)):
        mutated = bytearray(LARGE)
        mutated[index] ^= 0x40
        expect_rejected(bytes(mutated), original=LARGE, payload=LARGE_PAYLOAD)


@pytest.mark.parametrize("bundle", [SMALL, LARGE], ids=["small", "large"])
def test_truncation_anywhere_is_rejected(bundle: bytes) -> None:
    for offset in frame_offsets(bundle)[:-1]:
        error = expect_rejected(bundle[:offset], original=bundle, payload=b"")
        assert error.reason == "truncated"
    cuts = set(range(100)) | set(range(len(bundle) - 100, len(bundle)))
    for cut in sorted(cuts):
        error = expect_rejected(bundle[:cut], original=bundle, payload=b"")
        assert error.reason in {"truncated", "not-a-bundle", "bad-signature"}


@pytest.mark.parametrize("extra", [b"\x00", b"garbage", SMALL])
def test_trailing_bytes_are_rejected(extra: bytes) -> None:
    error = expect_rejected(SMALL + extra, original=SMALL, payload=SMALL_PAYLOAD)
    assert error.reason == "not-a-bundle"
    with pytest.raises(BundleError):
        verify_bundle(SMALL + extra, DEVICE.public_key())


def test_wrong_recipient_is_refused_before_anything_is_decrypted(monkeypatch: pytest.MonkeyPatch) -> None:
    other = X25519PrivateKey.generate()

    def must_not_run(*_args: object) -> bytes:
        raise AssertionError("decryption must not start for the wrong recipient")

    monkeypatch.setattr(container, "_derive_key", must_not_run)
    monkeypatch.setattr(container, "_decrypt_chunks", must_not_run)
    with pytest.raises(BundleError) as info:
        open_bundle(SMALL, recipient=other, signer_for=device_signer)
    assert info.value.reason == "wrong-recipient"
    assert key_id(other.public_key()) in info.value.message
    assert b64e(raw_public(OFFICE.public_key())) not in info.value.message


def test_unknown_sender_comes_from_signer_for() -> None:
    seen: list[BundleHeader] = []

    def nobody(header: BundleHeader) -> Ed25519PublicKey:
        seen.append(header)
        raise BundleError("unknown-sender", f"Device {header.sender_id} is not enrolled at this office.")

    with pytest.raises(BundleError) as info:
        open_bundle(SMALL, recipient=OFFICE, signer_for=nobody)
    assert info.value.reason == "unknown-sender"
    assert isinstance(info.value, IepError)
    assert [h.sender_id for h in seen] == ["device-7f3a"]


def test_signature_by_another_key_is_rejected() -> None:
    intruder = Ed25519PrivateKey.generate()
    # The same bytes signed by another key.
    forged = resign(SMALL, intruder)
    assert forged[:-64] == SMALL[:-64] and forged != SMALL
    with pytest.raises(BundleError) as info:
        open_as_office(forged)
    assert info.value.reason == "bad-signature"
    # A whole bundle made by another key that names itself as the signer.
    own = seal_bundle(export_fields(sender_signing_key=signing_b64(intruder)), b"hi",
                      recipient=OFFICE.public_key(), signer=intruder)[0]
    with pytest.raises(BundleError) as info:
        open_as_office(own)
    assert info.value.reason == "bad-signature"


def test_header_must_name_the_key_that_signed() -> None:
    other = Ed25519PrivateKey.generate()
    made_by_other = seal_bundle(export_fields(sender_signing_key=signing_b64(other)), b"hi",
                                recipient=OFFICE.public_key(), signer=other)[0]
    signed_by_device_but_names_other = resign(made_by_other, DEVICE)
    with pytest.raises(BundleError) as info:
        verify_bundle(signed_by_device_but_names_other, DEVICE.public_key())
    assert info.value.reason == "bad-signature"


def test_reordered_chunks_fail_the_signature_and_the_aad() -> None:
    frames = container._parse(SMALL)
    chunks = [bytes(chunk) for chunk in frames.chunks]
    assert len(chunks[0]) == len(chunks[1])
    swapped = [chunks[1], chunks[0], *chunks[2:]]
    with pytest.raises(BundleError) as info:
        open_as_office(rebuild(frames.header_raw, swapped, frames.signature))
    assert info.value.reason == "bad-signature"
    key = container._recipient_key(frames, OFFICE)
    assert container._decrypt_chunks(key, frames.header_raw, tuple(chunks), 128) == SMALL_PAYLOAD
    for bad in (swapped, chunks[:-1], chunks[:-1] + [chunks[-1][:-1] + bytes([chunks[-1][-1] ^ 1])]):
        with pytest.raises(BundleError) as info:
            container._decrypt_chunks(key, frames.header_raw, tuple(bad), len(SMALL_PAYLOAD))
        assert info.value.reason == "corrupt-chunk"


def test_resigned_header_change_breaks_decryption() -> None:
    """Even the sender's own key cannot move chunks under a changed header: AAD and key bind it."""
    frames = container._parse(SMALL)
    changed = container.header_bytes(header_fields_ok({**frames.header.as_dict(), "sequence": 9}))
    tampered = resign(rebuild(changed, [bytes(c) for c in frames.chunks], frames.signature), DEVICE)
    assert verify_bundle(tampered, DEVICE.public_key()).sequence == 9
    with pytest.raises(BundleError) as info:
        open_as_office(tampered)
    assert info.value.reason == "corrupt-chunk"


# -- header validation ------------------------------------------------------------------------

def full_fields(**changes: Any) -> dict[str, Any]:
    fields = container._parse(SMALL).header.as_dict()
    fields.update(changes)
    return fields


def test_the_spec_limits_hold_exactly_at_their_edges() -> None:
    """docs/bundle-format-v1.md §4: a proof of 16384 bytes, a time with 1 to 6 fraction digits."""
    header_fields_ok(full_fields(enrollment_proof=b64e(bytes(16384))))
    for fraction in ("", ".1", ".123456"):
        header_fields_ok(full_fields(created_at=f"2026-11-23T15:00:00{fraction}Z"))
    with pytest.raises(BundleError):
        header_fields_ok(full_fields(created_at="2026-11-23T15:00:00.1234567Z"))


@pytest.mark.parametrize("changes, reason", [
    ({"format_version": 2}, "unsupported-version"),
    ({"format_version": "1"}, "not-a-bundle"),
    ({"kind": "import"}, "not-a-bundle"),
    ({"bundle_id": str(uuid.uuid4()).upper()}, "not-a-bundle"),
    ({"bundle_id": str(uuid.uuid1())}, "not-a-bundle"),
    ({"sender_id": "Maria Nguyen"}, "not-a-bundle"),
    ({"sender_id": ""}, "not-a-bundle"),
    ({"recipient_key_id": "ABCDEF0123456789"}, "not-a-bundle"),
    ({"sequence": 0}, "not-a-bundle"),
    ({"sequence": True}, "not-a-bundle"),
    ({"sequence": 1.0}, "not-a-bundle"),
    ({"prev_digest": "00" * 31}, "not-a-bundle"),
    ({"schema_version": ""}, "not-a-bundle"),
    ({"created_at": "2026-11-23T15:00:00-05:00"}, "not-a-bundle"),
    ({"created_at": "2026-02-30T15:00:00Z"}, "not-a-bundle"),
    ({"created_at": "2026-11-23"}, "not-a-bundle"),
    ({"sender_signing_key": b64e(b"short")}, "not-a-bundle"),
    ({"sender_encryption_key": "not base64!"}, "not-a-bundle"),
    ({"ephemeral_public": ""}, "not-a-bundle"),
    ({"enrollment_proof": "abc"}, "not-a-bundle"),
    ({"enrollment_proof": "A" * 30000}, "too-large"),
    ({"enrollment_proof": b64e(bytes(16385))}, "too-large"),  # the spec's limit is of decoded bytes
    ({"enrollment_proof": b64e(bytes(16386))}, "too-large"),  # issue 14 finding 9: this was accepted
    ({"chunk_size": 0}, "not-a-bundle"),
    ({"chunk_size": 1 << 25}, "too-large"),
    ({"chunk_count": 100_001}, "too-large"),
    ({"payload_length": 2 * 1024**3 + 1}, "too-large"),
    ({"chunk_count": 2}, "not-a-bundle"),
    ({"extra": 1}, "not-a-bundle"),
])
def test_header_fields_are_validated(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(BundleError) as info:
        header_fields_ok(full_fields(**changes))
    assert info.value.reason == reason


def test_missing_and_non_object_headers_are_rejected() -> None:
    fields = full_fields()
    del fields["schema_version"]
    for bad in (fields, [], "header", None):
        with pytest.raises(BundleError) as info:
            header_fields_ok(bad)  # type: ignore[arg-type]
        assert info.value.reason == "not-a-bundle"
    assert header_fields_ok(full_fields()) == container._parse(SMALL).header


def with_header(raw: bytes) -> bytes:
    frames = container._parse(SMALL)
    return resign(rebuild(raw, [bytes(c) for c in frames.chunks], frames.signature), DEVICE)


@pytest.mark.parametrize("make_raw, reason", [
    (lambda f: json.dumps(f, sort_keys=True).encode(), "not-a-bundle"),  # spaces: not canonical
    (lambda f: json.dumps(dict(reversed(f.items())), separators=(",", ":")).encode(), "not-a-bundle"),
    (lambda f: b'{"sequence":1,' + json.dumps(f, sort_keys=True, separators=(",", ":")).encode()[1:],
     "not-a-bundle"),  # duplicate key
    (lambda f: b"\xff" * 40, "not-a-bundle"),
    (lambda f: b"[" * 5000 + b"]" * 5000, "not-a-bundle"),
    (lambda f: json.dumps({**f, "sequence": float("nan")}, sort_keys=True, separators=(",", ":")).encode(),
     "not-a-bundle"),
    (lambda f: json.dumps({**f, "format_version": 2}, sort_keys=True, separators=(",", ":")).encode(),
     "unsupported-version"),
    (lambda f: b" " * (container.MAX_HEADER_BYTES + 1), "too-large"),
])
def test_header_bytes_must_be_canonical_v1_json(make_raw: Callable[[dict[str, Any]], bytes], reason: str) -> None:
    original = json.loads(container._parse(SMALL).header_raw)
    with pytest.raises(BundleError) as info:
        open_as_office(with_header(make_raw(original)))
    assert info.value.reason == reason


@pytest.mark.parametrize("data, reason", [
    (b"", "not-a-bundle"),
    (b"PK\x03\x04 a zip file", "not-a-bundle"),
    (b"IEPB", "truncated"),
    (b"IEPBNDL2" + SMALL[8:], "unsupported-version"),
    (b"iepbndl1" + SMALL[8:], "not-a-bundle"),
])
def test_not_a_bundle(data: bytes, reason: str) -> None:
    with pytest.raises(BundleError) as info:
        read_header(data)
    assert info.value.reason == reason


# -- writing ----------------------------------------------------------------------------------

def test_seal_refuses_inconsistent_inputs() -> None:
    other = X25519PrivateKey.generate()
    cases: list[tuple[dict[str, Any], dict[str, Any], str]] = [
        ({}, {"recipient": other.public_key()}, "wrong-recipient"),
        ({"sender_signing_key": signing_b64(Ed25519PrivateKey.generate())}, {}, "bad-signature"),
        ({"chunk_count": 1}, {}, "not-a-bundle"),
        ({}, {"chunk_size": 0}, "not-a-bundle"),
        ({}, {"chunk_size": 1, "payload": b"x" * 100_001}, "too-large"),
    ]
    for changes, kwargs, reason in cases:
        args: dict[str, Any] = {"recipient": OFFICE.public_key(), "signer": DEVICE, "chunk_size": 1024,
                                "payload": b"data", **kwargs}
        payload = args.pop("payload")
        with pytest.raises(BundleError) as info:
            seal_bundle(export_fields(**changes), payload, **args)
        assert info.value.reason == reason


def test_write_bundle_is_atomic_verified_and_named_without_personal_data(tmp_path: Path) -> None:
    path, header, digest = write_bundle(tmp_path, export_fields(sender_id="device-7f3a"), SMALL_PAYLOAD,
                                        recipient=OFFICE.public_key(), signer=DEVICE, chunk_size=1024)
    assert re.fullmatch(r"iep-(export|return)-[0-9a-f-]{36}\.iepb", path.name)
    assert path.name == f"iep-export-{header.bundle_id}.iepb"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temp file left behind
    data = path.read_bytes()
    assert digest == bundle_digest(data)
    assert open_as_office(data) == (header, SMALL_PAYLOAD)
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_write_bundle_reads_back_and_removes_a_bad_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = container.atomic_write_bytes

    def flaky_disk(path: Path, data: bytes, mode: int = 0o600) -> None:
        real_write(path, data[:-1] + bytes([data[-1] ^ 1]), mode)

    monkeypatch.setattr(container, "atomic_write_bytes", flaky_disk)
    with pytest.raises(BundleError) as info:
        write_bundle(tmp_path, export_fields(), b"payload", recipient=OFFICE.public_key(), signer=DEVICE)
    assert info.value.reason == "bad-signature"
    assert "read back" in info.value.message
    assert list(tmp_path.iterdir()) == []


# -- published test vector --------------------------------------------------------------------

def test_vector_matches_the_spec() -> None:
    recipient = X25519PrivateKey.from_private_bytes(b"\x11" * 32)
    signer = Ed25519PrivateKey.from_private_bytes(b"\x33" * 32)
    device_x = X25519PrivateKey.from_private_bytes(b"\x44" * 32)
    fields = {
        "format_version": 1, "kind": "export", "bundle_id": "00000000-0000-4000-8000-000000000001",
        "sender_id": "device-test-0001", "recipient_key_id": key_id(recipient.public_key()), "sequence": 2,
        "prev_digest": hashlib.sha256(b"").hexdigest(), "schema_version": "0001",
        "created_at": "2026-01-01T00:00:00Z", "sender_signing_key": signing_b64(signer),
        "sender_encryption_key": b64e(raw_public(device_x.public_key())), "enrollment_proof": "",
    }
    payload = b"The quick brown fox jumps over the lazy dog."
    data, _, digest = container._seal_with(fields, payload, recipient=recipient.public_key(), signer=signer,
                                           chunk_size=16, ephemeral=X25519PrivateKey.from_private_bytes(b"\x22" * 32))
    spec = (ROOT / "docs" / "bundle-format-v1.md").read_text("utf-8")
    block = re.search(r"<!-- vector-hex -->\s*```text\n(.*?)```", spec, re.S)
    assert block is not None
    assert bytes.fromhex("".join(block.group(1).split())) == data
    assert f"`{digest}`" in spec
    assert open_bundle(data, recipient=recipient, signer_for=lambda h: signer.public_key())[1] == payload


# -- fuzzing ----------------------------------------------------------------------------------

FUZZ_BASE = seal(b"fuzz payload " * 8, chunk_size=32)


def only_bundle_errors(data: bytes) -> None:
    try:
        _, payload = open_as_office(data)
    except BundleError as exc:
        assert exc.reason in container.REASONS
        return
    assert data == FUZZ_BASE and payload == b"fuzz payload " * 8


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(FUZZ_BASE) - 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, len(FUZZ_BASE)), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, len(FUZZ_BASE) - 1), st.integers(1, 64)),
    st.tuples(st.just("cut"), st.integers(0, len(FUZZ_BASE) - 1), st.just(0)),
)


def mutate(data: bytes, op: tuple[str, int, Any]) -> bytes:
    kind, at, arg = op
    at = min(at, len(data))
    if kind == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ arg]) + data[at + 1:]
    if kind == "insert":
        return data[:at] + arg + data[at:]
    if kind == "delete":
        return data[:at] + data[at + arg:]
    return data[:at]


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.binary(max_size=2000).map(lambda b: MAGIC + b),
                 st.binary(max_size=600).map(lambda b: MAGIC + struct.pack(">I", len(b)) + b)))
def test_random_bytes_raise_only_bundle_errors(data: bytes) -> None:
    only_bundle_errors(data)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_bundles_raise_only_bundle_errors(ops: list[tuple[str, int, Any]]) -> None:
    data = FUZZ_BASE
    for op in ops:
        data = mutate(data, op)
    only_bundle_errors(data)
