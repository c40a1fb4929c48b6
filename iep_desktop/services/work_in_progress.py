"""Where the coach is in an open plan, kept inside the encrypted store (issue 4: never lose typing).

The plan wizard writes, as the coach works, which page is open, which record is in its form and
the text of a form not complete enough to save as a record yet. A clean close forgets it. What
is still here when the store is next opened was left by a crash, a kill or a power cut: the app
reopens those plans where the coach was and puts the unsaved text back. It lives in the store's
meta table, encrypted like everything else; it is never synced, audited or written elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from iep_desktop.store.uow import UnitOfWork

KEY = "ui.open_plans"


@dataclass(frozen=True)
class OpenPlan:
    participant_id: str
    page: str  # the wizard page's name, e.g. "goals"
    record_id: str | None = None  # the record in the page's form, if it was saved
    draft: dict[str, str] = field(default_factory=dict)  # unsaved form text, by field name
    review: bool = False


def _all(uow: UnitOfWork) -> dict[str, dict[str, object]]:
    try:
        found = json.loads(uow.meta(KEY, "{}") or "{}")
    except ValueError:
        return {}  # never let a damaged note of where we were block opening the store
    return found if isinstance(found, dict) else {}


def remember_open_plan(uow: UnitOfWork, where: OpenPlan) -> None:
    everything = _all(uow)
    everything[where.participant_id] = {"page": where.page, "record_id": where.record_id,
                                        "draft": dict(where.draft), "review": where.review}
    uow.set_meta(KEY, json.dumps(everything, sort_keys=True))


def forget_open_plan(uow: UnitOfWork, participant_id: str) -> None:
    everything = _all(uow)
    if everything.pop(participant_id, None) is not None:
        uow.set_meta(KEY, json.dumps(everything, sort_keys=True))


def open_plans_left_behind(uow: UnitOfWork) -> list[OpenPlan]:
    """Plans whose wizard did not close cleanly last time."""
    left = []
    for participant_id, where in _all(uow).items():
        if not isinstance(where, dict):
            continue
        draft = where.get("draft") or {}
        left.append(OpenPlan(
            participant_id=participant_id, page=str(where.get("page") or ""),
            record_id=str(where["record_id"]) if where.get("record_id") else None,
            draft={str(k): str(v) for k, v in draft.items()} if isinstance(draft, dict) else {},
            review=bool(where.get("review", False))))
    return left


def plans_to_reopen(uow: UnitOfWork) -> list[tuple[OpenPlan, str]]:
    """Plans left behind with the name of their participant; a participant no longer in the store
    is forgotten (nothing to reopen)."""
    from iep_desktop.domain.models import Participant

    found = []
    for where in open_plans_left_behind(uow):
        person = uow.find_one(Participant, where.participant_id)
        if person is None:
            forget_open_plan(uow, where.participant_id)
        else:
            found.append((where, person.display_name))
    return found
