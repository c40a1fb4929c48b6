"""The office gets the plan's life (issue 12): new fields and states travel in bundles under
schema revision 0005, bundles from the earlier app (0003) still read, and the office's edits of
the new fields merge field by field with the laptop's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import Outcome, Plan, Service, ServiceStatus
from iep_desktop.services import plan_items, plan_life
from iep_desktop.services.plan_life import Delivery
from iep_desktop.store import migrate
from iep_desktop.store.tables import changes
from iep_desktop.sync import laptop
from tests.conftest import TODAY
from tests.test_sync import OFFICE_PASS, cheap_kdf, edit, laptop_store, local, new_plan, sync

LATER_SERVICE_FIELDS = ("status", "outcome", "not_completed_reason")


@pytest.fixture(params=["embedded", "postgresql"])
def hub(request: pytest.FixtureRequest, tmp_path: Path, clock) -> Hub:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with Hub.init(tmp_path / "office", OFFICE_PASS, url=url, clock=clock, kdf=cheap_kdf()) as made:
        yield made


def _service(store, person, plan) -> Service:
    with store.unit_of_work("coach") as uow:
        return plan_items.add_service(uow, Service(
            participant_id=person.id, plan_id=plan.id, code="212", provider="AJC",
            planned_start=TODAY - timedelta(days=10), planned_end=TODAY + timedelta(days=10)))


def test_statuses_outcomes_closings_and_exit_reach_the_office(tmp_path: Path, hub: Hub, clock) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, plan, _goal, objective = new_plan(a, "coach-a")
    service = _service(a, person, plan)
    with a.unit_of_work("coach-a") as uow:
        plan_items.add_objective(uow, objective.model_copy(update={"id": "second-objective", "version": 0,
                                                                   "title": "Develop / Revise Resume"}))
        plan_life.record_delivery(uow, service.id, Delivery(
            status=ServiceStatus.COMPLETED, actual_start=TODAY - timedelta(days=9), actual_end=TODAY,
            outcome="Resume finished", comments="Brought two drafts."))
        plan_life.close_objective(uow, objective.id, TODAY, Outcome.SUCCESSFUL)
        plan_life.reopen_objective(uow, objective.id, "Closed the wrong one")
        closed = plan_life.exit_plan(uow, plan.id, TODAY, "Entered employment", "Hired at Acme.")
    sync(a, hub, "laptop-a", tmp_path)
    at_hub = hub.record("service", service.id)
    assert (at_hub.status, at_hub.outcome, at_hub.actual_end) == (ServiceStatus.COMPLETED, "Resume finished", TODAY)
    reopened = hub.record("objective", objective.id)
    assert [r.reason for r in reopened.reopenings] == ["Closed the wrong one"]
    office_plan = hub.record("plan", plan.id)
    assert office_plan.closing_note_id == closed.closing_note_id and office_plan.close_reason == "Entered employment"
    assert hub.record("case_note", closed.closing_note_id).note_kind.value == "closing"


def test_a_bundle_from_the_earlier_app_still_reads_and_office_edits_merge_by_field(
        tmp_path: Path, hub: Hub, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, plan, _, _ = new_plan(a, "coach-a")
    service = _service(a, person, plan)
    # What the app before schema 0005 wrote: no status, outcome or reason in its change records.
    with a.unit_of_work("coach-a") as uow:
        for row in uow.c.execute(select(changes.c.id, changes.c.fields).where(changes.c.record_kind == "service")):
            older = {k: v for k, v in row.fields.items() if k not in LATER_SERVICE_FIELDS}
            uow.c.execute(update(changes).where(changes.c.id == row.id).values(fields=older))
    out = tmp_path / "usb"
    out.mkdir()
    with monkeypatch.context() as older_app:
        older_app.setattr(migrate, "head_revision", lambda: "0003")
        bundle = laptop.export(a, out, "coach-a")
    result = hub.ingest(bundle.path.read_bytes(), "office")
    assert result.status == "applied", result.line()
    assert hub.record("service", service.id).status is ServiceStatus.PLANNED  # the defaults of the new fields
    # The office records the outcome; the coach meanwhile records the actual start: both kept.
    hub.update_record("service", service.id, {"outcome": "Referred on by the office"}, "office")
    edit(a, "coach-a", Service, service.id, actual_start=TODAY - timedelta(days=3), status=ServiceStatus.IN_PROGRESS)
    sync(a, hub, "laptop-a", tmp_path)
    merged = hub.record("service", service.id)
    assert (merged.outcome, merged.status, merged.actual_start) == (
        "Referred on by the office", ServiceStatus.IN_PROGRESS, TODAY - timedelta(days=3))
    assert local(a, Service, service.id).outcome == "Referred on by the office"
    assert local(a, Plan, plan.id).status.value == "open"
