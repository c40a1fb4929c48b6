"""Back-off after wrong passphrases: each failure past the third doubles the wait (max 5 min).

Argon2id makes every guess cost memory and time; the back-off makes casual guessing at the
keyboard slow too. Data is never wiped. The counter lives in the user's state folder, keyed by
the store id, so the store folder itself is never written by a failed unlock.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_dir

from iep_desktop.clock import Clock
from iep_desktop.errors import TooManyAttempts, WrongPassphrase
from iep_desktop.fsutil import atomic_write_bytes, new_private_dirs
from iep_desktop.store.keys import KeyFile, read_store_keyfile

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 300


def delay_after(failures: int) -> int:
    if failures < FREE_ATTEMPTS:
        return 0
    delay: int = 2 ** (failures - FREE_ATTEMPTS)  # failures >= FREE_ATTEMPTS: a whole number
    return min(delay, MAX_DELAY_SECONDS)


def state_dir() -> Path:
    override = os.environ.get("IEP_STATE_DIR")
    return Path(override) if override else Path(user_state_dir("iep-desktop", appauthor=False))


@dataclass
class AttemptTracker:
    """``store_id`` names the counter: a laptop store's id, or ``office-`` and the office id for
    the office key set (and ``office-recovery-`` for its recovery key file): issue 15, item 13."""

    store_id: str
    clock: Clock
    what: str = "passphrases"

    @property
    def _path(self) -> Path:
        return state_dir() / "unlock-attempts" / f"{self.store_id}.json"

    def _read(self) -> tuple[int, float]:
        try:
            doc = json.loads(self._path.read_text("utf-8"))
            return int(doc["failures"]), float(doc["last_failure"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def seconds_to_wait(self) -> int:
        failures, last = self._read()
        remaining = last + delay_after(failures) - self.clock.now().timestamp()
        return max(0, math.ceil(remaining))

    def check(self) -> None:
        wait = self.seconds_to_wait()
        if wait:
            raise TooManyAttempts(
                f"Too many wrong {self.what}. Wait {_duration(wait)}, then try again; your data is safe."
            )

    def failed(self) -> None:
        failures, _ = self._read()
        new_private_dirs(self._path.parent)
        doc = {"failures": failures + 1, "last_failure": self.clock.now().timestamp()}
        atomic_write_bytes(self._path, json.dumps(doc).encode())

    def succeeded(self) -> None:
        self._path.unlink(missing_ok=True)


def unwrap_data_key(db_path: Path, passphrase: str, clock: Clock) -> tuple[KeyFile, bytes]:
    """The store's key file and data key: a back-off still running refuses first, a wrong
    passphrase counts towards it, a right one clears it. This is Argon2id, the slow part of an
    unlock; it needs neither SQLAlchemy nor the store's other modules, so they can load meanwhile
    (issue 17: ``services/unlock.open_store``)."""
    keyfile = read_store_keyfile(Path(db_path))
    attempts = AttemptTracker(keyfile.store_id, clock)
    attempts.check()
    try:
        key = keyfile.unwrap(passphrase)
    except WrongPassphrase:
        attempts.failed()
        raise
    attempts.succeeded()
    return keyfile, key


def _duration(seconds: int) -> str:
    """"45 seconds", "1 minute 30 seconds", "5 minutes"."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes, rest = divmod(seconds, 60)
    text = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return text + (f" {rest} second{'s' if rest != 1 else ''}" if rest else "")
