"""Participant search as you type: an FTS5 index over names, ids and dates of birth.

The index lives inside the encrypted database like everything else. The ``unicode61`` tokenizer
with ``remove_diacritics 2`` lets "nguyen" find "Nguyễn"; every typed word is a prefix query.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from iep_desktop.domain.models import Participant

CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS participant_search USING fts5("
    "participant_id UNINDEXED, terms, tokenize = \"unicode61 remove_diacritics 2 tokenchars '-'\")"
)
DROP_SQL = "DROP TABLE IF EXISTS participant_search"
_WORD = re.compile(r"[\w-]+", re.UNICODE)


def terms_for(p: Participant) -> str:
    parts = [p.first_name, p.last_name, p.id, p.id.split("-")[0]]
    if p.date_of_birth:
        dob = p.date_of_birth
        parts += [dob.isoformat(), f"{dob:%m/%d/%Y}", f"{dob.month}/{dob.day}/{dob.year}"]
    if p.ssn_last4:
        parts.append(p.ssn_last4)
    return " ".join(parts)


def index_participant(conn: Connection, participant: Participant) -> None:
    conn.execute(text("DELETE FROM participant_search WHERE participant_id = :id"), {"id": participant.id})
    conn.execute(text("INSERT INTO participant_search (participant_id, terms) VALUES (:id, :terms)"),
                 {"id": participant.id, "terms": terms_for(participant)})


def index_participants(conn: Connection, participants: list[Participant]) -> None:
    """Index new participants in one statement (bulk adds)."""
    if participants:
        conn.execute(text("INSERT INTO participant_search (participant_id, terms) VALUES (:id, :terms)"),
                     [{"id": p.id, "terms": terms_for(p)} for p in participants])


def match_query(typed: str) -> str | None:
    """Turn what a coach typed into an FTS5 query: every word must match as a prefix."""
    words = _WORD.findall(typed.replace("/", " "))
    if not words:
        return None
    return " ".join('"' + w.replace('"', "") + '"*' for w in words)


def search_ids(conn: Connection, typed: str, limit: int = 200) -> list[str]:
    query = match_query(typed)
    if query is None:
        return []
    rows = conn.execute(
        text("SELECT participant_id FROM participant_search WHERE participant_search MATCH :q "
             "ORDER BY rank LIMIT :limit"),
        {"q": query, "limit": limit},
    )
    return [r[0] for r in rows]
