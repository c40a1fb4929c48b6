"""Bundle container format v1: framing, encryption, chunk authentication and signature.

A bundle carries opaque payload bytes from one party to another: a laptop's "export" to the
office hub, or the office's "return" to one laptop. The byte layout, the cryptography and the
reasons behind them are specified in docs/bundle-format-v1.md; this module is the reference
implementation. In short::

    b"IEPBNDL1" | u32 header length | header (canonical JSON)
    | per chunk: u32 ciphertext length | AES-256-GCM ciphertext with tag
    | u16 signature length | Ed25519 signature over SHA-256(every byte before the signature frame)

The header holds ids, counters, public keys and sizes only — never personal data. Every error
raised here is a :class:`BundleError`; its message never contains key material or plaintext.
Only primitives from ``cryptography`` are used (X25519, HKDF-SHA256, AES-256-GCM, Ed25519) and
SHA-256 from ``hashlib``.
"""

from __future__ import annotations

import binascii
import dataclasses
import hashlib
import json
import re
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from iep_desktop.crypto.sealed import b64d, b64e, key_id, raw_public
from iep_desktop.errors import IepError
from iep_desktop.fsutil import atomic_write_bytes

FORMAT_VERSION: Final = 1
MAGIC: Final = b"IEPBNDL1"
KINDS: Final = ("export", "return")
FILE_SUFFIX: Final = ".iepb"
DEFAULT_CHUNK_SIZE: Final = 65536
MAX_CHUNK_SIZE: Final = 1 << 24  # 16 MiB of plaintext per chunk
MAX_CHUNK_COUNT: Final = 100_000
MAX_PAYLOAD: Final = 2 * 1024**3  # 2 GiB
MAX_HEADER_BYTES: Final = 65536
MAX_ENROLLMENT_PROOF: Final = 16384  # decoded bytes
MAX_SEQUENCE: Final = 2**53 - 1  # exact in every JSON implementation
KDF_INFO: Final = b"iep-bundle-v1"
TAG_LEN: Final = 16
SIGNATURE_LEN: Final = 64

REASONS: Final = frozenset({
    "not-a-bundle", "unsupported-version", "truncated", "bad-signature",
    "unknown-sender", "wrong-recipient", "corrupt-chunk", "too-large",
})

_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")

_UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", re.ASCII)
_SENDER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", re.ASCII)
_KEY_ID = re.compile(r"[0-9a-f]{16}", re.ASCII)
_DIGEST = re.compile(r"[0-9a-f]{64}", re.ASCII)
_SCHEMA = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}", re.ASCII)
_CREATED = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|\+00:00)", re.ASCII
)
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?", re.ASCII)
_SAFE_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}", re.ASCII)

_DAMAGED = "Ask the sender for a new copy of the bundle."


class BundleError(IepError):
    """A bundle that cannot be written, read or trusted. ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str, message: str) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown bundle error reason {reason!r}")
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class BundleHeader:
    """The clear-text header. Ids, counters, public keys and sizes only: no personal data."""

    format_version: int
    kind: str
    bundle_id: str
    sender_id: str
    recipient_key_id: str
    sequence: int
    prev_digest: str
    schema_version: str
    created_at: str
    sender_signing_key: str
    sender_encryption_key: str
    enrollment_proof: str
    ephemeral_public: str
    chunk_size: int
    chunk_count: int
    payload_length: int

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


HEADER_FIELDS: Final = tuple(field.name for field in dataclasses.fields(BundleHeader))
WRITER_FIELDS: Final = ("ephemeral_public", "chunk_size", "chunk_count", "payload_length")
CALLER_FIELDS: Final = tuple(name for name in HEADER_FIELDS if name not in WRITER_FIELDS)


# -- header validation ------------------------------------------------------------------------

def _invalid(detail: str, reason: str = "not-a-bundle") -> BundleError:
    return BundleError(reason, f"The bundle header is not valid: {detail}. "
                               "It was not written in bundle format v1, or it is damaged.")


def _is_int(value: object) -> bool:
    return type(value) is int  # bool is an int subclass and is not accepted


def _text(fields: Mapping[str, Any], name: str, pattern: re.Pattern[str], what: str,
          *, allow_empty: bool = False) -> str:
    value = fields[name]
    if not isinstance(value, str):
        raise _invalid(f"'{name}' must be text")
    if value == "" and allow_empty:
        return value
    if not pattern.fullmatch(value):
        raise _invalid(f"'{name}' must be {what}")
    return value


def _base64_key(fields: Mapping[str, Any], name: str, size: int, *, allow_empty: bool = False) -> None:
    what = f"the base64 of a {size}-byte public key" + (' or ""' if allow_empty else "")
    value = fields[name]
    if not isinstance(value, str):
        raise _invalid(f"'{name}' must be text")
    if value == "" and allow_empty:
        return
    if len(value) != 4 * ((size + 2) // 3) or not _canonical_base64(value) or len(b64d(value)) != size:
        raise _invalid(f"'{name}' must be {what}")


def _canonical_base64(value: str) -> bool:
    if not _BASE64.fullmatch(value):
        return False
    try:
        return b64e(b64d(value)) == value
    except (binascii.Error, ValueError):
        return False


def _check_version(fields: Mapping[str, Any]) -> None:
    version = fields.get("format_version")
    if not _is_int(version):
        raise _invalid("'format_version' is missing or not a whole number")
    if version != FORMAT_VERSION:
        raise BundleError(
            "unsupported-version",
            f"This bundle uses format version {version}; this version of IEP Desktop reads "
            f"version {FORMAT_VERSION} only. Update IEP Desktop, then try again.",
        )


def _check_names(fields: Mapping[str, Any]) -> None:
    unknown = sorted(str(name) for name in fields if name not in HEADER_FIELDS)
    if unknown:
        shown = ", ".join(f"'{n}'" for n in unknown[:5] if _SAFE_NAME.fullmatch(n)) or "unnamed"
        raise _invalid(f"it has {len(unknown)} field(s) this version does not know ({shown})")
    missing = [name for name in HEADER_FIELDS if name not in fields]
    if missing:
        raise _invalid("it lacks " + ", ".join(f"'{n}'" for n in missing))


def _check_ids(fields: Mapping[str, Any]) -> None:
    kind = fields["kind"]
    if kind not in KINDS:
        raise _invalid("'kind' must be \"export\" or \"return\"")
    _text(fields, "bundle_id", _UUID4, "a lower-case random UUID (version 4)")
    _text(fields, "sender_id", _SENDER_ID, "1 to 64 letters, digits, '.', '_' or '-'")
    _text(fields, "recipient_key_id", _KEY_ID, "16 lower-case hex digits")
    _text(fields, "prev_digest", _DIGEST, 'a SHA-256 digest in lower-case hex, or ""', allow_empty=True)
    _text(fields, "schema_version", _SCHEMA, "1 to 32 letters, digits, '.', '_' or '-'")
    created = _text(fields, "created_at", _CREATED, "an ISO-8601 UTC time such as 2026-01-01T00:00:00Z")
    try:
        datetime.fromisoformat(created)
    except ValueError:
        raise _invalid("'created_at' is not a real date and time") from None


def _check_keys(fields: Mapping[str, Any]) -> None:
    _base64_key(fields, "sender_signing_key", 32)
    _base64_key(fields, "sender_encryption_key", 32, allow_empty=True)
    _base64_key(fields, "ephemeral_public", 32)
    proof = fields["enrollment_proof"]
    if not isinstance(proof, str):
        raise _invalid("'enrollment_proof' must be text")
    if len(proof) > 4 * ((MAX_ENROLLMENT_PROOF + 2) // 3):
        raise _invalid(f"'enrollment_proof' is longer than {MAX_ENROLLMENT_PROOF} bytes", "too-large")
    if not _canonical_base64(proof):
        raise _invalid("'enrollment_proof' must be base64")
    if len(binascii.a2b_base64(proof)) > MAX_ENROLLMENT_PROOF:  # the text bound above allows 2 bytes more
        raise _invalid(f"'enrollment_proof' is longer than {MAX_ENROLLMENT_PROOF} bytes", "too-large")


def _int_field(fields: Mapping[str, Any], name: str, low: int, high: int, *, high_reason: str) -> int:
    value = fields[name]
    if not _is_int(value):
        raise _invalid(f"'{name}' must be a whole number")
    if value < low:
        raise _invalid(f"'{name}' must be at least {low}")
    if value > high:
        raise _invalid(f"'{name}' must be at most {high}", high_reason)
    return int(value)


def expected_chunk_count(payload_length: int, chunk_size: int) -> int:
    """Chunks needed for ``payload_length`` bytes; an empty payload still has one (empty) chunk."""
    return max(1, -(-payload_length // chunk_size))


def _check_sizes(fields: Mapping[str, Any]) -> None:
    _int_field(fields, "sequence", 1, MAX_SEQUENCE, high_reason="not-a-bundle")
    size = _int_field(fields, "chunk_size", 1, MAX_CHUNK_SIZE, high_reason="too-large")
    count = _int_field(fields, "chunk_count", 1, MAX_CHUNK_COUNT, high_reason="too-large")
    length = _int_field(fields, "payload_length", 0, MAX_PAYLOAD, high_reason="too-large")
    if count != expected_chunk_count(length, size):
        raise _invalid("'chunk_count' does not match 'payload_length' and 'chunk_size'")


def header_fields_ok(fields: Mapping[str, Any]) -> BundleHeader:
    """Validate a complete set of header fields and return the header; raise BundleError if not.

    Rejects anything but a mapping with exactly the v1 fields, each of the right type and form,
    with sizes in bounds ("too-large" past the limits) and a chunk count that fits the sizes.
    """
    if not isinstance(fields, Mapping):
        raise _invalid("it is not a JSON object")
    _check_version(fields)
    _check_names(fields)
    _check_ids(fields)
    _check_keys(fields)
    _check_sizes(fields)
    return BundleHeader(**{name: fields[name] for name in HEADER_FIELDS})


def header_bytes(header: BundleHeader) -> bytes:
    """The canonical encoding: JSON, keys sorted, no spaces, ASCII only."""
    return json.dumps(header.as_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _reject_constant(_name: str) -> Any:
    raise ValueError("not JSON")


def _decode_header(raw: bytes) -> BundleHeader:
    try:
        fields = json.loads(raw.decode("utf-8"), object_pairs_hook=_reject_duplicates,
                            parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _invalid("it is not JSON") from None
    header = header_fields_ok(fields)
    if header_bytes(header) != raw:
        raise _invalid("it is not in canonical form")
    return header


# -- framing ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Frames:
    """A bundle split into its parts. Nothing here is trusted until the signature is checked."""

    header: BundleHeader
    header_raw: bytes
    chunks: tuple[memoryview, ...]
    signed_end: int  # every byte before this offset is covered by the signature
    signature: bytes


def _truncated() -> BundleError:
    return BundleError("truncated", "The bundle file is incomplete: it ends early, probably cut off "
                                    "while it was copied. Copy it again from the original. " + _DAMAGED)


class _Reader:
    def __init__(self, data: bytes | memoryview) -> None:
        self.view = memoryview(data)
        self.pos = 0

    def take(self, size: int) -> memoryview:
        if len(self.view) - self.pos < size:
            raise _truncated()
        part = self.view[self.pos:self.pos + size]
        self.pos += size
        return part

    def u16(self) -> int:
        return int(_U16.unpack(self.take(2))[0])

    def u32(self) -> int:
        return int(_U32.unpack(self.take(4))[0])


def _check_magic(view: memoryview) -> None:
    head = bytes(view[:len(MAGIC)])
    if head == MAGIC:
        return
    if len(head) < len(MAGIC) and head and MAGIC.startswith(head):
        raise _truncated()
    if head[:-1] == MAGIC[:-1] and head[-1:].isdigit():
        raise BundleError("unsupported-version", "This bundle uses a newer format than this version of "
                                                 "IEP Desktop reads. Update IEP Desktop, then try again.")
    raise BundleError("not-a-bundle", "This file is not an IEP bundle. Pick a .iepb file made by IEP Desktop.")


def _read_header_frame(reader: _Reader) -> tuple[BundleHeader, bytes]:
    _check_magic(reader.view)
    reader.take(len(MAGIC))
    length = reader.u32()
    if length > MAX_HEADER_BYTES:
        raise _invalid(f"it is longer than {MAX_HEADER_BYTES} bytes", "too-large")
    raw = bytes(reader.take(length))
    return _decode_header(raw), raw


def _plain_length(header: BundleHeader, index: int) -> int:
    if index < header.chunk_count - 1:
        return header.chunk_size
    return header.payload_length - header.chunk_size * (header.chunk_count - 1)


def _read_chunks(reader: _Reader, header: BundleHeader) -> tuple[memoryview, ...]:
    chunks = []
    for index in range(header.chunk_count):
        length = reader.u32()
        if length != _plain_length(header, index) + TAG_LEN:
            raise BundleError("corrupt-chunk", f"Part {index + 1} of {header.chunk_count} of the bundle has "
                                               f"the wrong size; the file is damaged. {_DAMAGED}")
        chunks.append(reader.take(length))
    return tuple(chunks)


def _read_signature(reader: _Reader) -> bytes:
    length = reader.u16()
    if length != SIGNATURE_LEN:
        raise BundleError("bad-signature", "The bundle's signature has the wrong size; the file was "
                                           f"changed or damaged. {_DAMAGED}")
    signature = bytes(reader.take(length))
    if reader.pos != len(reader.view):
        raise BundleError("not-a-bundle", "The bundle file has extra bytes after its signature; it was "
                                          f"changed or damaged. {_DAMAGED}")
    return signature


def _parse(data: bytes | memoryview) -> _Frames:
    reader = _Reader(data)
    header, raw = _read_header_frame(reader)
    chunks = _read_chunks(reader, header)
    signed_end = reader.pos
    signature = _read_signature(reader)
    return _Frames(header, raw, chunks, signed_end, signature)


def read_header(data: bytes) -> BundleHeader:
    """Parse and validate the header only. Nothing in it is trusted: the signature is not checked."""
    return _read_header_frame(_Reader(data))[0]


def bundle_digest(data: bytes) -> str:
    """SHA-256 (hex) of the whole bundle file: what the next bundle's ``prev_digest`` names."""
    return hashlib.sha256(data).hexdigest()


# -- signature --------------------------------------------------------------------------------

def _raw_signing(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _signed_digest(view: memoryview | bytes) -> bytes:
    return hashlib.sha256(view).digest()


def _check_signature(data: bytes | memoryview, frames: _Frames, signer: Ed25519PublicKey) -> None:
    message = _signed_digest(memoryview(data)[:frames.signed_end])
    try:
        signer.verify(frames.signature, message)
    except InvalidSignature:
        raise BundleError(
            "bad-signature",
            f"Bundle {frames.header.bundle_id} is not signed by the key on record for its sender, or it "
            f"was changed after it was signed. Do not use it. {_DAMAGED}",
        ) from None
    if frames.header.sender_signing_key != b64e(_raw_signing(signer)):
        raise BundleError(
            "bad-signature",
            f"Bundle {frames.header.bundle_id} names a signing key other than the one on record for its "
            "sender. Do not use it; check the sender's enrollment.",
        )


def verify_bundle(data: bytes, signer: Ed25519PublicKey) -> BundleHeader:
    """Check the framing and that ``signer`` signed everything (header, chunks, recipient)."""
    frames = _parse(data)
    _check_signature(data, frames, signer)
    return frames.header


# -- encryption -------------------------------------------------------------------------------

def _derive_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes, header_digest: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public,
                info=KDF_INFO + header_digest)
    return hkdf.derive(shared)


def _nonce(index: int) -> bytes:
    return b"\x00\x00\x00\x00" + _U64.pack(index)


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return header_digest + _U64.pack(index) + (b"\x01" if last else b"\x00")


def _recipient_key(frames: _Frames, recipient: X25519PrivateKey) -> bytes:
    """Check the bundle is addressed to ``recipient`` and derive the AES key (nothing decrypted)."""
    mine = key_id(recipient.public_key())
    if frames.header.recipient_key_id != mine:
        raise BundleError(
            "wrong-recipient",
            f"Bundle {frames.header.bundle_id} is encrypted for key {frames.header.recipient_key_id}, "
            f"not for this key ({mine}). Open it where that key is kept, or ask for a bundle made for this key.",
        )
    ephemeral = b64d(frames.header.ephemeral_public)
    try:
        shared = recipient.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    except ValueError:
        raise BundleError("corrupt-chunk", f"The bundle's ephemeral key is not usable. {_DAMAGED}") from None
    header_digest = hashlib.sha256(frames.header_raw).digest()
    return _derive_key(shared, ephemeral, raw_public(recipient.public_key()), header_digest)


def _decrypt_chunks(key: bytes, header_raw: bytes, chunks: tuple[memoryview | bytes, ...],
                    payload_length: int) -> bytes:
    """Decrypt and authenticate every chunk in order; any reordering, cut or flip fails here too."""
    aead = AESGCM(key)
    header_digest = hashlib.sha256(header_raw).digest()
    last = len(chunks) - 1
    parts = []
    for index, chunk in enumerate(chunks):
        try:
            parts.append(aead.decrypt(_nonce(index), chunk, _aad(header_digest, index, index == last)))
        except InvalidTag:
            raise BundleError("corrupt-chunk", f"Part {index + 1} of {len(chunks)} of the bundle does not "
                                               f"decrypt: it was changed or damaged. {_DAMAGED}") from None
    payload = b"".join(parts)
    if len(payload) != payload_length:
        raise BundleError("corrupt-chunk", f"The bundle's contents have the wrong length. {_DAMAGED}")
    return payload


def open_bundle(data: bytes, *, recipient: X25519PrivateKey,
                signer_for: Callable[[BundleHeader], Ed25519PublicKey]) -> tuple[BundleHeader, bytes]:
    """Verify and decrypt a bundle addressed to ``recipient``; returns (header, payload).

    ``signer_for`` gets the *unverified* header and returns the sender's public signing key on
    record (it raises BundleError("unknown-sender") for a sender it does not know). The signature
    is checked over everything before the recipient or any chunk is looked at.
    """
    frames = _parse(data)
    _check_signature(data, frames, signer_for(frames.header))
    key = _recipient_key(frames, recipient)
    return frames.header, _decrypt_chunks(key, frames.header_raw, frames.chunks, frames.header.payload_length)


# -- writing ----------------------------------------------------------------------------------

def _writer_header(header_fields: Mapping[str, Any], payload_length: int, chunk_size: int,
                   ephemeral_public: bytes) -> BundleHeader:
    given = [name for name in WRITER_FIELDS if name in header_fields]
    if given:
        raise _invalid(", ".join(f"'{n}'" for n in given) + " are set by the bundle writer, not the caller")
    if payload_length > MAX_PAYLOAD:
        raise BundleError("too-large", f"The bundle contents are larger than {MAX_PAYLOAD} bytes; "
                                       "export in smaller batches.")
    if not _is_int(chunk_size) or not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise _invalid(f"'chunk_size' must be a whole number from 1 to {MAX_CHUNK_SIZE}")
    fields = dict(header_fields)
    fields.update(ephemeral_public=b64e(ephemeral_public), chunk_size=chunk_size, payload_length=payload_length,
                  chunk_count=expected_chunk_count(payload_length, chunk_size))
    return header_fields_ok(fields)


def _check_writer_keys(header: BundleHeader, recipient: X25519PublicKey, signer: Ed25519PrivateKey) -> None:
    if header.recipient_key_id != key_id(recipient):
        raise BundleError("wrong-recipient", "The header's 'recipient_key_id' is not the id of the recipient "
                                             "key the bundle is being encrypted to; nothing was written.")
    if header.sender_signing_key != b64e(_raw_signing(signer.public_key())):
        raise BundleError("bad-signature", "The header's 'sender_signing_key' is not the public half of the "
                                           "key signing the bundle; nothing was written.")


def _seal_with(header_fields: Mapping[str, Any], payload: bytes, *, recipient: X25519PublicKey,
               signer: Ed25519PrivateKey, chunk_size: int,
               ephemeral: X25519PrivateKey) -> tuple[bytes, BundleHeader, str]:
    """seal_bundle with a given ephemeral key (tests and the published test vector use this)."""
    ephemeral_public = raw_public(ephemeral.public_key())
    header = _writer_header(header_fields, len(payload), chunk_size, ephemeral_public)
    _check_writer_keys(header, recipient, signer)
    raw = header_bytes(header)
    header_digest = hashlib.sha256(raw).digest()
    try:
        shared = ephemeral.exchange(recipient)
    except ValueError:
        raise BundleError("wrong-recipient", "The recipient key is not a usable X25519 public key; "
                                             "nothing was written.") from None
    aead = AESGCM(_derive_key(shared, ephemeral_public, raw_public(recipient), header_digest))
    parts = [MAGIC, _U32.pack(len(raw)), raw]
    for index in range(header.chunk_count):
        piece = payload[index * chunk_size:(index + 1) * chunk_size]
        sealed = aead.encrypt(_nonce(index), piece, _aad(header_digest, index, index == header.chunk_count - 1))
        parts += [_U32.pack(len(sealed)), sealed]
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part)
    signature = signer.sign(hasher.digest())
    data = b"".join(parts + [_U16.pack(len(signature)), signature])
    return data, header, bundle_digest(data)


def seal_bundle(header_fields: dict[str, Any], payload: bytes, *, recipient: X25519PublicKey,
                signer: Ed25519PrivateKey, chunk_size: int = DEFAULT_CHUNK_SIZE) -> tuple[bytes, BundleHeader, str]:
    """Encrypt ``payload`` to ``recipient`` and sign it; returns (file bytes, header, digest).

    ``header_fields`` holds every header field except ephemeral_public, chunk_size, chunk_count and
    payload_length, which the writer sets. A fresh ephemeral X25519 key is made for every bundle.
    """
    return _seal_with(header_fields, payload, recipient=recipient, signer=signer, chunk_size=chunk_size,
                      ephemeral=X25519PrivateKey.generate())


def bundle_file_name(header: BundleHeader, laptop: str = "") -> str:
    """``iep-{kind}-{laptop}-{sequence}-{bundle_id}.iepb``: the laptop's name (a device name, never
    personal data) and the bundle's number, so a person sees whose bundle it is; no sender id."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "-" for ch in laptop.strip())[:60]
    named = f"{safe.strip('-.')}-{header.sequence:04d}-" if safe.strip("-.") else ""
    return f"iep-{header.kind}-{named}{header.bundle_id}{FILE_SUFFIX}"


def looks_like_bundle(data: bytes) -> bool:
    """Whether a file starts like a bundle (anything else is rejected at the office, not kept).

    A bundle damaged in its first bytes still counts (most of the magic matches), so it is kept in
    quarantine like any other damaged bundle; a CSV or a document matches almost none of it."""
    return len(data) >= len(MAGIC) and sum(a == b for a, b in zip(data, MAGIC, strict=False)) >= len(MAGIC) - 2


def write_bundle(folder: Path, header_fields: dict[str, Any], payload: bytes, *, recipient: X25519PublicKey,
                 signer: Ed25519PrivateKey, chunk_size: int = DEFAULT_CHUNK_SIZE,
                 laptop: str = "") -> tuple[Path, BundleHeader, str]:
    """Seal, write atomically into ``folder``, read back and verify; returns (path, header, digest).

    The read-back checks the framing, the signature and the digest (the writer cannot decrypt).
    A file that fails the check is removed and the BundleError raised. OSError from the disk
    is not translated.
    """
    data, header, digest = seal_bundle(header_fields, payload, recipient=recipient, signer=signer,
                                       chunk_size=chunk_size)
    path = Path(folder) / bundle_file_name(header, laptop)
    atomic_write_bytes(path, data)
    try:
        _verify_written(path.read_bytes(), header, digest, signer.public_key())
    except BundleError:
        path.unlink(missing_ok=True)
        raise
    return path, header, digest


def _verify_written(written: bytes, header: BundleHeader, digest: str, signer: Ed25519PublicKey) -> None:
    try:
        checked = verify_bundle(written, signer)
    except BundleError as exc:
        raise BundleError(exc.reason, "The bundle file read back after writing failed its check, so it "
                                      f"was removed: {exc.message} Check the disk, then export again.") from None
    if checked != header or bundle_digest(written) != digest:
        raise BundleError("corrupt-chunk", "The bundle file read back after writing differs from what was "
                                           "written, so it was removed. Check the disk, then export again.")
