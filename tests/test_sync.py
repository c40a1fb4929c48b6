"""Round trips between two laptops and the office hub, on the embedded default and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from iep_desktop.central.hub import Hub
from iep_desktop.domain.models import CaseNote, Goal, GoalTerm, GoalType, Objective, Participant, Plan, Program
from iep_desktop.errors import InvalidInput
from iep_desktop.services import notes, plan_items
from iep_desktop.store.store import Store
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.sync.identity import OfficeKeys
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf

OFFICE_PASS = "office passphrase for tests"


@pytest.fixture(params=["embedded", "postgresql"])
def hub(request: pytest.FixtureRequest, tmp_path: Path, clock) -> Hub:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with Hub.init(tmp_path / "office", OFFICE_PASS, url=url, clock=clock, kdf=cheap_kdf()) as made:
        yield made


def laptop_store(tmp_path: Path, hub: Hub, name: str, clock) -> Store:
    folder = tmp_path / name
    folder.mkdir()
    store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
    hub.enroll_device(name, folder / "enroll.json", "it")
    laptop.enroll(store, folder / "enroll.json", name, hub.office_fingerprint)
    return store


def new_plan(store: Store, actor: str) -> tuple[Participant, Plan, Goal, Objective]:
    with store.unit_of_work(actor) as uow:
        person = uow.add(Participant(first_name="Ngozi", last_name="Okonkwo", program=Program.ADULT, board="default"))
        plan = uow.add(Plan(participant_id=person.id, program=Program.ADULT, board="default", region="R", office="O",
                            start_date=TODAY))
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                             description="Full-time welding job", established_on=TODAY,
                                             estimated_completion_on=TODAY + timedelta(days=100)))
        objective = plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Attend Tutoring",
                                                            justification="Math refresher", established_on=TODAY))
    return person, plan, goal, objective


def sync(store: Store, hub: Hub, name: str, tmp_path: Path) -> None:
    """One full trip: export, ingest, return, import."""
    out = tmp_path / name / "usb"
    out.mkdir(exist_ok=True)
    result = laptop.export(store, out, name)
    ingested = hub.ingest(result.path.read_bytes(), "office")
    assert ingested.status == "applied", ingested.line()
    back, _ = hub.make_return(name, out, "office")
    laptop.import_return(store, back, name)


def edit(store: Store, actor: str, model: type, record_id: str, **changes: object) -> None:
    with store.unit_of_work(actor) as uow:
        uow.update(uow.get(model, record_id).model_copy(update=changes))


def local(store: Store, model: type, record_id: str):
    with store.unit_of_work("x") as uow:
        return uow.get(model, record_id)


def test_round_trip_conflicts_merges_and_agreement(tmp_path: Path, hub: Hub, clock) -> None:
    a, b = laptop_store(tmp_path, hub, "laptop-a", clock), laptop_store(tmp_path, hub, "laptop-b", clock)
    person, _plan, goal, objective = new_plan(a, "coach-a")
    sync(a, hub, "laptop-a", tmp_path)
    with a.unit_of_work("x") as uow:
        assert laptop.sync_counts(uow)["acknowledged"] > 0 and laptop.sync_counts(uow)["sent"] == 0
    assert hub.record("goal", goal.id).description == "Full-time welding job"

    hub.share("laptop-b", person.id, "office")
    sync(b, hub, "laptop-b", tmp_path)  # b receives the shared participant's plan
    assert local(b, Goal, goal.id).description == "Full-time welding job"

    # Offline, both coaches edit: the same field (a conflict) and different fields (a merge).
    edit(a, "coach-a", Goal, goal.id, description="Full-time welding job, night shift")
    edit(b, "coach-b", Goal, goal.id, description="Part-time welding job")
    edit(b, "coach-b", Objective, objective.id, justification="Math refresher before the welding course")
    with b.unit_of_work("coach-b") as uow:
        notes.add_case_note(uow, CaseNote(participant_id=person.id, title="Met at job fair", story="Talked about shifts",
                                          written_at=clock.now()))
    sync(a, hub, "laptop-a", tmp_path)
    sync(b, hub, "laptop-b", tmp_path)
    open_conflicts = hub.open_conflicts()
    assert [(c["field"], c["hub_value"], c["device_value"]) for c in open_conflicts] == [
        ("description", "Full-time welding job, night shift", "Part-time welding job")]
    assert hub.record("objective", objective.id).justification == "Math refresher before the welding course"
    sync(a, hub, "laptop-a", tmp_path)  # a receives b's merged justification and case note
    assert local(a, Goal, goal.id).description == "Full-time welding job, night shift"
    # While the conflict is open, b keeps its coach's value, waiting for the office (issue 15 item 2).
    assert local(b, Goal, goal.id).description == "Part-time welding job"
    for store in (a, b):
        assert local(store, Objective, objective.id).justification == "Math refresher before the welding course"
    with a.unit_of_work("x") as uow:
        assert [n.title for n in uow.list(CaseNote, participant_id=person.id)] == ["Met at job fair"]
    with b.unit_of_work("x") as uow:
        assert laptop.sync_counts(uow)["conflict"] == 1  # b's description change waits for a person

    # A person at the office takes the laptop's value; both laptops get it.
    hub.resolve(open_conflicts[0]["id"], "device", "supervisor")
    assert hub.open_conflicts() == []
    sync(a, hub, "laptop-a", tmp_path)
    sync(b, hub, "laptop-b", tmp_path)
    assert local(a, Goal, goal.id).description == local(b, Goal, goal.id).description == "Part-time welding job"
    status = hub.status()
    assert status["participants"] == 1 and status["plans"] == 1 and status["open_conflicts"] == 0
    assert status["bundles_quarantined"] == 0


def test_replayed_and_reordered_bundles_apply_exactly_once(tmp_path: Path, hub: Hub, clock) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    out = tmp_path / "usb"
    out.mkdir()
    _, _, goal, _ = new_plan(a, "coach-a")
    first = laptop.export(a, out, "coach-a")
    edit(a, "coach-a", Goal, goal.id, description="Welding apprenticeship")
    second = laptop.export(a, out, "coach-a")  # carries every unacknowledged change again
    later = hub.ingest(second.path.read_bytes(), "office")
    assert later.status == "applied" and any("gap" in n for n in later.notes)
    earlier = hub.ingest(first.path.read_bytes(), "office")
    assert earlier.status == "applied" and set(earlier.outcomes) == {"duplicate"}
    replay = hub.ingest(second.path.read_bytes(), "office")
    assert replay.status == "duplicate"
    assert hub.record("goal", goal.id).description == "Welding apprenticeship"
    assert hub.status()["bundles_applied"] == 2


def test_bad_bundles_are_quarantined_and_block_nothing(tmp_path: Path, hub: Hub, clock) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    out = tmp_path / "usb"
    out.mkdir()
    new_plan(a, "coach-a")
    good = laptop.export(a, out, "coach-a").path.read_bytes()
    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 0x20
    assert hub.ingest(bytes(flipped), "office").status == "quarantined"
    assert hub.ingest(good[: len(good) - 10], "office").status == "quarantined"
    # A laptop enrolled with another office.
    other_office = OfficeKeys.generate()
    other_office.save(tmp_path / "other-keys.json", OFFICE_PASS, cheap_kdf())
    stranger_hub = Hub.init(tmp_path / "other", OFFICE_PASS, clock=clock, kdf=cheap_kdf())
    stranger = laptop_store(tmp_path, stranger_hub, "stranger", clock)
    new_plan(stranger, "someone")
    foreign = laptop.export(stranger, out, "someone").path.read_bytes()
    stranger_hub.close()
    foreign_result = hub.ingest(foreign, "office")
    assert foreign_result.status == "quarantined" and foreign_result.reason
    # Not a bundle at all (a CSV given by mistake): rejected, never copied (issue 15 item 6).
    assert hub.ingest(b"not a bundle at all", "office").status == "rejected"
    assert hub.ingest(good, "office").status == "applied"  # the good one still goes through
    status = hub.status()
    assert status["bundles_applied"] == 1 and status["bundles_quarantined"] == 3
    assert status["participants"] == 1


def test_a_laptop_cannot_be_enrolled_twice_with_different_offices(tmp_path: Path, hub: Hub, clock) -> None:
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    hub.enroll_device("laptop-a2", tmp_path / "again.json", "it")
    with pytest.raises(InvalidInput, match="already enrolled"):
        laptop.enroll(a, tmp_path / "again.json", "coach", hub.office_fingerprint)


def _hub_rows(hub: Hub) -> dict[str, int]:
    from sqlalchemy import func, select

    from iep_desktop.central.tables import HUB_RECORDS, applied_changes, bundles, conflicts

    tables = {**HUB_RECORDS, "applied": applied_changes, "bundles": bundles, "conflicts": conflicts}
    with hub.engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(t)).scalar_one() for name, t in tables.items()}


@pytest.mark.parametrize("hub", ["embedded"], indirect=True)
def test_every_sampled_flip_and_every_chunk_truncation_is_quarantined_with_nothing_written(
        tmp_path: Path, hub: Hub, clock) -> None:
    from iep_desktop.sync import container

    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    out = tmp_path / "usb"
    out.mkdir()
    new_plan(a, "coach-a")
    bundle = laptop.export(a, out, "coach-a", chunk_size=512).path.read_bytes()
    before = _hub_rows(hub)
    header_end = 12 + int.from_bytes(bundle[8:12], "big")
    offsets = sorted(set(range(0, header_end, 7)) | set(range(header_end, len(bundle), 41)) | set(range(len(bundle) - 70, len(bundle))))
    for offset in offsets:
        damaged = bytearray(bundle)
        damaged[offset] ^= 0x01
        assert hub.ingest(bytes(damaged), "office").status == "quarantined", offset
    header = container.read_header(bundle)
    boundary, cuts = header_end, []
    for _ in range(header.chunk_count):
        cuts.append(boundary)
        boundary += 4 + int.from_bytes(bundle[boundary:boundary + 4], "big")
    cuts.append(boundary)  # just before the signature
    for cut in cuts:
        assert hub.ingest(bundle[:cut], "office").status == "quarantined", cut
    assert _hub_rows(hub) == before  # nothing half-written by any of them
    assert hub.ingest(bundle, "office").status == "applied"
    assert hub.status()["bundles_quarantined"] == len(offsets) + len(cuts)


@pytest.mark.parametrize("hub", ["embedded"], indirect=True)
def test_board_profile_updates_travel_in_return_bundles(tmp_path: Path, hub: Hub, clock) -> None:
    import json

    from iep_desktop.profiles import load_profile
    from iep_desktop.profiles.loader import profiles_dir

    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    new_plan(a, "coach-a")
    data = json.loads((profiles_dir() / "default.json").read_text("utf-8"))
    data["review_interval_days"] = 60
    updated = tmp_path / "default.json"
    updated.write_text(json.dumps(data))
    assert hub.publish_profile(updated, "office") == "default"
    sync(a, hub, "laptop-a", tmp_path)
    # The open store's catalogue has the office's version; the services read boards there.
    assert a.profiles.get("default").review_interval_days == 60
    with a.unit_of_work("coach-a") as uow:
        assert uow.profiles.get("default").review_interval_days == 60
    a.close()
    assert load_profile("default").review_interval_days == 90  # shipped value: nothing leaked out
    with Store.open(a.path, PASSPHRASE) as reopened:  # opening the store brings the office's version back
        assert reopened.profiles.get("default").review_interval_days == 60
    assert load_profile("default").review_interval_days == 90
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data | {"id": "broken", "goal_terms": []}))
    with pytest.raises(Exception, match="field 'goal_terms'"):
        hub.publish_profile(broken, "office")


def test_a_bundle_bigger_than_one_statement_can_bind_is_read_in_parts(
        tmp_path: Path, hub: Hub, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL binds at most 65,535 values per statement; the hub asks about a bundle's ids in
    parts (IN_CHUNK). Parts of 3 here, so even a small bundle takes the many-part path."""
    from iep_desktop.central import bulk

    monkeypatch.setattr(bulk, "IN_CHUNK", 3)
    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    out = tmp_path / "usb"
    out.mkdir()
    people = [new_plan(a, "coach-a") for _ in range(3)]
    sent = laptop.export(a, out, "coach-a")
    assert sent.changes > 9
    first = hub.ingest(sent.path.read_bytes(), "office")
    assert first.status == "applied" and set(first.outcomes) == {"applied"}, first.outcomes
    edit(a, "coach-a", Goal, people[0][2].id, description="Welding apprenticeship")
    again = hub.ingest(laptop.export(a, out, "coach-a").path.read_bytes(), "office")  # old changes ride along
    assert again.outcomes.get("duplicate", 0) == sent.changes and again.outcomes.get("applied") == 1, again.outcomes
    assert hub.record("goal", people[0][2].id).description == "Welding apprenticeship"


def test_bundles_from_a_newer_app_are_set_aside_until_it_is_updated(
        tmp_path: Path, hub: Hub, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    from iep_desktop.store import migrate

    a = laptop_store(tmp_path, hub, "laptop-a", clock)
    out = tmp_path / "usb"
    out.mkdir()
    new_plan(a, "coach-a")
    with monkeypatch.context() as newer:
        newer.setattr(migrate, "head_revision", lambda: "9999")
        from_newer_laptop = laptop.export(a, out, "coach-a")
    result = hub.ingest(from_newer_laptop.path.read_bytes(), "office")
    assert result.status == "quarantined" and "newer IEP Desktop" in result.reason
    assert hub.status()["participants"] == 0
    assert hub.ingest(laptop.export(a, out, "coach-a").path.read_bytes(), "office").status == "applied"
    with monkeypatch.context() as newer:
        newer.setattr(migrate, "head_revision", lambda: "9999")
        back, _ = hub.make_return("laptop-a", out, "office")
    with pytest.raises(InvalidInput, match="newer IEP Desktop"):
        laptop.import_return(a, back, "coach-a")
    with a.unit_of_work("coach-a") as uow:  # nothing was acknowledged by the refused return
        assert uow.meta("sync.return_sequence", "0") in ("0", None)
