"""Looking people up at the office: search, short ids, and the office's view of a plan.

The services the office console sits on; ``iep central participants``, ``iep central plan`` and
every command that takes a participant id call them.

Search matches what the laptop's search matches (store/search.py): every typed word must be the
start of a word of the participant's name (accents and case ignored), of their id, of their date
of birth (MM/DD/YYYY or YYYY-MM-DD) or their SSN last 4. The hub has no full-text index (it may be
PostgreSQL), so the few columns searched are read and matched here; an office holds thousands of
people, not millions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select

from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import HUB_RECORDS, device_participants, devices
from iep_desktop.domain.models import Participant, PlanSnapshot
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.services.snapshots import snapshots_on
from iep_desktop.store import search
from iep_desktop.store.uow import record_from_row

SHORT_ID = 8  # as on the laptop: the first 8 characters of an id will do
_ID_CHARACTERS = re.compile(r"[0-9a-f-]+")  # an id is a UUID: what else is typed names nobody
CANDIDATES_SHOWN = 5


def _words(text: str) -> list[str]:
    return [w for w in search._WORD.findall(search.fold(text.replace("/", " "))) if w]


def _matches(typed: list[str], participant: Participant) -> bool:
    terms = _words(search.terms_for(participant))
    return all(any(term.startswith(word) for term in terms) for word in typed)


def find_participants(ctx: HubContext, typed: str = "", *, limit: int = 200) -> list[Participant]:
    """The office's participants matching ``typed`` (all of them when it is empty), in name order."""
    if limit < 1:
        raise InvalidInput("--limit must be 1 or more.")
    table = HUB_RECORDS["participant"]
    words = _words(typed)
    with ctx.engine.connect() as conn:
        people = [record_from_row(Participant, r) for r in conn.execute(select(table))]
    found = [p for p in people if not words or _matches(words, p)]
    found.sort(key=lambda p: (search.sort_name(p), p.id))
    return found[:limit]


def resolve_participant_id(ctx: HubContext, typed: str) -> str:
    """The one participant id that starts with what was typed (at least 8 characters).

    An ambiguous prefix is refused with the full ids it could mean, so the person can pick one."""
    return resolve_on(ctx, typed, None)


def resolve_record_id(ctx: HubContext, kind: str, typed: str) -> str:
    """The one id of a ``kind`` record (a goal, a service...) that starts with what was typed, as
    a conflict lists it; refused with the candidates when ambiguous."""
    if kind not in HUB_RECORDS:
        raise InvalidInput(f"There are no {kind} records; a record is one of {', '.join(HUB_RECORDS)}.")
    return resolve_on(ctx, typed, None, kind=kind)


def resolve_on(ctx: HubContext, typed: str, conn: Connection | None, *, kind: str = "participant") -> str:
    table = HUB_RECORDS[kind]
    what = kind.replace("_", " ")
    typed = typed.strip().lower()
    if typed and not _ID_CHARACTERS.fullmatch(typed):
        raise InvalidInput(f"{typed!r} is not a {what} id: an id is made of the digits 0-9, the letters a-f and "
                           "dashes, such as 58f87641-0c2e-4b7d-9a51-3e8d2f6b1c90 (its first 8 characters will do). "
                           "Nothing was changed.")
    if len(typed) < SHORT_ID:
        raise InvalidInput(f"Give the {what} id (at least its first {SHORT_ID} characters), as "
                           + ("'iep central participants' lists it." if kind == "participant"
                              else "'iep central conflicts' or 'iep central plan --json' shows it."))
    # startswith, escaped: never LIKE with the typed text as the pattern (% and _ match anything).
    query = (select(table.c.id).where(table.c.id.startswith(typed, autoescape=True)).order_by(table.c.id)
             .limit(CANDIDATES_SHOWN + 1))
    if conn is None:
        with ctx.engine.connect() as own:
            ids = [str(i) for i in own.execute(query).scalars()]
    else:
        ids = [str(i) for i in conn.execute(query).scalars()]
    if not ids:
        raise NotFound(f"The office has no {what} whose id starts with {typed}; find it with "
                       + ("'iep central participants --search'." if kind == "participant"
                          else "'iep central plan PARTICIPANT --json'."))
    if len(ids) > 1:
        shown = ", ".join(ids[:CANDIDATES_SHOWN]) + (", ..." if len(ids) > CANDIDATES_SHOWN else "")
        raise InvalidInput(f"More than one {what} id starts with {typed}: {shown}. Type more of it; "
                           "nothing was changed.")
    return ids[0]


@dataclass(frozen=True)
class OfficePlan:
    """A participant's current plan as the office holds it, and the laptops that receive them."""
    snapshot: PlanSnapshot
    laptops: list[str]


def office_plan(ctx: HubContext, typed_id: str) -> OfficePlan:
    """The office's view of one participant's current plan (the open one, else the latest), as the
    laptop's 'iep plan' shows it. Case notes and counseling statements are not part of it."""
    participant_id = resolve_participant_id(ctx, typed_id)
    with ctx.engine.connect() as conn:
        snapshot = snapshots_on(conn, [participant_id], notes=False)[participant_id]
        laptops = sorted(str(n) for n in conn.execute(
            select(devices.c.name).join(device_participants, device_participants.c.device_id == devices.c.id)
            .where(device_participants.c.participant_id == participant_id, devices.c.revoked_at.is_(None))).scalars())
    return OfficePlan(snapshot, laptops)
