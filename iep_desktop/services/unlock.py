"""Opening the coach's store: unlock (with the back-off after wrong passphrases), create, the demo.

The desktop app's unlock and create screens and the ``iep`` command call these; the slow parts
(Argon2id, migrations, filling the demo) run off the GUI thread in the app. The back-off counter
itself is kept by ``store/attempts.py`` (a file in the user's state folder); what a screen may
ask of it, how long to wait, is answered here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from iep_desktop.clock import Clock, SystemClock
from iep_desktop.errors import IepError
from iep_desktop.fsutil import new_private_dirs
from iep_desktop.store.attempts import AttemptTracker, unwrap_data_key
from iep_desktop.store.keys import MIN_PASSPHRASE_CHARS, KdfParams, KeyFile, keyfile_path

if TYPE_CHECKING:
    # Loaded when used (issue 17: start-up): the unlock screen reads the key file and the
    # back-off here before the store's modules (SQLAlchemy, pydantic) and cryptography load.
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from iep_desktop.store.store import Store

__all__ = ["MIN_PASSPHRASE_CHARS", "create_store", "free_store_path", "open_demo_store", "open_store",
           "read_recovery_key", "seconds_to_wait"]

Progress = Callable[[str], None]


def open_store(path: Path, passphrase: str, clock: Clock | None = None) -> Store:
    """Unlock: a wrong passphrase counts towards the back-off; a wait still running refuses first.

    What ``Store.open`` does, in two steps: Argon2id first (it releases the GIL), and only then
    the store's own modules (SQLAlchemy, pydantic), which ``ui/preload.py`` loads meanwhile on
    another thread, so the two overlap instead of Argon2id waiting for the imports (issue 17)."""
    path = Path(path)
    keyfile, key = unwrap_data_key(path, passphrase, clock or SystemClock())
    from iep_desktop.store.store import Store

    return Store.open_with_key(path, key, keyfile=keyfile, clock=clock)


def create_store(path: Path, passphrase: str, kdf: KdfParams | None = None,
                 recovery: X25519PublicKey | None = None, clock: Clock | None = None) -> Store:
    path = Path(path)
    new_private_dirs(path.parent)  # the default data folder may not exist yet: made for this user alone
    from iep_desktop.store.store import Store

    return Store.create(path, passphrase, kdf=kdf, recovery_public=recovery, clock=clock)


def open_demo_store(path: Path, passphrase: str, kdf: KdfParams | None, clock: Clock | None, *,
                    participants: int, progress: Progress, check: Callable[[], None]) -> Store:
    """The demo store, made and filled with synthetic people the first time; ``check`` raises
    to stop between the two slow steps (the screen was closed)."""
    from iep_desktop.demo import fill_demo_store  # only the demo pays for the demo data
    from iep_desktop.store.store import Store

    path = Path(path)
    if not path.exists():
        progress(f"Making the demo store with {participants} synthetic people…")
        new_private_dirs(path.parent)
        Store.create(path, passphrase, kdf=kdf, clock=clock).close()
        fill_demo_store(path, passphrase, participants=participants, clock=clock)
        check()
        progress("Unlocking…")
    return Store.open(path, passphrase, clock=clock)


def free_store_path(folder: Path) -> Path:
    """coach.iep in the folder, or coach-2.iep, coach-3.iep... when taken."""
    candidate, number = Path(folder) / "coach.iep", 2
    while candidate.exists() or keyfile_path(candidate).exists():
        candidate, number = Path(folder) / f"coach-{number}.iep", number + 1
    return candidate


def seconds_to_wait(path: Path, clock: Clock | None = None) -> int:
    """The back-off still to wait before the next unlock try (0 when none or unreadable)."""
    try:
        store_id = KeyFile.read(keyfile_path(Path(path))).store_id
    except IepError:
        return 0
    return AttemptTracker(store_id, clock or SystemClock()).seconds_to_wait()


def read_recovery_key(path: Path) -> X25519PublicKey:
    """The office recovery public key file a new store can be wrapped for (checked now, so a wrong
    file is caught before the store is made)."""
    from iep_desktop.crypto.office_keys import load_recovery_public

    return load_recovery_public(Path(path))
