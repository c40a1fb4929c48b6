"""Seal bytes to an X25519 public key (ECIES: ephemeral X25519, HKDF-SHA256, AES-256-GCM).

Used to wrap a store's data key to the office recovery key, so the office can recover a store
whose coach forgot the passphrase. Only standard primitives from `cryptography`.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEAL_ALG = "X25519-HKDF-SHA256-AES-256-GCM"


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: X25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(raw_public(public)).hexdigest()[:16]


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=info).derive(shared)


def seal(recipient: X25519PublicKey, plaintext: bytes, aad: bytes) -> dict[str, str]:
    ephemeral = X25519PrivateKey.generate()
    eph_pub = raw_public(ephemeral.public_key())
    key = _derive(ephemeral.exchange(recipient), eph_pub, raw_public(recipient), b"iep-seal-v1")
    nonce = os.urandom(12)
    return {
        "alg": SEAL_ALG,
        "key_id": key_id(recipient),
        "ephemeral_public": b64e(eph_pub),
        "nonce": b64e(nonce),
        "ciphertext": b64e(AESGCM(key).encrypt(nonce, plaintext, aad)),
    }


def open_sealed(private: X25519PrivateKey, sealed: dict[str, str], aad: bytes) -> bytes:
    """Raises ValueError when the box was not sealed to this key or was altered."""
    if sealed.get("alg") != SEAL_ALG:
        raise ValueError("unsupported sealing algorithm")
    eph_pub = b64d(sealed["ephemeral_public"])
    recipient = raw_public(private.public_key())
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    key = _derive(shared, eph_pub, recipient, b"iep-seal-v1")
    try:
        return AESGCM(key).decrypt(b64d(sealed["nonce"]), b64d(sealed["ciphertext"]), aad)
    except InvalidTag:
        raise ValueError("sealed data does not open with this key") from None
