"""The three-way merge, as pure functions: no database, no clock, no I/O.

Each change a laptop sends carries, per field, the value before and after the coach's edit.
Against the office's current value:
- the office still has the "before" value: the change applies;
- the office already has the "after" value: nothing to do;
- otherwise someone else changed that field: the office keeps its value and the laptop's value
  goes to the conflict queue for a person. Nothing is discarded.
Append-only records (case notes, signatures, plan versions, reviews, counseling statements)
merge by id and are never altered. The ingest job (central/ingest.py) reads what the office
holds, asks these functions what to do, and writes the answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from enum import Enum
from typing import Any

from pydantic import TypeAdapter, ValidationError

from iep_desktop.domain.models import Record
from iep_desktop.errors import InvalidInput

# Fields that are bookkeeping, never merged: the id names the record, the version counts edits.
_NOT_MERGED = frozenset({"id", "version"})


class MergeRefused(InvalidInput):
    """A change that cannot be merged at all (its bundle is set aside, or an office edit refused)."""


class Step(Enum):
    INSERT = "insert"        # a record the office does not have yet
    DUPLICATE = "duplicate"  # the office has it and the change can only repeat it
    MERGE = "merge"          # merge the changed fields into the office's copy


def plan_step(*, office_has_record: bool, append_only: bool, base_version: int, kind: str) -> Step:
    """What to do with one change, from what the office holds."""
    if not office_has_record:
        if base_version != 0:
            raise MergeRefused(f"a change to a {kind} the office does not have (its first change is missing); "
                               "export again from that laptop")
        return Step.INSERT
    if append_only or base_version == 0:
        return Step.DUPLICATE  # the laptop sent the record again
    return Step.MERGE


@dataclass(frozen=True)
class FieldMerge:
    apply: dict[str, Any] = field(default_factory=dict)  # fields the office takes from the laptop
    clashes: tuple[str, ...] = ()                         # fields someone else changed meanwhile

    def outcome(self, office_version: int, base_version: int) -> str:
        """applied (the laptop edited the office's version), merged (a later one), or conflict."""
        if self.clashes:
            return "conflict"
        return "applied" if office_version == base_version else "merged"


def merge_fields(office: Mapping[str, Any], after: Mapping[str, Any], before: Mapping[str, Any], *,
                 immutable: frozenset[str] | set[str], kind: str) -> FieldMerge:
    """Three-way merge of one change into the office's copy (all values in their JSON form)."""
    apply: dict[str, Any] = {}
    clashes: list[str] = []
    for name, new in after.items():
        if name in _NOT_MERGED or name not in office or office[name] == new:
            continue
        if name in immutable:
            raise MergeRefused(f"a change to the {name} of a {kind}, which never changes")
        if office[name] == before.get(name):
            apply[name] = new
        else:
            clashes.append(name)
    return FieldMerge(apply, tuple(clashes))


@cache
def list_adapter(model: type[Record]) -> TypeAdapter[list[Record]]:
    item: Any = model  # list[model], a type made at run time
    adapter: TypeAdapter[list[Record]] = TypeAdapter(list[item])
    return adapter


def validated_many(model: type[Record], datas: list[dict[str, Any]]) -> tuple[list[Record], tuple[int, str] | None]:
    """The records ``datas`` describe, validated in one call; or, when one is invalid, no records
    and (its index, the same words ``validated`` would give)."""
    try:
        return list_adapter(model).validate_python(datas), None
    except ValidationError as exc:
        first = exc.errors()[0]  # items are validated in order: the first error is the first bad item
        index, *loc = first["loc"]
        return [], (int(index), f"a {model.kind} with an invalid {'.'.join(map(str, loc))}: {first['msg']}")


def validated(model: type[Record], data: dict[str, Any]) -> Record:
    """The record ``data`` describes, or MergeRefused naming the first invalid field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise MergeRefused(f"a {model.kind} with an invalid {'.'.join(map(str, first['loc']))}: {first['msg']}") from None
