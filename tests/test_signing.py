"""Signatures bound to one exact plan version (R-X2), and each board's re-signing policy (R-V3)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from iep_desktop.domain import rules
from iep_desktop.domain.models import (
    Goal, GoalTerm, GoalType, Objective, Participant, Plan, PlanVersion, Program, Signature, SignerRole,
)
from iep_desktop.domain.strokes import SignatureInk, synthetic_ink
from iep_desktop.errors import InvalidInput
from iep_desktop.profiles import available_profiles, load_profile
from iep_desktop.services import plan_items, signing
from iep_desktop.services.caseload import case_statuses
from iep_desktop.services.signing import SignState
from iep_desktop.store.store import Store
from tests.conftest import TODAY


def make_plan(store: Store, board: str = "default") -> Plan:
    with store.unit_of_work("coach") as uow:
        person = uow.add(Participant(first_name="Γιώργος", last_name="Οικονόμου", program=Program.ADULT, board=board))
        plan = uow.add(Plan(participant_id=person.id, program=Program.ADULT, board=board, region="R", office="O",
                            start_date=TODAY))
        goal = plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                             description="Full-time welding job", established_on=TODAY,
                                             estimated_completion_on=TODAY + timedelta(days=120)))
        plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Attend Occupational Training",
                                                justification="Needs certification", established_on=TODAY))
    return plan


def sign_both(store: Store, plan: Plan) -> list[Signature]:
    with store.unit_of_work("coach") as uow:
        return [signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="Γιώργος Οικονόμου",
                                  ink=synthetic_ink(1)),
                signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name="Coach Kim", ink=synthetic_ink(2))]


def status(store: Store, plan: Plan) -> signing.SignStatus:
    with store.unit_of_work("coach") as uow:
        found = signing.sign_status(uow, plan.id)
        # The caseload works the status out its own way (many plans at once, the digest read
        # once, no notes): it must always agree with the signing service.
        row = case_statuses(uow, [plan.participant_id])[plan.participant_id]
    assert row.status is not None and row.status.value == found.state.value, (row.status, found.state)
    return found


def edit(store: Store, plan: Plan, model: type, **changes: object) -> None:
    with store.unit_of_work("coach") as uow:
        record = uow.list(model, plan_id=plan.id)[0]
        uow.update(record.model_copy(update=changes))


def test_a_new_plan_is_a_draft_and_signing_freezes_a_version(store: Store) -> None:
    plan = make_plan(store)
    assert status(store, plan).state is SignState.DRAFT
    with store.unit_of_work("coach") as uow:
        first = signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="G. O.", ink=synthetic_ink(5))
    assert status(store, plan).state is SignState.AWAITING  # the coach has not signed yet
    with store.unit_of_work("coach") as uow:
        second = signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name="Coach Kim", ink=synthetic_ink(6))
        versions = uow.list(PlanVersion, plan_id=plan.id)
    assert len(versions) == 1 and first.plan_version_id == second.plan_version_id == versions[0].id
    done = status(store, plan)
    assert done.state is SignState.SIGNED and done.current_digest == versions[0].digest
    assert SignatureInk.from_json(first.strokes).device == "pen"


def test_a_signature_verifies_against_its_version_and_not_an_edited_plan(store: Store) -> None:
    plan = make_plan(store)
    signatures = sign_both(store, plan)
    with store.unit_of_work("coach") as uow:
        assert all(signing.verify_signature(uow, s) and signing.signature_matches_current(uow, s) for s in signatures)
    edit(store, plan, Objective, justification="Needs AWS D1.1 certification")
    with store.unit_of_work("coach") as uow:
        assert all(signing.verify_signature(uow, s) for s in signatures)  # still valid for version 1
        assert not any(signing.signature_matches_current(uow, s) for s in signatures)


def test_a_tampered_version_no_longer_verifies(store: Store) -> None:
    plan = make_plan(store)
    signature = sign_both(store, plan)[0]
    with store.engine.begin() as conn:
        content = json.loads(conn.execute(text("SELECT content FROM plan_versions")).scalar_one())
        content["goals"][0]["description"] = "Something the participant never agreed to"
        conn.execute(text("UPDATE plan_versions SET content = :c"), {"c": json.dumps(content)})
    with store.unit_of_work("coach") as uow:
        assert not signing.verify_signature(uow, signature)


@pytest.mark.parametrize("board", available_profiles())
def test_each_boards_policy_decides_awaiting_signature(store: Store, board: str) -> None:
    profile = load_profile(board)
    plan = make_plan(store, board)
    sign_both(store, plan)
    edit(store, plan, Goal, estimated_completion_on=TODAY + timedelta(days=150))  # dates only
    expected = SignState.AWAITING if profile.resign_policy == "every_change" else SignState.SIGNED
    assert status(store, plan).state is expected
    edit(store, plan, Objective, justification="A new reason, agreed with the participant")
    assert status(store, plan).state is expected
    edit(store, plan, Goal, description="Full-time CNC machinist job")  # the goal itself changed
    assert status(store, plan).state is SignState.AWAITING  # every board signs a new goal


def test_on_chicago_a_date_that_swaps_two_goals_places_needs_no_new_signature(store: Store) -> None:
    plan = make_plan(store, "chicago_cook")
    with store.unit_of_work("coach") as uow:
        first = uow.list(Goal, plan_id=plan.id)[0]
        plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.TRAINING, term=GoalTerm.SHORT,
                                      description="Welding certificate", established_on=TODAY - timedelta(days=10),
                                      estimated_completion_on=TODAY + timedelta(days=60), serves_goal_id=first.id))
    sign_both(store, plan)
    with store.unit_of_work("coach") as uow:  # the welding job's goal now dates from before the certificate's
        uow.update(uow.get(Goal, first.id).model_copy(update={"established_on": TODAY - timedelta(days=20)}))
    found = status(store, plan)
    assert found.changed_since_signed and found.state is SignState.SIGNED
    edit(store, plan, Goal, description="Full-time CNC machinist job")
    assert status(store, plan).state is SignState.AWAITING


def test_on_chicago_extending_a_goal_needs_no_new_signature_though_its_term_follows_the_dates(store: Store) -> None:
    """Chicago 002 l.270-273 (CH-41): dates changed "to give the participant lesser or extended
    time" need no new form. The wizard moves the term with the dates (4 months Short, 9 months
    Intermediate on Chicago's table), so that term is a date change too; a term chosen against
    the dates is not."""
    profile = load_profile("chicago_cook")
    plan = make_plan(store, "chicago_cook")
    sign_both(store, plan)
    extended = TODAY + timedelta(days=270)
    term = rules.derive_term(profile, TODAY, extended)
    assert term is GoalTerm.INTERMEDIATE  # the case the document describes, on Chicago's own table
    edit(store, plan, Goal, estimated_completion_on=extended, term=term)
    found = status(store, plan)
    assert found.changed_since_signed and found.state is SignState.SIGNED
    edit(store, plan, Goal, term=GoalTerm.LONG)  # chosen, not what 9 months gives: the goal changed
    assert status(store, plan).state is SignState.AWAITING


def test_signing_again_makes_version_two_and_old_signatures_stay_on_version_one(store: Store) -> None:
    plan = make_plan(store)
    old = sign_both(store, plan)
    edit(store, plan, Goal, description="Full-time CNC machinist job")
    new = sign_both(store, plan)
    with store.unit_of_work("coach") as uow:
        versions = {v.id: v.number for v in uow.list(PlanVersion, plan_id=plan.id)}
    assert [versions[s.plan_version_id] for s in old] == [1, 1]
    assert [versions[s.plan_version_id] for s in new] == [2, 2]
    assert status(store, plan).state is SignState.SIGNED


def test_an_edit_undone_after_one_signer_signed_it_is_the_signed_plan_again(store: Store) -> None:
    plan = make_plan(store)
    sign_both(store, plan)
    edit(store, plan, Goal, description="Part-time welding job")
    with store.unit_of_work("coach") as uow:  # the participant signs the edit (version 2) ...
        signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="Γιώργος Οικονόμου",
                          ink=synthetic_ink(3))
    edit(store, plan, Goal, description="Full-time welding job")  # ... then the coach undoes it
    assert status(store, plan).state is SignState.SIGNED
    with store.unit_of_work("coach") as uow:
        printed = signing.version_for_print(uow, plan.id, None)
        with pytest.raises(InvalidInput, match=r"already signed by the coach \(R-X2\)"):
            signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name="Coach Kim", ink=synthetic_ink(4))
        numbers = [v.number for v in signing.versions_of(uow, plan.id)]
    assert (printed[2], len(printed[3])) == (1, 2)  # version 1 with both signatures, not a draft
    assert numbers == [1, 2] and status(store, plan).state is SignState.SIGNED


def test_empty_scribbles_and_double_signing_are_refused(store: Store) -> None:
    plan = make_plan(store)
    dot = SignatureInk.model_validate({"width": 640, "height": 220, "strokes": [
        {"device": "mouse", "points": [{"x": 10, "y": 10, "pressure": 1, "t_ms": 0}]}]})
    with pytest.raises(InvalidInput, match="empty or too short"), store.unit_of_work("c") as uow:
        signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="G", ink=dot)
    with store.unit_of_work("c") as uow:
        assert uow.list(PlanVersion, plan_id=plan.id) == []  # nothing was written
    sign_both(store, plan)
    with pytest.raises(InvalidInput, match="already signed"), store.unit_of_work("c") as uow:
        signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name="Coach", ink=synthetic_ink(9))


def _count_snapshot_reads(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The participant ids of every read of plan snapshots the caseload's statuses make from now."""
    from iep_desktop.services import caseload as caseload_service

    read: list[list[str]] = []
    real = caseload_service.load_snapshots

    def counting(uow: Any, ids: list[str], *args: Any, **kwargs: Any) -> Any:
        read.append(list(ids))
        return real(uow, ids, *args, **kwargs)

    monkeypatch.setattr(caseload_service, "load_snapshots", counting)
    return read


def test_caseload_statuses_are_reused_only_while_nothing_changed(store: Store,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Statuses are kept between searches (issue 17), never past a change: an edit after signing
    shows as awaiting signature on the very next read, in the edit's own transaction too."""
    from iep_desktop.services.caseload import CaseStatus

    plan = make_plan(store)
    sign_both(store, plan)
    pid = plan.participant_id
    with store.unit_of_work("coach") as uow:
        assert case_statuses(uow, [pid])[pid].status is CaseStatus.SIGNED
    read = _count_snapshot_reads(monkeypatch)
    with store.unit_of_work("coach") as uow:
        assert case_statuses(uow, [pid])[pid].status is CaseStatus.SIGNED
    assert read == []  # nothing changed: the status was not worked out again
    edit(store, plan, Goal, description="Full-time CNC machinist job")
    with store.unit_of_work("coach") as uow:
        assert case_statuses(uow, [pid])[pid].status is CaseStatus.AWAITING_SIGNATURE
    assert read == [[pid], [pid]]  # worked out again: what decides it, then the content it depends on
    sign_both(store, plan)
    with store.unit_of_work("coach") as uow:
        assert case_statuses(uow, [pid])[pid].status is CaseStatus.SIGNED
        goal = uow.list(Goal, plan_id=plan.id)[0]
        uow.update(goal.model_copy(update={"description": "Part-time CNC machinist job"}))
        assert case_statuses(uow, [pid])[pid].status is CaseStatus.AWAITING_SIGNATURE


def _outside_the_app(store: Store, sql: str) -> None:
    """What a person with the key does in another program: one commit on a connection of its own
    (another Store, its own engine and pool), moving no audit head."""
    from tests.conftest import PASSPHRASE

    with Store.open(store.path, PASSPHRASE) as other, other.engine.begin() as conn:
        assert conn.execute(text(sql)).rowcount >= 1


@pytest.mark.parametrize(("sql", "shown"), [
    # The signed version edited: its content no longer hashes to its digest.
    ("UPDATE plan_versions SET content = replace(content, 'welding', 'knitting')", "TAMPERED"),
    # Its digest edited to match nothing signed.
    ("UPDATE signatures SET version_digest = '" + "0" * 64 + "' WHERE role = 'coach'", "TAMPERED"),
    # The plan itself edited after signing (a goal): it is no longer what was signed.
    ("UPDATE goals SET description = 'Full-time knitting job'", "AWAITING_SIGNATURE"),
])
def test_an_edit_outside_the_app_shows_on_the_next_read_not_the_next_session(store: Store, sql: str,
                                                                             shown: str) -> None:
    """Issue 17: statuses are reused while the audit head stays put, and an edit outside the app
    moves no head. It is still a commit by another connection, so the cached "Signed" is not
    reused: the next read, in the same session and with the same cache, tells the truth."""
    from iep_desktop.services.caseload import CaseStatus
    from iep_desktop.store.audit import current_head

    plan = make_plan(store)
    sign_both(store, plan)
    pid = plan.participant_id
    for _ in range(2):  # worked out, then reused
        with store.reading("coach") as uow:
            assert case_statuses(uow, [pid])[pid].status is CaseStatus.SIGNED
            head = current_head(uow.c)
    _outside_the_app(store, sql)
    with store.reading("coach") as uow:
        assert current_head(uow.c) == head  # the edit moved no head: the head alone would reuse "Signed"
        assert case_statuses(uow, [pid])[pid].status is CaseStatus[shown]
    with store.unit_of_work("coach") as uow:  # and the signing service agrees
        assert signing.sign_status(uow, plan.id).state.name == {"TAMPERED": "TAMPERED",
                                                                "AWAITING_SIGNATURE": "AWAITING"}[shown]


def test_statuses_are_reused_again_once_nothing_more_changes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check that sees outside edits costs no reuse while nothing is written: after the
    outside edit has been seen once, the same status is reused on the reads after it."""
    from iep_desktop.services import caseload as caseload_service

    plan = make_plan(store)
    sign_both(store, plan)
    pid = plan.participant_id
    with store.reading("coach") as uow:
        case_statuses(uow, [pid])
    _outside_the_app(store, "UPDATE goals SET description = 'Full-time knitting job'")
    read = _count_snapshot_reads(monkeypatch)
    for _ in range(3):
        with store.reading("coach") as uow:
            assert case_statuses(uow, [pid])[pid].status is caseload_service.CaseStatus.AWAITING_SIGNATURE
    assert read == [[pid], [pid]]  # worked out once after the edit (its status, then its content), then reused


def test_statuses_read_without_ink_are_the_statuses_read_with_it(store: Store) -> None:
    """The caseload reads signatures without their strokes and works the content's digest out only
    for plans signed at least once (issue 17); every state a plan can be in comes out the same as
    from the full snapshot, and the strokes and digest are really left out."""
    from iep_desktop.services import caseload as caseload_service
    from iep_desktop.services.caseload import _row
    from iep_desktop.services.snapshots import load_snapshots

    plans = [make_plan(store) for _ in range(4)]
    for plan in plans[1:]:
        sign_both(store, plan)
    edit(store, plans[2], Goal, description="Full-time CNC machinist job")  # awaiting signature again
    _outside_the_app(store, f"UPDATE plan_versions SET content = replace(content, 'welding', 'knitting') "
                            f"WHERE plan_id = '{plans[3].id}'")  # tampered
    ids = [p.participant_id for p in plans]
    with store.reading("coach") as uow:
        full = load_snapshots(uow, ids, notes=False)
        lean = load_snapshots(uow, ids, notes=False, ink=False, digest=False)  # as case_statuses reads
        day = uow.clock.today()
        statuses = [(_row(full[i], day, uow.profiles), _row(lean[i], day, uow.profiles)) for i in ids]
        # case_statuses reads what decides most statuses first and the content only where the
        # status depends on it: the same rows, today and once every review is overdue.
        later = day + timedelta(days=400)
        for when in (day, later):
            caseload_service._STATUSES.clear()
            assert case_statuses(uow, ids, today=when) == {i: _row(full[i], when, uow.profiles) for i in ids}
        overdue = case_statuses(uow, ids, today=later)
    assert [a for a, _ in statuses] == [b for _, b in statuses]
    assert [a.status.value for a, _ in statuses if a.status] == ["draft", "signed", "awaiting signature", "tampered"]
    assert all(s.strokes for i in ids for s in full[i].signatures) and len(full[ids[1]].signatures) == 2
    assert all(s.strokes == "" for i in ids for s in lean[i].signatures)
    assert all(lean[i].current_digest is None and full[i].current_digest for i in ids)
    assert [overdue[i].status.value for i in ids if overdue[i].status] == ["review overdue"] * 3 + ["tampered"]
