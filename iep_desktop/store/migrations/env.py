"""Alembic environment: runs on the connection the store hands over (never from a URL)."""

from __future__ import annotations

from alembic import context

from iep_desktop.store.tables import metadata


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # FTS5 virtual table and its shadow tables are made by hand in the migrations.
    return not (name or "").startswith("participant_search")


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("IEP migrations run only through iep_desktop.store.migrate")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  include_object=include_object)
with context.begin_transaction():
    context.run_migrations()
