"""Case notes (append-only, R-C1) and plan reviews (R-V1, R-V2)."""

from __future__ import annotations

from datetime import date

from iep_desktop.clock import local_day
from iep_desktop.domain import rules
from iep_desktop.domain.models import (
    CaseNote, CaseNoteKind, MeetingKind, NextSteps, Participant, Plan, PlanStatus, Review, ReviewOutcome, Service,
    ServiceStatus,
)
from iep_desktop.domain.sign_state import signed_by_all
from iep_desktop.errors import InvalidInput
from iep_desktop.services.snapshots import current_plan, load_snapshot
from iep_desktop.store.uow import UnitOfWork

REVIEW_TITLES = {
    ReviewOutcome.NO_CHANGE: "IEP/ISS Review",
    ReviewOutcome.UPDATED: "IEP/ISS Review/Update",
}
ON_TRACK = ("The plan was reviewed with the participant. The participant is on track with the plan; "
            "no changes or updates are being made.")


def add_case_note(uow: UnitOfWork, note: CaseNote) -> CaseNote:
    """Saved notes are never edited or deleted: a correction is a new note pointing at the old."""
    uow.get(Participant, note.participant_id)
    if not note.story.strip():
        raise InvalidInput("Write what happened in the story before saving the note (R-C1).")
    if note.corrects_id is not None:
        corrected = uow.find_one(CaseNote, note.corrects_id)
        if corrected is None or corrected.participant_id != note.participant_id:
            raise InvalidInput("A correction must point at an earlier note of the same participant (R-C1).")
    stamped = note.model_copy(update={"written_at": uow.clock.now(), "author": note.author or uow.actor})
    return uow.add(stamped)


def case_notes(uow: UnitOfWork, participant_id: str) -> list[CaseNote]:
    """The participant's case notes, newest first (the case notes screen)."""
    uow.get(Participant, participant_id)
    notes = uow.list(CaseNote, participant_id=participant_id)
    # Same instant (a fixed clock): a correction still comes before the note it corrects.
    return sorted(notes, key=lambda n: (n.written_at, n.corrects_id is not None, n.id), reverse=True)


def write_case_note(uow: UnitOfWork, note: CaseNote) -> CaseNote:
    """A note the coach writes: refused while it lacks a part the board requires (R-C1),
    because once saved it can only be fixed by another note. It joins the open plan, if any."""
    person = uow.get(Participant, note.participant_id)
    missing = rules.missing_note_parts(note, uow.profiles.get(person.board))
    if missing:
        raise InvalidInput(f"Add the {rules.listing(missing)} before saving: this board asks every case "
                           f"note for them, and a saved note cannot be changed (R-C1).")
    if note.plan_id is None:
        plan = current_plan(uow, person.id)
        if plan is not None and plan.status is PlanStatus.OPEN:
            note = note.model_copy(update={"plan_id": plan.id})
    return add_case_note(uow, note)


def can_review(uow: UnitOfWork, plan_id: str) -> bool:
    """R-V1: a review can start for any open plan signed at least once (by participant and coach)."""
    plan = uow.get(Plan, plan_id)
    if plan.status is not PlanStatus.OPEN:
        return False
    snapshot = load_snapshot(uow, plan.participant_id, plan.id)
    return any(signed_by_all(v, snapshot.signatures) for v in snapshot.versions)


def record_review(uow: UnitOfWork, plan_id: str, outcome: ReviewOutcome, *, reviewed_on: date | None = None,
                  story: str = "", figures: str = "", next_steps: NextSteps | None = None,
                  follow_up_on: date | None = None, meeting_kind: MeetingKind | None = None) -> Review:
    """R-V2: a review writes its case note ("IEP/ISS Review" or "IEP/ISS Review/Update").

    The note is a review note: a board's incentive-note structure does not apply to it (R-C1),
    and it is checked against the board's rules before anything is saved, so a review never
    writes a note the app then rejects. An update opens the board's update service (R-V3,
    Rivers East 20A/41A); it closes when the plan is signed again."""
    plan = uow.get(Plan, plan_id)
    profile = uow.profiles.get(plan.board)
    day = reviewed_on or uow.clock.today()
    if plan.status is not PlanStatus.OPEN:
        raise InvalidInput("This plan is closed; a closed plan is not reviewed any more (R-V1).")
    if day < plan.start_date:
        raise InvalidInput(f"The review date {day:%m/%d/%Y} is before the plan started; check the date (R-V1).")
    if profile.updates.meeting_kinds and meeting_kind is None:
        kinds = rules.listing((k.label.lower() for k in profile.updates.meeting_kinds), "or")
        raise InvalidInput(f"Say how the review meeting was held: {kinds} (R-V3).")
    note = CaseNote(
        participant_id=plan.participant_id, plan_id=plan.id, title=REVIEW_TITLES[outcome],
        story=story or (ON_TRACK if outcome is ReviewOutcome.NO_CHANGE else "The plan was reviewed and updated with the participant."),
        figures=figures, next_steps=next_steps or NextSteps(), follow_up_on=follow_up_on,
        written_at=uow.clock.now(), note_kind=CaseNoteKind.REVIEW,
    )
    missing = rules.missing_note_parts(note, profile)
    if missing:
        raise InvalidInput(f"Add the {rules.listing(missing)} to the review note: this board asks every case "
                           f"note for them, and a saved note cannot be changed (R-C1).")
    previous = max((r.reviewed_on for r in uow.list(Review, plan_id=plan.id)), default=None)
    saved = add_case_note(uow, note)
    if outcome is ReviewOutcome.UPDATED:
        _open_update_service(uow, plan, day, previous)
    return uow.add(Review(plan_id=plan.id, reviewed_on=day, outcome=outcome, case_note_id=saved.id,
                          reviewer=uow.actor, meeting_kind=meeting_kind))


def _open_update_services(uow: UnitOfWork, plan: Plan) -> list[Service]:
    """The board's update services of this plan still open (at most one, normally)."""
    code = rules.update_service_code(uow.profiles.get(plan.board), plan)
    if code is None:
        return []
    return [s for s in uow.list(Service, participant_id=plan.participant_id)
            if s.code == code and s.actual_end is None and (s.actual_start or s.planned_start) >= plan.start_date]


def _open_update_service(uow: UnitOfWork, plan: Plan, day: date, previous_review: date | None) -> None:
    """Open the update service (R-V3). It is the participant's record of the update, like the
    prerequisite services, not part of the plan the participant signs (no plan_id): recording
    it never asks for another signature. When the update was signed already (the wizard signs,
    then records the review), it closes at once."""
    code = rules.update_service_code(uow.profiles.get(plan.board), plan)
    if code is None or _open_update_services(uow, plan):
        return  # no update service on this board, or one is open: it closes when signed again
    service = uow.add(Service(participant_id=plan.participant_id, code=code, planned_start=day,
                              planned_end=day, actual_start=day, status=ServiceStatus.IN_PROGRESS,
                              comments="Opened with the plan update; closes when the plan is signed again."),
                      "service.update_open")
    if _signed_again_since(uow, plan, previous_review or plan.start_date):
        _close(uow, service)


def _signed_again_since(uow: UnitOfWork, plan: Plan, since: date) -> bool:
    snapshot = load_snapshot(uow, plan.participant_id, plan.id)
    signed = [v for v in snapshot.versions if v.number > 1 and signed_by_all(v, snapshot.signatures)]
    latest = max(snapshot.versions, key=lambda v: v.number, default=None)
    return latest is not None and latest in signed and local_day(latest.created_at) >= since \
        and snapshot.current_digest == latest.digest


def _close(uow: UnitOfWork, service: Service) -> Service:
    today = uow.clock.today()
    return uow.update(service.model_copy(update={
        "actual_end": max(today, service.actual_start or today), "status": ServiceStatus.COMPLETED,
        "outcome": "Plan updated and signed again"}), "service.update_close")


def close_update_services(uow: UnitOfWork, plan_id: str) -> list[Service]:
    """R-V3 (Rivers East): the update service closes once the plan is updated and signed again."""
    return [_close(uow, s) for s in _open_update_services(uow, uow.get(Plan, plan_id))]
