"""Case notes (append-only, R-C1) and plan reviews (R-V1, R-V2)."""

from __future__ import annotations

from datetime import date

from iep_desktop.domain import rules
from iep_desktop.domain.models import CaseNote, NextSteps, Participant, Plan, PlanStatus, Review, ReviewOutcome
from iep_desktop.errors import InvalidInput
from iep_desktop.services.snapshots import current_plan
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


def record_review(uow: UnitOfWork, plan_id: str, outcome: ReviewOutcome, *, reviewed_on: date | None = None,
                  story: str = "", figures: str = "", next_steps: NextSteps | None = None,
                  follow_up_on: date | None = None) -> Review:
    """R-V2: a review writes its case note ("IEP/ISS Review" or "IEP/ISS Review/Update")."""
    plan = uow.get(Plan, plan_id)
    day = reviewed_on or uow.clock.today()
    if day < plan.start_date:
        raise InvalidInput(f"The review date {day:%m/%d/%Y} is before the plan started; check the date (R-V1).")
    note = add_case_note(uow, CaseNote(
        participant_id=plan.participant_id, plan_id=plan.id, title=REVIEW_TITLES[outcome],
        story=story or (ON_TRACK if outcome is ReviewOutcome.NO_CHANGE else "The plan was reviewed and updated with the participant."),
        figures=figures, next_steps=next_steps or NextSteps(), follow_up_on=follow_up_on,
        written_at=uow.clock.now(),
    ))
    return uow.add(Review(plan_id=plan.id, reviewed_on=day, outcome=outcome, case_note_id=note.id,
                          reviewer=uow.actor))
