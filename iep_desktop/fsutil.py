"""Crash-safe file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

#: What a write in progress is called beside its target. A write killed part-way (power cut,
#: SIGKILL) leaves one behind; it never carries the target's name, so nobody mistakes it for the file.
PARTIAL_PREFIX = ".iep-partial-"
#: A partial file older than this is a leftover, not a write still going on in another process
#: (a write refreshes its file's modification time as it goes; ten minutes covers a slow USB stick).
STALE_AFTER_S = 600.0

_swept: set[str] = set()  # folders this process has already cleared of leftovers


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_dir(path: Path) -> None:
    """A folder of the app's own, readable by this user alone: made 0700 (whatever the umask), and
    tightened to 0700 when an older version of the app made it with the umask's mode."""
    path = Path(path)
    path.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)


def new_private_dirs(path: Path) -> None:
    """Make ``path`` and any missing folder above it, each new one 0700 whatever the umask (the
    default data folder of a first start, say). Folders that exist are the user's: left as they are."""
    path = Path(path)
    missing = []
    while not path.exists():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        private_dir(folder)


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write to a temp file beside ``path``, fsync it, rename over ``path``, fsync the folder."""
    path = Path(path)
    if str(path.parent) not in _swept:
        _swept.add(str(path.parent))
        sweep_partial_writes(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=PARTIAL_PREFIX, dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def sweep_partial_writes(folder: Path, *, older_than: float = STALE_AFTER_S, now: float | None = None) -> int:
    """Remove the leftovers of writes that were killed part-way in ``folder``; returns how many.

    Only this app's own partial files (``PARTIAL_PREFIX``) older than ``older_than`` seconds go:
    another program's files and a write still going on in another process are left alone. A
    leftover may hold part of a printed plan, so it should not linger on a USB stick. Best effort:
    a folder that cannot be listed or a file that cannot be removed is skipped, never an error.
    """
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(PARTIAL_PREFIX):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
