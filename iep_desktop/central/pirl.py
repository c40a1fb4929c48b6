"""State reporting export: a PIRL-style CSV (ETA-9172, Participant Individual Record Layout).

One row per participant who has a plan or received a service on the office hub; the header row holds the PIRL data
element numbers, nothing else (names and the mapping are in docs/pirl-mapping.md). Only the
elements IEP data can feed are written; the state system fills the rest from its own intake,
wage and outcome data.

Rules the export keeps:
- A plan is one period of participation (R-P3: the plan closes on program exit), so each row
  describes the participant's most recent plan. A participant who received services but has no
  plan is one period too: the services alone.
- Exit (901) follows the WIOA exit rule, not the plan's closed date: the last day of service,
  once the board profile's days (90) pass with no service and none planned (rules.exit_date).
- Barriers are "at program entry": they come from the plan's first frozen version (plan version 1,
  the content the participant first signed), not from whatever the barrier list says today.
  Only a plan never frozen falls back to its live barrier records.
- Basic skills deficiency comes from TABE reading/math taken at or before program entry, below
  the board profile's threshold (R-O6); later tests never change it.
- Training services are the ones the board profile puts in category "training"; plan
  development and updates are the profile's category "plan". Type of training (1303/1310/1315),
  type of work experience (1205) and basic career services (1001/1004) come from the profile's
  "pirl" block, which maps the board's own codes. No service code or board is named here.
- No SSN: the hub keeps at most the last four digits. Element 100 is derived from the
  participant id, which never changes and is the same for every period of participation.
- Every value is checked against its element's allowed values and the dates against each
  other before anything is written; the first problem raises an error that names the
  participant and the element, and no file is written. The file is written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar

from sqlalchemy import Connection, select

from iep_desktop.central.tables import HUB_RECORDS
from iep_desktop.domain import rules
from iep_desktop.domain.plan_content import effective_status
from iep_desktop.domain.models import (
    Assessment, AssessmentKind, Barrier, Participant, Plan, PlanStatus, PlanVersion, Program, Record, Service, ServiceStatus,
)
from iep_desktop.errors import InvalidInput, ProfileError
from iep_desktop.fsutil import atomic_write_bytes
from iep_desktop.profiles import BoardProfile, load_profile
from iep_desktop.store.uow import record_from_row

R = TypeVar("R", bound=Record)

YES_NO = frozenset({"0", "1"})
# 1303/1310/1315 Type of Training Service: 01 OJT, 02 skill upgrading, 03 entrepreneurial, 04 ABE or
# ESL with training, 05 customized, 06 other occupational skills, 07 prerequisite, 08 registered
# apprenticeship, 09 youth occupational skills, 10 other non-occupational-skills (docs/pirl-mapping.md).
TRAINING_TYPES = frozenset(f"{n:02d}" for n in range(1, 11))
WORK_EXPERIENCE_TYPES = frozenset({"1", "2", "3", "4", "5"})
# 903/904/905: 1 = Yes, local formula; 2 = Yes, statewide; 3 = Yes, both; 0 = No.
FUNDING_STREAM = frozenset({"0", "1", "2", "3"})
LOCAL_FORMULA = "1"


@dataclass(frozen=True)
class Element:
    number: str
    name: str
    kind: Literal["id", "date", "code"]
    allowed: frozenset[str] = frozenset()
    required: bool = False


ELEMENTS: tuple[Element, ...] = (
    Element("100", "Unique Individual Identifier", "id", required=True),
    Element("200", "Date of Birth", "date"),
    Element("800", "Homeless Participant, Homeless Children and Youths, or Runaway Youth at Program Entry",
            "code", YES_NO, True),
    Element("801", "Ex-Offender Status at Program Entry", "code", YES_NO, True),
    Element("803", "English Language Learner at Program Entry", "code", YES_NO, True),
    Element("804", "Basic Skills Deficient/Low Levels of Literacy at Program Entry", "code", YES_NO, True),
    Element("805", "Cultural Barriers at Program Entry", "code", YES_NO, True),
    Element("806", "Single Parent at Program Entry", "code", YES_NO, True),
    Element("807", "Displaced Homemaker at Program Entry", "code", YES_NO, True),
    Element("900", "Date of Program Entry", "date", required=True),
    Element("901", "Date of Program Exit", "date"),
    Element("903", "Adult", "code", FUNDING_STREAM, True),
    Element("904", "Dislocated Worker", "code", FUNDING_STREAM, True),
    Element("905", "Youth", "code", FUNDING_STREAM, True),
    Element("1001", "Date of First Basic Career Service (Staff-Assisted)", "date"),
    Element("1004", "Date of Most Recent Career Service", "date"),
    Element("1200", "Date of First Individualized Career Service", "date"),
    Element("1201", "Most Recent Date Received Individualized Career Service", "date"),
    Element("1205", "Type of Work Experience", "code", WORK_EXPERIENCE_TYPES),
    Element("1300", "Received Training", "code", YES_NO, True),
    Element("1302", "Date Entered Training #1", "date"),
    Element("1303", "Type of Training Service #1", "code", TRAINING_TYPES),
    Element("1307", "Training Completed #1", "code", YES_NO),
    Element("1308", "Date Completed, or Withdrew from, Training #1", "date"),
    Element("1309", "Date Entered Training #2", "date"),
    Element("1310", "Type of Training Service #2", "code", TRAINING_TYPES),
    Element("1312", "Training Completed #2", "code", YES_NO),
    Element("1313", "Date Completed, or Withdrew from, Training #2", "date"),
    Element("1314", "Date Entered Training #3", "date"),
    Element("1315", "Type of Training Service #3", "code", TRAINING_TYPES),
    Element("1317", "Training Completed #3", "code", YES_NO),
    Element("1318", "Date Completed, or Withdrew from, Training #3", "date"),
)
BY_NUMBER = {e.number: e for e in ELEMENTS}
HEADER = [e.number for e in ELEMENTS]

# Barrier categories (normalized: lower case, words joined by "_") that set a PIRL
# "at program entry" element to 1. The IEP's own categories (child care, transportation,
# housing, health, technology, ...) have no PIRL element; see docs/pirl-mapping.md.
ENTRY_BARRIER_CATEGORIES: dict[str, frozenset[str]] = {
    "800": frozenset({"homeless", "runaway", "runaway_youth"}),
    "801": frozenset({"justice_involvement", "justice", "ex_offender"}),
    "803": frozenset({"english_language_learner", "english_learner"}),
    "804": frozenset({"basic_skills_deficient", "low_literacy"}),
    "805": frozenset({"cultural_barriers", "cultural"}),
    "806": frozenset({"single_parent"}),
    "807": frozenset({"displaced_homemaker"}),
}
PROGRAM_ELEMENT = {Program.ADULT: "903", Program.DISLOCATED_WORKER: "904", Program.YOUTH: "905"}
TRAINING_SLOTS = (("1302", "1308"), ("1309", "1313"), ("1314", "1318"))  # PIRL has room for three
TRAINING_DETAIL = (("1303", "1307"), ("1310", "1312"), ("1315", "1317"))  # type and completed, per slot
TABE = (AssessmentKind.TABE_READING, AssessmentKind.TABE_MATH)
ID_LENGTH = 12  # element 100 is AN 12
EARLIEST, LATEST = date(1900, 1, 1), date(2099, 12, 31)


@dataclass(frozen=True)
class PirlFilter:
    """Who a PIRL file reports: one board, the boards of one state, a reporting period (a
    participant is in it when their period of participation overlaps it). None: no limit."""
    board: str | None = None
    state: str | None = None
    start: date | None = None
    end: date | None = None

    def check(self) -> None:
        if self.board is not None:
            try:
                load_profile(self.board)
            except ProfileError:
                raise InvalidInput(f"There is no board profile {self.board!r}; 'iep profile list' lists them. "
                                   "Nothing was written.") from None
        if self.state is not None and not re.fullmatch(r"[A-Z]{2}", self.state):
            raise InvalidInput("Give the state as its two-letter code, for example --state NJ. Nothing was written.")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidInput("--to is before --from; give the reporting period's first and last day. "
                               "Nothing was written.")


@dataclass(frozen=True)
class LeftOut:
    """A participant the office holds who is not in the file, and why (for the office's screen only)."""
    participant_id: str
    name: str
    reason: str


# Why someone is not in the file; the CLI prints them in this order.
NOT_REPORTED = "no plan and no service received on the hub"
OTHER_BOARD = "another board"
OTHER_STATE = "a board of another state"
OUTSIDE_PERIOD = "participation outside the reporting period"
REASONS = (NOT_REPORTED, OTHER_BOARD, OTHER_STATE, OUTSIDE_PERIOD)


@dataclass
class PirlResult:
    path: Path
    rows: int
    elements: list[str]
    crosswalk: Path | None = None
    left_out: list[LeftOut] = field(default_factory=list)


class _Problem(Exception):
    def __init__(self, element: str, message: str) -> None:
        super().__init__(message)
        self.element, self.message = element, message


def _refuse(participant_id: str, element: str, message: str) -> InvalidInput:
    name = BY_NUMBER[element].name if element in BY_NUMBER else ""
    return InvalidInput(f"PIRL export stopped, nothing was written: participant {participant_id}, "
                        f"element {element} ({name}): {message}.")


# -- reading the hub ----------------------------------------------------------------------------

@dataclass
class _HubData:
    participants: list[Participant]              # every participant the hub holds
    reported: set[str]                           # those with a plan or a service received
    plans: dict[str, list[Plan]]                 # by participant id, in start order
    services: dict[str, list[Service]]           # by participant id
    assessments: dict[str, list[Assessment]]     # by participant id
    barriers: dict[str, list[Barrier]]           # by plan id
    first_versions: dict[str, PlanVersion]       # plan id -> plan version 1


def _read(conn: Connection, model: type[R], *where: Any) -> list[R]:
    table = HUB_RECORDS[model.kind]
    return [record_from_row(model, row) for row in conn.execute(select(table).where(*where).order_by(table.c.id))]


def _by(records: Iterable[R], key: str) -> dict[str, list[R]]:
    grouped: dict[str, list[R]] = defaultdict(list)
    for record in records:
        grouped[getattr(record, key)].append(record)
    return grouped


def _served(services: list[Service]) -> set[str]:
    """Participants who received a service (an actual start), plan or no plan."""
    return {s.participant_id for s in services if s.actual_start is not None}


def _load(hub: Any) -> _HubData:
    conn = hub.engine.connect()
    if hub.engine.dialect.name == "postgresql":  # one consistent snapshot across all the reads
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    with conn:
        versions = HUB_RECORDS["plan_version"]
        plans = _by(sorted(_read(conn, Plan), key=lambda p: (p.start_date, p.id)), "participant_id")
        services = _read(conn, Service)
        reported = set(plans) | _served(services)
        return _HubData(
            participants=_read(conn, Participant), reported=reported,
            plans=plans,
            services=_by(services, "participant_id"),
            assessments=_by(_read(conn, Assessment, HUB_RECORDS["assessment"].c.instrument.in_([t.value for t in TABE])),
                            "participant_id"),
            barriers=_by(_read(conn, Barrier), "plan_id"),
            first_versions={v.plan_id: v for v in _read(conn, PlanVersion, versions.c.number == 1)},
        )


# -- one participant's row ----------------------------------------------------------------------

def _category(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


def _pirl_date(day: date | None) -> str:
    return "" if day is None else f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _identifier(participant_id: str) -> str:
    digits = participant_id.replace("-", "").lower()
    if not re.fullmatch(r"[0-9a-z]{%d,}" % ID_LENGTH, digits):
        raise _Problem("100", f"the participant id is not a laptop-made id, so no {ID_LENGTH}-character "
                              "identifier can be derived from it")
    return digits[:ID_LENGTH]


@dataclass
class _Period:
    """One period of participation: the participant's most recent plan, or their services alone."""

    plan: Plan | None
    program: Program
    after: date | None   # the previous plan's exit: dates on or before it belong to that period
    exit: date | None    # the WIOA exit rule's date (rules.exit_date)

    def holds(self, day: date) -> bool:
        return (self.after is None or day > self.after) and (self.exit is None or day <= self.exit)


def _period(person: Participant, plans: list[Plan], services: list[Service], profile: BoardProfile,
            today: date) -> _Period:
    plan = plans[-1] if plans else None
    after = None
    if plan is not None:
        earlier = [p.closed_date for p in plans[:-1] if p.closed_date is not None and p.closed_date <= plan.start_date]
        after = max(earlier, default=None)
        if plan.status is PlanStatus.CLOSED and plan.closed_date is None:
            raise _Problem("901", "the plan is closed but has no closed date; enter the program exit date")
    mine = [s for s in services if after is None or (s.actual_start or s.planned_start) > after]
    # Exit is the last day of service once 90 days pass with none (the plan's closed date is when
    # the coach closed it, often weeks later); developing the plan is itself a day of service.
    exit_on = rules.exit_date(mine, profile, today, served_on=[plan.start_date] if plan else [])
    return _Period(plan, plan.program if plan else person.program, after, exit_on)


def _entry_date(person: Participant, period: _Period, services: list[Service]) -> date:
    """The recorded program entry date; without one, the first service after eligibility (at
    the latest the day the plan was developed, itself an individualized career service)."""
    if person.program_entry_on is not None and (period.after is None or person.program_entry_on > period.after):
        return person.program_entry_on
    eligible = person.eligibility_determined_on
    if eligible is not None and period.after is not None and eligible <= period.after:
        eligible = None
    held = [s.actual_start for s in services if s.actual_start is not None and period.holds(s.actual_start)]
    starts = [day for day in held if eligible is None or day >= eligible]
    days = [*([period.plan.start_date] if period.plan else []), *starts]
    if not days:  # services alone, all before the recorded eligibility: the first of them
        days = held
    if not days:
        raise _Problem("900", "no plan and no service in this period; nothing gives a date of program entry")
    return min(days)


def _entry_barriers(plan: Plan, data: _HubData) -> set[str]:
    """Categories as frozen in plan version 1; the live list only for a plan never frozen."""
    version = data.first_versions.get(plan.id)
    if version is None:
        return {_category(b.category) for b in data.barriers.get(plan.id, [])}
    try:
        frozen = json.loads(version.content)["barriers"]
        return {_category(str(b["category"])) for b in frozen}
    except (ValueError, KeyError, TypeError):
        raise _Problem("800", "plan version 1 does not hold a readable barrier list") from None


def _basic_skills_deficient(assessments: list[Assessment], entry: date, period: _Period, threshold: Decimal) -> bool:
    latest: dict[AssessmentKind, Assessment] = {}
    for test in sorted(assessments, key=lambda a: (a.taken_on, a.id)):
        if test.grade_level is not None and test.taken_on <= entry and (period.after is None or test.taken_on > period.after):
            latest[test.instrument] = test
    return any(t.grade_level is not None and t.grade_level < threshold for t in latest.values())


def _category_of(profile: BoardProfile, service: Service) -> str:
    code = profile.service(service.code)
    if code is None:
        raise _Problem("1300", f"service code {service.code} is not on the {profile.id} board profile's list, so "
                               "it cannot be told whether it is a training service; correct the service")
    return code.category


def _row(person: Participant, data: _HubData, today: date) -> dict[str, str]:
    try:
        profile = load_profile(person.board)
    except ProfileError as exc:
        raise _Problem("1300", f"the board profile is needed for elements 804 and 1300: {exc.message}") from None
    services = data.services.get(person.id, [])
    period = _period(person, data.plans.get(person.id, []), services, profile, today)
    entry = _entry_date(person, period, services)
    delivered = sorted((s for s in services if s.actual_start is not None and period.holds(s.actual_start)),
                       key=lambda s: (s.actual_start, s.code, s.id))
    categories = {s.id: _category_of(profile, s) for s in delivered}

    barriers = _entry_barriers(period.plan, data) if period.plan is not None else set()
    row = {e: "1" if barriers & categories_ else "0" for e, categories_ in ENTRY_BARRIER_CATEGORIES.items()}
    if person.english_learner:
        row["803"] = "1"
    threshold = Decimal(str(profile.basic_skills.tabe_threshold))
    if _basic_skills_deficient(data.assessments.get(person.id, []), entry, period, threshold):
        row["804"] = "1"

    individualized = [s for s in delivered if categories[s.id] == "plan"]
    training = [s for s in delivered if categories[s.id] == "training"]
    plan_days = [period.plan.start_date] if period.plan is not None else []
    row |= {
        "100": _identifier(person.id),
        "200": _pirl_date(person.date_of_birth),
        "900": _pirl_date(entry),
        "901": _pirl_date(period.exit),
        **{number: LOCAL_FORMULA if period.program is program else "0" for program, number in PROGRAM_ELEMENT.items()},
        "1200": _pirl_date(min([*plan_days, *(s.actual_start for s in individualized if s.actual_start)], default=None)),
        "1201": _pirl_date(max([*plan_days, *(_last_day(s) for s in individualized)], default=None)),
        "1300": "1" if training else "0",
    }
    row |= _career_dates(delivered, categories, profile, plan_days)
    row["1205"] = next((profile.pirl.work_experience_type[s.code] for s in delivered
                        if s.code in profile.pirl.work_experience_type), "")
    for (entered, completed), (kind, done), service in zip(TRAINING_SLOTS, TRAINING_DETAIL,
                                                           [*training, None, None, None]):
        row[entered] = _pirl_date(service.actual_start if service else None)
        row[completed] = _pirl_date(service.actual_end if service else None)
        row[kind] = profile.pirl.training_type.get(service.code, "") if service else ""
        row[done] = _training_completed(service) if service else ""
    return row


def _last_day(service: Service) -> date:
    day = service.actual_end or service.actual_start
    assert day is not None  # only delivered services are asked
    return day


def _career_dates(delivered: list[Service], categories: dict[str, str], profile: BoardProfile,
                  plan_days: list[date]) -> dict[str, str]:
    """1001: the first basic career service the profile maps; 1004: the most recent career service
    (basic ones the profile maps, and individualized ones: plan development and updates)."""
    basic = [s for s in delivered if s.code in profile.pirl.basic_career]
    career = [*basic, *(s for s in delivered if categories[s.id] == "plan")]
    first = min((s.actual_start for s in basic if s.actual_start), default=None)
    latest = max([*plan_days, *(_last_day(s) for s in career)], default=None)
    return {"1001": _pirl_date(first), "1004": _pirl_date(latest)}


def _training_completed(service: Service) -> str:
    """1307/1312/1317: 1 completed, 0 withdrew (not completed); empty while the training goes on."""
    status = effective_status(service)
    if status is ServiceStatus.COMPLETED:
        return "1"
    return "0" if status is ServiceStatus.NOT_COMPLETED else ""


# -- validation -------------------------------------------------------------------------------

def _day(value: str) -> date | None:
    return None if not value else date(int(value[:4]), int(value[4:6]), int(value[6:]))


def _check_value(element: Element, value: str) -> None:
    if not value:
        if element.required:
            raise _Problem(element.number, "is required but has no value")
        return
    if element.kind == "code" and value not in element.allowed:
        raise _Problem(element.number, f"value {value!r} is not one of {', '.join(sorted(element.allowed))}")
    if element.kind == "id" and not re.fullmatch(r"[0-9A-Za-z]{1,%d}" % ID_LENGTH, value):
        raise _Problem(element.number, f"must be 1 to {ID_LENGTH} letters or digits")
    if element.kind == "date":
        try:
            day = _day(value) if re.fullmatch(r"\d{8}", value) else None
        except ValueError:
            day = None
        if day is None:
            raise _Problem(element.number, f"{value!r} is not a YYYYMMDD date")
        if not EARLIEST <= day <= LATEST:
            raise _Problem(element.number, f"{value} is outside {EARLIEST.year}-{LATEST.year}; check the date")


def _not_before(row: dict[str, str], later: str, earlier: str, what: str) -> None:
    first, second = _day(row[earlier]), _day(row[later])
    if first is not None and second is not None and second < first:
        raise _Problem(later, f"{row[later]} is before {what} {row[earlier]} (element {earlier}); correct the dates")


def validate_row(row: dict[str, str]) -> None:
    """Every element's value against its allowed values, then the dates against each other."""
    if set(row) != set(HEADER):
        raise _Problem(sorted(set(row) ^ set(HEADER))[0], "the row does not match the element list")
    for element in ELEMENTS:
        _check_value(element, row[element.number])
    if row["200"] and row["200"] >= row["900"]:
        raise _Problem("200", f"the date of birth {row['200']} is not before the date of program entry {row['900']}")
    _not_before(row, "901", "900", "the date of program entry")
    _not_before(row, "1200", "900", "the date of program entry")
    _not_before(row, "1201", "1200", "the first individualized career service")
    _not_before(row, "1201", "900", "the date of program entry")
    for later in ("1201", "1004", "1001"):
        if row["901"] and row[later] and row[later] > row["901"]:
            raise _Problem(later, f"{row[later]} is after the date of program exit {row['901']}; correct the dates")
    if (row["1300"] == "1") != bool(row["1302"]):
        raise _Problem("1300", "received training and the date entered training #1 disagree")
    previous = "900"
    for entered, completed in TRAINING_SLOTS:
        if not row[entered]:
            if row[completed]:
                raise _Problem(completed, "has a date but the training has no date entered")
            continue
        _not_before(row, entered, previous, "the date of program entry" if previous == "900" else "the earlier training")
        _not_before(row, completed, entered, "the date entered training")
        previous = entered
    for (_, completed), (_, done) in zip(TRAINING_SLOTS, TRAINING_DETAIL):
        if row[done] == "1" and not row[completed]:
            raise _Problem(done, "says the training was completed but it has no date completed; record the actual end")


# -- the export -------------------------------------------------------------------------------

def pirl_rows(hub: Any) -> list[dict[str, str]]:
    """Validated rows, one per participant with a plan or a service received, in participant id order."""
    return [row for _, row in _report(hub, PirlFilter())[0]]


def _in_period(row: dict[str, str], wanted: PirlFilter) -> bool:
    entry, exit_on = _day(row["900"]), _day(row["901"])
    if wanted.end is not None and entry is not None and entry > wanted.end:
        return False
    return wanted.start is None or exit_on is None or exit_on >= wanted.start


def _report(hub: Any, wanted: PirlFilter) -> tuple[list[tuple[Participant, dict[str, str]]], list[LeftOut]]:
    """The rows for the people ``wanted`` asks for, with each of the others and the reason."""
    data = _load(hub)
    today = hub.clock.today()
    rows: list[tuple[Participant, dict[str, str]]] = []
    left_out: list[LeftOut] = []
    seen: dict[str, str] = {}
    for person in sorted(data.participants, key=lambda p: p.id):
        reason = _left_out_before_row(person, data, wanted)
        if reason is None:
            try:
                row = _row(person, data, today)
                if not _in_period(row, wanted):
                    reason = OUTSIDE_PERIOD
                else:
                    validate_row(row)
            except _Problem as problem:
                raise _refuse(person.id, problem.element, problem.message) from None
        if reason is not None:
            left_out.append(LeftOut(person.id, person.display_name, reason))
            continue
        if row["100"] in seen:
            raise _refuse(person.id, "100", f"the identifier {row['100']} is also derived for participant "
                                            f"{seen[row['100']]}; report both ids")
        seen[row["100"]] = person.id
        rows.append((person, row))
    return rows, left_out


def _left_out_before_row(person: Participant, data: _HubData, wanted: PirlFilter) -> str | None:
    if person.id not in data.reported:
        return NOT_REPORTED
    if wanted.board is not None and person.board != wanted.board:
        return OTHER_BOARD
    if wanted.state is not None:
        try:
            state = load_profile(person.board).state
        except ProfileError:
            state = ""
        if state.upper() != wanted.state:
            return OTHER_STATE
    return None


def pirl_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([row[number] for number in HEADER] for row in rows)
    return buffer.getvalue().encode("utf-8")


CROSSWALK_HEADER = ["100", "participant_id", "last_name", "first_name"]


def crosswalk_path(out: Path) -> Path:
    """Beside the CSV: pirl.csv -> pirl-crosswalk.csv."""
    return out.with_name(f"{out.stem}-crosswalk{out.suffix or '.csv'}")


def crosswalk_csv(rows: list[tuple[Participant, dict[str, str]]]) -> bytes:
    """Element 100 back to the office's participant id and name: for the office, never for the state."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CROSSWALK_HEADER)
    writer.writerows([row["100"], person.id, person.last_name, person.first_name] for person, row in rows)
    return buffer.getvalue().encode("utf-8")


def write_pirl(hub: Any, out: Path, wanted: PirlFilter | None = None, actor: str = "office") -> PirlResult:
    """The PIRL CSV for ``wanted``, and its crosswalk beside it (both 0600: the CSV holds dates of
    birth, the crosswalk names). Nothing is written unless every row is valid."""
    out = Path(out)
    wanted = wanted or PirlFilter()
    wanted.check()
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist; create it or choose another --out.")
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder; give a file name such as {out / 'pirl.csv'}.")
    crosswalk = crosswalk_path(out)
    if crosswalk.is_dir():
        raise InvalidInput(f"{crosswalk} is a folder; choose another --out.")
    rows, left_out = _report(hub, wanted)
    atomic_write_bytes(crosswalk, crosswalk_csv(rows), mode=0o600)  # names: personal data
    atomic_write_bytes(out, pirl_csv([row for _, row in rows]), mode=0o600)  # dates of birth: personal data
    with hub.engine.begin() as conn:  # who wrote personal data out of the hub, and when
        hub.ctx.audit(conn, actor, "hub.pirl_export", "report", str(uuid.uuid4()))
    return PirlResult(out, len(rows), list(HEADER), crosswalk, left_out)
