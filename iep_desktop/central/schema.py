"""The hub database's schema revisions (Alembic), applied when an office opens its hub.

The hub has its own migration history, apart from the laptop store's: its revisions live in
``central/migrations`` and are recorded in their own version table, so a hub database is never
mistaken for a laptop store. A hub made before this history existed (``create_all`` only, no
version table) holds exactly the baseline revision's tables, or fewer (tables were only ever
added), so the baseline creates what is missing and the hub then upgrades like any other.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from iep_desktop.errors import NotAStore

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "hub_alembic_version"
# Two 'iep central' commands opening one PostgreSQL hub at once must not both migrate it.
_PG_LOCK = 0x1E9_4B5


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


@cache
def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def revision_of(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return current_revision(conn)


NEWER_APP = ("This office database was written by a newer version of IEP Desktop (hub schema {rev}); "
             "update the office's app to open it. Nothing was changed.")


def check_not_newer(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise NotAStore(NEWER_APP.format(rev=revision))


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the hub database to this app's schema in one transaction; returns (from, to).

    Refuses, changing nothing, a database written by a newer app."""
    check_not_newer(revision_of(engine))
    if revision_of(engine) == head_revision():
        return head_revision(), head_revision()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        before = current_revision(conn)  # again, under the lock: another process may have finished
        check_not_newer(before)
        if before != head_revision():
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    return before, head_revision()
