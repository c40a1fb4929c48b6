"""Issue 14: trust at the office boundary. Each finding: the attack replayed and refused, and the
honest path working. Real encrypted stores and hub files; the ``iep`` command as a real process
where a person would type it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iep_desktop.central.hub import Hub
from iep_desktop.errors import InvalidInput
from iep_desktop.store.keys import KeyFile, keyfile_path
from iep_desktop.store.store import Store
from iep_desktop.sync import laptop
from iep_desktop.sync.identity import office_fingerprint, read_enrollment
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.test_cli import assert_clean_failure, iep
from tests.test_cli_sync import OFFICE, fingerprint_printed

OFFICE_PASS = "office passphrase for trust tests"


def store_meta(store: Store, key: str) -> str | None:
    with store.unit_of_work("check") as uow:
        return uow.meta(key)


def recovery_of(db: Path) -> object:
    return KeyFile.read(keyfile_path(db)).recovery


# -- finding 1: enrollment anchored outside the file --------------------------------------------

def test_a_forged_enrollment_file_is_refused_and_changes_nothing(tmp_path: Path, clock) -> None:
    real = Hub.init(tmp_path / "office", OFFICE_PASS, clock=clock, kdf=cheap_kdf())
    attacker = Hub.init(tmp_path / "attacker", "attacker passphrase for tests", clock=clock, kdf=cheap_kdf())
    try:
        # The attacker's file is well formed and verifies with the key written in it ...
        attacker.enroll_device("laptop-a", tmp_path / "forged.json", "mallory")
        assert read_enrollment(tmp_path / "forged.json").office["office_id"] == attacker.keys.office_id
        store = Store.create(tmp_path / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
        with store:
            # ... but it does not carry the fingerprint office IT gave the coach.
            with pytest.raises(InvalidInput, match="does not come from the office with that fingerprint"):
                laptop.enroll(store, tmp_path / "forged.json", "coach", real.office_fingerprint)
            assert store_meta(store, "sync.device_id") is None and store_meta(store, "sync.office") is None
            assert recovery_of(tmp_path / "coach.iep") is None  # no recovery key from an unauthenticated file
            with pytest.raises(InvalidInput, match="not an office fingerprint"):
                laptop.enroll(store, tmp_path / "forged.json", "coach", "not-a-fingerprint")
            # The honest path: the office's own file with the office's fingerprint.
            real.enroll_device("laptop-a", tmp_path / "enroll.json", "it")
            enrolled = laptop.enroll(store, tmp_path / "enroll.json", "coach",
                                     real.office_fingerprint.upper().replace("-", " "))  # as read aloud
            assert enrolled.office["office_id"] == real.keys.office_id
            assert store_meta(store, "sync.device_id") == enrolled.device_id
            assert recovery_of(tmp_path / "coach.iep") is not None
    finally:
        real.close()
        attacker.close()


def test_the_fingerprint_is_printed_shown_and_needed_by_iep_enroll(tmp_path: Path) -> None:
    office, attacker = ["--office-dir", str(tmp_path / "office")], ["--office-dir", str(tmp_path / "attacker")]
    init = iep("central", "init", *office, env=OFFICE)
    assert init.returncode == 0, init.stderr
    fingerprint = fingerprint_printed(init)
    status = json.loads(iep("central", "status", "--json", *office, env=OFFICE).stdout)
    assert status["office_fingerprint"] == fingerprint
    assert iep("central", "init", *attacker, env=OFFICE).returncode == 0
    assert iep("central", "enroll", *attacker, "--device", "laptop-a", "--out", str(tmp_path / "forged.json"),
               env=OFFICE).returncode == 0
    assert iep("central", "enroll", *office, "--device", "laptop-a", "--out", str(tmp_path / "enroll.json"),
               env=OFFICE).returncode == 0
    db = tmp_path / "coach.iep"
    assert iep("init", "--db", str(db)).returncode == 0
    keys_before = keyfile_path(db).read_bytes()

    assert_clean_failure(iep("enroll", "--db", str(db), str(tmp_path / "forged.json"),
                             "--office-fingerprint", fingerprint), "does not come from the office")
    assert_clean_failure(iep("enroll", "--db", str(db), str(tmp_path / "enroll.json")),
                         "Give the office fingerprint")  # no prompt possible, none given: refused
    assert keyfile_path(db).read_bytes() == keys_before  # no recovery key was set
    assert "not enrolled" in iep("export", "--db", str(db), "--out", str(tmp_path)).stderr

    joined = iep("enroll", "--db", str(db), str(tmp_path / "enroll.json"), "--office-fingerprint", fingerprint)
    assert joined.returncode == 0, joined.stderr
    assert recovery_of(db) is not None


def test_the_fingerprint_names_the_offices_signing_key() -> None:
    from iep_desktop.sync.identity import OfficeKeys

    one, two = OfficeKeys.generate(), OfficeKeys.generate()
    doc = one.public_doc()
    assert office_fingerprint(doc) == office_fingerprint(dict(doc))  # the same office, the same fingerprint
    assert office_fingerprint(doc) != office_fingerprint(two.public_doc())
    swapped = doc | {"signing_key": two.public_doc()["signing_key"]}  # same office id, another signing key
    assert office_fingerprint(swapped) != office_fingerprint(doc)
    assert len(office_fingerprint(doc)) == 39 and office_fingerprint(doc).count("-") == 7

