"""The office recovery key: set it on a store, and reopen a store whose passphrase was forgotten.

The office's private key comes either as the PEM file of ``iep office-recovery-key`` or inside the
central office's key set (``office-keys.json`` of ``iep central init``); which one is decided here,
so ``crypto/`` knows nothing of the office key set in ``sync/``.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from iep_desktop.clock import Clock
from iep_desktop.crypto.office_keys import load_recovery_private, load_recovery_public
from iep_desktop.errors import IepError, RecoveryError
from iep_desktop.store.store import Store


def office_recovery_key(path: Path, office_passphrase: str) -> X25519PrivateKey:
    """The office's private recovery key, from either kind of office key file."""
    path = Path(path)
    try:
        head = path.read_bytes()[:64]
    except OSError as exc:
        raise RecoveryError(f"Cannot read the office key file {path.name}: {exc.strerror}.") from None
    if head.lstrip().startswith(b"{"):
        from iep_desktop.sync.identity import OfficeKeys

        try:
            return OfficeKeys.load(path, office_passphrase).recovery
        except IepError as exc:
            raise RecoveryError(exc.message) from None
    return load_recovery_private(path, office_passphrase)


def recover_store(path: Path, office_key: X25519PrivateKey, new_passphrase: str, *,
                  clock: Clock | None = None) -> None:
    """Open the store with the office recovery key and set the coach's new passphrase."""
    with Store.recover(Path(path), office_key, new_passphrase, clock=clock):
        pass


def set_recovery_key(store: Store, office_public: X25519PublicKey) -> None:
    """Let the office recovery key reopen this store if the passphrase is forgotten."""
    store.set_recovery_key(office_public)


def read_recovery_public(path: Path) -> X25519PublicKey:
    """The office recovery public key file (``office-recovery.json``), checked."""
    return load_recovery_public(Path(path))
