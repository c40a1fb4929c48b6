"""The office recovery key: set it on a store, and reopen a store whose passphrase was forgotten.

The office's private key comes either as the PEM file of ``iep office-recovery-key`` or as the
central office's recovery key file (``office-recovery-key.json`` of ``iep central init``, under its
own passphrase, kept offline). The office's daily key set (``office-keys.json``) never opens a
store (issue 14, finding 6): it is refused here with the way to the right file.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from iep_desktop.clock import Clock
from iep_desktop.crypto.office_keys import load_recovery_private, load_recovery_public
from iep_desktop.errors import RecoveryError
from iep_desktop.store.store import Store


def is_pem_key(path: Path) -> bool:
    """A PEM file of ``iep office-recovery-key`` (its passphrase is the one given to that command)."""
    try:
        return not Path(path).read_bytes()[:64].lstrip().startswith(b"{")
    except OSError as exc:
        raise RecoveryError(f"Cannot read the office key file {Path(path).name}: {exc.strerror}.") from None


def office_recovery_key(path: Path, recovery_passphrase: str) -> X25519PrivateKey:
    """The office's private recovery key, from the recovery key file or the PEM file."""
    from iep_desktop.sync.identity import OFFICE_KEYS_FORMAT, file_format, read_recovery_key_file

    path = Path(path)
    if not is_pem_key(path):
        if file_format(path) != OFFICE_KEYS_FORMAT:
            return read_recovery_key_file(path, recovery_passphrase)  # says plainly what else it is
        raise RecoveryError(
                f"{path.name} is the office's daily key set; it does not open laptop stores. Use the office recovery "
                "key file (office-recovery-key.json, kept offline) and its own passphrase. An office set up before "
                "that file existed runs 'iep central split-recovery-key' once to make it.")
    return load_recovery_private(path, recovery_passphrase)


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
