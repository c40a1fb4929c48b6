"""Issue 15, item 13: the office passphrase backs off after wrong tries, as a laptop's does,
through the ``iep`` command as a real process."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from iep_desktop.store.attempts import _duration, state_dir
from tests.test_cli import assert_clean_failure, digest_folder, iep

RIGHT = "office passphrase for the back-off test"


def central(office: Path, *args: str, passphrase: str) -> subprocess.CompletedProcess[str]:
    return iep("central", args[0], "--office-dir", str(office), *args[1:],
               env={"IEP_OFFICE_PASSPHRASE": passphrase, "IEP_RECOVERY_PASSPHRASE": "recovery passphrase kept apart"},
               passphrase=None)


def test_wrong_office_passphrases_back_off_and_the_wait_holds_for_the_right_one_too(tmp_path: Path) -> None:
    office = tmp_path / "office"
    made = central(office, "init", passphrase=RIGHT)
    assert made.returncode == 0, made.stdout + made.stderr
    assert central(office, "status", passphrase=RIGHT).returncode == 0  # the honest path
    before = digest_folder(office)

    for _ in range(3):  # three free tries, each one plain line and exit 3
        wrong = central(office, "status", passphrase="not the office passphrase")
        assert_clean_failure(wrong, "Wrong office passphrase")
        assert wrong.returncode == 3
    # From now on each wrong try doubles the wait (1, 2, 4 ... s), and a try made before the wait
    # ends is refused without trying the passphrase (and without counting). Try until the wait is
    # long enough for the next process to start inside it.
    waits: list[int] = []
    for _ in range(40):
        refused = central(office, "status", passphrase="still not it")
        assert refused.returncode == 3, refused.stdout + refused.stderr
        if "Too many" not in refused.stderr:
            assert_clean_failure(refused, "Wrong office passphrase")
            continue
        waits.append(_seconds(refused.stderr))
        if waits[-1] >= 8:
            break
    assert waits and waits[-1] >= 8, waits
    assert_clean_failure(refused, "Too many wrong office passphrases. Wait ", "then try again")
    assert refused.returncode == 3
    right_too = central(office, "status", passphrase=RIGHT)  # the wait holds for the right passphrase
    assert_clean_failure(right_too, "Too many wrong office passphrases. Wait ")
    assert digest_folder(office) == before  # nothing at the office changed

    (counter,) = (state_dir() / "unlock-attempts").glob("office-*.json")
    doc = json.loads(counter.read_text("utf-8"))
    assert doc["failures"] >= 4
    doc["last_failure"] -= 3600  # an hour later (the wait is at most 5 minutes)
    counter.write_text(json.dumps(doc), "utf-8")
    later = central(office, "status", passphrase=RIGHT)
    assert later.returncode == 0, later.stdout + later.stderr
    assert not counter.exists()  # the right passphrase clears the count


def _seconds(message: str) -> int:
    found = re.search(r"Wait (?:(\d+) minutes? ?)?(?:(\d+) seconds?)?", message)
    assert found, message
    return int(found.group(1) or 0) * 60 + int(found.group(2) or 0)


def test_the_wait_is_said_in_plain_words() -> None:
    assert [_duration(s) for s in (1, 45, 60, 90, 300)] == [
        "1 second", "45 seconds", "1 minute", "1 minute 30 seconds", "5 minutes"]
