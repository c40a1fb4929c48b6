"""Who is who in sync: the office key set, enrollment files, and a laptop's device keys.

The office (hub) holds three key pairs: X25519 to receive bundles, Ed25519 to sign return
bundles and enrollment files, and X25519 for store recovery (issue 2's office recovery key).
The first two (and the hub database key) are wrapped under the office passphrase (Argon2id +
AES-256-GCM) in ``office-keys.json``; the recovery private key has its own file and its own
passphrase, kept offline, which no daily hub command opens (issue 14, finding 6).

An enrollment file tells one laptop the office's public keys (the laptop pins them) and gives
it a one-time enrollment secret. The laptop makes its own Ed25519 and X25519 keys, keeps the
private parts inside its encrypted store, and proves in its first bundle that it holds the
secret (HMAC over its public keys), so the hub can pin the device keys without a second file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from iep_desktop.crypto.sealed import b64d, b64e, key_id
from iep_desktop.errors import InvalidInput, WrongPassphrase
from iep_desktop.fsutil import atomic_write_bytes
from iep_desktop.store.canonical import canonical_json
from iep_desktop.store.keys import KdfParams, check_passphrase_strength

if TYPE_CHECKING:
    from iep_desktop.clock import Clock
    from iep_desktop.store.attempts import AttemptTracker

OFFICE_KEYS_FORMAT = "iep-office-keys"
ENROLLMENT_FORMAT = "iep-enrollment"
# What 'iep enroll' leaves in place of an enrollment file it used: no secret, only who used it.
USED_ENROLLMENT_FORMAT = "iep-enrollment-used"
_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
_RAW_PRIVATE = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def raw_public(key: X25519PublicKey | Ed25519PublicKey) -> bytes:
    return key.public_bytes(*_RAW)


def raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(*_RAW_PRIVATE)


def signing_key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_public(key)).hexdigest()[:16]


# -- the office key set ------------------------------------------------------------------------

@dataclass
class OfficeKeys:
    """The keys daily hub commands use. The recovery key's private part is NOT among them: it lives
    in its own file under its own passphrase (``RecoveryKeyFile``), kept offline (issue 14,
    finding 6); this set holds only its public part, which enrollment files give to laptops."""

    office_id: str
    encryption: X25519PrivateKey  # receives laptop bundles
    signing: Ed25519PrivateKey    # signs return bundles and enrollment files
    recovery_public: X25519PublicKey  # laptops wrap their store key to it
    hub_db_key: bytes             # the embedded hub database's SQLCipher key
    # A key set made before the recovery key moved out still holds its private part; loading it
    # says so here (the part itself is dropped at once), so the office is told to split it off.
    holds_recovery: bool = False

    @classmethod
    def generate(cls) -> OfficeKeys:
        return cls.generate_with_recovery()[0]

    @classmethod
    def generate_with_recovery(cls) -> tuple[OfficeKeys, X25519PrivateKey]:
        """A new office key set and, apart from it, the recovery private key (for its own file)."""
        recovery = X25519PrivateKey.generate()
        keys = cls(str(uuid.uuid4()), X25519PrivateKey.generate(), Ed25519PrivateKey.generate(),
                   recovery.public_key(), os.urandom(32))
        return keys, recovery

    def public_doc(self) -> dict[str, str]:
        return {"office_id": self.office_id,
                "encryption_key": b64e(raw_public(self.encryption.public_key())),
                "encryption_key_id": key_id(self.encryption.public_key()),
                "signing_key": b64e(raw_public(self.signing.public_key())),
                "recovery_key": b64e(raw_public(self.recovery_public)),
                "recovery_key_id": key_id(self.recovery_public)}

    def save(self, path: Path, passphrase: str, kdf: KdfParams | None = None) -> None:
        """Write the daily key set. It never holds the recovery private key."""
        check_passphrase_strength(passphrase)
        kdf = kdf or KdfParams()
        secrets = {"encryption": b64e(raw_private(self.encryption)), "signing": b64e(raw_private(self.signing)),
                   "hub_db_key": b64e(self.hub_db_key)}
        nonce = os.urandom(12)
        sealed = AESGCM(kdf.derive(passphrase)).encrypt(nonce, json.dumps(secrets).encode(), self.office_id.encode())
        doc = {"format": OFFICE_KEYS_FORMAT, "version": 1, "public": self.public_doc(), "kdf": kdf.to_json(),
               "private": {"nonce": b64e(nonce), "ciphertext": b64e(sealed)}}
        atomic_write_bytes(path, json.dumps(doc, indent=2).encode())

    @classmethod
    def load(cls, path: Path, passphrase: str, clock: Clock | None = None) -> OfficeKeys:
        keys, _ = cls.load_with_legacy_recovery(path, passphrase, clock)
        return keys

    @classmethod
    def load_with_legacy_recovery(cls, path: Path, passphrase: str,
                                  clock: Clock | None = None) -> tuple[OfficeKeys, X25519PrivateKey | None]:
        """The key set, and the recovery private key only if this is an old set that still holds it
        (for ``split_recovery_key`` alone; daily commands call ``load``, which drops it).

        Wrong passphrases back off as a laptop's unlock does (``store/attempts.py``): after three,
        each try waits twice as long as the last, up to 5 minutes, counted per office in the user's
        state folder; a wait still running refuses before any key derivation (issue 15, item 13)."""
        doc = _read_json(path, OFFICE_KEYS_FORMAT, "office key file")
        damaged = InvalidInput(f"{path.name} is damaged; restore the office key file from its backup.")
        try:
            kdf = KdfParams.from_json(doc["kdf"])
            office_id = str(doc["public"]["office_id"])
            sealed = doc["private"]
            recovery_public = X25519PublicKey.from_public_bytes(b64d(doc["public"]["recovery_key"]))
        except (KeyError, TypeError, ValueError):
            raise damaged from None
        try:
            nonce, ciphertext = b64d(sealed["nonce"]), b64d(sealed["ciphertext"])
        except (KeyError, TypeError, ValueError):
            raise damaged from None
        attempts = _attempts(f"office-{office_id}", "office passphrases", clock)
        try:
            plain = AESGCM(kdf.derive(passphrase)).decrypt(nonce, ciphertext, office_id.encode())
        except InvalidTag:
            attempts.failed()
            raise WrongPassphrase("Wrong office passphrase. Check it and try again.") from None
        except ValueError:  # a nonce of the wrong size
            raise damaged from None
        attempts.succeeded()
        secrets = json.loads(plain)
        legacy = X25519PrivateKey.from_private_bytes(b64d(secrets["recovery"])) if "recovery" in secrets else None
        if legacy is not None and raw_public(legacy.public_key()) != raw_public(recovery_public):
            raise damaged
        keys = cls(office_id, X25519PrivateKey.from_private_bytes(b64d(secrets["encryption"])),
                   Ed25519PrivateKey.from_private_bytes(b64d(secrets["signing"])), recovery_public,
                   b64d(secrets["hub_db_key"]), holds_recovery=legacy is not None)
        return keys, legacy


# -- the office recovery key file (apart from the daily key set) --------------------------------

RECOVERY_KEY_FORMAT = "iep-office-recovery-key"


def write_recovery_key_file(path: Path, office_id: str, recovery: X25519PrivateKey, passphrase: str,
                            kdf: KdfParams | None = None) -> None:
    """The office recovery private key in its own file, under its own passphrase (Argon2id +
    AES-256-GCM, associated data ``iep-office-recovery-key|`` + office id). Kept offline."""
    check_passphrase_strength(passphrase)
    kdf = kdf or KdfParams()
    nonce = os.urandom(12)
    sealed = AESGCM(kdf.derive(passphrase)).encrypt(nonce, raw_private(recovery), _recovery_aad(office_id))
    public = recovery.public_key()
    doc = {"format": RECOVERY_KEY_FORMAT, "version": 1, "office_id": office_id,
           "recovery_key": b64e(raw_public(public)), "recovery_key_id": key_id(public), "kdf": kdf.to_json(),
           "private": {"nonce": b64e(nonce), "ciphertext": b64e(sealed)}}
    atomic_write_bytes(path, json.dumps(doc, indent=2).encode())


def file_format(path: Path) -> str | None:
    """The ``format`` member of a JSON key file, or None."""
    try:
        doc = json.loads(Path(path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    value = doc.get("format") if isinstance(doc, dict) else None
    return value if isinstance(value, str) else None


def _attempts(name: str, what: str, clock: Clock | None) -> AttemptTracker:
    """The back-off counter for one office key file; checked before the passphrase is tried."""
    from iep_desktop.clock import SystemClock
    from iep_desktop.store.attempts import AttemptTracker

    tracker = AttemptTracker(name if _COUNTER_NAME.fullmatch(name) else "office-unnamed", clock or SystemClock(), what)
    tracker.check()
    return tracker


_COUNTER_NAME = re.compile(r"[A-Za-z0-9._-]{1,120}", re.ASCII)  # a file name: never a path out of the folder


def read_recovery_key_file(path: Path, passphrase: str, clock: Clock | None = None) -> X25519PrivateKey:
    doc = _read_json(path, RECOVERY_KEY_FORMAT, "office recovery key file")
    damaged = InvalidInput(f"{Path(path).name} is damaged; use the office recovery key file's backup.")
    try:
        kdf = KdfParams.from_json(doc["kdf"])
        office_id = str(doc["office_id"])
        nonce, ciphertext = b64d(doc["private"]["nonce"]), b64d(doc["private"]["ciphertext"])
        public = X25519PublicKey.from_public_bytes(b64d(doc["recovery_key"]))
    except (KeyError, TypeError, ValueError):
        raise damaged from None
    attempts = _attempts(f"office-recovery-{office_id}", "recovery passphrases", clock)
    try:
        raw = AESGCM(kdf.derive(passphrase)).decrypt(nonce, ciphertext, _recovery_aad(office_id))
    except InvalidTag:
        attempts.failed()
        raise WrongPassphrase("Wrong recovery passphrase (the one chosen for the office recovery key file, "
                              "not the daily office passphrase). Check it and try again.") from None
    except ValueError:
        raise damaged from None
    try:
        key = X25519PrivateKey.from_private_bytes(raw)
    except ValueError:
        raise damaged from None
    if raw_public(key.public_key()) != raw_public(public):
        raise damaged
    return key


def _recovery_aad(office_id: str) -> bytes:
    return f"iep-office-recovery-key|{office_id}".encode()


def _read_json(path: Path, fmt: str, what: str) -> dict[str, Any]:
    try:
        doc = json.loads(Path(path).read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"There is no {what} at {path}.") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise InvalidInput(f"{Path(path).name} is not an IEP {what}.") from None
    if not isinstance(doc, dict) or doc.get("format") != fmt or doc.get("version") != 1:
        raise InvalidInput(f"{Path(path).name} is not an IEP {what} (or it is from a newer version).")
    return doc


# -- enrollment files --------------------------------------------------------------------------

@dataclass(frozen=True)
class Enrollment:
    office: dict[str, str]  # the office's public keys (public_doc)
    device_id: str
    device_name: str
    secret: bytes           # one-time enrollment secret
    issued_at: str

    def office_encryption_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(b64d(self.office["encryption_key"]))

    def office_signing_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(b64d(self.office["signing_key"]))

    def office_recovery_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(b64d(self.office["recovery_key"]))


def _enrollment_body(office: dict[str, str], device_id: str, device_name: str, secret: bytes, issued_at: str) -> dict[str, Any]:
    return {"format": ENROLLMENT_FORMAT, "version": 1, "office": office, "device_id": device_id,
            "device_name": device_name, "secret": b64e(secret), "issued_at": issued_at}


def write_enrollment(path: Path, keys: OfficeKeys, device_id: str, device_name: str, secret: bytes,
                     issued_at: datetime) -> None:
    body = _enrollment_body(keys.public_doc(), device_id, device_name, secret, issued_at.isoformat())
    signature = keys.signing.sign(canonical_json(body).encode())
    atomic_write_bytes(path, json.dumps(body | {"signature": b64e(signature)}, indent=2).encode())


def spend_enrollment(path: Path, enrollment: Enrollment, laptop_key: str, used_at: datetime) -> bool:
    """Replace a used enrollment file by a note of who used it, so that it cannot enroll a second
    store (whose work the office would then set aside). The note holds no secret. False when the
    file could not be rewritten (read-only media): the person is then told to delete it."""
    note = {"format": USED_ENROLLMENT_FORMAT, "version": 1, "device_name": enrollment.device_name,
            "device_id": enrollment.device_id, "office_id": enrollment.office["office_id"],
            "used_at": used_at.isoformat(), "laptop_key": laptop_key}
    try:
        atomic_write_bytes(Path(path), json.dumps(note, indent=2).encode())
    except OSError:
        return False
    return True


def _refuse_used(path: Path) -> None:
    try:
        doc = json.loads(Path(path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return  # _read_json says what is wrong with it
    if not isinstance(doc, dict) or doc.get("format") != USED_ENROLLMENT_FORMAT:
        return
    try:
        when = f" on {datetime.fromisoformat(str(doc['used_at'])):%m/%d/%Y}"
    except (KeyError, ValueError):
        when = ""
    raise InvalidInput(f"{Path(path).name} was already used{when} to enroll a store as "
                       f"{str(doc.get('device_name', '?'))[:120]} (laptop key {str(doc.get('laptop_key', '?'))[:16]}); "
                       "an enrollment file enrolls one store only. Ask office IT for a new one; nothing was changed.")


def read_enrollment(path: Path) -> Enrollment:
    """Parse and check an enrollment file: well-formed and signed by the office key it names.

    A file 'iep enroll' already used (spend_enrollment) is refused, naming the store it enrolled."""
    _refuse_used(path)
    doc = _read_json(path, ENROLLMENT_FORMAT, "enrollment file")
    bad = InvalidInput(f"{Path(path).name} is damaged or was altered; ask office IT for a new enrollment file.")
    try:
        office = {k: str(v) for k, v in dict(doc["office"]).items()}
        body = _enrollment_body(office, str(doc["device_id"]), str(doc["device_name"]),
                                b64d(str(doc["secret"])), str(doc["issued_at"]))
        signer = Ed25519PublicKey.from_public_bytes(b64d(office["signing_key"]))
        signer.verify(b64d(str(doc["signature"])), canonical_json(body).encode())
        encryption = X25519PublicKey.from_public_bytes(b64d(office["encryption_key"]))
        recovery = X25519PublicKey.from_public_bytes(b64d(office["recovery_key"]))
        uuid.UUID(body["device_id"])
        uuid.UUID(office["office_id"])
        # Every part of the office's public document must be there and agree with its keys.
        if office["encryption_key_id"] != key_id(encryption) or office["recovery_key_id"] != key_id(recovery):
            raise ValueError("key ids do not match the keys")
    except (KeyError, TypeError, ValueError, AttributeError, InvalidSignature):
        raise bad from None
    return Enrollment(office, body["device_id"], body["device_name"], b64d(body["secret"]), body["issued_at"])


# -- the office fingerprint: the anchor outside the file ----------------------------------------

FINGERPRINT_HEX = 32  # 128 bits of SHA-256, read out as 8 groups of 4


def office_fingerprint(office: Mapping[str, str]) -> str:
    """What office IT prints at 'iep central init' and reads out (or provisions) to each laptop.

    It names the office's id and signing key; the signing key signs every enrollment file, and
    that signature covers the office's other keys. So an enrollment file whose signing key has this
    fingerprint, and whose signature verifies, comes from this office. A file that only verifies
    with a key written in itself proves nothing (issue 14, finding 1)."""
    raw = b"iep-office-fingerprint-v1|" + office["office_id"].encode() + b"|" + b64d(office["signing_key"])
    digest = hashlib.sha256(raw).hexdigest()[:FINGERPRINT_HEX]
    return "-".join(digest[i:i + 4] for i in range(0, FINGERPRINT_HEX, 4))


def _normal_fingerprint(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch not in " -:\t")


def check_office_fingerprint(enrollment: Enrollment, given: str) -> None:
    """Refuse, in plain words, an enrollment file that does not come from the office ``given`` names."""
    wanted = _normal_fingerprint(given)
    if len(wanted) != FINGERPRINT_HEX or any(ch not in "0123456789abcdef" for ch in wanted):
        raise InvalidInput("That is not an office fingerprint: it has 32 letters (a-f) and digits in 8 groups, "
                           "as 'iep central init' printed it. Ask office IT for it; nothing was changed.")
    actual = _normal_fingerprint(office_fingerprint(enrollment.office))
    if not hmac.compare_digest(actual.encode(), wanted.encode()):
        raise InvalidInput("This enrollment file does not come from the office with that fingerprint, so this "
                           "laptop was not enrolled and nothing was changed. Check the fingerprint with office IT "
                           "(in person or by phone) and ask them for a new enrollment file.")


def _proof_key(secret: bytes) -> Ed25519PrivateKey:
    """The signing key a one-time enrollment secret makes (its seed: SHA-256 of a label and the secret)."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"iep-enrollment-proof-key-v2|" + secret).digest())


def _proof_message(device_id: str, signing_public: bytes, encryption_public: bytes) -> bytes:
    return b"iep-enrollment-proof-v2|" + device_id.encode() + b"|" + signing_public + b"|" + encryption_public


def enrollment_verifier(secret: bytes) -> bytes:
    """What the office keeps instead of the secret (issue 14, finding 4): the public half of the key
    the secret makes. Reading the hub database does not give the secret, nor a way to prove it."""
    return raw_public(_proof_key(secret).public_key())


def enrollment_proof(secret: bytes, device_id: str, signing_public: bytes, encryption_public: bytes) -> bytes:
    """Binds a device's own public keys to the one-time enrollment secret: an Ed25519 signature by
    the secret's key over the device id and both public keys (64 bytes)."""
    return _proof_key(secret).sign(_proof_message(device_id, signing_public, encryption_public))


def proof_holds(verifier: bytes, proof: bytes, device_id: str, signing_public: bytes,
                encryption_public: bytes) -> bool:
    """Whether ``proof`` was made with the secret behind ``verifier`` for these keys."""
    try:
        Ed25519PublicKey.from_public_bytes(verifier).verify(proof, _proof_message(device_id, signing_public,
                                                                                 encryption_public))
    except (InvalidSignature, ValueError):
        return False
    return True
