"""What every wizard page needs: the app session (the open store, who is working), whose plan, the board.

The session's store is replaced after an auto-lock and unlock, so nothing here keeps a unit of
work or a connection: every read and write is one service call through the session (``run``),
which opens and commits its own unit of work. While the store is locked the session refuses
with ``StoreLocked`` and the pages keep what was typed until the store is back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from iep_desktop.domain import rules
from iep_desktop.domain.findings import Finding
from iep_desktop.domain.models import MeetingKind, Participant, Plan, PlanSnapshot, PlanStatus, Record
from iep_desktop.app_session import AppSession, UnitOfWork
from iep_desktop.errors import IepError, StoreLocked
from iep_desktop.profiles.schema import BoardProfile
from iep_desktop.services import plans, snapshots
from ui.operations import Reports, report_failure

T = TypeVar("T")

# Which PlanSnapshot list holds records of each kind (for checking a record before it is saved).
_SNAPSHOT_LISTS = {
    "assessment": "assessments", "barrier": "barriers", "goal": "goals",
    "objective": "objectives", "service": "services",
}


__all__ = ["Reports", "StoreLocked", "WizardContext"]


class WizardContext:
    def __init__(self, session: AppSession, participant_id: str, today: date | None,
                 review: bool = False) -> None:
        self.session = session
        self.participant_id = participant_id
        self.review = review
        self.meeting_kind: MeetingKind | None = None  # how the review meeting was held (R-V3)
        self.today: date = today or session.clock.today()
        self._plan_id: str | None = None
        self._snapshot: PlanSnapshot | None = None
        self.refresh()

    # -- reading and writing ------------------------------------------------------------------
    @property
    def actor(self) -> str:
        return self.session.actor

    def run(self, action: Callable[[UnitOfWork], T]) -> T:
        """One service call in its own unit of work: committed if ``action`` returns, rolled back
        if it raises (``StoreLocked`` while the store is locked)."""
        return self.session.write(action)

    def attempt(self, action: Callable[[UnitOfWork], T], message: Reports) -> tuple[bool, T | None]:
        """``run``, telling a failure on ``message`` instead of raising it: a locked store as a
        warning (what was typed is kept and saved after unlock), any other error as an error."""
        try:
            return True, self.run(action)
        except IepError as exc:
            report_failure(exc, message)
        return False, None

    def refresh(self) -> PlanSnapshot:
        """Re-read the participant's open plan (or none) with everything the rules need."""
        snapshot = self.session.read(lambda uow: snapshots.load_snapshot(uow, self.participant_id,
                                                                         self._plan_id))
        if snapshot.plan is not None and snapshot.plan.status is not PlanStatus.OPEN:
            # A closed plan is history: this wizard builds the next one.
            snapshot = PlanSnapshot(
                participant=snapshot.participant, other_plans=[*snapshot.other_plans, snapshot.plan],
                assessments=snapshot.assessments, counseling_statements=snapshot.counseling_statements,
                services=[s for s in snapshot.services if s.plan_id is None],
                case_notes=snapshot.case_notes)
        if snapshot.plan is not None:
            self._plan_id = snapshot.plan.id
        self._snapshot = snapshot
        return snapshot

    @property
    def snapshot(self) -> PlanSnapshot:
        assert self._snapshot is not None
        return self._snapshot

    @property
    def participant(self) -> Participant:
        return self.snapshot.participant

    @property
    def plan(self) -> Plan | None:
        return self.snapshot.plan

    @property
    def profile(self) -> BoardProfile:
        return self.session.profiles.get(self.participant.board)

    @property
    def kind(self) -> str:
        """IEP or ISS."""
        return self.participant.program.plan_kind.value

    def findings(self) -> list[Finding]:
        """Every rule finding for the plan as stored now."""
        plan_id = self._plan_id
        return self.session.read(lambda uow: plans.plan_findings(uow, self.participant_id, plan_id, self.today))

    def check(self, record: Record, rule_ids: Iterable[str]) -> list[Finding]:
        """What the named rules say about ``record`` as typed, before (or without) saving it.

        The record replaces its stored version in the last snapshot read; only findings about
        this record are returned. Pure: nothing is read or written.
        """
        snapshot = self.snapshot
        if snapshot.plan is None:
            return []
        if record.kind == "plan":
            trial = snapshot.model_copy(update={"plan": record})
        else:
            field = _SNAPSHOT_LISTS[record.kind]
            others = [r for r in getattr(snapshot, field) if r.id != record.id]
            trial = snapshot.model_copy(update={field: [*others, record]})
        found = [f for rule_id in rule_ids for f in rules.RULES[rule_id](trial, self.profile, self.today)]
        return [f for f in found if f.record_id == record.id]
