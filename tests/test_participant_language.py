"""Issue 18 item 2: a participant's preferred language is stored (default English), upgraded into
old stores, edited with ``iep edit``, and carried in bundles both ways; a bundle from the earlier
app, which names no language, still reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import Language, Participant, Program
from iep_desktop.domain.plan_content import content_digest, plan_content
from iep_desktop.errors import InvalidInput
from iep_desktop.services import participants
from iep_desktop.store import migrate
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.test_sync import hub, laptop_store, new_plan  # noqa: F401 - the hub fixture
from tests.test_sync import sync as _sync


def test_a_new_participant_reads_english_and_the_language_is_not_signed_content() -> None:
    person = Participant(first_name="José", last_name="Nguyễn Peña", program=Program.ADULT, board="default")
    assert person.preferred_language is Language.ENGLISH
    spanish = person.model_copy(update={"preferred_language": Language.SPANISH})
    from iep_desktop.domain.models import Plan, PlanSnapshot
    from tests.conftest import TODAY
    plan = Plan(participant_id=person.id, program=Program.ADULT, board="default", start_date=TODAY)
    # A copy in another language is the same plan version: the language is not in the content.
    assert content_digest(plan_content(PlanSnapshot(participant=person, plan=plan))) == \
        content_digest(plan_content(PlanSnapshot(participant=spanish, plan=plan)))


def test_migration_0007_gives_old_rows_english_and_iep_edit_sets_spanish(store_path: Path, clock: object) -> None:
    with Store.create(store_path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:  # type: ignore[arg-type]
        with store.unit_of_work("coach") as uow:
            person = uow.add(Participant(first_name="Old", last_name="Row", program=Program.YOUTH, board="default"))
        config = migrate.alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
            columns = [r[1] for r in conn.execute(text("PRAGMA table_info(participants)"))]
        assert "preferred_language" not in columns
    with Store.open(store_path, PASSPHRASE, clock=clock) as store:  # type: ignore[arg-type]
        assert migrate.current_revision(store.engine) == migrate.head_revision() == "0007"
        with store.unit_of_work("coach") as uow:
            assert uow.get(Participant, person.id).preferred_language is Language.ENGLISH
            participants.edit_participant_fields(uow, person.id, {"preferred_language": "es"})
        with store.unit_of_work("coach") as uow:
            assert uow.get(Participant, person.id).preferred_language is Language.SPANISH
            with pytest.raises(InvalidInput, match="preferred_language is not valid"):
                participants.edit_participant_fields(uow, person.id, {"preferred_language": "fr"})
        with store.unit_of_work("coach") as uow:
            assert uow.get(Participant, person.id).preferred_language is Language.SPANISH  # nothing changed
        assert store.verify().ok


@pytest.mark.parametrize("hub", ["embedded"], indirect=True)
def test_the_language_travels_to_the_office_and_back(tmp_path: Path, hub: Hub, clock: object) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, _plan, _goal, _ = new_plan(a, "coach-a")
    with a.unit_of_work("coach-a") as uow:
        participants.edit_participant_fields(uow, person.id, {"preferred_language": "es"})
    _sync(a, hub, "laptop-a", tmp_path)
    assert hub.record("participant", person.id).preferred_language is Language.SPANISH
    # The office changes it back; the laptop gets it in its return bundle.
    hub.update_record("participant", person.id, {"preferred_language": "en"}, "office-it")
    _sync(a, hub, "laptop-a", tmp_path)
    with a.unit_of_work("x") as uow:
        assert uow.get(Participant, person.id).preferred_language is Language.ENGLISH


@pytest.mark.parametrize("hub", ["embedded"], indirect=True)
def test_a_bundle_without_the_language_still_reads(tmp_path: Path, hub: Hub, clock: object) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    person, _plan, _goal, _ = new_plan(a, "coach-a")
    with a.engine.begin() as conn:
        for row in conn.execute(text("SELECT id, fields FROM changes")).all():
            fields = {k: v for k, v in json.loads(row.fields).items() if k != "preferred_language"}
            conn.execute(text("UPDATE changes SET fields = :f WHERE id = :id"),
                         {"f": json.dumps(fields), "id": row.id})
    _sync(a, hub, "laptop-a", tmp_path)
    office = hub.record("participant", person.id)
    assert office.first_name == "Ngozi" and office.preferred_language is Language.ENGLISH
