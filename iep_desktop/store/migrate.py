"""Alembic migrations, applied on open, without an alembic.ini on disk.

Opening a store that is already at the newest schema (nearly every open) does not load Alembic:
the head revision is read from the migration files' own ``revision``/``down_revision`` lines and
the store's from its ``alembic_version`` table (issue 17: Alembic is 15 MiB and a fifth of a
second of start-up). tests/test_search.py checks that both agree with Alembic's own answers.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from iep_desktop.errors import NotAStore

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, from the migration scripts' text (Alembic not loaded)."""
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict(_ASSIGNMENT.findall(script.read_text("utf-8")))
        if "revision" in found:
            down = ast.literal_eval(found.get("down_revision", "None"))
            graph[str(ast.literal_eval(found["revision"]))] = None if down is None else str(down)
    return graph


@cache
def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down is not None}
    assert len(heads) == 1, f"the migrations have {len(heads)} heads"
    return heads.pop()


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this app knows: records from a newer one may hold fields it cannot read."""
    return frozenset(_revision_graph())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except OperationalError:  # no such table: a database no migration has touched
            return None
    return rows[0] if len(rows) == 1 else None


def upgrade(engine: Engine) -> None:
    current = current_revision(engine)
    if current == head_revision():
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config()
    known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    if current is not None and current not in known:
        raise NotAStore(
            "This store was written by a newer version of IEP Desktop; update the app to open it."
        )
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
