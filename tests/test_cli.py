"""The `iep` command, run as a real process: clear one-line errors, no tracebacks, nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PASS = "demo passphrase for tests"


def iep(*args: str, env: dict[str, str] | None = None, passphrase: str | None = PASS) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("IEP_") or k == "IEP_STATE_DIR"}
    if passphrase is not None:
        full_env["IEP_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "iep_desktop.cli", *args], capture_output=True, text=True,
                          env=full_env, stdin=subprocess.DEVNULL, timeout=120)


def digest_folder(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_clean_failure(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "demo.iep"
    result = iep("demo", "--db", str(db), "--participants", "40", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "Added 40 synthetic participants" in result.stdout
    return db


def test_init_then_verify(tmp_path: Path) -> None:
    db = tmp_path / "new.iep"
    created = iep("init", "--db", str(db))
    assert created.returncode == 0, created.stderr
    assert db.exists() and Path(f"{db}.keys").exists()
    verified = iep("verify", "--db", str(db))
    assert verified.returncode == 0
    assert "OK: the store is intact." in verified.stdout


def test_passphrase_from_a_file(tmp_path: Path, demo_db: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS + "\n")
    result = iep("participants", "--db", str(demo_db), "--passphrase-file", str(secret), "--json", passphrase=None)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 40


def test_participants_search_and_plan_and_rules(demo_db: Path) -> None:
    listed = json.loads(iep("participants", "--db", str(demo_db), "--json").stdout)
    someone = listed[0]
    found = json.loads(iep("participants", "--db", str(demo_db), "--search", someone["last_name"][:3], "--json").stdout)
    assert someone["id"] in [p["id"] for p in found]
    with_plan = None
    for p in listed:
        plan = json.loads(iep("plan", "--db", str(demo_db), p["id"][:8], "--json").stdout)
        if plan["plan"] is not None:
            with_plan = plan
            break
    assert with_plan is not None
    assert with_plan["goals"] and with_plan["objectives"]
    assert "counseling_statements" not in with_plan  # R-A2: only with --confidential
    rules = iep("rules", "--db", str(demo_db), with_plan["participant"]["id"], "--json")
    findings = json.loads(rules.stdout)
    assert all(f["message"].endswith(f"({f['rule_id']})") for f in findings)
    assert not [f for f in findings if f["severity"] == "error"], findings
    assert rules.returncode == 0


def test_wrong_passphrase_is_one_line_and_changes_nothing(demo_db: Path) -> None:
    before = digest_folder(demo_db.parent)
    result = iep("participants", "--db", str(demo_db), passphrase="definitely not it")
    assert_clean_failure(result, "Wrong passphrase")
    assert result.returncode == 3
    assert digest_folder(demo_db.parent) == before


def test_missing_file(tmp_path: Path) -> None:
    assert_clean_failure(iep("verify", "--db", str(tmp_path / "missing.iep")), "no store at")


def test_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff" + os.urandom(4000))
    before = digest_folder(tmp_path)
    assert_clean_failure(iep("verify", "--db", str(other)), "not an IEP store")
    Path(f"{other}.keys").write_text("{not json")
    assert_clean_failure(iep("verify", "--db", str(other)), "not an IEP key file")
    Path(f"{other}.keys").unlink()
    assert digest_folder(tmp_path) == before


def test_no_passphrase_without_a_terminal(demo_db: Path) -> None:
    assert_clean_failure(iep("participants", "--db", str(demo_db), passphrase=None), "IEP_PASSPHRASE")


def test_passwd_changes_the_passphrase(tmp_path: Path) -> None:
    db = tmp_path / "p.iep"
    assert iep("init", "--db", str(db)).returncode == 0
    changed = iep("passwd", "--db", str(db), env={"IEP_NEW_PASSPHRASE": "another long passphrase"})
    assert changed.returncode == 0, changed.stderr
    assert_clean_failure(iep("verify", "--db", str(db)), "Wrong passphrase")
    assert iep("verify", "--db", str(db), passphrase="another long passphrase").returncode == 0
    weak = iep("passwd", "--db", str(db), passphrase="another long passphrase", env={"IEP_NEW_PASSPHRASE": "short"})
    assert_clean_failure(weak, "at least 12 characters")


def test_recovery_with_the_office_key(tmp_path: Path) -> None:
    office = {"IEP_OFFICE_PASSPHRASE": "office secret passphrase"}
    made = iep("office-recovery-key", "--private", str(tmp_path / "o.pem"), "--public", str(tmp_path / "o.json"), env=office)
    assert made.returncode == 0, made.stderr
    db = tmp_path / "r.iep"
    assert iep("init", "--db", str(db), "--recovery-key", str(tmp_path / "o.json")).returncode == 0
    recovered = iep("recover", "--db", str(db), "--office-key", str(tmp_path / "o.pem"), passphrase=None,
                    env=office | {"IEP_NEW_PASSPHRASE": "the coach's new passphrase"})
    assert recovered.returncode == 0, recovered.stderr
    assert iep("verify", "--db", str(db), passphrase="the coach's new passphrase").returncode == 0
    wrong_office = iep("recover", "--db", str(db), "--office-key", str(tmp_path / "o.pem"), passphrase=None,
                       env={"IEP_OFFICE_PASSPHRASE": "wrong office secret", "IEP_NEW_PASSPHRASE": "x" * 20})
    assert_clean_failure(wrong_office, "wrong office passphrase")


def test_a_flipped_byte_fails_verify(tmp_path: Path, demo_db: Path) -> None:
    copy = tmp_path / "copy.iep"
    copy.write_bytes(demo_db.read_bytes())
    Path(f"{copy}.keys").write_bytes(Path(f"{demo_db}.keys").read_bytes())
    data = bytearray(copy.read_bytes())
    data[len(data) * 2 // 3] ^= 0x40
    copy.write_bytes(bytes(data))
    result = iep("verify", "--db", str(copy))
    assert result.returncode == 4
    assert "Traceback" not in result.stderr + result.stdout
    assert "FAILED" in result.stdout


def test_bad_participant_id_is_explained(demo_db: Path) -> None:
    assert_clean_failure(iep("plan", "--db", str(demo_db), "abc"), "at least its first 8 characters")
    assert_clean_failure(iep("plan", "--db", str(demo_db), "ffffffff"), "No participant has an id")


def test_sign_status_and_pdf_of_a_signed_demo_plan(tmp_path: Path, demo_db: Path) -> None:
    from pypdf import PdfReader

    listed = json.loads(iep("participants", "--db", str(demo_db), "--json").stdout)
    for person in listed:
        status = iep("sign-status", "--db", str(demo_db), "--participant", person["id"])
        if status.stdout.startswith("Status: signed"):
            break
    else:
        pytest.fail("the demo has no signed plan")
    assert "version 1:" in status.stdout
    out = tmp_path / "plan.pdf"
    made = iep("pdf", "--db", str(demo_db), "--participant", person["id"], "--out", str(out), "--copy", "participant")
    assert made.returncode == 0, made.stderr
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert person["last_name"] in text and "Participant copy" in text and "DRAFT" not in text
    digest = status.stdout.split("Current content digest: ")[1][:12]
    assert f"Plan version {digest}" in reader.pages[-1].extract_text()
    missing = iep("pdf", "--db", str(demo_db), "--participant", person["id"], "--version", "9", "--out", str(out))
    assert_clean_failure(missing, "no version 9")


def test_plan_json_shows_service_statuses_outcomes_and_actual_dates(tmp_path: Path) -> None:
    from datetime import timedelta

    from iep_desktop.clock import SystemClock
    from iep_desktop.domain.models import Participant, Program, ServiceStatus
    from iep_desktop.services import participants, plan_life
    from iep_desktop.store.store import Store

    db = tmp_path / "coach.iep"
    assert iep("init", "--db", str(db)).returncode == 0
    today = SystemClock().today()
    with Store.open(db, PASS) as store, store.unit_of_work("coach") as uow:
        person = participants.create_participant(uow, Participant(first_name="Kwame", last_name="Mensah",
                                                                  program=Program.ADULT, board="default"))
        plan_life.quick_service(uow, person.id, "212", day=today - timedelta(days=1), outcome="Resume finished")
        plan_life.quick_service(uow, person.id, "213", status=ServiceStatus.NOT_COMPLETED, outcome="Moved away")
    shown = json.loads(iep("plan", "--db", str(db), person.id[:8], "--json").stdout)
    by_code = {s["code"]: s for s in shown["services"]}
    assert by_code["212"]["status"] == "completed" and by_code["212"]["outcome"] == "Resume finished"
    assert by_code["212"]["actual_start"] == by_code["212"]["actual_end"] == (today - timedelta(days=1)).isoformat()
    assert by_code["213"]["status"] == "not_completed" and by_code["213"]["not_completed_reason"] == "Moved away"
