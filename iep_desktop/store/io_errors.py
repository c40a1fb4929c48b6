"""Failed disk writes and reads, told to a person: the disk is full, or the disk refused.

SQLite reports a full disk as "database or disk is full" only when it notices while writing
pages; creating the ``-shm`` file or extending the WAL on a full disk reports "disk I/O error",
as does a failing USB stick or a file-size limit (EFBIG on FAT32 at 4 GiB). Python reports the
same through ``OSError``. ``storage_problem`` turns any of these into our own error, telling a
full disk (checked with ``shutil.disk_usage`` on the folder) from other write failures, and
returns None for anything that is not a storage failure, so the caller re-raises that as it was.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from iep_desktop.errors import IepError, StorageError, StorageFull

# Below this much free space, a failed write is put down to a full disk.
FULL_BELOW_BYTES = 1 << 20

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_IO_ERRNOS = {errno.EIO, errno.EFBIG, errno.EROFS, errno.ENXIO, errno.ENODEV}
_FULL_TEXT = ("database or disk is full", "no space left")
_IO_TEXT = ("disk i/o error", "unable to open database file", "attempt to write a readonly database",
            "file too large")


def _driver_message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)  # sqlalchemy wraps the driver's exception
    return str(orig if orig is not None else exc).lower()


def disk_is_full(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def kind_of(exc: BaseException, folder: Path | None = None) -> str | None:
    """'full', 'io' or None (not a storage failure)."""
    if isinstance(exc, OSError) and not isinstance(exc, (FileNotFoundError, PermissionError)):
        if exc.errno in _FULL_ERRNOS:
            return "full"
        if exc.errno in _IO_ERRNOS:
            return "full" if disk_is_full(folder) else "io"
        return None
    text = _driver_message(exc)
    if any(t in text for t in _FULL_TEXT):
        return "full"
    if any(t in text for t in _IO_TEXT):
        return "full" if disk_is_full(folder) else "io"
    return None


def storage_problem(exc: BaseException, *, doing: str = "save", folder: Path | None = None) -> IepError | None:
    """Our own one-line error for a storage failure while ``doing`` ('save', 'open', 'export'), else None."""
    kind = kind_of(exc, folder)
    if kind is None:
        return None
    if doing == "open":
        if kind == "full":
            return StorageFull("The disk is full, so the store cannot be opened. Free some space and open it "
                               "again; the store itself is unharmed.")
        return StorageError("The disk refused to read or write the store (a disk error or a file-size limit), "
                            "so it was not opened. Check the disk, or copy the store to another disk, and open "
                            "it again; do not delete it.")
    if doing == "export":
        if kind == "full":
            return StorageFull("The disk is full, so no bundle was written and nothing was marked as sent. "
                               "Free some space or use another USB stick, and export again.")
        return StorageError("The disk refused the write (a disk error or a file-size limit), so no bundle was "
                            "written and nothing was marked as sent. Try another folder or USB stick.")
    if kind == "full":
        return StorageFull("The disk is full, so nothing was saved. Free some space and save again.")
    return StorageError("The disk refused the write (a disk error or a file-size limit), so nothing was saved. "
                        "Check the disk, free some space, and save again.")


@contextmanager
def writes_told(doing: str, folder: Path) -> Iterator[None]:
    """Turn an OSError from writing files into ``folder`` into our own error (see storage_problem)."""
    try:
        yield
    except OSError as exc:
        problem = storage_problem(exc, doing=doing, folder=folder)
        if problem is None and isinstance(exc, PermissionError):
            problem = StorageError(f"The folder {folder} cannot be written (permission denied), so nothing was "
                                   "written. Pick another folder.")
        if problem is None:
            raise
        raise problem from None
