"""The office's routine through the 'iep' command as real processes: nothing a coach typed is lost
by a conflict, a restore or a failed set-up, and the office can see enough to decide (issue 15)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.pgserver import PgServer
from tests.test_cli import assert_clean_failure, iep
from tests.test_cli_sync import fingerprint_printed

OFFICE = {"IEP_OFFICE_PASSPHRASE": "office passphrase for the cli",
          "IEP_RECOVERY_PASSPHRASE": "recovery passphrase kept offline"}


@dataclass
class Office:
    """One office folder and one enrolled laptop store, driven through the 'iep' command."""
    root: Path
    laptop: str = "fair-laptop-1"
    db: Path = field(init=False)
    usb: Path = field(init=False)
    fingerprint: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.db = self.root / "coach.iep"
        self.usb = self.root / "usb"
        self.usb.mkdir()

    def central(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = iep("central", args[0], "--office-dir", str(self.root / "office"), *args[1:], env=OFFICE)
        if ok:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def local(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = iep(args[0], "--db", str(self.db), *args[1:])
        if ok:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def set_up(self, participants: int = 2) -> None:
        init = self.central("init")
        self.fingerprint = fingerprint_printed(init)
        self.central("enroll", "--device", self.laptop, "--out", str(self.root / "enroll.json"))
        self.local("demo", "--participants", str(participants), "--seed", "3")
        self.local("enroll", str(self.root / "enroll.json"), "--office-fingerprint", self.fingerprint)
        self.sync()

    def export(self) -> Path:
        before = set(self.usb.glob("iep-export-*.iepb"))
        self.local("export", "--out", str(self.usb))
        (bundle,) = set(self.usb.glob("iep-export-*.iepb")) - before
        return bundle

    def give_return(self) -> subprocess.CompletedProcess[str]:
        before = set(self.usb.glob("iep-return-*.iepb"))
        self.central("return", "--device", self.laptop, "--out", str(self.usb))
        (back,) = set(self.usb.glob("iep-return-*.iepb")) - before
        return self.local("import-return", str(back))

    def sync(self) -> subprocess.CompletedProcess[str]:
        """The daily round: export, ingest at the office, return, import on the laptop."""
        self.central("ingest", str(self.export()))
        return self.give_return()

    def participant(self) -> dict[str, str]:
        return json.loads(self.local("participants", "--json").stdout)[0]

    def laptop_value(self, participant_id: str, name: str) -> object:
        return json.loads(self.local("plan", participant_id, "--json").stdout)["participant"][name]

    def office_value(self, participant_id: str, name: str) -> object:
        from iep_desktop.central.hub import Hub

        with Hub.open(self.root / "office", OFFICE["IEP_OFFICE_PASSPHRASE"]) as hub:
            record = hub.record("participant", participant_id)
        assert record is not None
        return record.model_dump(mode="json")[name]


def _clash(office: Office) -> str:
    """The office and the coach both change one participant's phone: one open conflict."""
    pid = office.participant()["id"]
    office.central("edit", "--participant", pid[:8], "--set", "phone=555-0100", "--actor", "dana.office")
    office.local("edit", "--participant", pid[:8], "--set", "phone=555-0199", "--actor", "coach.kim")
    office.central("ingest", str(office.export()))
    return pid


def test_a_conflict_is_decided_only_with_keep_and_the_laptop_keeps_its_value_meanwhile(tmp_path: Path) -> None:
    office = Office(tmp_path)
    office.set_up()
    pid = _clash(office)
    listed = office.central("conflicts").stdout
    # Item 5: enough to decide from the list alone.
    name = f"{office.participant()['first_name']} {office.participant()['last_name']}"
    for needle in (name, "field phone", '"555-0100"', '"555-0199"', "office user dana.office",
                   "coach.kim on laptop fair-laptop-1", "before:"):
        assert needle in listed, listed

    # Item 1: no --keep, no decision.
    refused = office.central("conflicts", "--resolve", "1", ok=False)
    assert_clean_failure(refused, "--keep")
    assert "1 open conflict" in office.central("conflicts").stderr

    # Item 2: the return while the conflict is open leaves the coach's value, waiting for the office.
    imported = office.give_return()
    assert "1 in the office's conflict queue" in imported.stdout
    assert office.laptop_value(pid, "phone") == "555-0199"
    assert office.office_value(pid, "phone") == "555-0100"

    # Decided for the laptop: the office takes it, the laptop's count drops (item 8).
    office.central("conflicts", "--resolve", "1", "--keep", "device", "--actor", "dana.office")
    assert office.office_value(pid, "phone") == "555-0199"
    imported = office.give_return()
    assert "0 in the office's conflict queue" in imported.stdout, imported.stdout
    assert office.laptop_value(pid, "phone") == "555-0199"
    decided = office.central("conflicts", "--resolved").stdout
    assert "kept the device value, by dana.office" in decided

    # Reopened and decided the other way: the office's value comes back on both sides.
    office.central("conflicts", "--reopen", "1")
    assert "1 open conflict" in office.central("conflicts").stderr
    office.central("conflicts", "--resolve", "1", "--keep", "hub")
    assert office.office_value(pid, "phone") == "555-0100"
    office.give_return()
    assert office.laptop_value(pid, "phone") == "555-0100"


def test_backup_more_ingests_restore_next_sync_loses_nothing_acknowledged(tmp_path: Path) -> None:
    office = Office(tmp_path, laptop="fair-laptop-2")
    office.set_up(participants=3)
    pid = office.participant()["id"]
    backup = tmp_path / "hub-monday.iephub"
    office.central("backup", "--out", str(backup))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert b"SQLite format 3" not in backup.read_bytes()[:16]  # encrypted like the hub
    # After the backup: the coach edits, the office ingests and acknowledges it.
    office.local("edit", "--participant", pid[:8], "--set", "phone=555-0142", "--set", "email=pat@example.org")
    acknowledged = office.sync()
    assert "changes acknowledged" in acknowledged.stdout, acknowledged.stdout
    assert office.office_value(pid, "phone") == "555-0142"  # the office had it, and said so
    # The hub's disk dies; it comes back from Monday's backup, which lacks that edit.
    restored = office.central("restore", "--from", str(backup))
    assert "fair-laptop-2" in restored.stdout
    assert "asked to send its changes again" in office.central("status").stdout
    assert office.office_value(pid, "phone") != "555-0142"
    # The next return asks for the changes again, the laptop resends, the office has them all.
    office.give_return()
    assert office.laptop_value(pid, "phone") == "555-0142"  # the older office copy did not overwrite it
    office.sync()
    assert office.office_value(pid, "phone") == "555-0142"
    assert office.office_value(pid, "email") == "pat@example.org"
    status = json.loads(office.central("status", "--json").stdout)
    assert status["open_conflicts"] == 0
    (laptop,) = status["laptops"]
    assert laptop["name"] == "fair-laptop-2" and laptop["resend_requested"] is False  # it has resent
    assert "laptop fair-laptop-2: enrolled" in office.central("status").stdout


def test_the_laptop_resends_even_when_it_exports_before_the_restored_hub_returns(tmp_path: Path) -> None:
    """A PostgreSQL-style restore the app was not told about: the laptop's next bundle says it took
    in returns the hub never made, so the hub asks for everything again."""
    office = Office(tmp_path, laptop="fair-laptop-3")
    office.set_up(participants=2)
    pid = office.participant()["id"]
    backup = tmp_path / "copy.iephub"
    office.central("backup", "--out", str(backup))
    office.local("edit", "--participant", pid[:8], "--set", "phone=555-0177")
    office.sync()
    hub_file = tmp_path / "office" / "hub.iephub"
    for side in ("-wal", "-shm"):
        (tmp_path / "office" / f"hub.iephub{side}").unlink(missing_ok=True)
    hub_file.write_bytes(backup.read_bytes())  # restored behind the app's back
    office.sync()      # the hub learns it is behind
    office.sync()      # the laptop resends
    assert office.office_value(pid, "phone") == "555-0177"


def test_a_failed_init_leaves_nothing_behind_and_the_retry_works(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    bad = iep("central", "init", "--office-dir", str(folder), "--url",
              "postgresql+psycopg://nobody@127.0.0.1:1/none", env=OFFICE)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert not folder.exists() or not any(folder.iterdir()), list(folder.iterdir())
    good = iep("central", "init", "--office-dir", str(folder), env=OFFICE)
    assert good.returncode == 0, good.stderr
    assert {p.name for p in folder.iterdir()} >= {"office-keys.json", "hub.iephub"}


def test_backup_and_restore_refuse_what_is_not_this_offices_hub(tmp_path: Path) -> None:
    office = Office(tmp_path)
    office.central("init")
    junk = tmp_path / "junk.iephub"
    junk.write_bytes(os.urandom(4096))
    assert_clean_failure(office.central("restore", "--from", str(junk), ok=False), "not a backup of this office")
    backup = tmp_path / "b.iephub"
    office.central("backup", "--out", str(backup))
    assert_clean_failure(office.central("backup", "--out", str(backup), ok=False), "already exists")


def test_quarantine_lists_reason_laptop_and_time_and_can_release_or_delete(tmp_path: Path) -> None:
    office = Office(tmp_path, laptop="fair-laptop-4")
    office.set_up(participants=1)
    office.local("edit", "--participant", office.participant()["id"][:8], "--set", "phone=555-0111")
    bundle = office.export()
    assert bundle.name.startswith("iep-export-fair-laptop-4-0002-"), bundle.name  # item 7: names the laptop
    broken = tmp_path / "broken.iepb"
    broken.write_bytes(bundle.read_bytes()[:-40])  # cut short on the USB stick
    csv = tmp_path / "pirl.csv"
    csv.write_text("100,Pat,Doe,1990-01-01\n")
    result = office.central("ingest", str(broken), str(csv), ok=False)
    assert result.returncode == 1
    # Cut short, its signature cannot be checked: the laptop is only what its header claims.
    assert ("quarantined: bundle" in result.stdout
            and "claiming to be from laptop fair-laptop-4 (not verified) (its bundle 2)" in result.stdout), result.stdout
    assert "pirl.csv: rejected" in result.stdout
    kept = list((tmp_path / "office" / "quarantine").iterdir())
    assert len(kept) == 1 and b"Pat,Doe" not in kept[0].read_bytes()  # the CSV was never copied
    listed = office.central("quarantine").stdout
    assert listed.startswith("#1 ") and "claims to be laptop fair-laptop-4 bundle 2 (not verified)" in listed
    assert "UTC" in listed
    again = office.central("quarantine", "--release", "1", ok=False)
    assert again.returncode == 1 and "quarantined" in again.stdout
    assert json.loads(office.central("status", "--json").stdout)["bundles_quarantined"] == 1
    (entry,) = json.loads(office.central("quarantine", "--json").stdout)
    office.central("quarantine", "--delete", str(entry["id"]))
    assert json.loads(office.central("quarantine", "--json").stdout) == []
    assert not list((tmp_path / "office" / "quarantine").iterdir())
    # The good bundle, from a folder (the USB stick) searched for bundles: applied, naming the laptop.
    applied = office.central("ingest", str(office.usb))
    assert "applied: bundle" in applied.stdout and "from laptop fair-laptop-4" in applied.stdout


def test_database_problems_each_say_what_is_wrong_with_their_own_exit_code(tmp_path: Path, pg_url: str) -> None:
    folder = ["--office-dir", str(tmp_path / "office")]
    base = pg_url.rsplit("/", 1)[0]
    host_port = base.rsplit("@", 1)[1]
    cases = [
        (f"postgresql+psycopg://iep@127.0.0.1:1/{pg_url.rsplit('/', 1)[1]}", 6, "cannot be reached"),
        (f"{base}/no_such_database_here", 7, "no database of that name"),
        (f"postgresql+psycopg://no_such_role@{host_port}/postgres", 8, "user name or password"),
        (f"postgresql+nosuchdriver://iep@{host_port}/postgres", 9, "driver"),
    ]
    for url, code, needle in cases:
        result = iep("central", "init", *folder, "--url", url, env=OFFICE)
        assert_clean_failure(result, needle)
        assert result.returncode == code, (url, result.returncode, result.stderr)
        assert not (tmp_path / "office").exists()  # nothing written, so the retry starts clean
    # The good URL: remembered in the office folder (no password in it), so no --url afterwards.
    assert iep("central", "init", *folder, "--url", pg_url, env=OFFICE).returncode == 0
    remembered = tmp_path / "office" / "hub-url.txt"
    assert stat.S_IMODE(remembered.stat().st_mode) == 0o600 and remembered.read_text().strip() == pg_url
    status = iep("central", "status", *folder, "--json", env=OFFICE | {"IEP_HUB_DB_PASSWORD": "ignored-by-trust"})
    assert status.returncode == 0, status.stderr
    assert not (tmp_path / "office" / "hub.iephub").exists()  # no stray embedded hub beside a PostgreSQL one
    backup = iep("central", "backup", *folder, "--out", str(tmp_path / "b.iephub"), env=OFFICE)
    assert_clean_failure(backup, "pg_dump")


# -- items 7, 10, 13: look-up, devices, enrollment files, a reinstalled laptop ---------------------

def _office_participants(office: Office, *args: str) -> list[dict[str, str]]:
    return json.loads(office.central("participants", "--json", *args).stdout)


def test_the_office_finds_people_and_shows_a_plan_by_short_id(tmp_path: Path) -> None:
    import unicodedata

    office = Office(tmp_path, laptop="fair-laptop-5")
    office.set_up(participants=3)
    everyone = _office_participants(office)
    assert len(everyone) == 3
    person = everyone[0]
    pid = person["id"]
    plain_last = "".join(c for c in unicodedata.normalize("NFKD", person["last_name"]) if not unicodedata.combining(c))
    dob = f"{person['date_of_birth'][5:7]}/{person['date_of_birth'][8:10]}/{person['date_of_birth'][:4]}"
    for typed in (plain_last.lower(), dob, pid[:6], f"{person['first_name'][:3]} {plain_last[:2]}"):
        assert pid in [p["id"] for p in _office_participants(office, "--search", typed)], typed
    assert _office_participants(office, "--search", "zzzznobody") == []
    # The same people, found the same way, as on the laptop.
    assert json.loads(office.local("participants", "--json", "--search", dob).stdout)[0]["id"] == pid

    # The office's view of the plan, by the 8 characters the laptop shows.
    laptop_view = office.local("plan", pid[:8]).stdout.splitlines()
    office_view = office.central("plan", pid[:8]).stdout.splitlines()
    assert office_view[:len(laptop_view)] == laptop_view
    assert office_view[-1] == "  Laptops receiving this participant: fair-laptop-5"
    # Short ids everywhere: share, edit, plan (item 10's "The office has no participant 58f87641").
    office.central("enroll", "--device", "fair-laptop-6", "--out", str(tmp_path / "e6.json"))
    shared = office.central("share", "--device", "fair-laptop-6", "--participant", pid[:8])
    assert f"participant {pid[:8]}" in shared.stdout
    assert json.loads(office.central("plan", pid[:8], "--json").stdout)["laptops"] == ["fair-laptop-5",
                                                                                      "fair-laptop-6"]
    assert_clean_failure(office.central("plan", pid[:5], ok=False), "at least its first 8 characters")
    assert_clean_failure(office.central("share", "--device", "fair-laptop-6", "--participant", "00000000",
                                        ok=False), "no participant whose id starts with 00000000")


def test_devices_show_enrollment_key_last_bundle_gaps_and_what_waits(tmp_path: Path) -> None:
    office = Office(tmp_path, laptop="fair-laptop-7")
    office.set_up(participants=1)                   # bundle 1 in, its return taken in
    _clash(office)                                  # bundle 2 in: one open conflict
    office.local("edit", "--participant", office.participant()["id"][:8], "--set", "email=kim@example.org")
    office.export().unlink()                        # bundle 3: the USB stick is lost on the way
    office.central("ingest", str(office.export()))  # bundle 4 carries its changes too
    office.central("return", "--device", office.laptop, "--out", str(office.usb))  # not yet taken in
    (laptop,) = json.loads(office.central("devices", "--json").stdout)
    assert laptop["name"] == "fair-laptop-7" and laptop["state"] == "registered"
    assert laptop["key_fingerprint"] and laptop["enrolled_at"] and laptop["last_bundle_at"]
    assert (laptop["last_bundle"], laptop["missing_bundles"]) == (4, [3])
    assert (laptop["open_conflicts"], laptop["returns_pending"]) == (1, 1)
    assert (laptop["records_to_send"], laptop["participants_newly_shared"]) == (0, 0)
    office.central("edit", "--participant", office.participant()["id"][:8], "--set", "email=dana@example.org")
    (laptop,) = json.loads(office.central("devices", "--json").stdout)
    assert laptop["records_to_send"] == 1  # the office's edit waits for the next return
    text = office.central("devices").stdout
    assert "its next return brings: 1 record(s) changed at the office or on another laptop" in text
    assert f"fair-laptop-7: registered, key {laptop['key_fingerprint']}" in text
    assert "enrolled " in text and "UTC; last bundle 4 (" in text and "bundles never received: 3" in text
    assert "pending: 1 open conflict(s); 1 return bundle(s) not yet taken in" in text


def test_a_used_enrollment_file_is_refused_and_a_second_store_on_a_copy_is_told_apart(tmp_path: Path) -> None:
    office = Office(tmp_path, laptop="fair-laptop-8")
    office.fingerprint = fingerprint_printed(office.central("init"))
    enroll_file, copy = tmp_path / "enroll.json", tmp_path / "copied-before-use.json"
    office.central("enroll", "--device", office.laptop, "--out", str(enroll_file))
    copy.write_bytes(enroll_file.read_bytes())
    office.local("demo", "--participants", "1", "--seed", "8")
    joined = office.local("enroll", str(enroll_file), "--office-fingerprint", office.fingerprint)
    assert "is used up" in joined.stdout
    assert "secret" not in enroll_file.read_text() and stat.S_IMODE(enroll_file.stat().st_mode) == 0o600

    # A second store is refused the used file, and nothing changes on it.
    (tmp_path / "second").mkdir()
    other = Office(tmp_path / "second", laptop=office.laptop)
    other.local("demo", "--participants", "1", "--seed", "9")
    refused = other.local("enroll", str(enroll_file), "--office-fingerprint", office.fingerprint, ok=False)
    assert refused.returncode == 2
    assert_clean_failure(refused, "already used", "fair-laptop-8", "enrolls one store only")
    assert_clean_failure(other.local("export", "--out", str(other.usb), ok=False), "not enrolled")

    # A copy made before the file was used still enrolls a store; if that store's bundle comes in
    # first, the real laptop's bundle is kept aside with a reason that says what happened and what to do.
    other.local("enroll", str(copy), "--office-fingerprint", office.fingerprint)
    other.usb = office.usb
    office.central("ingest", str(other.export()))
    kept = office.central("ingest", str(office.export()), ok=False)
    assert kept.returncode == 1 and "second store enrolled with fair-laptop-8's enrollment file" in kept.stdout
    assert "--replace" in kept.stdout
    # The office decides this one is the real laptop: it takes the name again and its work comes in.
    office.central("enroll", "--device", office.laptop, "--replace", "--out", str(tmp_path / "again.json"))
    office.local("enroll", str(tmp_path / "again.json"), "--office-fingerprint", office.fingerprint)
    applied = office.central("ingest", str(office.export()))
    assert "applied" in applied.stdout
    mine = office.participant()["id"]
    assert mine in [p["id"] for p in _office_participants(office)]


def test_a_reinstalled_laptop_is_enrolled_again_under_its_name_and_gets_its_caseload_back(tmp_path: Path) -> None:
    office = Office(tmp_path, laptop="fair-laptop-9")
    office.set_up(participants=2)
    caseload = sorted(p["id"] for p in json.loads(office.local("participants", "--json").stdout))
    before = {d["name"]: d for d in json.loads(office.central("devices", "--json").stdout)}
    assert_clean_failure(office.central("enroll", "--device", office.laptop, "--out", str(tmp_path / "x.json"),
                                        ok=False), "already enrolled", "--replace")
    replaced = office.central("enroll", "--device", office.laptop, "--replace", "--out", str(tmp_path / "new.json"))
    assert "old keys of fair-laptop-9 are revoked" in replaced.stdout
    assert "Recorded in the hub's audit trail as" in replaced.stdout  # --actor defaulted: said so
    # The disk was wiped: a new, empty store on the reinstalled laptop.
    for old in (office.db, Path(f"{office.db}.keys")):
        old.unlink()
    office.local("init")
    office.local("enroll", str(tmp_path / "new.json"), "--office-fingerprint", office.fingerprint)
    office.sync()
    assert sorted(p["id"] for p in json.loads(office.local("participants", "--json").stdout)) == caseload
    after = {d["name"]: d for d in json.loads(office.central("devices", "--json").stdout)}
    assert after[office.laptop]["state"] == "registered"
    assert after[office.laptop]["key_fingerprint"] != before[office.laptop]["key_fingerprint"]
    assert [d["state"] for name, d in after.items() if name != office.laptop] == ["revoked"]


def test_publishing_a_profile_leaves_a_trace_at_the_office_and_on_the_laptop(tmp_path: Path) -> None:
    from sqlalchemy import select

    from iep_desktop.central.hub import Hub
    from iep_desktop.central.tables import hub_audit
    from iep_desktop.store.store import Store
    from iep_desktop.store.tables import audit_events
    from tests.test_cli import PASS

    office = Office(tmp_path, laptop="fair-laptop-10")
    office.set_up(participants=1)
    def shown() -> str:
        result = iep("profile", "show", "default", "--db", str(office.db))
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "As shipped with this app" in shown()
    changed = json.loads(Path("resources/profiles/default.json").read_text("utf-8")) | {"review_interval_days": 60}
    (tmp_path / "default.json").write_text(json.dumps(changed), "utf-8")
    published = office.central("publish-profile", str(tmp_path / "default.json"), "--actor", "dana.office")
    version = published.stdout.split("version ")[1].split()[0]
    assert len(version) == 12
    line = next(x for x in office.central("status").stdout.splitlines() if "board profile default" in x)
    assert f"version {version}" in line and "by dana.office" in line
    assert "taken in by no laptop yet; not yet by fair-laptop-10" in line

    office.give_return()                     # the laptop takes it in ...
    after = shown()
    assert f"Published by the office: version {version}, in return bundle 2" in after
    assert "review_interval_days = 60" in after
    office.sync()                            # ... and says so in its next bundle
    status = json.loads(office.central("status", "--json").stdout)
    (profile,) = status["profiles"]
    assert (profile["version"], profile["laptops_with_it"], profile["laptops_without_it"]) == (
        version, ["fair-laptop-10"], [])

    with Hub.open(tmp_path / "office", OFFICE["IEP_OFFICE_PASSPHRASE"]) as hub, hub.engine.connect() as conn:
        assert ("dana.office", "default") in {tuple(r) for r in conn.execute(
            select(hub_audit.c.actor, hub_audit.c.record_id).where(hub_audit.c.action == "hub.publish_profile"))}
    with Store.open(office.db, PASS) as store, store.engine.connect() as conn:
        received = list(conn.execute(select(audit_events.c.record_id, audit_events.c.after_digest)
                                     .where(audit_events.c.action == "sync.profile_received")))
    assert [tuple(r) for r in received] == [("default", version)]  # once, though two returns carried it


# -- item 13: the laptop's mix-ups in plain words; a folder is searched -----------------------------

def test_a_laptop_is_told_plainly_about_its_own_export_and_another_laptops_return(tmp_path: Path) -> None:
    office = Office(tmp_path, laptop="fair-laptop-11")
    office.set_up(participants=1)
    own = office.export()
    mixed_up = office.local("import-return", str(own), ok=False)
    assert_clean_failure(mixed_up, "this laptop's own export bundle", "take it to the office", "iep central ingest")
    assert "key" not in mixed_up.stderr
    # A second laptop's return on the same USB stick.
    (tmp_path / "b").mkdir()
    other = Office(tmp_path / "b", laptop="fair-laptop-12")
    office.central("enroll", "--device", other.laptop, "--out", str(tmp_path / "e12.json"))
    other.local("demo", "--participants", "1", "--seed", "12")
    other.local("enroll", str(tmp_path / "e12.json"), "--office-fingerprint", office.fingerprint)
    other.usb = office.usb
    office.central("ingest", str(other.export()))
    office.central("return", "--device", other.laptop, "--out", str(office.usb))
    (theirs,) = office.usb.glob("iep-return-fair-laptop-12-*.iepb")
    wrong = office.local("import-return", str(theirs), ok=False)
    assert_clean_failure(wrong, "made by the office for another laptop", "not for fair-laptop-11",
                         "iep central return --device fair-laptop-11")
    assert "key" not in wrong.stderr.replace("iep central", "")
    # The whole stick: only this laptop's returns, oldest first; the other laptop's is left alone.
    office.local("edit", "--participant", office.participant()["id"][:8], "--set", "phone=555-0123")
    office.central("ingest", str(office.usb))  # a folder: every export bundle on it, the duplicate told
    office.central("return", "--device", office.laptop, "--out", str(office.usb))
    taken = office.local("import-return", str(office.usb)).stdout.splitlines()
    assert taken[0] == "Return bundle 1 was already imported; nothing changed."
    assert taken[1].startswith("Imported return bundle 2: ") and len(taken) == 2, taken
    empty = tmp_path / "empty-stick"
    empty.mkdir()
    assert_clean_failure(office.local("import-return", str(empty), ok=False), "No return bundle for this laptop")


# -- item 8: decided conflicts leave the laptop's count ---------------------------------------------

def test_the_laptops_conflict_count_drops_to_nothing_once_the_office_decided(tmp_path: Path) -> None:
    from iep_desktop.services.laptop_sync import sync_counts, waiting_for_office
    from iep_desktop.store.store import Store
    from tests.test_cli import PASS

    office = Office(tmp_path, laptop="fair-laptop-13")
    office.set_up(participants=1)
    pid = office.participant()["id"]
    office.central("edit", "--participant", pid[:8], "--set", "phone=555-0100", "--set", "email=o@example.org")
    office.local("edit", "--participant", pid[:8], "--set", "phone=555-0199")   # two edits: two changes
    office.local("edit", "--participant", pid[:8], "--set", "email=l@example.org")
    office.central("ingest", str(office.export()))
    assert "2 open conflict" in office.central("conflicts").stderr
    assert "2 in the office's conflict queue" in office.give_return().stdout
    assert "2 in the office's conflict queue" in office.give_return().stdout  # still open: still said

    def laptop_counts() -> tuple[int, int]:
        with Store.open(office.db, PASS) as store, store.unit_of_work("test") as uow:
            return sync_counts(uow)["conflict"], len(waiting_for_office(uow))

    assert laptop_counts() == (2, 1)  # two changes, one record
    office.central("conflicts", "--resolve", "1", "--keep", "hub")
    office.central("conflicts", "--resolve", "2", "--keep", "device")
    for _ in range(2):  # and in every return after that
        assert "0 in the office's conflict queue" in office.give_return().stdout
        assert laptop_counts() == (0, 0)
    assert (office.laptop_value(pid, "phone"), office.laptop_value(pid, "email")) == ("555-0100", "l@example.org")
    (laptop,) = json.loads(office.central("devices", "--json").stdout)
    assert laptop["open_conflicts"] == 0


# -- items 9 and 11: a PostgreSQL hub is said to be plain; the URL comes from IEP_HUB_URL ------------

def test_a_postgresql_hub_warns_that_its_columns_are_plain_and_takes_its_url_from_iep_hub_url(
        tmp_path: Path, pg_url: str) -> None:
    folder = ["--office-dir", str(tmp_path / "office")]
    made = iep("central", "init", *folder, "--url", pg_url, env=OFFICE)
    assert made.returncode == 0, made.stderr
    for needle in ("names, dates of birth and SSN last 4 in ordinary columns", "encrypted disk", "pg_hba.conf"):
        assert needle in made.stderr, made.stderr
    (tmp_path / "office" / "hub-url.txt").unlink()  # the URL forgotten: $IEP_HUB_URL gives it
    forgot = iep("central", "status", *folder, env=OFFICE)
    assert_clean_failure(forgot, "IEP_HUB_URL")
    assert not (tmp_path / "office" / "hub.iephub").exists()
    status = iep("central", "status", *folder, env=OFFICE | {"IEP_HUB_URL": pg_url})
    assert status.returncode == 0, status.stderr
    assert "NOT encrypted by IEP Desktop" in status.stdout and "ordinary columns" in status.stderr
    as_json = json.loads(iep("central", "status", *folder, "--json", env=OFFICE | {"IEP_HUB_URL": pg_url}).stdout)
    assert as_json["hub_database"]["encrypted_by_app"] is False
    # The embedded hub is encrypted by the app: no warning.
    embedded = ["--office-dir", str(tmp_path / "embedded")]
    quiet = iep("central", "init", *embedded, env=OFFICE)
    assert quiet.returncode == 0 and "ordinary columns" not in quiet.stderr
    shown = iep("central", "status", *embedded, env=OFFICE)
    assert "hub database: the embedded file, encrypted" in shown.stdout and "warning" not in shown.stderr


def test_when_two_laptops_clash_the_list_names_the_other_laptop_and_its_coach(tmp_path: Path) -> None:
    first = Office(tmp_path, laptop="fair-laptop-14")
    first.set_up(participants=1)
    pid = first.participant()["id"]
    (tmp_path / "b").mkdir()
    second = Office(tmp_path / "b", laptop="fair-laptop-15")
    second.central = first.central  # one office
    second.usb = first.usb
    first.central("enroll", "--device", second.laptop, "--out", str(tmp_path / "e15.json"))
    second.local("init")
    second.local("enroll", str(tmp_path / "e15.json"), "--office-fingerprint", first.fingerprint)
    first.central("ingest", str(second.export()))
    first.central("share", "--device", second.laptop, "--participant", pid[:8])

    def waiting(name: str) -> tuple[int, int]:
        laptop = next(d for d in json.loads(first.central("devices", "--json").stdout) if d["name"] == name)
        return laptop["records_to_send"], laptop["participants_newly_shared"]

    assert waiting(second.laptop) == (0, 1)
    assert "its next return brings: 1 participant(s) shared with it" in first.central("devices").stdout
    second.give_return()
    assert waiting(second.laptop) == (0, 0)
    first.local("edit", "--participant", pid[:8], "--set", "phone=555-0114", "--actor", "coach.lee")
    second.local("edit", "--participant", pid[:8], "--set", "phone=555-0115", "--actor", "coach.kim")
    first.central("ingest", str(first.export()))
    assert waiting(second.laptop) == (1, 0)  # the first laptop's edit, for the second's next return
    first.central("ingest", str(second.export()))
    listed = first.central("conflicts").stdout
    assert 'office copy (hub): "555-0114"  written by coach.lee on laptop fair-laptop-14, ' in listed, listed
    assert '"555-0115"  written by coach.kim on laptop fair-laptop-15, ' in listed, listed


# -- item 11: a real password, from a file or the environment; a wrong one has its own code ---------

def test_a_wrong_or_missing_database_password_is_told_as_such_and_the_right_one_comes_from_env_or_file(
        tmp_path: Path, pg_server: PgServer) -> None:
    import uuid

    import psycopg
    from psycopg import sql

    role, database = f"pw_{uuid.uuid4().hex[:10]}", f"t_{uuid.uuid4().hex}"
    with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role),
                                                                        sql.Literal("right-password-1")))
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(database), sql.Identifier(role)))
    pg_server.require_password(role)
    url = f"postgresql+psycopg://{role}@127.0.0.1:{pg_server.port}/{database}"
    folder = ["--office-dir", str(tmp_path / "office")]
    try:
        for env in ({}, {"IEP_HUB_DB_PASSWORD": "wrong-password"}):
            refused = iep("central", "init", *folder, "--url", url, env=OFFICE | env)
            assert_clean_failure(refused, "refused the user name or password")
            assert refused.returncode == 8 and not (tmp_path / "office").exists()
        secret = tmp_path / "db-password"
        secret.write_text("right-password-1\n")
        made = iep("central", "init", *folder, "--url", url, "--db-password-file", str(secret), env=OFFICE)
        assert made.returncode == 0, made.stderr
        remembered = (tmp_path / "office" / "hub-url.txt").read_text()
        assert remembered.strip() == url and "right-password" not in remembered
        assert iep("central", "status", *folder, env=OFFICE | {"IEP_HUB_DB_PASSWORD": "right-password-1"}
                   ).returncode == 0
        assert iep("central", "status", *folder, "--db-password-file", str(secret), env=OFFICE).returncode == 0
        wrong = iep("central", "status", *folder, env=OFFICE | {"IEP_HUB_DB_PASSWORD": "wrong-password"})
        assert_clean_failure(wrong, "refused the user name or password")
        assert wrong.returncode == 8
    finally:
        with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_init_on_a_database_already_in_use_writes_nothing(tmp_path: Path, pg_url: str) -> None:
    """Item 4: a database another office uses, or one holding another program's tables, is refused
    and the office folder is left as it was, so the retry with the right database starts clean."""
    import psycopg

    assert iep("central", "init", "--office-dir", str(tmp_path / "first"), "--url", pg_url, env=OFFICE).returncode == 0
    second = tmp_path / "second"
    taken = iep("central", "init", "--office-dir", str(second), "--url", pg_url, env=OFFICE)
    assert_clean_failure(taken, "already belongs to an office")
    assert taken.returncode == 2 and not second.exists()
    other_url = pg_url.rsplit("/", 1)[0] + "/postgres"
    conninfo = other_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        name = f"other_{os.getpid()}"
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    busy_url = pg_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        with psycopg.connect(busy_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id integer)")
        used = iep("central", "init", "--office-dir", str(second), "--url", busy_url, env=OFFICE)
        assert_clean_failure(used, "not an IEP office hub")
        assert not second.exists()
        retry = iep("central", "init", "--office-dir", str(second), "--url",
                    pg_url.rsplit("/", 1)[0] + "/" + name.replace("other", "none"), env=OFFICE)
        assert retry.returncode == 7 and not second.exists()
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_the_office_edits_a_goal_by_the_short_id_a_conflict_shows_and_the_laptop_gets_it(tmp_path: Path) -> None:
    """Item 10: an office edit of any record a conflict can be about, not only the participant's."""
    office = Office(tmp_path, laptop="fair-laptop-16")
    office.set_up(participants=3)
    plans = [json.loads(office.central("plan", p["id"][:8], "--json").stdout) for p in _office_participants(office)]
    plan = next(p for p in plans if p.get("goals"))
    goal = plan["goals"][0]
    done = office.central("edit", "--record", f"goal:{goal['id'][:8]}", "--set",
                          "description=Full-time welding job, set at the office", "--actor", "dana.office")
    assert f"Goal {goal['id'][:8]} edited at the office" in done.stdout
    again = json.loads(office.central("plan", plan["participant"]["id"][:8], "--json").stdout)
    assert again["goals"][0]["description"] == "Full-time welding job, set at the office"
    office.give_return()
    on_laptop = json.loads(office.local("plan", plan["participant"]["id"][:8], "--json").stdout)
    assert next(g for g in on_laptop["goals"] if g["id"] == goal["id"])["description"] == \
        "Full-time welding job, set at the office"
    for args, needle in ((["--record", f"case_note:{goal['id'][:8]}"], "cannot be edited"),
                         (["--record", f"goal:{goal['id'][:5]}"], "at least its first 8"),
                         (["--record", "wish:12345678"], "no wish records"),
                         ([], "Say what to edit"),
                         (["--record", f"goal:{goal['id'][:8]}", "--participant", goal["id"][:8]], "Say what to edit"),
                         (["--record", f"goal:{goal['id'][:8]}", "--set", "id=x"], "never changes")):
        assert_clean_failure(office.central("edit", *args, *([] if "--set" in args else ["--set", "a=b"]), ok=False),
                             needle)
