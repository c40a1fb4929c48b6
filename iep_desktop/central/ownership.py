"""Who may change what at the hub: a laptop changes only the participants it created, or was
given with 'iep central share'. Issue 14, finding 2.

Which participant a change is about is read from the office's copy of the record when the office
has it, and from the change itself: a bundle can neither move a record to another participant by
naming one nor create one under another's. A record linked to a plan belongs to that plan's
participant. A laptop is never given a participant because a bundle names it.

A record the office does not hold because its first change was kept apart stays apart: a later
change to it, or a record linked to it (a goal on a refused plan), is kept apart with it, for the
same participant, in this bundle or a later one. Such a change names no participant of its own
(an edit carries only the fields it changes), so it was once taken as touching no one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from iep_desktop.central.bulk import insert_columns, select_in
from iep_desktop.central.tables import HUB_RECORDS, device_participants, refused_changes
from iep_desktop.sync.payload import ReceivedChange

_LINKS = ("participant_id", "plan_id")


class Ownership:
    """The participants one laptop may change, and which participant each change touches."""

    def __init__(self, conn: Connection, device_id: str, changes: list[ReceivedChange],
                 named: dict[str, set[str]]) -> None:
        """``named``: the record ids the changes name, by kind (``records_named(changes)``)."""
        self.allowed: set[str] = set(conn.execute(
            select(device_participants.c.participant_id).where(device_participants.c.device_id == device_id)).scalars())
        self._initial = frozenset(self.allowed)
        self.created: list[str] = []  # participants this bundle creates: they become this laptop's
        self._links: dict[tuple[str, str], dict[str, Any]] = {}
        # The records of every kind but participant that the office holds already, by kind: read
        # here anyway, so the ingest need not read them again (issue 17).
        self.found: dict[str, set[str]] = {}
        plan_ids: set[str] = set()
        for kind, ids in named.items():
            if kind == "participant":
                continue
            table = HUB_RECORDS[kind]
            columns = [table.c.id, *(table.c[name] for name in _LINKS if name in table.c)]
            found = self.found[kind] = set()
            for values in select_in(conn, columns, table.c.id, sorted(ids)):
                row = dict(zip((c.name for c in columns), values, strict=True))
                self._links[(kind, row["id"])] = row
                found.add(row["id"])
                plan_ids.add(row["id"] if kind == "plan" else row.get("plan_id") or "")
        plan_ids |= {c.fields["plan_id"] for c in changes if isinstance(c.fields.get("plan_id"), str)}
        plans = HUB_RECORDS["plan"]
        self._plan_participant: dict[str, str] = {}
        self._plan_participant.update(
            select_in(conn, [plans.c.id, plans.c.participant_id], plans.c.id, sorted(plan_ids - {""})))
        # The records whose first change from this laptop was kept apart, and whose they are.
        self._kept_apart: dict[tuple[str, str], str] = {
            (kind, record_id): person for kind, record_id, person in conn.execute(
                select(refused_changes.c.record_kind, refused_changes.c.record_id, refused_changes.c.participant_id)
                .where(refused_changes.c.device_id == device_id)) if person}

    def participants_of(self, change: ReceivedChange) -> set[str]:
        """Every participant whose records this change would touch: those of the office's copy of
        the record, and those the change links it to (a change that sets a record's
        participant_id or plan_id moves it to another participant's records)."""
        if change.record_kind == "participant":
            return {change.record_id}
        held = self._links.get((change.record_kind, change.record_id))
        found: set[str] = set()
        for links in (change.fields,) if held is None else (held, change.fields):
            person = links.get("participant_id")
            if isinstance(person, str):
                found.add(person)
            plan = change.record_id if change.record_kind == "plan" else links.get("plan_id")
            if isinstance(plan, str) and plan in self._plan_participant:
                found.add(self._plan_participant[plan])
        return found

    def refusal(self, change: ReceivedChange, *, new_record: bool) -> tuple[str, str] | None:
        """(participant, reason) when this laptop may not make this change; None when it may."""
        if change.record_kind == "participant" and new_record:
            return None  # a laptop may create a participant (it becomes its own)
        apart = self._apart_with(change, new_record=new_record)
        if apart is not None:
            return apart, (f"a change to a record of participant {apart[:8]} that the office does not hold because "
                           "an earlier change from this laptop was kept apart (see 'iep central refused'); kept "
                           "apart with it, the rest of the bundle applied")
        touched = self.participants_of(change)
        if touched <= self.allowed:  # the usual case, checked at once
            return None
        for person in sorted(touched):
            if person not in self.allowed:
                return person, (f"a change to the records of participant {person[:8]}, whom this laptop neither "
                                "created nor was given with 'iep central share'; kept apart for the office to "
                                "review, the rest of the bundle applied")
        return None

    def _apart_with(self, change: ReceivedChange, *, new_record: bool) -> str | None:
        """The participant of a kept-apart record this change is to (or links to), if any: only a
        record the office does not hold, for a held one is judged as it is held."""
        if new_record and (change.record_kind, change.record_id) in self._kept_apart:
            return self._kept_apart[(change.record_kind, change.record_id)]
        held = self._links.get((change.record_kind, change.record_id))
        for links in (change.fields,) if held is None else (held, change.fields):
            plan = links.get("plan_id")
            if isinstance(plan, str) and plan not in self._plan_participant and ("plan", plan) in self._kept_apart:
                return self._kept_apart[("plan", plan)]
        return None

    def note_refused(self, change: ReceivedChange, person: str, *, new_record: bool) -> None:
        """A change kept apart: a record it would have created stays apart, with what links to it."""
        if new_record and person:
            self._kept_apart.setdefault((change.record_kind, change.record_id), person)

    def note_applied(self, change: ReceivedChange, *, new_record: bool) -> None:
        """Keep track of what this bundle creates, for the changes after it."""
        if change.record_kind == "participant" and new_record:
            self.created.append(change.record_id)
            self.allowed.add(change.record_id)
        elif change.record_kind == "plan" and new_record and isinstance(change.fields.get("participant_id"), str):
            self._plan_participant[change.record_id] = change.fields["participant_id"]


    def grant(self, conn: Connection, device_id: str) -> None:
        """The participants this bundle created become the laptop's own (it receives them in returns)."""
        new = sorted(set(self.created) - self._initial)
        if new:  # in bulk (bulk.insert_columns): a laptop's first bundle creates thousands
            insert_columns(conn, device_participants, ["device_id", "participant_id"], [[device_id] * len(new), new])


def records_named(changes: list[ReceivedChange]) -> dict[str, set[str]]:
    """The ids of the records the changes are about, by record kind."""
    named: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        named[change.record_kind].add(change.record_id)
    return named


def plan_version_owner(conn: Connection, version_id: str) -> str | None:
    """The participant a plan version belongs to, as the office holds it."""
    versions, plans = HUB_RECORDS["plan_version"], HUB_RECORDS["plan"]
    row = conn.execute(select(plans.c.participant_id).select_from(versions.join(plans, plans.c.id == versions.c.plan_id))
                       .where(versions.c.id == version_id)).scalar()
    return None if row is None else str(row)
