"""The README's office routine, run as written: every command of its "central office hub" section,
in order, as real processes (bash, the 'iep' command, PostgreSQL's own tools), once on the
embedded hub and once on PostgreSQL (issue 15: the README is the routine an office follows).

The README's example values (the laptop, the USB stick, the backup folder, the participant id, a
conflict or quarantine number) are swapped for this test's own; nothing else is changed. Between
the README's steps the test plays the world: the coach's laptop, a bundle cut short on the stick.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.pgserver import PgServer
from tests.test_cli import PASS

README = Path(__file__).resolve().parents[1] / "README.md"
OFFICE_PASS = "office passphrase for the readme"
RECOVERY_PASS = "recovery passphrase kept offline"


def office_section() -> str:
    """The routine: steps 1 to 10 of the README's office section (the reference and the drills
    after "Status and exit codes" have their own tests)."""
    text = README.read_text("utf-8")
    start = text.index("## The central office hub")
    section = text[start:text.index("\n## ", start + 1)]
    return section[:section.index("**Status and exit codes.**")]


def routine_blocks(hub: str) -> list[list[str]]:
    """The bash blocks of the section that run on this hub, each as its command lines."""
    blocks = []
    for body in re.findall(r"```bash\n(.*?)```", office_section(), flags=re.S):
        lines = body.splitlines()
        first = lines[0].strip() if lines else ""
        if first.startswith("# on PostgreSQL") and hub != "postgresql":
            continue
        if first.startswith("# on the embedded hub") and hub != "embedded":
            continue
        commands = [_without_comment(line) for line in lines]
        blocks.append([c for c in commands if c])
    return blocks


def _without_comment(line: str) -> str:
    """The command of a README line: what comes before its '   # ...' remark."""
    return re.split(r"\s+#\s", " " + line, maxsplit=1)[0].strip()


@dataclass
class Routine:
    root: Path
    hub: str
    env: dict[str, str]
    values: dict[str, str] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)

    def run(self, command: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        for example, ours in self.values.items():
            command = command.replace(example, ours)
        done = subprocess.run(["bash", "-c", command], cwd=self.root, env=self.env, capture_output=True, text=True,
                              input="pg-password-for-the-readme\npg-password-for-the-readme\n", timeout=180,
                              start_new_session=True)  # no terminal: createuser --pwprompt reads stdin
        assert done.returncode == expect, f"{command}\n-> exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, done.stderr
        self.ran.append(command)
        return done

    def json(self, command: str) -> object:
        return json.loads(self.run(command).stdout)


def _bin_folder(root: Path) -> Path:
    """An 'iep' on PATH that runs this worktree's code, as the installed command would."""
    folder = root / "bin"
    folder.mkdir()
    script = folder / "iep"
    script.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m iep_desktop.cli \"$@\"\n")
    script.chmod(0o700)
    return folder


def _routine(tmp_path: Path, hub: str, pg_bin: str = "", pg_port: int = 0) -> Routine:
    repo = str(README.parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IEP_", "PG"))}
    env.update(PATH=os.pathsep.join(p for p in (str(_bin_folder(tmp_path)), pg_bin, env.get("PATH", "")) if p),
               PYTHONPATH=repo, IEP_OFFICE_DIR=str(tmp_path / "office"), IEP_OFFICE_PASSPHRASE=OFFICE_PASS,
               IEP_RECOVERY_PASSPHRASE=RECOVERY_PASS, IEP_PASSPHRASE=PASS, IEP_STATE_DIR=str(tmp_path / "state"),
               IEP_HUB_DB_PASSWORD="pg-password-for-the-readme")
    if pg_port:
        env.update(PGHOST="127.0.0.1", PGPORT=str(pg_port), PGUSER="postgres")
    for folder in ("usb", "backup"):
        (tmp_path / folder).mkdir()
    routine = Routine(tmp_path, hub, env)
    tag = uuid.uuid4().hex[:10]
    routine.values = {
        "/backup/": f"{tmp_path}/backup/",
        "/media/usb": str(tmp_path / "usb"),
        "iep_hub": f"rh_{tag}",             # a role and a database of this test's own on the shared server
        "iephub": f"rt_{tag}",
        "@db.office": f"@127.0.0.1:{pg_port}",
    }
    return routine


def _world(routine: Routine) -> dict[str, Callable[[], None]]:
    """What happens between the README's steps, keyed by the README command it comes before."""
    r = routine

    def coach_has_a_caseload() -> None:  # before the laptop enrolls: the coach worked offline
        r.run("iep demo --db coach.iep --participants 3 --seed 11")

    def a_person_to_look_up() -> None:  # one whose plan has a goal, for the goal edit
        for person in r.json("iep participants --db coach.iep --json"):  # type: ignore[union-attr]
            goals = r.json(f"iep plan --db coach.iep {person['id']} --json")["goals"]  # type: ignore[index]
            if goals:
                break
        r.values |= {'"nguyen"': shlex.quote(person["last_name"]), "58f87641": person["id"][:8],
                     "goal:1a2b3c4d": f"goal:{goals[0]['id'][:8]}"}

    def a_bundle_cut_short_on_the_stick() -> None:
        bundle = sorted((r.root / "usb").glob("iep-export-*.iepb"))[-1]
        cut = r.root / "cut" / bundle.name
        cut.parent.mkdir()
        cut.write_bytes(bundle.read_bytes()[:-40])
        r.run(f"iep central ingest {shlex.quote(str(cut))}", expect=1)  # set aside, exit 1
        entry = r.json("iep central quarantine --json")[0]  # type: ignore[index]
        r.values["--release 2"] = f"--release {entry['id']}"

    def the_release_set_it_aside_again() -> None:
        entry = r.json("iep central quarantine --json")[0]  # type: ignore[index]
        r.values["--delete 2"] = f"--delete {entry['id']}"

    def the_fingerprint() -> None:
        status = r.json("iep central status --json")
        r.values["1a2b-..."] = status["office_fingerprint"]  # type: ignore[index]

    return {
        "iep central enroll --device fair-laptop-1 --out enroll.json": coach_has_a_caseload,
        "iep enroll --db coach.iep": the_fingerprint,
        "iep central participants": a_person_to_look_up,
        "iep central quarantine --release": a_bundle_cut_short_on_the_stick,
        "iep central quarantine --delete": the_release_set_it_aside_again,
    }


EXPECTED_EXIT = {"iep central quarantine --release": 1}  # the cut bundle is still cut: set aside again


def _play(routine: Routine) -> None:
    world = _world(routine)
    for block in routine_blocks(routine.hub):
        for command in block:
            for before, happen in list(world.items()):
                if command.startswith(before):
                    happen()
                    del world[before]
            expect = next((code for start, code in EXPECTED_EXIT.items() if command.startswith(start)), 0)
            routine.run(command, expect=expect)
    assert not world, f"README steps the test expected and did not find: {list(world)}"


def _check_what_the_routine_left(routine: Routine, caseload: list[str]) -> None:
    r = routine
    # The replacement laptop has the caseload back, with the decided value (--keep hub) on it.
    replaced = sorted(p["id"] for p in r.json("iep participants --db new-coach.iep --json"))  # type: ignore[union-attr]
    assert replaced == caseload
    pid8 = r.values["58f87641"]
    plan = r.json(f"iep plan --db new-coach.iep {pid8} --json")
    assert plan["participant"]["phone"] == "555-0100"  # type: ignore[index]
    assert "Full-time welding job" in [g["description"] for g in plan["goals"]]  # type: ignore[index]
    devices = [(d["name"], d["state"]) for d in r.json("iep central devices --json")]  # type: ignore[union-attr]
    assert sorted(devices) == [("fair-laptop-1", "registered"), (devices[-1][0], "revoked")], devices
    assert devices[-1][0].startswith("fair-laptop-1 (revoked ")  # the lost one, kept on record
    assert r.json("iep central conflicts --json") == []
    assert r.json("iep central quarantine --json") == []
    status = r.json("iep central status --json")
    assert status["participants"] == len(caseload)  # type: ignore[index]
    assert status["hub_database"]["encrypted_by_app"] is (r.hub == "embedded")  # type: ignore[index]
    if r.hub == "postgresql":  # remembered without the password that came from IEP_HUB_DB_PASSWORD
        remembered = (r.root / "office" / "hub-url.txt").read_text()
        assert r.values["iephub"] in remembered and "pg-password" not in remembered, remembered
    crosswalk = r.root / "pirl-q1-crosswalk.csv"
    assert crosswalk.exists() and crosswalk.stat().st_mode & 0o777 == 0o600


def _run_the_routine(routine: Routine) -> None:
    _play(routine)
    caseload = sorted(p["id"] for p in routine.json("iep participants --db coach.iep --json"))  # type: ignore[union-attr]
    _check_what_the_routine_left(routine, caseload)
    assert any(c.startswith("iep central restore") or "&& iep central restore" in c for c in routine.ran)


def test_the_readme_office_routine_runs_as_written_on_the_embedded_hub(tmp_path: Path) -> None:
    _run_the_routine(_routine(tmp_path, "embedded"))


def test_the_readme_office_routine_runs_as_written_on_postgresql(tmp_path: Path, pg_server: PgServer) -> None:
    routine = _routine(tmp_path, "postgresql", pg_bin=str(pg_server.binaries.bindir), pg_port=pg_server.port)
    try:
        _run_the_routine(routine)
        assert any(c.startswith("pg_dump ") for c in routine.ran) and any(c.startswith("createuser ") for c in routine.ran)
    finally:
        tag = routine.values["iephub"]
        subprocess.run(["psql", "--command", f"DROP DATABASE IF EXISTS {tag} WITH (FORCE)"], env=routine.env,
                       capture_output=True, timeout=60, check=False)
        subprocess.run(["psql", "--command", f"DROP ROLE IF EXISTS {routine.values['iep_hub']}"], env=routine.env,
                       capture_output=True, timeout=60, check=False)
