"""``iep-desktop --self-test``: prove on this machine that the app's moving parts work.

Run by the installed (frozen) app and by CI after each build. No Qt here: the UI passes in the
Qt versions it sees. Everything happens in a fresh temporary folder that is removed at the end:

- versions: app, Python, SQLCipher (``PRAGMA cipher_version``), SQLite, fpdf2, Qt;
- an encrypted store is created with the real (default) Argon2id cost, its migrations run;
- a participant with a non-Latin name and a plan are written through the services;
- the store is closed and opened again with the passphrase, then with the raw data key, the
  records are read back and found by search, and ``Store.verify`` reports it intact;
- a one-page PDF is drawn with the shipped DejaVu font and the Unicode name.

One line per check, ``ok <check>`` or ``FAILED <check>: <reason>``; the result is 0 only when
every check passed. Reasons name the exception type and message only (synthetic data).
"""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from iep_desktop import __version__

TEMP_PREFIX = "iep-selftest-"
PASSPHRASE = "self test passphrase — ünïcödé"
FIRST_NAME, LAST_NAME = "Thị Lan", "Nguyễn-Παπαδοπούλου"
CHECKS = ("sqlcipher", "create encrypted store", "write participant and plan", "reopen with passphrase",
          "reopen with raw key and verify", "pdf with shipped font", "remove temporary files")


@dataclass
class _Run:
    out: Callable[[str], object]
    failed: list[str] = field(default_factory=list)
    passed: int = 0

    def check(self, name: str, action: Callable[[], object]) -> bool:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - every failure becomes one report line
            reason = f"{type(exc).__name__}: {exc}".strip().splitlines()[0] if str(exc) else type(exc).__name__
            self.failed.append(name)
            self.out(f"FAILED {name}: {reason}")
            return False
        self.passed += 1
        self.out(f"ok {name}")
        return True


def versions(qt_versions: dict[str, str] | None = None) -> dict[str, str]:
    import fpdf
    import sqlcipher3

    found = {"IEP Desktop": __version__,
             "Python": f"{platform.python_version()} ({platform.system()} {platform.machine()})"}
    try:
        conn = sqlcipher3.connect(":memory:")
        try:
            row = conn.execute("PRAGMA cipher_version").fetchone()
            found["SQLCipher"] = row[0] if row and row[0] else "missing"
            found["SQLite"] = conn.execute("SELECT sqlite_version()").fetchone()[0]
        finally:
            conn.close()
    except Exception as exc:  # noqa: BLE001 - reported, and the sqlcipher check fails below
        found["SQLCipher"] = f"missing ({type(exc).__name__})"
    found["fpdf2"] = getattr(fpdf, "__version__", "unknown")
    found.update(qt_versions or {})
    return found


def run_self_test(qt_versions: dict[str, str] | None = None, out: Callable[[str], object] = print, *,
                  extra_checks: Sequence[tuple[str, Callable[[], object]]] = ()) -> int:
    """Print the versions and one line per check; 0 when every check passed, else 1.

    ``extra_checks`` (name, action) run first; the UI adds one that loads its Qt modules.
    """
    from iep_desktop.clock import SystemClock
    from iep_desktop.domain.models import (
        Assessment, AssessmentKind, Goal, GoalTerm, GoalType, Objective, Participant, Plan, Program, Service,
    )
    from iep_desktop.resources import resource_path
    from iep_desktop.services import participants, plan_items, plans
    from iep_desktop.store.keys import KdfParams, KeyFile, keyfile_path
    from iep_desktop.store.store import Store

    out(f"IEP Desktop {__version__} self-test")
    found = versions(qt_versions)
    for name, value in found.items():
        out(f"  {name}: {value}")

    run = _Run(out)
    folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    db = folder / "self-test.iep"
    today = SystemClock().today()
    start = today - timedelta(days=3)
    ids: dict[str, str] = {}
    opened: list[Store] = []

    def sqlcipher() -> None:
        if not found.get("SQLCipher", "").split(" ")[0][:1].isdigit():
            raise RuntimeError(f"SQLCipher is not available ({found.get('SQLCipher')})")

    def create() -> None:
        opened.append(Store.create(db, PASSPHRASE, kdf=KdfParams()))  # the real Argon2id cost
        if db.read_bytes()[:16].startswith(b"SQLite format 3"):
            raise RuntimeError("the store file is not encrypted")

    def write() -> None:
        with opened.pop() as store, store.unit_of_work("self-test") as uow:
            person = participants.create_participant(uow, Participant(
                first_name=FIRST_NAME, last_name=LAST_NAME, program=Program.ADULT, board="default",
                eligibility_determined_on=start - timedelta(days=10)))
            for kind in (AssessmentKind.OBJECTIVE_ASSESSMENT, AssessmentKind.CAREER_EXPLORATION):
                plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=kind,
                                                             taken_on=start - timedelta(days=2)))
            plan_items.add_service(uow, Service(participant_id=person.id, code="207", provider="Staff",
                                                planned_start=start - timedelta(days=1),
                                                planned_end=start - timedelta(days=1),
                                                actual_start=start - timedelta(days=1),
                                                actual_end=start - timedelta(days=1)))
            plan = plans.start_plan(uow, person.id, start_date=start, coach_name="Self Test")
            goal = plan_items.add_goal(uow, Goal(
                plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                description="Full-time welding job", established_on=start,
                estimated_completion_on=start + timedelta(days=150)))
            plan_items.add_objective(uow, Objective(
                plan_id=plan.id, goal_id=goal.id, title="Attend Job Readiness Workshop",
                justification="Prepares for interviews", established_on=start))
            ids.update(person=person.id, plan=plan.id)

    def read_back(store: Store) -> None:
        with store.unit_of_work("self-test") as uow:
            person = participants.get_participant(uow, ids["person"])
            if person.display_name != f"{FIRST_NAME} {LAST_NAME}":
                raise RuntimeError(f"read back a different name: {person.display_name!r}")
            if [p.id for p in uow.list(Plan, participant_id=person.id)] != [ids["plan"]]:
                raise RuntimeError("the plan was not read back")
            if ids["person"] not in [p.id for p in participants.search_participants(uow, "Nguyễn")]:
                raise RuntimeError("search did not find the participant")

    def reopen_passphrase() -> None:
        with Store.open(db, PASSPHRASE) as store:
            read_back(store)

    def reopen_key() -> None:
        key = KeyFile.read(keyfile_path(db)).unwrap(PASSPHRASE)
        with Store.open_with_key(db, key) as store:
            read_back(store)
            report = store.verify()
            if not report.ok:
                raise RuntimeError("; ".join(report.lines()))

    def pdf() -> None:
        from fpdf import FPDF

        doc = FPDF(format="letter")
        doc.add_font("DejaVu", "", str(resource_path("fonts", "DejaVuSans.ttf")))
        doc.add_page()
        doc.set_font("DejaVu", size=14)
        doc.cell(text=f"IEP Desktop {__version__} self-test: {FIRST_NAME} {LAST_NAME}")
        target = folder / "self-test.pdf"
        doc.output(str(target))
        data = target.read_bytes()
        if not data.startswith(b"%PDF"):
            raise RuntimeError("the file is not a PDF")
        if doc.pages_count != 1:
            raise RuntimeError(f"{doc.pages_count} pages instead of 1")
        if b"DejaVuSans" not in data:
            raise RuntimeError("the shipped font is not embedded")

    def cleanup() -> None:
        shutil.rmtree(folder)
        if folder.exists():
            raise RuntimeError(f"{folder} is still there")

    first, created, written, by_passphrase, by_key, printed, removed = CHECKS
    try:
        for name, action in extra_checks:
            run.check(name, action)
        run.check(first, sqlcipher)
        if run.check(created, create) and run.check(written, write):
            run.check(by_passphrase, reopen_passphrase)
            run.check(by_key, reopen_key)
        run.check(printed, pdf)
    finally:
        for store in opened:
            store.close()
        run.check(removed, cleanup)
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)

    if run.failed:
        out(f"self-test FAILED: {len(run.failed)} of {len(run.failed) + run.passed} checks")
        return 1
    out(f"self-test passed: {run.passed} checks")
    return 0


def main() -> int:
    return run_self_test()


if __name__ == "__main__":
    sys.exit(main())
