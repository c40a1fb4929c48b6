"""Crash-safe writes: what a killed write leaves behind is cleared by the next write to that folder."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from iep_desktop import fsutil
from iep_desktop.fsutil import PARTIAL_PREFIX, STALE_AFTER_S, atomic_write_bytes, sweep_partial_writes


def _leftover(folder: Path, name: str, age_s: float) -> Path:
    path = folder / name
    path.write_bytes(b"part of a killed write")
    then = time.time() - age_s
    os.utime(path, (then, then))
    return path


def test_a_write_replaces_the_file_whole_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]
    assert target.stat().st_mode & 0o777 == 0o600


def test_the_first_write_to_a_folder_removes_stale_leftovers_of_killed_writes_and_nothing_else(
        tmp_path: Path) -> None:
    stale = _leftover(tmp_path, f"{PARTIAL_PREFIX}killed1", STALE_AFTER_S + 60)
    young = _leftover(tmp_path, f"{PARTIAL_PREFIX}inflight", 5)  # another process may be writing it
    foreign = _leftover(tmp_path, ".tmp-someone-else", STALE_AFTER_S * 10)
    bundle = _leftover(tmp_path, "0a1b2c.iepb", STALE_AFTER_S * 10)
    atomic_write_bytes(tmp_path / "new.iepb", b"bundle")
    assert not stale.exists()
    assert young.exists() and foreign.exists() and bundle.exists()
    assert (tmp_path / "new.iepb").read_bytes() == b"bundle"


def test_a_folder_is_swept_once_per_process(tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "a", b"a")
    assert str(tmp_path) in fsutil._swept
    later = _leftover(tmp_path, f"{PARTIAL_PREFIX}later", STALE_AFTER_S + 60)
    atomic_write_bytes(tmp_path / "b", b"b")  # a batch of 1,000 PDFs does not list the folder 1,000 times
    assert later.exists()
    assert sweep_partial_writes(tmp_path) == 1 and not later.exists()


def test_a_sweep_of_a_missing_folder_is_harmless(tmp_path: Path) -> None:
    assert sweep_partial_writes(tmp_path / "unplugged-usb-stick") == 0


def test_a_store_made_in_a_new_folder_is_in_folders_for_this_user_alone(tmp_path: Path) -> None:
    """The default data folder of a first start does not exist yet: each folder the app makes for
    it is 0700 whatever the umask; a folder that was there already is the user's and left as it is."""
    from iep_desktop.services.unlock import create_store
    from tests.conftest import cheap_kdf

    os.chmod(tmp_path, 0o755)
    old = os.umask(0o022)
    try:
        create_store(tmp_path / "share" / "iep-desktop" / "coach.iep", "correct horse battery", kdf=cheap_kdf()).close()
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path, tmp_path / "share", tmp_path / "share" / "iep-desktop")}
    assert modes == {tmp_path.name: 0o755, "share": 0o700, "iep-desktop": 0o700}
    assert stat.S_IMODE((tmp_path / "share" / "iep-desktop" / "coach.iep").stat().st_mode) == 0o600
