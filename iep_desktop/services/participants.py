"""Participants: create, edit, search."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select

from iep_desktop.domain.models import Participant
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.store import search
from iep_desktop.store.tables import RECORD_TABLES
from iep_desktop.store.uow import UnitOfWork, record_from_row


def create_participant(uow: UnitOfWork, participant: Participant) -> Participant:
    uow.profiles.get(participant.board)  # an unknown board is refused before anything is written
    return uow.add(participant.model_copy(update={"created_at": uow.clock.now()}))


def update_participant(uow: UnitOfWork, participant: Participant) -> Participant:
    uow.profiles.get(participant.board)
    return uow.update(participant)


def get_participant(uow: UnitOfWork, participant_id: str) -> Participant:
    return uow.get(Participant, participant_id)


_PARTICIPANTS = RECORD_TABLES["participant"]
# Built once, the page's ids bound as an expanding list: building the statement again on every
# keystroke cost as much as reading the 50 rows.
_BY_IDS = select(_PARTICIPANTS).where(_PARTICIPANTS.c.id.in_(bindparam("ids", expanding=True)))


def search_participants(uow: UnitOfWork, typed: str = "", limit: int = 200, offset: int = 0) -> list[Participant]:
    """Search as you type over name, id, date of birth and SSN last 4; empty text lists all.

    In name order (last, first), ``limit`` rows from ``offset``: the list reads a page at a time.
    A very broad prefix orders only the newest ``search.CANDIDATES`` matches (see store/search.py).
    """
    table = RECORD_TABLES["participant"]
    if typed.strip():
        ids = search.search_ids(uow.c, typed, limit, offset)
        if not ids:
            return []
        result = uow.c.execute(_BY_IDS, {"ids": ids})
        names = list(result.keys())  # once per page, not per row
        found = {p.id: p for p in (Participant.model_validate(dict(zip(names, r, strict=True))) for r in result)}
        return [found[i] for i in ids if i in found]
    rows = uow.c.execute(select(table).order_by(table.c.last_name, table.c.first_name, table.c.id)
                         .limit(limit).offset(max(0, offset)))
    return [record_from_row(Participant, r) for r in rows]


def count_participants(uow: UnitOfWork) -> int:
    return uow.c.execute(select(func.count()).select_from(RECORD_TABLES["participant"])).scalar_one()


def edit_participant_fields(uow: UnitOfWork, participant_id: str, values: dict[str, str | None]) -> Participant:
    """A coach's (or IT's) edit of named fields, saved like an edit on screen: validated, logged
    as a change for the office, audited. Refused whole, with nothing changed, if a value is bad."""
    from pydantic import ValidationError

    from iep_desktop.errors import InvalidInput

    current = uow.get(Participant, participant_id)
    unknown = sorted(set(values) - set(Participant.model_fields) | (set(values) & {"id", "version"}))
    if unknown:
        raise InvalidInput(f"A participant has no field {unknown[0]} that can be edited; nothing was changed.")
    try:
        edited = Participant.model_validate({**current.model_dump(mode="json"), **values})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInput(f"The {'.'.join(map(str, first['loc']))} is not valid ({first['msg']}); "
                           "nothing was changed.") from None
    return update_participant(uow, edited)


def resolve_participant_id(uow: UnitOfWork, typed: str) -> str:
    """The participant id that starts with what was typed (at least 8 characters, and only one)."""
    table = RECORD_TABLES["participant"]
    typed = typed.strip().lower()
    if len(typed) < 8:
        raise InvalidInput("Give the participant id (at least its first 8 characters), as 'iep participants' lists it.")
    # startswith, escaped: % and _ typed are characters, never LIKE's wildcards.
    ids = uow.c.execute(select(table.c.id).where(table.c.id.startswith(typed, autoescape=True))
                        .limit(2)).scalars().all()
    if not ids:
        raise NotFound(f"No participant has an id starting with {typed}; find it with 'iep participants --search'.")
    if len(ids) > 1:
        raise InvalidInput(f"More than one participant id starts with {typed}; type more of it.")
    return str(ids[0])
