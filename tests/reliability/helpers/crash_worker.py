"""Child process of the crash tests: a fork server whose workers write until they are killed.

Run by tests/reliability/test_crash_safety.py, never by hand. It imports the app once, says
"SERVER READY", then reads one JSON command per line on stdin. For each it forks a worker
process that opens the real files and writes in a loop, printing a line after every durable
step (flushed, so the parent knows exactly what was committed before the kill). The parent
SIGKILLs the worker at a random moment; this process reaps it and prints "EXIT <pid> <status>".

Secrets reach a worker through its environment, never the command line: a command's "env"
entries (sent over the stdin pipe) are set in the worker before it starts. IEP_TEST_KEY is the
store's raw data key in hex (Store.open_with_key skips Argon2, so a round starts in
milliseconds); IEP_TEST_OFFICE_PASS is the office passphrase (the test office uses a cheap KDF).

Workers:
  store   save a plan (participant + plan + goal + objective) per unit of work, forever;
          "BEGIN <id>" before, "COMMITTED <id>" after each commit; a checkpoint every 7 saves.
  hub     ingest the given bundle files in order; "INGESTED <bundle_id> <status>" after each.
  export  export a bundle to the given folder, forever (a new participant every 4th time);
          "EXPORTED <file name> <sequence>" after each export has committed.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import uuid
from pathlib import Path

from iep_desktop.central.hub import Hub
from iep_desktop.store.store import Store
from iep_desktop.services import laptop_sync as laptop
from tests.reliability._support import save_plan


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _store(path: str) -> Store:
    return Store.open_with_key(Path(path), bytes.fromhex(os.environ["IEP_TEST_KEY"]))


def work_store(command: dict[str, str]) -> None:
    store = _store(command["path"])
    say(f"READY {os.getpid()}")
    saved = 0
    while True:
        participant_id = str(uuid.uuid4())
        say(f"BEGIN {participant_id}")
        with store.unit_of_work("crash-test") as uow:
            save_plan(uow, participant_id)
        say(f"COMMITTED {participant_id}")
        saved += 1
        if saved % 7 == 0:
            store.checkpoint()
            say("CHECKPOINT")


def work_hub(command: dict[str, object]) -> None:
    hub = Hub.open(Path(str(command["office_dir"])), os.environ["IEP_TEST_OFFICE_PASS"])
    say(f"READY {os.getpid()}")
    for name in command["bundles"]:  # type: ignore[attr-defined]
        result = hub.ingest(Path(name).read_bytes(), "office")
        say(f"INGESTED {result.bundle_id} {result.status}")
    say("DONE")


def work_export(command: dict[str, str]) -> None:
    store = _store(command["path"])
    out = Path(command["out"])
    say(f"READY {os.getpid()}")
    exported = 0
    while True:
        if exported % 4 == 0:
            with store.unit_of_work("crash-test") as uow:
                save_plan(uow)
        result = laptop.export(store, out, "crash-test")
        say(f"EXPORTED {result.path.name} {result.sequence}")
        exported += 1


WORKS = {"store": work_store, "hub": work_hub, "export": work_export}


def main() -> None:
    say("SERVER READY")
    for line in sys.stdin:
        command = json.loads(line)
        if command["work"] == "quit":
            break
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                os.environ.update(command.get("env", {}))
                WORKS[command["work"]](command)
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
                traceback.print_exc(file=sys.stderr)
                say(f"ERROR {type(exc).__name__}: {exc}")
                code = 3
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        say(f"EXIT {pid} {status}")


if __name__ == "__main__":
    main()
