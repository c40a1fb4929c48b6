"""The hub's three-way merge as pure functions: no database, no files, no clock."""

from __future__ import annotations

import pytest

from iep_desktop.central.merge import (
    FieldMerge,
    MergeRefused,
    Step,
    merge_fields,
    plan_step,
    validated,
)
from iep_desktop.domain.models import Goal, Participant

IMMUTABLE = frozenset({"id", "participant_id"})


def merge(office: dict, after: dict, before: dict) -> FieldMerge:
    return merge_fields(office, after, before, immutable=IMMUTABLE, kind="plan")


def test_a_field_the_office_still_has_as_before_takes_the_laptops_value() -> None:
    result = merge({"id": "p", "office": "North", "region": "R1"}, {"office": "South"}, {"office": "North"})
    assert result.apply == {"office": "South"} and result.clashes == ()
    assert result.outcome(office_version=3, base_version=3) == "applied"
    assert result.outcome(office_version=4, base_version=3) == "merged"  # an earlier office edit elsewhere


def test_a_field_someone_else_changed_is_kept_and_the_laptops_value_waits_as_a_conflict() -> None:
    result = merge({"office": "East", "region": "R1"}, {"office": "South", "region": "R2"},
                   {"office": "North", "region": "R1"})
    assert result.apply == {"region": "R2"}  # the other field still merges
    assert result.clashes == ("office",)
    assert result.outcome(office_version=5, base_version=3) == "conflict"


def test_a_value_the_office_already_has_is_nothing_to_do() -> None:
    result = merge({"office": "South"}, {"office": "South"}, {"office": "North"})
    assert result == FieldMerge()
    assert result.outcome(office_version=2, base_version=1) == "merged"


def test_bookkeeping_and_unknown_fields_are_never_merged() -> None:
    result = merge({"id": "p", "version": 4, "office": "N"}, {"id": "q", "version": 9, "shoe_size": 11},
                   {"id": "p", "version": 3})
    assert result == FieldMerge()


def test_a_change_to_a_field_that_never_changes_is_refused_with_its_name() -> None:
    with pytest.raises(MergeRefused, match="participant_id of a plan, which never changes"):
        merge({"participant_id": "a"}, {"participant_id": "b"}, {"participant_id": "a"})
    # The same value again is not a change.
    assert merge({"participant_id": "a"}, {"participant_id": "a"}, {}) == FieldMerge()


@pytest.mark.parametrize(("has", "append_only", "base", "step"), [
    (False, False, 0, Step.INSERT),
    (False, True, 0, Step.INSERT),
    (True, True, 0, Step.DUPLICATE),
    (True, True, 2, Step.DUPLICATE),   # append-only records are never altered
    (True, False, 0, Step.DUPLICATE),  # the laptop sent its first version again
    (True, False, 2, Step.MERGE),
])
def test_what_a_change_does_follows_from_what_the_office_holds(has: bool, append_only: bool, base: int,
                                                               step: Step) -> None:
    assert plan_step(office_has_record=has, append_only=append_only, base_version=base, kind="goal") is step


def test_an_edit_to_a_record_the_office_never_received_is_refused() -> None:
    with pytest.raises(MergeRefused, match="its first change is missing"):
        plan_step(office_has_record=False, append_only=False, base_version=3, kind="goal")


def test_validated_names_the_invalid_field() -> None:
    person = validated(Participant, {"first_name": "Ada", "last_name": "Obi", "program": "adult", "board": "default"})
    assert person.first_name == "Ada"
    with pytest.raises(MergeRefused, match="a goal with an invalid"):
        validated(Goal, {"plan_id": "x"})
