"""Issue 16 item 7: the participant's background (education, work and employment history,
credentials, job skills) is stored, upgraded into old stores, printed on the plan, part of what
is signed only once recorded, and carried in bundles, including bundles from the earlier app."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from pypdf import PdfReader
from sqlalchemy import text

from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import Goal, GoalTerm, GoalType, Participant, Plan, PlanSnapshot, Program
from iep_desktop.domain.plan_content import content_digest, plan_content
from iep_desktop.services import participants, plan_items, printing
from iep_desktop.store import migrate
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf
from tests.test_sync import hub, laptop_store, new_plan  # noqa: F401 - the hub fixture
from tests.test_sync import sync as _sync

BACKGROUND = {"education": "GED, 2019", "work_history": "Warehouse associate, 3 years",
              "credentials": "Forklift certification", "job_skills": "Inventory, customer service"}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_background_is_stored_and_printed_on_the_plan(store: Store) -> None:
    with store.unit_of_work("coach") as uow:
        person = uow.add(Participant(first_name="Nguyễn", last_name="Thị Lan", program=Program.ADULT,
                                     board="scpa_works", eligibility_determined_on=TODAY))
        participants.update_participant(uow, person.model_copy(update=BACKGROUND))
        plan = uow.add(Plan(participant_id=person.id, program=Program.ADULT, board="scpa_works",
                                  region="R", office="O", start_date=TODAY))
        plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                      description="Forklift operator job", established_on=TODAY,
                                      estimated_completion_on=TODAY + timedelta(days=60)))
    with store.unit_of_work("coach") as uow:
        stored = uow.get(Participant, person.id)
        assert {k: getattr(stored, k) for k in BACKGROUND} == BACKGROUND
        printed = " ".join(_text(printing.plan_pdf(uow, person.id)).split())
    assert "Participant background" in printed
    for label, value in (("Education", "GED, 2019"), ("Work and employment history", "Warehouse associate"),
                         ("Credentials", "Forklift certification"), ("Job skills", "Inventory")):
        assert label in printed and value in printed


def test_a_plan_without_background_keeps_the_digest_it_was_signed_with() -> None:
    person = Participant(first_name="Pat", last_name="Sample", program=Program.ADULT, board="default")
    plan = Plan(participant_id=person.id, program=Program.ADULT, board="default", start_date=TODAY)
    before = plan_content(PlanSnapshot(participant=person, plan=plan))
    assert "background" not in before["participant"]  # as the earlier app wrote it
    recorded = person.model_copy(update={"education": "GED"})
    after = plan_content(PlanSnapshot(participant=recorded, plan=plan))
    assert after["participant"]["background"] == {"education": "GED"}
    assert content_digest(after) != content_digest(before)  # once printed, it is signed content


def test_migration_0006_gives_old_rows_empty_background(store_path: Path, clock: object) -> None:
    with Store.create(store_path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:  # type: ignore[arg-type]
        with store.unit_of_work("coach") as uow:
            person = uow.add(Participant(first_name="Old", last_name="Row", program=Program.YOUTH, board="default"))
        config = migrate.alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
            columns = [r[1] for r in conn.execute(text("PRAGMA table_info(participants)"))]
        assert "education" not in columns
    with Store.open(store_path, PASSPHRASE, clock=clock) as store:  # type: ignore[arg-type]
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.unit_of_work("coach") as uow:
            old = uow.get(Participant, person.id)
            assert (old.education, old.work_history, old.credentials, old.job_skills) == ("", "", "", "")
            participants.update_participant(uow, old.model_copy(update=BACKGROUND))
        with store.unit_of_work("coach") as uow:
            assert uow.get(Participant, person.id).credentials == "Forklift certification"
        assert store.verify().ok


@pytest.mark.parametrize("hub", ["embedded"], indirect=True)
def test_background_and_goal_links_travel_to_the_office_and_to_another_laptop(
        tmp_path: Path, hub: Hub, clock: object) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    b = laptop_store(tmp_path, hub, "laptop-b", clock)
    person, plan, goal, _ = new_plan(a, "coach-a")
    with a.unit_of_work("coach-a") as uow:
        participants.update_participant(uow, uow.get(Participant, person.id).model_copy(update=BACKGROUND))
        career = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.LONG,
                                               description="Certified welding inspector", established_on=TODAY,
                                               estimated_completion_on=TODAY + timedelta(days=700)))
        plan_items.update_goal(uow, uow.get(Goal, goal.id).model_copy(update={"serves_goal_id": career.id}))
    _sync(a, hub, "laptop-a", tmp_path)
    office = hub.record("participant", person.id)
    assert {k: getattr(office, k) for k in BACKGROUND} == BACKGROUND
    assert hub.record("goal", goal.id).serves_goal_id == career.id
    hub.share("laptop-b", person.id, "office")
    _sync(b, hub, "laptop-b", tmp_path)
    with b.unit_of_work("x") as uow:
        assert uow.get(Participant, person.id).job_skills == "Inventory, customer service"
        assert uow.get(Goal, goal.id).serves_goal_id == career.id


@pytest.mark.parametrize("hub", ["embedded"], indirect=True)
def test_a_bundle_from_the_earlier_app_still_reads(tmp_path: Path, hub: Hub, clock: object) -> None:
    """The earlier app's changes name none of the new fields: strip them from the laptop's change
    log (as a store made before 0006 holds it) and the office still applies the bundle."""
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, _plan, goal, _ = new_plan(a, "coach-a")
    new_fields = {*BACKGROUND, "serves_goal_id"}
    with a.engine.begin() as conn:
        for row in conn.execute(text("SELECT id, fields FROM changes")).all():
            fields = {k: v for k, v in json.loads(row.fields).items() if k not in new_fields}
            conn.execute(text("UPDATE changes SET fields = :f WHERE id = :id"),
                         {"f": json.dumps(fields), "id": row.id})
    _sync(a, hub, "laptop-a", tmp_path)
    office = hub.record("participant", person.id)
    assert office.first_name == "Ngozi" and office.education == "" and office.credentials == ""
    assert hub.record("goal", goal.id).serves_goal_id is None
