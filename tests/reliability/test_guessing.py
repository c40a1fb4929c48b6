"""Passphrase guessing: the back-off at the keyboard and the Argon2id cost of every guess.

Measured, not asserted: the timings go to the figures (docs/promises.md quotes them). Asserted:
the structure of the back-off (free attempts, never decreasing, capped, a right passphrase
waits too, nothing wiped) and that the default key derivation is Argon2id with the documented
cost.
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from iep_desktop.clock import FixedClock
from iep_desktop.errors import TooManyAttempts, WrongPassphrase
from iep_desktop.store.attempts import FREE_ATTEMPTS, MAX_DELAY_SECONDS, AttemptTracker, delay_after
from iep_desktop.store.keys import KdfParams
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.reliability._support import record

WRONG = "not the passphrase at all"


def test_the_back_off_after_wrong_passphrases_grows_to_its_cap() -> None:
    clock = FixedClock(datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc))
    tracker = AttemptTracker("guessing-figures", clock)
    waits = []
    for _ in range(15):
        tracker.failed()
        waits.append(tracker.seconds_to_wait())
    assert waits[:FREE_ATTEMPTS - 1] == [0] * (FREE_ATTEMPTS - 1)
    assert all(a <= b for a, b in zip(waits, waits[1:]))
    assert max(waits) == MAX_DELAY_SECONDS and waits[-1] == MAX_DELAY_SECONDS
    assert waits == [delay_after(n) for n in range(1, 16)]

    def hours_for(guesses: int) -> float:  # at the keyboard, every delay is waited out before the next guess
        return sum(delay_after(n) for n in range(1, guesses)) / 3600
    record("guessing.back_off", {
        "seconds_to_wait_after_wrong_attempt": {str(n): w for n, w in enumerate(waits, start=1)},
        "cap_seconds": MAX_DELAY_SECONDS, "cap_reached_at_attempt": waits.index(MAX_DELAY_SECONDS) + 1,
        "hours_of_waiting_for_100_guesses": round(hours_for(100), 1),
        "days_of_waiting_for_10000_guesses": round(hours_for(10_000) / 24, 1),
    })


def test_the_back_off_holds_for_the_right_passphrase_too_and_wipes_nothing(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc))
    (tmp_path / "store").mkdir()
    path = tmp_path / "store" / "coach.iep"
    Store.create(path, PASSPHRASE, kdf=cheap_kdf(), clock=clock).close()
    before = path.read_bytes()
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase):
            Store.open(path, WRONG, clock=clock)
    with pytest.raises(TooManyAttempts):
        Store.open(path, PASSPHRASE, clock=clock)
    assert path.read_bytes() == before
    clock.advance(seconds=1)
    Store.open(path, PASSPHRASE, clock=clock).close()


def test_every_guess_costs_a_full_argon2id_derivation() -> None:
    params = KdfParams()
    assert (params.time_cost, params.memory_cost_kib, params.parallelism) == (3, 64 * 1024, 2)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        params.derive("a wrong guess of some length")
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    record("guessing.argon2id", {
        "time_cost": params.time_cost, "memory_cost_kib": params.memory_cost_kib,
        "memory_MiB_per_guess": params.memory_cost_kib // 1024, "parallelism": params.parallelism,
        "median_ms_per_guess_of_5": round(median * 1000, 1), "all_ms": [round(t * 1000, 1) for t in timings],
        "guesses_per_second_on_this_machine": round(1 / median, 1),
    })
