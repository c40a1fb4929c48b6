"""The office recovery key pair: public part on every laptop, private part only at the office.

The private key file is PKCS#8 PEM encrypted with the office passphrase; the public file is a
small JSON document that names the key by its id. The central hub (issue 5) creates these as
part of the office key set.
"""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from iep_desktop.crypto.sealed import b64d, b64e, key_id, raw_public
from iep_desktop.errors import InvalidInput, RecoveryError
from iep_desktop.fsutil import atomic_write_bytes

PUBLIC_FORMAT = "iep-office-recovery-public"


def generate_recovery_key(private_path: Path, public_path: Path, office_passphrase: str) -> str:
    """Create a recovery key pair; returns its key id."""
    private = X25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(office_passphrase.encode("utf-8")),
    )
    atomic_write_bytes(Path(private_path), pem)
    public = private.public_key()
    doc = {"format": PUBLIC_FORMAT, "version": 1, "key_id": key_id(public), "public": b64e(raw_public(public))}
    atomic_write_bytes(Path(public_path), json.dumps(doc, indent=2).encode("utf-8"), mode=0o644)
    return key_id(public)


def load_recovery_public(path: Path) -> X25519PublicKey:
    try:
        doc = json.loads(Path(path).read_text("utf-8"))
        if doc.get("format") != PUBLIC_FORMAT:
            raise ValueError
        public = X25519PublicKey.from_public_bytes(b64d(doc["public"]))
    except OSError as exc:
        raise InvalidInput(f"Cannot read the office recovery key file {Path(path).name}: {exc.strerror}.") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InvalidInput(
            f"{Path(path).name} is not an office recovery public key file; ask office IT for the right file."
        ) from None
    if key_id(public) != doc.get("key_id"):
        raise InvalidInput(f"{Path(path).name}: the key id does not match the key; ask office IT for a new copy.")
    return public


def load_recovery_private(path: Path, office_passphrase: str) -> X25519PrivateKey:
    """The PEM private key of ``iep office-recovery-key``. (The central office's key set holds one
    too: ``services/recovery.py`` tells the two files apart.)"""
    try:
        pem = Path(path).read_bytes()
    except OSError as exc:
        raise RecoveryError(f"Cannot read the office key file {Path(path).name}: {exc.strerror}.") from None
    try:
        key = serialization.load_pem_private_key(pem, password=office_passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise RecoveryError(
            "The office key file did not open: wrong office passphrase, or not an office key file."
        ) from None
    if not isinstance(key, X25519PrivateKey):
        raise RecoveryError("The office key file holds a different kind of key; use the office recovery key.")
    return key
