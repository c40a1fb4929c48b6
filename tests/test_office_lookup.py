"""The office's look-up services (central/lookup.py) on the embedded hub and on PostgreSQL:
search as the laptop searches, short ids with the candidates named when ambiguous, the plan view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iep_desktop.central.hub import Hub
from iep_desktop.central.lookup import find_participants, office_plan, resolve_participant_id
from iep_desktop.domain.models import Participant, Plan, Program
from iep_desktop.errors import InvalidInput, NotFound
from tests.conftest import TODAY
from tests.test_sync import hub, laptop_store, sync  # noqa: F401 - hub is a fixture (embedded, postgresql)

TWINS = ("abcdef12-0000-4000-8000-000000000001", "abcdef12-0000-4000-8000-000000000002")


def test_search_short_ids_and_the_plan_view_at_the_office(tmp_path: Path, hub: Hub, clock) -> None:
    store = laptop_store(tmp_path, hub, "laptop-a", clock)
    with store.unit_of_work("coach") as uow:
        first = uow.add(Participant(id=TWINS[0], first_name="Thanh", last_name="Nguyễn", program=Program.ADULT,
                                    board="default", date_of_birth=date(1991, 7, 4), ssn_last4="4821"))
        uow.add(Participant(id=TWINS[1], first_name="Óscar", last_name="Ibáñez", program=Program.YOUTH,
                            board="default", date_of_birth=date(2006, 1, 9), ssn_last4="0917"))
        uow.add(Plan(participant_id=first.id, program=Program.ADULT, board="default", region="R",
                     office="North Office", start_date=TODAY))
    sync(store, hub, "laptop-a", tmp_path)

    def found(typed: str) -> list[str]:
        return [p.id for p in find_participants(hub.ctx, typed)]

    assert found("") == [TWINS[1], TWINS[0]]          # name order: Ibáñez, Nguyễn
    assert found("nguyen") == [TWINS[0]] == found("NGUY") == found("07/04/1991") == found("4821")
    assert found("oscar iba") == [TWINS[1]] == found("2006-01-09")
    assert found("thanh 0917") == []                  # every word must match the same person
    assert [p.id for p in find_participants(hub.ctx, "", limit=1)] == [TWINS[1]]

    with pytest.raises(InvalidInput) as ambiguous:
        resolve_participant_id(hub.ctx, "abcdef12")
    assert TWINS[0] in ambiguous.value.message and TWINS[1] in ambiguous.value.message
    assert resolve_participant_id(hub.ctx, "ABCDEF12-0000-4000-8000-000000000001") == TWINS[0]  # case ignored
    assert resolve_participant_id(hub.ctx, f" {TWINS[1]} ") == TWINS[1]
    with pytest.raises(NotFound):
        resolve_participant_id(hub.ctx, "99999999")
    with pytest.raises(InvalidInput, match="More than one participant id starts with abcdef12"):
        hub.share("laptop-a", "abcdef12", "office")   # the share list is not touched by a guess

    view = office_plan(hub.ctx, TWINS[0])
    assert view.snapshot.participant.last_name == "Nguyễn" and view.snapshot.plan is not None
    assert view.snapshot.plan.office == "North Office" and view.laptops == ["laptop-a"]
    assert office_plan(hub.ctx, TWINS[1]).snapshot.plan is None
    store.close()
