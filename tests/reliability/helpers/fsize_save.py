"""Child process of the I/O-error tests: saves plans while no file may grow past a limit.

Usage (by tests/reliability/test_full_disk.py): ``fsize_save.py STORE LIMIT_BYTES`` with the
store's raw data key in hex in IEP_TEST_KEY. The process checkpoints the store (empty WAL), sets
RLIMIT_FSIZE to LIMIT_BYTES with SIGXFSZ ignored, so the write that would grow a file past the
limit fails with EFBIG (as on a FAT32 stick at 4 GiB, or under a quota), and saves plans until
one fails. Then it lifts the limit ("space is freed") and saves once more in the same process.

It prints one JSON object per line: {"saved": id} per save that returned, then
{"failed": id, "error": "module.Class", "iep_error": bool, "message": first line} for the save
that failed, then {"after": id} or {"after_failed": ...} for the save once the limit is gone.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import uuid
from pathlib import Path

from iep_desktop.errors import IepError
from iep_desktop.store.store import Store
from tests.reliability._support import save_plan


def say(doc: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(doc) + "\n")
    sys.stdout.flush()


def describe(exc: BaseException) -> dict[str, object]:
    lines = str(exc).splitlines()
    return {"error": f"{type(exc).__module__}.{type(exc).__qualname__}", "iep_error": isinstance(exc, IepError),
            "message": lines[0] if lines else "", "lines": len(lines)}


def main() -> None:
    path, limit = Path(sys.argv[1]), int(sys.argv[2])
    store = Store.open_with_key(path, bytes.fromhex(os.environ["IEP_TEST_KEY"]))
    store.checkpoint()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # Python ignores it already; say so
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    for _ in range(500):
        participant_id = str(uuid.uuid4())
        try:
            with store.unit_of_work("coach") as uow:
                save_plan(uow, participant_id)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which judges it
            say({"failed": participant_id, **describe(exc)})
            break
        say({"saved": participant_id})
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    participant_id = str(uuid.uuid4())
    try:
        with store.unit_of_work("coach") as uow:
            save_plan(uow, participant_id)
        say({"after": participant_id})
    except Exception as exc:  # noqa: BLE001
        say({"after_failed": participant_id, **describe(exc)})
    store.close()


if __name__ == "__main__":
    main()
