"""Shared fixtures: real encrypted stores in temporary folders, a fixed clock, cheap KDF cost.

Argon2id still runs for real; tests use a lower memory cost so hundreds of stores stay fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from iep_desktop.clock import FixedClock
from iep_desktop.store.keys import KdfParams
from iep_desktop.store.store import Store

pytest_plugins = ["tests.pg_fixtures"]

PASSPHRASE = "correct horse battery staple"
TODAY = date(2026, 11, 23)


def cheap_kdf() -> KdfParams:
    return KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)


@pytest.fixture(autouse=True)
def _state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unlock back-off state goes to a per-test folder, never the user's real one."""
    monkeypatch.setenv("IEP_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    return folder / "coach.iep"


@pytest.fixture
def store(store_path: Path, clock: FixedClock) -> Iterator[Store]:
    with Store.create(store_path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as opened:
        yield opened
