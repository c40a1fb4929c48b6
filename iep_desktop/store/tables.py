"""The SQLAlchemy mapping: one table per domain record type, made from the pydantic models.

Building the tables from the models keeps the two from drifting apart; Alembic migrations
(store/migrations) are the authority for the schema on disk, and a test checks that the
migrations produce exactly this metadata. The same tables serve the laptop (SQLCipher) and the
central hub (SQLite or PostgreSQL).
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import (
    JSON, Boolean, Column, Date, Index, Integer, MetaData, String, Table, Text, TypeDecorator,
)

from sqlalchemy.types import TypeEngine

from iep_desktop.domain.models import RECORD_TYPES, Record

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
})


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as ISO-8601 UTC text, which sorts in time order everywhere."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class DecimalText(TypeDecorator[Decimal]):
    """Money and grade levels as exact decimal text (SQLite has no exact decimal type)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: object) -> Decimal | None:
        return None if value is None else Decimal(value)


def _strip_optional(annotation: object) -> tuple[object, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _column_type(annotation: object) -> TypeEngine[Any]:
    base = typing.get_origin(annotation) or annotation
    if base is typing.Annotated:
        base = typing.get_args(annotation)[0]
    if isinstance(base, type):
        if issubclass(base, bool):
            return Boolean()
        if issubclass(base, Enum):
            return String(40)
        if issubclass(base, int):
            return Integer()
        if issubclass(base, datetime):
            return UtcDateTime()
        if issubclass(base, date):
            return Date()
        if issubclass(base, Decimal):
            return DecimalText()
        if issubclass(base, str):
            return Text()
        if issubclass(base, BaseModel):
            return JSON()
    if base in (list, dict):
        return JSON()
    raise TypeError(f"no column type for {annotation!r}")


def _record_table(model: type[Record]) -> Table:
    columns: list[Column[Any]] = []
    for name, info in model.model_fields.items():
        annotation, optional = _strip_optional(info.annotation)
        columns.append(Column(
            name, _column_type(annotation), primary_key=(name == "id"),
            nullable=optional, index=name.endswith("_id"),
        ))
    return Table(f"{model.kind}s", metadata, *columns)


RECORD_TABLES: dict[str, Table] = {kind: _record_table(model) for kind, model in RECORD_TYPES.items()}
JSON_COLUMNS: dict[str, frozenset[str]] = {
    kind: frozenset(c.name for c in table.columns if isinstance(c.type, JSON))
    for kind, table in RECORD_TABLES.items()
}

Index("ix_plans_participant_status", RECORD_TABLES["plan"].c.participant_id, RECORD_TABLES["plan"].c.status)
Index("ix_participants_last_first", RECORD_TABLES["participant"].c.last_name, RECORD_TABLES["participant"].c.first_name)

meta = Table(
    "store_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# The tamper-evident audit trail: each event's hash covers the previous event's hash.
audit_events = Table(
    "audit_events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("id", String(36), nullable=False, unique=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(64), nullable=False),
    Column("record_kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False, index=True),
    Column("before_digest", String(64), nullable=True),
    Column("after_digest", String(64), nullable=True),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The change log sync reads: every change to a record since the office last acknowledged it.
changes = Table(
    "changes", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("record_kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False, index=True),
    Column("base_version", Integer, nullable=False),  # 0 for a new record
    Column("new_version", Integer, nullable=False),
    Column("fields", JSON, nullable=False),  # the changed fields and their new values
    Column("before", JSON, nullable=False),  # the same fields' values before (empty for a new record)
    Column("author", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("sync_state", String(16), nullable=False, server_default="not_sent", index=True),
    Column("bundle_id", String(36), nullable=True),
)
