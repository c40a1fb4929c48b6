"""The PIRL (ETA-9172) state reporting export from the office hub, on the embedded hub and PostgreSQL.

Data comes the real way: coaches' laptops make participants, plans, barriers, tests and services,
freeze the first plan version, and sync to the office; the export reads the hub.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from iep_desktop.central.hub import Hub
from iep_desktop.central.pirl import ELEMENTS, HEADER, write_pirl
from iep_desktop.domain.models import (
    Assessment, AssessmentKind, Barrier, BarrierGroup, Participant, Plan, PlanStatus, Program, Service,
    ServiceStatus,
)
from iep_desktop.errors import IepError
from iep_desktop.services import plan_items
from iep_desktop.services.signing import freeze_version
from iep_desktop.store.store import Store
from iep_desktop.services import laptop_sync as laptop
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf

OFFICE_PASS = "office passphrase for tests"
BARRIER_ELEMENTS = ["800", "801", "803", "804", "805", "806", "807"]


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


@pytest.fixture(params=["embedded", "postgresql"])
def hub(request: pytest.FixtureRequest, tmp_path: Path, clock) -> Hub:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with Hub.init(tmp_path / "office", OFFICE_PASS, url=url, clock=clock, kdf=cheap_kdf()) as made:
        yield made


@dataclass
class Caseload:
    store: Store
    ana: Participant          # Adult: ELL, TABE reading 7.5 before entry, justice barrier, two trainings
    ana_plan: Plan
    ana_justice: Barrier
    ana_training: Service
    dmitri: Participant       # Dislocated Worker: no recorded entry date, plan closed, plan never frozen
    youth_without_plan: Participant


def laptop_store(tmp_path: Path, hub: Hub, clock) -> Store:
    folder = tmp_path / "laptop"
    folder.mkdir()
    store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
    hub.enroll_device("laptop-a", folder / "enroll.json", "it")
    laptop.enroll(store, folder / "enroll.json", "coach", hub.office_fingerprint)
    return store


def sync(store: Store, hub: Hub, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir(exist_ok=True)
    result = laptop.export(store, out, "coach")
    ingested = hub.ingest(result.path.read_bytes(), "office")
    assert ingested.status == "applied", ingested.line()
    back, _ = hub.make_return("laptop-a", out, "office")
    laptop.import_return(store, back, "coach")


def service(uow, person: Participant, plan: Plan | None, code: str, planned: date, started: date | None = None,
            ended: date | None = None) -> Service:
    return plan_items.add_service(uow, Service(
        participant_id=person.id, plan_id=plan.id if plan else None, code=code, planned_start=planned,
        planned_end=planned + timedelta(days=30), actual_start=started, actual_end=ended))


def tabe(uow, person: Participant, kind: AssessmentKind, taken: date, level: str) -> Assessment:
    return plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=kind, taken_on=taken,
                                                        grade_level=Decimal(level)))


def build_caseload(tmp_path: Path, hub: Hub, clock) -> Caseload:
    store = laptop_store(tmp_path, hub, clock)
    with store.unit_of_work("coach") as uow:
        ana = uow.add(Participant(first_name="Ana", last_name="Reyes", program=Program.ADULT, board="default",
                                  date_of_birth=date(1990, 5, 14), ssn_last4="1234", english_learner=True,
                                  eligibility_determined_on=ago(31), program_entry_on=ago(30)))
        plan = uow.add(Plan(participant_id=ana.id, program=Program.ADULT, board="default", start_date=ago(20)))
        justice = plan_items.add_barrier(uow, Barrier(plan_id=plan.id, group=BarrierGroup.PERSONAL,
                                                      category="justice_involvement", step="Record expungement clinic"))
        plan_items.add_barrier(uow, Barrier(plan_id=plan.id, group=BarrierGroup.PERSONAL, category="child_care",
                                            step="Supportive service: child care"))
        tabe(uow, ana, AssessmentKind.TABE_READING, ago(32), "7.5")
        tabe(uow, ana, AssessmentKind.TABE_MATH, ago(32), "10.1")
        service(uow, ana, plan, "205", ago(20), ago(20), ago(20))      # develop the IEP: profile category "plan"
        service(uow, ana, plan, "210", ago(15), ago(15))               # job search: category "career"
        training = service(uow, ana, plan, "300", ago(10), ago(10), ago(2))  # ITA: category "training"
        service(uow, ana, plan, "301", ago(8), ago(8))                 # OJT, still going
        service(uow, ana, plan, "310", ago(1))                         # planned only: not received
        service(uow, ana, plan, "20A", ago(5), ago(5), ago(5))         # IEP update: category "plan"
        freeze_version(uow, plan.id)                                   # plan version 1: what was signed at entry

        dmitri = uow.add(Participant(first_name="Dmitri", last_name="Volkov", program=Program.DISLOCATED_WORKER,
                                     board="default", eligibility_determined_on=ago(60)))
        service(uow, dmitri, None, "207", ago(55), ago(55), ago(55))   # first service after eligibility
        tabe(uow, dmitri, AssessmentKind.TABE_READING, ago(40), "6.0")  # after entry: not "at program entry"
        dplan = uow.add(Plan(participant_id=dmitri.id, program=Program.DISLOCATED_WORKER, board="default",
                             start_date=ago(50)))
        uow.add(Barrier(plan_id=dplan.id, group=BarrierGroup.PERSONAL, category="Single parent", step="Child care"))
        uow.update(dplan.model_copy(update={"status": PlanStatus.CLOSED, "closed_date": ago(1),
                                            "close_reason": "Exited"}))

        youth = uow.add(Participant(first_name="Tee", last_name="Young", program=Program.YOUTH, board="default"))
    sync(store, hub, tmp_path)
    return Caseload(store, ana, plan, justice, training, dmitri, youth)


def read_csv(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    return header, {row[0]: dict(zip(header, row)) for row in rows}


def key(person: Participant) -> str:
    return person.id.replace("-", "")[:12]


def test_export_rows_dates_training_and_barriers(tmp_path: Path, hub: Hub, clock) -> None:
    case = build_caseload(tmp_path, hub, clock)
    out = tmp_path / "reports" / "pirl.csv"
    out.parent.mkdir()
    result = write_pirl(hub, out)

    header, rows = read_csv(out)
    assert header == HEADER == [e.number for e in ELEMENTS]
    assert {"100", "200", "900", "901", "903", "904", "905", "1200", "1201", "1300", "1302", "1308"} <= set(header)
    assert [n for n in header if n.startswith("80")] == BARRIER_ELEMENTS  # 802 (low income) is not IEP data
    assert "2700" not in header  # no SSN element: the hub has the last four digits at most
    # the youth has neither a plan nor a service received
    assert result.rows == 2 and set(rows) == {key(case.ana), key(case.dmitri)}
    assert all(len(k) == 12 for k in rows)

    ana = rows[key(case.ana)]
    assert ana["200"] == "19900514"
    assert ana["900"] == ymd(ago(30)) and ana["901"] == ""
    assert (ana["903"], ana["904"], ana["905"]) == ("1", "0", "0")
    assert ana["801"] == "1"           # justice involvement at entry
    assert ana["803"] == "1"           # English language learner
    assert ana["804"] == "1"           # TABE reading 7.5 < 9.0 before entry: basic skills deficient
    assert ana["800"] == ana["805"] == ana["806"] == ana["807"] == "0"
    assert ana["1200"] == ymd(ago(20)) and ana["1201"] == ymd(ago(5))
    assert ana["1300"] == "1"
    assert (ana["1302"], ana["1308"]) == (ymd(ago(10)), ymd(ago(2)))
    assert (ana["1309"], ana["1313"]) == (ymd(ago(8)), "")
    assert (ana["1314"], ana["1318"]) == ("", "")   # the planned-only training was not received
    assert "1234" not in out.read_text()

    dmitri = rows[key(case.dmitri)]
    assert dmitri["200"] == ""
    assert dmitri["900"] == ymd(ago(55))  # no recorded entry: first service after eligibility
    # The plan closed yesterday, but the exit rule (last day of service once 90 days pass with
    # none) has not run its course: plan development 50 days ago was the last service. (Before
    # issue 12 this was the plan's closed date.)
    assert dmitri["901"] == ""
    assert (dmitri["903"], dmitri["904"], dmitri["905"]) == ("0", "1", "0")
    assert dmitri["806"] == "1"           # a plan never frozen: its live barriers
    assert dmitri["804"] == "0"           # the low TABE came after program entry
    assert dmitri["803"] == "0" and dmitri["801"] == "0"
    assert dmitri["1300"] == "0" and dmitri["1302"] == ""
    assert dmitri["1200"] == dmitri["1201"] == ymd(ago(50))
    assert (out.stat().st_mode & 0o777) == 0o600


def test_barriers_stay_frozen_at_program_entry(tmp_path: Path, hub: Hub, clock) -> None:
    case = build_caseload(tmp_path, hub, clock)
    first = tmp_path / "first.csv"
    write_pirl(hub, first)
    _, before = read_csv(first)

    # After version 1 the coach edits the barriers and records a new, low TABE.
    with case.store.unit_of_work("coach") as uow:
        plan_items.update_barrier(uow, uow.get(Barrier, case.ana_justice.id).model_copy(
            update={"category": "transportation"}))
        plan_items.add_barrier(uow, Barrier(plan_id=case.ana_plan.id, group=BarrierGroup.PERSONAL,
                                            category="homeless", step="Shelter referral"))
        plan_items.add_barrier(uow, Barrier(plan_id=case.ana_plan.id, group=BarrierGroup.PERSONAL,
                                            category="displaced_homemaker", step="Career counseling"))
        tabe(uow, case.dmitri, AssessmentKind.TABE_MATH, ago(0), "4.0")
    sync(case.store, hub, tmp_path)
    assert hub.record("barrier", case.ana_justice.id).category == "transportation"  # the hub has the edits

    second = tmp_path / "second.csv"
    write_pirl(hub, second)
    _, after = read_csv(second)
    for person in (case.ana, case.dmitri):
        assert [after[key(person)][n] for n in BARRIER_ELEMENTS] == [before[key(person)][n] for n in BARRIER_ELEMENTS]
    assert after[key(case.ana)]["801"] == "1" and after[key(case.ana)]["800"] == "0"


def test_a_bad_value_names_the_participant_and_element_and_writes_nothing(tmp_path: Path, hub: Hub, clock) -> None:
    case = build_caseload(tmp_path, hub, clock)
    out = tmp_path / "pirl.csv"
    out.write_bytes(b"the previous export\r\n")

    hub.update_record("participant", case.ana.id, {"date_of_birth": ago(3).isoformat()}, "office")
    with pytest.raises(IepError) as raised:
        write_pirl(hub, out)
    assert case.ana.id in raised.value.message and "element 200" in raised.value.message
    assert out.read_bytes() == b"the previous export\r\n"
    hub.update_record("participant", case.ana.id, {"date_of_birth": "1990-05-14"}, "office")

    hub.update_record("service", case.ana_training.id, {"actual_end": ago(12).isoformat()}, "office")
    with pytest.raises(IepError, match=rf"participant {case.ana.id}, element 1308 .*before the date entered"):
        write_pirl(hub, out)
    hub.update_record("service", case.ana_training.id, {"actual_end": ago(2).isoformat(), "code": "999"}, "office")
    with pytest.raises(IepError, match=rf"participant {case.ana.id}, element 1300 .*service code 999"):
        write_pirl(hub, out)
    assert out.read_bytes() == b"the previous export\r\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")) == []

    missing = tmp_path / "no such folder" / "pirl.csv"
    with pytest.raises(IepError, match="does not exist"):
        write_pirl(hub, missing)


def iep(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("IEP_") or k == "IEP_STATE_DIR"}
    full_env.update(env)
    return subprocess.run([sys.executable, "-m", "iep_desktop.cli", *args], capture_output=True, text=True,
                          env=full_env, stdin=subprocess.DEVNULL, timeout=120)


def test_cli_writes_the_csv_and_explains_bad_input_in_one_line(tmp_path: Path, clock) -> None:
    office = tmp_path / "office"
    with Hub.init(office, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as made:
        case = build_caseload(tmp_path, made, clock)
    case.store.close()
    env = {"IEP_OFFICE_PASSPHRASE": OFFICE_PASS}
    out = tmp_path / "pirl.csv"

    done = iep("central", "pirl", "--office-dir", str(office), "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "2 participant(s)" in done.stdout
    header, rows = read_csv(out)
    assert header == HEADER and set(rows) == {key(case.ana), key(case.dmitri)}

    missing = iep("central", "pirl", "--office-dir", str(office), "--out", str(tmp_path / "nope" / "p.csv"), env=env)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1 and "does not exist" in missing.stderr
    assert not (tmp_path / "nope").exists()


def test_exit_is_the_last_day_of_service_once_90_days_pass_not_the_closed_date(tmp_path: Path, hub: Hub,
                                                                              clock) -> None:
    """Issue 12: a Dislocated Worker's last service ended 2026-08-03, the plan closed 2026-11-21:
    PIRL 901 is 20260803. Training type and completion come from the board profile's mapping."""
    store = laptop_store(tmp_path, hub, clock)
    with store.unit_of_work("coach") as uow:
        worker = uow.add(Participant(first_name="Oluwaseun", last_name="Adébáyọ̀", program=Program.DISLOCATED_WORKER,
                                     board="default", eligibility_determined_on=ago(170), program_entry_on=ago(165)))
        plan = uow.add(Plan(participant_id=worker.id, program=Program.DISLOCATED_WORKER, board="default",
                            start_date=ago(160)))
        service(uow, worker, plan, "205", ago(160), ago(160), ago(160))
        done = service(uow, worker, plan, "300", ago(150), ago(150), date(2026, 8, 3))
        uow.update(done.model_copy(update={"status": ServiceStatus.COMPLETED, "outcome": "Welding certificate"}))
        uow.update(plan.model_copy(update={"status": PlanStatus.CLOSED, "closed_date": date(2026, 11, 21),
                                           "close_reason": "Program exit"}))
    sync(store, hub, tmp_path)
    header, rows = read_csv(write_pirl(hub, tmp_path / "pirl.csv").path)
    row = rows[key(worker)]
    assert TODAY - date(2026, 8, 3) > timedelta(days=90)
    assert row["901"] == "20260803"
    assert (row["1300"], row["1302"], row["1303"], row["1307"], row["1308"]) == (
        "1", ymd(ago(150)), "06", "1", "20260803")   # 300 -> 06 other occupational skills training
    assert row["1201"] == row["1004"] == ymd(ago(160))
    assert {"1001", "1004", "1205", "1303", "1307", "1310", "1312", "1315", "1317"} <= set(header)
    store.close()


def test_a_participant_with_services_and_no_plan_gets_a_row(tmp_path: Path, hub: Hub, clock) -> None:
    store = laptop_store(tmp_path, hub, clock)
    with store.unit_of_work("coach") as uow:
        walk_in = uow.add(Participant(first_name="Maëlle", last_name="Diallo", program=Program.ADULT,
                                      board="default", eligibility_determined_on=ago(40)))
        service(uow, walk_in, None, "210", ago(30), ago(30), ago(30))      # job search: a basic career service
        service(uow, walk_in, None, "230", ago(20), ago(20))               # work experience, still going
        planned_only = uow.add(Participant(first_name="Ngozi", last_name="Eze", program=Program.YOUTH,
                                           board="default"))
        service(uow, planned_only, None, "210", ago(-5))                   # planned, never received
    sync(store, hub, tmp_path)
    _, rows = read_csv(write_pirl(hub, tmp_path / "pirl.csv").path)
    assert set(rows) == {key(walk_in)}
    row = rows[key(walk_in)]
    assert (row["900"], row["901"], row["903"]) == (ymd(ago(30)), "", "1")
    assert (row["1001"], row["1004"], row["1205"]) == (ymd(ago(30)), ymd(ago(30)), "3")
    assert (row["1200"], row["1201"], row["1300"]) == ("", "", "0")
    store.close()


# -- issue 15, item 12: one board, one state, one period; a crosswalk; who was left out ------------

def _with_a_new_jersey_participant(tmp_path: Path, hub: Hub, clock) -> tuple[Caseload, Participant]:
    case = build_caseload(tmp_path, hub, clock)
    with case.store.unit_of_work("coach") as uow:
        nj = uow.add(Participant(first_name="Jonas", last_name="Björk", program=Program.ADULT, board="new_jersey",
                                 date_of_birth=date(1985, 3, 2), program_entry_on=ago(12)))
        uow.add(Plan(participant_id=nj.id, program=Program.ADULT, board="new_jersey", start_date=ago(12)))
    sync(case.store, hub, tmp_path)
    return case, nj


def test_the_export_is_limited_to_a_board_a_state_and_a_period_and_says_who_was_left_out(
        tmp_path: Path, hub: Hub, clock) -> None:
    from iep_desktop.central.pirl import NOT_REPORTED, OTHER_BOARD, OTHER_STATE, OUTSIDE_PERIOD, PirlFilter

    case, nj = _with_a_new_jersey_participant(tmp_path, hub, clock)
    everyone = write_pirl(hub, tmp_path / "all.csv")
    assert everyone.rows == 3 and [(p.name, p.reason) for p in everyone.left_out] == [("Tee Young", NOT_REPORTED)]

    board = write_pirl(hub, tmp_path / "nj.csv", PirlFilter(board="new_jersey"))
    _, rows = read_csv(board.path)
    assert set(rows) == {key(nj)}
    assert {p.participant_id: p.reason for p in board.left_out} == {
        case.ana.id: OTHER_BOARD, case.dmitri.id: OTHER_BOARD, case.youth_without_plan.id: NOT_REPORTED}

    state = write_pirl(hub, tmp_path / "state.csv", PirlFilter(state="NJ"))
    assert set(read_csv(state.path)[1]) == {key(nj)}
    assert sorted(p.reason for p in state.left_out) == sorted([NOT_REPORTED, OTHER_STATE, OTHER_STATE])

    # A period that ends before Ana's (ago 30) and the New Jersey participant's (ago 12) entry:
    # only Dmitri (entered ago 55, no exit yet) took part in it.
    period = write_pirl(hub, tmp_path / "period.csv", PirlFilter(start=ago(70), end=ago(35)))
    assert set(read_csv(period.path)[1]) == {key(case.dmitri)}
    assert {p.participant_id for p in period.left_out if p.reason == OUTSIDE_PERIOD} == {case.ana.id, nj.id}

    # The crosswalk: element 100 back to the office's id and name, beside the CSV, the user's alone.
    assert period.crosswalk == tmp_path / "period-crosswalk.csv"
    assert os.stat(period.crosswalk).st_mode & 0o777 == 0o600
    with period.crosswalk.open(newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [["100", "participant_id", "last_name", "first_name"],
                                            [key(case.dmitri), case.dmitri.id, "Volkov", "Dmitri"]]
    assert b"Volkov" not in period.path.read_bytes()  # names stay out of the file for the state
    case.store.close()


def test_cli_pirl_options_crosswalk_and_left_out_summary(tmp_path: Path, clock) -> None:
    office = tmp_path / "office"
    with Hub.init(office, OFFICE_PASS, clock=clock, kdf=cheap_kdf()) as made:
        case, _nj = _with_a_new_jersey_participant(tmp_path, made, clock)
    case.store.close()
    env = {"IEP_OFFICE_PASSPHRASE": OFFICE_PASS}
    out = tmp_path / "q3.csv"
    done = iep("central", "pirl", "--office-dir", str(office), "--out", str(out), "--board", "default",
               "--from", ago(70).strftime("%m/%d/%Y"), "--to", TODAY.strftime("%m/%d/%Y"), "--actor", "dana", env=env)
    assert done.returncode == 0, done.stderr
    assert "2 participant(s)" in done.stdout and "q3-crosswalk.csv" in done.stdout
    assert "Left out: 2 participant(s)." in done.stdout
    assert "1: no plan and no service received on the hub" in done.stdout and "Tee Young" in done.stdout
    assert "1: on another board than default" in done.stdout and "Jonas Björk" in done.stdout
    assert os.stat(tmp_path / "q3-crosswalk.csv").st_mode & 0o777 == 0o600
    assert set(read_csv(out)[1]) == {key(case.ana), key(case.dmitri)}
    for bad, needle in ((["--from", "2026-01-01"], "MM/DD/YYYY"), (["--board", "atlantis"], "no board profile"),
                        (["--state", "New Jersey"], "two-letter"),
                        (["--from", "02/01/2026", "--to", "01/01/2026"], "--to is before --from")):
        refused = iep("central", "pirl", "--office-dir", str(office), "--out", str(tmp_path / "x.csv"), *bad, env=env)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr, refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1 and needle in refused.stderr, refused.stderr
        assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x-crosswalk.csv").exists()
