"""The coach's own name, asked once per store and remembered in it (issue 13, finding 8).

"Career coach" on a new plan was pre-filled with the operating-system login ("root") and
forgot the name typed last time. The name a coach gives is store data: it is kept in the
encrypted store's settings (``store_meta``), so it follows the store to another laptop and
is never written anywhere in plain text. It is a setting of this store, not a record: it is
not synced and has no audit event (the plans that carry the name have theirs).
"""

from __future__ import annotations

from iep_desktop.errors import InvalidInput
from iep_desktop.store.uow import UnitOfWork

COACH_NAME_KEY = "setting.coach_name"
MAX_LENGTH = 200


def coach_name(uow: UnitOfWork) -> str:
    """The name this store's coach gave last time; empty if none was given yet."""
    return (uow.meta(COACH_NAME_KEY) or "").strip()


def remember_coach_name(uow: UnitOfWork, name: str) -> str:
    """Keep ``name`` as this store's coach name (offered on the next plan); returns it, tidied."""
    tidy = " ".join(name.split())
    if not tidy:
        raise InvalidInput("Type the career coach's name (your name as it goes on the plan).")
    if len(tidy) > MAX_LENGTH:
        raise InvalidInput(f"The career coach's name is longer than {MAX_LENGTH} characters; shorten it.")
    if tidy != coach_name(uow):
        uow.set_meta(COACH_NAME_KEY, tidy)
    return tidy
