"""Issue 14, finding 6: the office recovery key lives apart from the daily key set.

Its own file, its own passphrase, kept offline: no daily hub command opens it, the office
passphrase cannot, and the README's forgotten-passphrase drill works with that file alone. An
office set up before the split moves the key out with ``iep central split-recovery-key``.
Everything through the ``iep`` command as real processes, on real encrypted stores and hub files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from iep_desktop.crypto.sealed import b64d, b64e
from iep_desktop.errors import WrongPassphrase
from iep_desktop.store.keys import KdfParams
from iep_desktop.sync.identity import OfficeKeys, raw_private, read_recovery_key_file
from tests.conftest import cheap_kdf
from tests.test_cli import assert_clean_failure, iep
from tests.test_cli_sync import OFFICE, fingerprint_printed

OFFICE_PASS = OFFICE["IEP_OFFICE_PASSPHRASE"]
RECOVERY_PASS = OFFICE["IEP_RECOVERY_PASSPHRASE"]
DAILY = {"IEP_OFFICE_PASSPHRASE": OFFICE_PASS}  # what the person who runs the daily commands knows


def _sealed_secrets(keys_file: Path, passphrase: str) -> dict[str, str]:
    """What office-keys.json decrypts to with the office passphrase, read as a second
    implementation would from docs/bundle-format-v1.md §12."""
    doc = json.loads(keys_file.read_text("utf-8"))
    key = KdfParams.from_json(doc["kdf"]).derive(passphrase)
    plain = AESGCM(key).decrypt(b64d(doc["private"]["nonce"]), b64d(doc["private"]["ciphertext"]),
                                doc["public"]["office_id"].encode())
    secrets: dict[str, str] = json.loads(plain)
    return secrets


def test_the_forgotten_passphrase_drill_with_the_recovery_key_file_kept_offline(tmp_path: Path) -> None:
    """README, 'A coach forgot the passphrase': the recovery key file, kept offline, and its own
    passphrase set a new one; nothing the daily commands use can."""
    office_dir, offline = tmp_path / "office", tmp_path / "safe"
    offline.mkdir()
    office = ["--office-dir", str(office_dir)]
    recovery_file = offline / "office-recovery-key.json"
    same = iep("central", "init", *office, "--recovery-out", str(recovery_file),
               env=DAILY | {"IEP_RECOVERY_PASSPHRASE": OFFICE_PASS})
    assert_clean_failure(same, "must differ from the office passphrase")
    assert not office_dir.exists() and not recovery_file.exists()  # nothing was made

    init = iep("central", "init", *office, "--recovery-out", str(recovery_file), env=OFFICE)
    assert init.returncode == 0, init.stderr
    assert "OFFLINE" in init.stdout and str(recovery_file) in init.stdout
    assert recovery_file.stat().st_mode & 0o777 == 0o600
    assert not (office_dir / "office-recovery-key.json").exists()
    # The daily key set holds no recovery private key, only its public part.
    secrets = _sealed_secrets(office_dir / "office-keys.json", OFFICE_PASS)
    assert set(secrets) == {"encryption", "signing", "hub_db_key"}
    # The office passphrase cannot open the recovery key file.
    with pytest.raises(WrongPassphrase, match="Wrong recovery passphrase"):
        read_recovery_key_file(recovery_file, OFFICE_PASS)

    fingerprint = fingerprint_printed(init)
    db, usb = tmp_path / "coach.iep", tmp_path / "usb"
    usb.mkdir()
    assert iep("central", "enroll", *office, "--device", "laptop-1", "--out", str(tmp_path / "e.json"),
               env=DAILY).returncode == 0
    assert iep("demo", "--db", str(db), "--participants", "2", "--seed", "6").returncode == 0
    assert iep("enroll", "--db", str(db), str(tmp_path / "e.json"), "--office-fingerprint", fingerprint).returncode == 0

    # The recovery file is away (in the safe, the safe locked): every daily command still works.
    locked_away = tmp_path / "locked-away.json"
    recovery_file.rename(locked_away)
    assert iep("export", "--db", str(db), "--out", str(usb)).returncode == 0
    daily = [("ingest", str(next(usb.glob("iep-export-*.iepb")))),
             ("return", "--device", "laptop-1", "--out", str(usb)),
             ("status", "--json"), ("devices",), ("conflicts",), ("quarantine",), ("refused",),
             ("backup", "--out", str(tmp_path / "hub-backup.iephub")),
             ("enroll", "--device", "laptop-2", "--out", str(tmp_path / "e2.json")),
             ("pirl", "--out", str(tmp_path / "pirl.csv")), ("upgrade",)]
    for command in daily:
        ran = iep("central", command[0], *office, *command[1:], env=DAILY)
        assert ran.returncode == 0, (command, ran.stdout, ran.stderr)
        assert "recovery" not in ran.stderr
    assert iep("import-return", "--db", str(db), str(next(usb.glob("iep-return-*.iepb")))).returncode == 0
    locked_away.rename(recovery_file)

    # The coach forgot the passphrase. The daily key set does not open the store ...
    new = {"IEP_NEW_PASSPHRASE": "the coach's brand new passphrase"}
    refused = iep("recover", "--db", str(db), "--office-key", str(office_dir / "office-keys.json"),
                  passphrase=None, env=OFFICE | new)
    assert_clean_failure(refused, "daily key set", "office-recovery-key.json")
    # ... nor the recovery file under the office passphrase ...
    wrong = iep("recover", "--db", str(db), "--office-key", str(recovery_file), passphrase=None,
                env={"IEP_RECOVERY_PASSPHRASE": OFFICE_PASS} | new)
    assert_clean_failure(wrong, "Wrong recovery passphrase")
    assert iep("verify", "--db", str(db)).returncode == 0  # still the old passphrase: nothing changed
    # ... the recovery file with its own passphrase does.
    recovered = iep("recover", "--db", str(db), "--office-key", str(recovery_file), passphrase=None,
                    env={"IEP_RECOVERY_PASSPHRASE": RECOVERY_PASS} | new)
    assert recovered.returncode == 0, recovered.stderr
    assert iep("verify", "--db", str(db), passphrase=new["IEP_NEW_PASSPHRASE"]).returncode == 0
    assert iep("verify", "--db", str(db)).returncode != 0  # the old passphrase no longer opens it


def _make_legacy(office_dir: Path) -> X25519PrivateKey:
    """Turn this office's key set into one as 'iep central init' wrote it before the recovery key
    had its own file: a recovery private key sealed with the others under the office passphrase."""
    keys = OfficeKeys.load(office_dir / "office-keys.json", OFFICE_PASS)
    recovery = X25519PrivateKey.generate()
    keys.recovery_public = recovery.public_key()
    kdf, nonce = cheap_kdf(), os.urandom(12)
    secrets = {"encryption": b64e(raw_private(keys.encryption)), "signing": b64e(raw_private(keys.signing)),
               "recovery": b64e(raw_private(recovery)), "hub_db_key": b64e(keys.hub_db_key)}
    sealed = AESGCM(kdf.derive(OFFICE_PASS)).encrypt(nonce, json.dumps(secrets).encode(), keys.office_id.encode())
    (office_dir / "office-keys.json").write_text(json.dumps(
        {"format": "iep-office-keys", "version": 1, "public": keys.public_doc(), "kdf": kdf.to_json(),
         "private": {"nonce": b64e(nonce), "ciphertext": b64e(sealed)}}))
    return recovery


def test_an_older_office_moves_its_recovery_key_out_with_split_recovery_key(tmp_path: Path) -> None:
    office_dir = tmp_path / "office"
    office = ["--office-dir", str(office_dir)]
    assert iep("central", "init", *office, env=OFFICE).returncode == 0
    (office_dir / "office-recovery-key.json").unlink()
    recovery = _make_legacy(office_dir)

    # Daily commands still work, and say the key set should be split.
    status = iep("central", "status", *office, env=DAILY)
    assert status.returncode == 0, status.stderr
    assert "split-recovery-key" in status.stderr

    out = tmp_path / "safe-recovery.json"
    same = iep("central", "split-recovery-key", *office, "--recovery-out", str(out),
               env=DAILY | {"IEP_RECOVERY_PASSPHRASE": OFFICE_PASS})
    assert_clean_failure(same, "must differ")
    assert not out.exists() and "recovery" in _sealed_secrets(office_dir / "office-keys.json", OFFICE_PASS)

    split = iep("central", "split-recovery-key", *office, "--recovery-out", str(out), env=OFFICE)
    assert split.returncode == 0, split.stderr
    assert "OFFLINE" in split.stdout and out.stat().st_mode & 0o777 == 0o600
    assert set(_sealed_secrets(office_dir / "office-keys.json", OFFICE_PASS)) == {"encryption", "signing",
                                                                                    "hub_db_key"}
    assert raw_private(read_recovery_key_file(out, RECOVERY_PASS)) == raw_private(recovery)
    again = iep("central", "split-recovery-key", *office, env=OFFICE)
    assert again.returncode == 0 and "nothing to do" in again.stdout
    status = iep("central", "status", *office, env=DAILY)
    assert status.returncode == 0 and "split-recovery-key" not in status.stderr

    # A store enrolled with this office is recovered with the new file.
    assert iep("central", "enroll", *office, "--device", "laptop-1", "--out", str(tmp_path / "e.json"),
               env=DAILY).returncode == 0
    db = tmp_path / "coach.iep"
    assert iep("demo", "--db", str(db), "--participants", "1", "--seed", "2").returncode == 0
    fingerprint = json.loads(iep("central", "status", "--json", *office, env=DAILY).stdout)["office_fingerprint"]
    assert iep("enroll", "--db", str(db), str(tmp_path / "e.json"), "--office-fingerprint", fingerprint).returncode == 0
    new = {"IEP_NEW_PASSPHRASE": "a new passphrase after the split"}
    recovered = iep("recover", "--db", str(db), "--office-key", str(out), passphrase=None,
                    env={"IEP_RECOVERY_PASSPHRASE": RECOVERY_PASS} | new)
    assert recovered.returncode == 0, recovered.stderr
    assert iep("verify", "--db", str(db), passphrase=new["IEP_NEW_PASSPHRASE"]).returncode == 0
