"""Alembic environment of the office hub database: runs on the connection the hub hands over."""

from __future__ import annotations

from alembic import context

from iep_desktop.central.schema import VERSION_TABLE
from iep_desktop.central.tables import hub_metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Hub migrations run only through iep_desktop.central.schema")
context.configure(connection=connection, target_metadata=hub_metadata, render_as_batch=True,
                  version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
