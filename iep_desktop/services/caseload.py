"""The coach's caseload: participants with their plan's status, a page at a time."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection

from iep_desktop.domain import rules
from iep_desktop.domain.models import Participant, PlanSnapshot, PlanStatus
from iep_desktop.domain.plan_content import plan_content
from iep_desktop.domain.sign_state import SignState, compute_sign_status, signed_by_all, tampered_lines
from iep_desktop.profiles import SHIPPED, ProfileCatalogue
from iep_desktop.services.participants import search_participants
from iep_desktop.services.snapshots import load_snapshots
from iep_desktop.store.audit import current_head
from iep_desktop.store.uow import UnitOfWork


class CaseStatus(StrEnum):
    NO_PLAN = "no plan"
    DRAFT = "draft"
    AWAITING_SIGNATURE = "awaiting signature"
    SIGNED = "signed"
    TAMPERED = "tampered"  # a signed version was changed in the store (issue 14, finding 7)
    REVIEW_DUE = "review due"
    REVIEW_OVERDUE = "review overdue"
    CLOSED = "closed"


@dataclass(frozen=True)
class CaseloadRow:
    participant: Participant
    plan_id: str | None
    status: CaseStatus | None  # None: not worked out yet (see caseload_people)
    review_due_on: date | None
    signed_once: bool = False  # R-V1: a review can start for an open plan signed at least once
    closed_on: date | None = None  # the closed date of a plan closed at exit (R-V4)

    @property
    def reviewable(self) -> bool:
        return self.status not in (None, CaseStatus.NO_PLAN, CaseStatus.CLOSED) and self.signed_once


NOT_NEEDED = "not worked out: no version is signed"  # never a digest (not 64 hex digits)


class _ContentNotRead(Exception):
    """The status of a snapshot read without the plan's content (see case_statuses) needs it."""


def _content_not_read() -> dict[str, Any]:
    raise _ContentNotRead()


def case_status(snapshot: PlanSnapshot, today: date, profiles: ProfileCatalogue = SHIPPED, *,
                content: Callable[[], dict[str, Any]] | None = None) -> tuple[CaseStatus, date | None]:
    """The plan's status as the caseload shows it. A review due or overdue shows whatever the
    signing state (R-V1: a plan never fully signed still has its quarterly review).

    ``content`` builds the plan's content when the status needs it (default: from the snapshot);
    it is called only for a plan with a version signed by everyone that is not tampered with,
    closed or overdue, the one case where what the plan says now decides the status."""
    plan = snapshot.plan
    if plan is None:
        return CaseStatus.NO_PLAN, None
    if tampered_lines(snapshot.versions, snapshot.signatures):
        return CaseStatus.TAMPERED, None  # before anything else: no "signed" or "closed" hides it
    if plan.status is PlanStatus.CLOSED:
        return CaseStatus.CLOSED, None
    profile = profiles.get(plan.board)
    due_on = rules.review_due_on(snapshot, profile)
    review = rules.review_state(snapshot, profile, today)  # R-V1
    if review == "overdue":
        return CaseStatus.REVIEW_OVERDUE, due_on
    digest = snapshot.current_digest
    if digest is None and not any(signed_by_all(v, snapshot.signatures) for v in snapshot.versions):
        # No version signed by everyone: draft, or awaiting signature, whatever the content says
        # now (the content decides only whether a signed version still matches it), so the
        # content is not built and hashed for it.
        digest = NOT_NEEDED
    sign = compute_sign_status(snapshot.versions, snapshot.signatures, content or (lambda: plan_content(snapshot)),
                               profile, digest=digest).state
    if review == "due" and sign is SignState.SIGNED:
        return CaseStatus.REVIEW_DUE, due_on
    if sign is not SignState.SIGNED:
        return CaseStatus(sign.value), due_on
    return CaseStatus.SIGNED, due_on


def _row(snapshot: PlanSnapshot, today: date, profiles: ProfileCatalogue, *,
         content: Callable[[], dict[str, Any]] | None = None) -> CaseloadRow:
    status, due_on = case_status(snapshot, today, profiles, content=content)
    plan = snapshot.plan
    signed_once = any(signed_by_all(v, snapshot.signatures) for v in snapshot.versions)
    return CaseloadRow(snapshot.participant, plan.id if plan else None, status, due_on, signed_once,
                       plan.closed_date if plan is not None and plan.status is PlanStatus.CLOSED else None)


def caseload(uow: UnitOfWork, typed: str = "", *, today: date | None = None, limit: int = 200,
             statuses: set[CaseStatus] | None = None, offset: int = 0) -> list[CaseloadRow]:
    return caseload_page(uow, typed, today=today, limit=limit, statuses=statuses, offset=offset)[0]


def caseload_page(uow: UnitOfWork, typed: str = "", *, today: date | None = None, limit: int = 50,
                  statuses: set[CaseStatus] | None = None, offset: int = 0) -> tuple[list[CaseloadRow], bool]:
    """One page of the caseload (``limit`` people from ``offset``, then the status filter), and
    whether there may be more people after it (the page was full)."""
    people = search_participants(uow, typed, limit=limit, offset=offset)
    snapshots = load_snapshots(uow, [p.id for p in people])
    rows = []
    for person in people:
        row = _row(snapshots[person.id], today or uow.clock.today(), uow.profiles)
        if statuses is None or row.status in statuses:
            rows.append(row)
    return rows, len(people) == limit


def caseload_people(uow: UnitOfWork, typed: str = "", *, limit: int = 50,
                    offset: int = 0) -> tuple[list[CaseloadRow], bool]:
    """The page of people alone, status not yet known: what search as you type shows first,
    because working out plan statuses reads every plan of the page (see case_statuses)."""
    people = search_participants(uow, typed, limit=limit, offset=offset)
    return [CaseloadRow(person, None, None, None) for person in people], len(people) == limit


class _StatusCache:
    """Statuses already worked out, each valid for exactly one state of the store.

    The key holds the audit chain's head (store/audit.py): every change the app makes to any
    record moves it in the same transaction, and it is read in the same transaction as the
    statuses, so a status is reused only while nothing at all has changed since it was worked
    out; a "signed" can never outlive an edit (R-V3). An edit made outside the app (the file
    opened with the key in another program, which is how a stored version gets tampered with)
    moves no head, but it is a commit by another connection: SQLite's ``PRAGMA data_version``
    changes for every other connection to the file when one commits, so each of our connections
    remembers the value it saw last, and any change (or a connection seen for the first time)
    starts a new *epoch*, which is part of the key too. A tampered version therefore reads
    "Tampered" on the next read, in the same session (issue 17). The price is that the app's own
    commits on another of its pooled connections start an epoch as well (a save on one, a search
    on the other): only reuse is lost, never a status made wrong.

    The key also holds the store's profile catalogue (the object itself: a catalogue with newly
    published profiles is another key) and the day (a review falls due at midnight). Search as
    you type writes nothing, so the people seen on one keystroke cost nothing on the next.

    Why statuses are not stored in the file instead (one per plan version, kept with it): most
    keystrokes at 100,000 people show someone seen for the first time, so a stored status would
    have to be there already for everyone (a migration working out 100,000 statuses, minutes),
    every save would have to update it in its own transaction, and a status row edited outside
    the app would read "Signed" as readily as a version edited outside it; checking it would
    mean reading what it summarises. A status worked out costs a cold read of the plans,
    reviews, versions and signatures of the page (and the content of the plans signed by
    everyone, about a third), about 20 ms for 50 people at 100,000; a reused one costs nothing."""

    KEPT = 2000  # rows, a few dozen pages
    _SEEN = "iep_status_data_version"  # in the pooled DBAPI connection's info: what it saw last

    def __init__(self) -> None:
        self._rows: OrderedDict[tuple[str, int, ProfileCatalogue, date, str], CaseloadRow] = OrderedDict()
        self._lock = threading.Lock()
        self._epoch = 0

    def epoch(self, conn: Connection) -> int:
        """The epoch this read transaction is in (see above); call it inside the transaction, after
        its first read, so the value names the snapshot the statuses are read from."""
        version = conn.exec_driver_sql("PRAGMA data_version").scalar_one()
        with self._lock:
            if conn.info.get(self._SEEN) != version:
                self._epoch += 1
                conn.info[self._SEEN] = version
            return self._epoch

    def get(self, key: tuple[str, int, ProfileCatalogue, date, str]) -> CaseloadRow | None:
        with self._lock:
            row = self._rows.get(key)
            if row is not None:
                self._rows.move_to_end(key)
            return row

    def put(self, key: tuple[str, int, ProfileCatalogue, date, str], row: CaseloadRow) -> None:
        with self._lock:
            self._rows[key] = row
            while len(self._rows) > self.KEPT:
                self._rows.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


_STATUSES = _StatusCache()


def case_statuses(uow: UnitOfWork, participant_ids: list[str], *,
                  today: date | None = None) -> dict[str, CaseloadRow]:
    """The rows of these people with their plan status worked out (or reused, see _StatusCache)."""
    day = today or uow.clock.today()
    head = current_head(uow.c)
    epoch = _STATUSES.epoch(uow.c)
    profiles = uow.profiles
    rows: dict[str, CaseloadRow] = {}
    missing: list[str] = []
    for pid in participant_ids:
        cached = _STATUSES.get((head, epoch, profiles, day, pid)) if head is not None else None
        if cached is None:
            missing.append(pid)
        else:
            rows[pid] = cached
    # A status reads no notes and no signature ink (neither decides it). First what decides
    # most statuses (plans, reviews, versions, signatures); the plan's content, five more tables,
    # only for the plans whose status turns out to depend on it (see case_status), about a third.
    worked_out: dict[str, CaseloadRow] = {}
    needs_content: list[str] = []
    if missing:
        for pid, snapshot in load_snapshots(uow, missing, notes=False, ink=False, content=False).items():
            try:
                worked_out[pid] = _row(snapshot, day, profiles, content=_content_not_read)
            except _ContentNotRead:
                needs_content.append(pid)
    if needs_content:
        for pid, snapshot in load_snapshots(uow, needs_content, notes=False, ink=False, digest=False).items():
            worked_out[pid] = _row(snapshot, day, profiles)
    for pid, row in worked_out.items():
        rows[pid] = row
        if head is not None:
            _STATUSES.put((head, epoch, profiles, day, pid), row)
    return {pid: rows[pid] for pid in participant_ids if pid in rows}


__all__ = ["CaseStatus", "CaseloadRow", "case_status", "case_statuses", "caseload", "caseload_page",
           "caseload_people"]
