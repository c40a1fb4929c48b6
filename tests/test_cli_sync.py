"""The sync commands end to end as real processes: office set-up, enrollment, export, ingest, return."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import assert_clean_failure, iep

OFFICE = {"IEP_OFFICE_PASSPHRASE": "office passphrase for the cli",
          "IEP_RECOVERY_PASSPHRASE": "recovery passphrase kept offline"}


def fingerprint_printed(init: object) -> str:
    """The office fingerprint 'iep central init' printed (office IT reads it out to each coach)."""
    line = next(line for line in init.stdout.splitlines() if line.startswith("Office fingerprint: "))
    return line.removeprefix("Office fingerprint: ").strip()


def test_office_and_laptop_round_trip_through_the_cli(tmp_path: Path) -> None:
    office = ["--office-dir", str(tmp_path / "office")]
    init = iep("central", "init", *office, env=OFFICE)
    assert init.returncode == 0
    fingerprint = fingerprint_printed(init)
    enrolled = iep("central", "enroll", *office, "--device", "fair-laptop-1", "--out", str(tmp_path / "enroll.json"), env=OFFICE)
    assert enrolled.returncode == 0, enrolled.stderr
    db = tmp_path / "coach.iep"
    assert iep("demo", "--db", str(db), "--participants", "6", "--seed", "4").returncode == 0
    joined = iep("enroll", "--db", str(db), str(tmp_path / "enroll.json"), "--office-fingerprint", fingerprint)
    assert joined.returncode == 0, joined.stderr
    usb = tmp_path / "usb"
    usb.mkdir()
    exported = iep("export", "--db", str(db), "--out", str(usb))
    assert exported.returncode == 0, exported.stderr
    bundle = next(usb.glob("iep-export-*.iepb"))
    ingested = iep("central", "ingest", *office, str(bundle), env=OFFICE)
    assert ingested.returncode == 0 and "applied" in ingested.stdout, ingested.stdout + ingested.stderr
    again = iep("central", "ingest", *office, str(bundle), env=OFFICE)
    assert "duplicate" in again.stdout
    status = json.loads(iep("central", "status", *office, "--json", env=OFFICE).stdout)
    assert status["participants"] == 6 and status["bundles_applied"] == 1 and status["signed_pdfs"] >= 1
    returned = iep("central", "return", *office, "--device", "fair-laptop-1", "--out", str(usb), env=OFFICE)
    assert returned.returncode == 0, returned.stderr
    back = next(usb.glob("iep-return-*.iepb"))
    imported = iep("import-return", "--db", str(db), str(back))
    assert imported.returncode == 0 and "changes acknowledged" in imported.stdout, imported.stderr
    assert "already imported" in iep("import-return", "--db", str(db), str(back)).stdout


def test_sync_mistakes_get_one_clear_line(tmp_path: Path) -> None:
    office = ["--office-dir", str(tmp_path / "office")]
    assert_clean_failure(iep("central", "status", *office, env=OFFICE), "No office is set up")
    assert iep("central", "init", *office, env=OFFICE).returncode == 0
    assert_clean_failure(iep("central", "status", *office, env={"IEP_OFFICE_PASSPHRASE": "wrong office pass"}),
                         "Wrong office passphrase")
    db = tmp_path / "coach.iep"
    assert iep("init", "--db", str(db)).returncode == 0
    assert_clean_failure(iep("export", "--db", str(db), "--out", str(tmp_path)), "not enrolled")
    junk = tmp_path / "junk.json"
    junk.write_text("{}")
    assert_clean_failure(iep("enroll", "--db", str(db), str(junk)), "not an IEP enrollment file")
    bad = tmp_path / "bad.iepb"
    bad.write_bytes(b"nonsense")
    result = iep("central", "ingest", *office, str(bad), env=OFFICE)
    # Not a bundle at all: refused and not copied into the office folder (issue 15 item 6).
    assert result.returncode == 1 and "rejected" in result.stdout and "Traceback" not in result.stderr
    assert not list((tmp_path / "office").rglob("*.iepb"))


def test_a_forgotten_passphrase_is_recovered_with_the_office_recovery_key_file(tmp_path: Path) -> None:
    """Enrolling sets the office's recovery key; its own file (with its own passphrase) recovers.
    The daily key set office-keys.json does not (tests/test_recovery_apart.py has the whole drill)."""
    office = ["--office-dir", str(tmp_path / "office")]
    init = iep("central", "init", *office, env=OFFICE)
    assert init.returncode == 0
    assert iep("central", "enroll", *office, "--device", "laptop-9", "--out", str(tmp_path / "e.json"),
               env=OFFICE).returncode == 0
    db = tmp_path / "coach.iep"
    assert iep("demo", "--db", str(db), "--participants", "2", "--seed", "9").returncode == 0
    assert iep("enroll", "--db", str(db), str(tmp_path / "e.json"), env={"IEP_OFFICE_FINGERPRINT": fingerprint_printed(init)}).returncode == 0
    keys = str(tmp_path / "office" / "office-recovery-key.json")
    wrong = iep("recover", "--db", str(db), "--office-key", keys, passphrase=None,
                env={"IEP_RECOVERY_PASSPHRASE": "not the recovery passphrase", "IEP_NEW_PASSPHRASE": "y" * 20})
    assert_clean_failure(wrong, "Wrong recovery passphrase")
    recovered = iep("recover", "--db", str(db), "--office-key", keys, passphrase=None,
                    env=OFFICE | {"IEP_NEW_PASSPHRASE": "a brand new coach passphrase"})
    assert recovered.returncode == 0, recovered.stderr
    assert iep("verify", "--db", str(db), passphrase="a brand new coach passphrase").returncode == 0