"""participant search: prefix index and name order

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Recreates the FTS5 participant index with ``prefix='1 2 3'`` (short prefixes read one index
entry) and a ``sort_name`` column (results in name order without bm25 ``rank``), and fills it
again from the participants table. Runs inside the migration's one transaction on the store's
own keyed connection: nothing is written outside the encrypted file (temp_store is MEMORY), and
a store left half-way (power cut) is still at 0001 and simply runs this again. Everything it
needs is written out here, so this migration never changes when store/search.py does.
"""
from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TOKENIZE = "unicode61 remove_diacritics 2 tokenchars '-'"
FTS_CREATE_0002 = (
    "CREATE VIRTUAL TABLE participant_search USING fts5("
    f"participant_id UNINDEXED, sort_name UNINDEXED, terms, tokenize = \"{TOKENIZE}\", prefix = '1 2 3')"
)
FTS_CREATE_0001 = (
    "CREATE VIRTUAL TABLE participant_search USING fts5("
    f"participant_id UNINDEXED, terms, tokenize = \"{TOKENIZE}\")"
)
BATCH = 5000


def _terms(row: sa.Row[Any]) -> str:
    parts = [row.first_name, row.last_name, row.id, row.id.split("-")[0]]
    if row.date_of_birth:
        dob = date.fromisoformat(str(row.date_of_birth))
        parts += [dob.isoformat(), f"{dob:%m/%d/%Y}", f"{dob.month}/{dob.day}/{dob.year}"]
    if row.ssn_last4:
        parts.append(row.ssn_last4)
    return " ".join(parts)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _refill(with_sort_name: bool) -> None:
    conn = op.get_bind()
    people = conn.exec_driver_sql(
        "SELECT id, first_name, last_name, date_of_birth, ssn_last4 FROM participants ORDER BY rowid")
    if with_sort_name:
        insert = "INSERT INTO participant_search (participant_id, sort_name, terms) VALUES (?, ?, ?)"
    else:
        insert = "INSERT INTO participant_search (participant_id, terms) VALUES (?, ?)"
    rows = people.fetchall()  # read before writing into the same connection
    for begin in range(0, len(rows), BATCH):
        batch = rows[begin:begin + BATCH]
        if with_sort_name:
            values: list[tuple[Any, ...]] = [(r.id, f"{_fold(r.last_name)}\x1f{_fold(r.first_name)}", _terms(r)) for r in batch]
        else:
            values = [(r.id, _terms(r)) for r in batch]
        conn.exec_driver_sql(insert, values)
    conn.exec_driver_sql("INSERT INTO participant_search (participant_search) VALUES ('optimize')")


def upgrade() -> None:
    op.execute("DROP TABLE IF EXISTS participant_search")
    op.execute(FTS_CREATE_0002)
    _refill(with_sort_name=True)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS participant_search")
    op.execute(FTS_CREATE_0001)
    _refill(with_sort_name=False)
