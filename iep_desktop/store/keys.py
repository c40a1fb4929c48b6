"""The key file beside each store: the data key, wrapped.

A random 32-byte data key encrypts the SQLCipher database. It is stored only wrapped:
- by a key derived from the coach's passphrase with Argon2id (parameters kept with the wrap),
- and, when the office configured one, sealed to the office recovery public key.
Changing the passphrase re-wraps the data key; the database is not re-encrypted.

The key file holds no personal data: format, store id, KDF parameters and ciphertexts.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iep_desktop.errors import NotAStore, RecoveryError, StoreNotFound, WeakPassphrase, WrongPassphrase
from iep_desktop.fsutil import atomic_write_bytes

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

# Argon2 and cryptography load when a key is derived or a wrap opened, not when the unlock
# screen reads this file to show itself (issue 17: start-up).

KEYFILE_FORMAT = "iep-keyfile"
KEYFILE_VERSION = 1
MIN_PASSPHRASE_CHARS = 12
DATA_KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults follow OWASP's guidance for interactive logins (~0.3 s here)."""

    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 2
    salt: bytes = field(default_factory=lambda: os.urandom(16))

    def derive(self, passphrase: str) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            secret=passphrase.encode("utf-8"), salt=self.salt, time_cost=self.time_cost,
            memory_cost=self.memory_cost_kib, parallelism=self.parallelism,
            hash_len=32, type=Type.ID,
        )

    def fresh(self) -> KdfParams:
        """Same cost, new salt (every wrap gets its own salt)."""
        return KdfParams(self.time_cost, self.memory_cost_kib, self.parallelism)

    def to_json(self) -> dict[str, object]:
        return {"alg": "argon2id", "version": 19, "time_cost": self.time_cost,
                "memory_cost_kib": self.memory_cost_kib, "parallelism": self.parallelism,
                "salt": b64e(self.salt)}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> KdfParams:
        """Parameters read from a file, bounded so a damaged or hostile file cannot make one
        derivation fail inside argon2 or take all the memory and time of the laptop."""
        if doc.get("alg") != "argon2id":
            raise ValueError("unknown KDF")
        params = cls(int(doc["time_cost"]), int(doc["memory_cost_kib"]), int(doc["parallelism"]),
                     b64d(str(doc["salt"])))
        if not (1 <= params.time_cost <= 64 and 1 <= params.parallelism <= 64
                and 8 * params.parallelism <= params.memory_cost_kib <= 4 * 1024 * 1024 and len(params.salt) >= 8):
            raise ValueError("KDF parameters out of range")
        return params


def check_passphrase_strength(passphrase: str) -> None:
    """Length is what makes a passphrase strong; no composition rules (NIST SP 800-63B)."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise WeakPassphrase(
            f"The passphrase must be at least {MIN_PASSPHRASE_CHARS} characters; "
            "a few unrelated words make a good one."
        )


def keyfile_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".keys")


def read_store_keyfile(db_path: Path) -> KeyFile:
    """The key file of the store at ``db_path``; StoreNotFound when there is no store there."""
    if not Path(db_path).is_file():
        raise StoreNotFound(f"There is no store at {db_path}; check the path, or create one with 'iep init'.")
    return KeyFile.read(keyfile_path(db_path))


@dataclass
class KeyFile:
    store_id: str
    kdf: KdfParams
    wrap: dict[str, str]
    recovery: dict[str, str] | None = None

    # -- making and reading ---------------------------------------------------------------
    @classmethod
    def create(cls, store_id: str, data_key: bytes, passphrase: str, kdf: KdfParams,
               recovery_public: X25519PublicKey | None = None) -> KeyFile:
        keyfile = cls(store_id=store_id, kdf=kdf, wrap={})
        keyfile._wrap_with_passphrase(data_key, passphrase, kdf)
        if recovery_public is not None:
            keyfile.set_recovery(data_key, recovery_public)
        return keyfile

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            doc = json.loads(path.read_text("utf-8"))
            if doc.get("format") != KEYFILE_FORMAT or doc.get("version") != KEYFILE_VERSION:
                raise ValueError
            keyfile = cls(store_id=str(doc["store_id"]), kdf=KdfParams.from_json(doc["kdf"]),
                          wrap=dict(doc["wrap"]), recovery=doc.get("recovery"))
            # The wrapped key must have its parts, of the sizes AES-256-GCM gives a 32-byte key.
            if (keyfile.wrap.get("alg") != "AES-256-GCM" or len(b64d(str(keyfile.wrap["nonce"]))) != 12
                    or len(b64d(str(keyfile.wrap["ciphertext"]))) != DATA_KEY_BYTES + 16):
                raise ValueError("wrapped key malformed")
            if keyfile.recovery is not None and not isinstance(keyfile.recovery, dict):
                raise ValueError("recovery wrap malformed")
            return keyfile
        except FileNotFoundError:
            raise NotAStore(
                f"The key file {path.name} is missing, so this is not an IEP store or it was copied "
                "without its key file; copy both files together."
            ) from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise NotAStore(f"{path.name} is not an IEP key file; restore it from your backup.") from None

    def write(self, path: Path) -> None:
        doc = {"format": KEYFILE_FORMAT, "version": KEYFILE_VERSION, "store_id": self.store_id,
               "kdf": self.kdf.to_json(), "wrap": self.wrap, "recovery": self.recovery}
        atomic_write_bytes(path, json.dumps(doc, indent=2).encode("utf-8"))

    # -- wrapping ---------------------------------------------------------------------------
    def _aad(self) -> bytes:
        return f"{KEYFILE_FORMAT}-v{KEYFILE_VERSION}|{self.store_id}".encode()

    def _wrap_with_passphrase(self, data_key: bytes, passphrase: str, kdf: KdfParams) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        check_passphrase_strength(passphrase)
        nonce = os.urandom(12)
        ciphertext = AESGCM(kdf.derive(passphrase)).encrypt(nonce, data_key, self._aad())
        self.kdf = kdf
        self.wrap = {"alg": "AES-256-GCM", "nonce": b64e(nonce), "ciphertext": b64e(ciphertext)}

    def unwrap(self, passphrase: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(self.kdf.derive(passphrase)).decrypt(
                b64d(self.wrap["nonce"]), b64d(self.wrap["ciphertext"]), self._aad())
        except InvalidTag:
            raise WrongPassphrase("Wrong passphrase. Check the spelling and try again.") from None

    def rewrap(self, data_key: bytes, new_passphrase: str) -> None:
        self._wrap_with_passphrase(data_key, new_passphrase, self.kdf.fresh())

    def set_recovery(self, data_key: bytes, recovery_public: X25519PublicKey) -> None:
        from iep_desktop.crypto.sealed import seal

        self.recovery = seal(recovery_public, data_key, self._aad())

    def recover(self, office_private: X25519PrivateKey) -> bytes:
        from iep_desktop.crypto.sealed import open_sealed

        if not self.recovery:
            raise RecoveryError(
                "This store has no office recovery key, so it cannot be recovered; restore a backup."
            )
        try:
            return open_sealed(office_private, self.recovery, self._aad())
        except (ValueError, KeyError):
            raise RecoveryError(
                "The office key does not open this store: it was made for a different office key."
            ) from None


def b64e(data: bytes) -> str:  # as iep_desktop.crypto.sealed's, without loading cryptography
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
