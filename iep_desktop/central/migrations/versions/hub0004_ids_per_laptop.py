"""bundle and change ids are kept per laptop

Revision ID: hub0004
Revises: hub0003
Create Date: 2026-12-01

Issue 14, finding 3: bundle ids and change ids were global, so a second laptop could sign a
bundle of its own under the first laptop's pending bundle id (or change ids), and the first
laptop's real bundle then read as "duplicate, nothing changed". From this revision a bundle is
known by (laptop, bundle id) and a change by (laptop, change id).

Both tables are rebuilt the same way on SQLite and PostgreSQL (copy aside, drop, create with the
new keys, copy back), so no reflected constraint name is needed.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import iep_desktop.store.tables  # column types shared with the laptop store

revision = 'hub0004'
down_revision = 'hub0003'
branch_labels = None
depends_on = None

_BUNDLE_COLUMNS = "id, device_id, sequence, digest, received_at, notes, changes"
_CHANGE_COLUMNS = "seq, change_id, bundle_id, device_id, record_kind, record_id, outcome"


def _aside(table: str) -> None:
    op.execute(f"CREATE TABLE {table}_0004 AS SELECT * FROM {table}")
    op.drop_table(table)


def _back(table: str, columns: str) -> None:
    op.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_0004")
    op.drop_table(f"{table}_0004")


def _bundles(key: tuple[str, ...]) -> None:
    op.create_table('hub_bundles',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('received_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('changes', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint(*key, name=op.f('pk_hub_bundles'))
    )
    with op.batch_alter_table('hub_bundles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_bundles_device_id'), ['device_id'], unique=False)
        if key != ('id',):
            batch_op.create_index(batch_op.f('ix_hub_bundles_digest'), ['digest'], unique=False)
            batch_op.create_index(batch_op.f('ix_hub_bundles_id'), ['id'], unique=False)


def _changes(unique: sa.UniqueConstraint) -> None:
    op.create_table('hub_applied_changes',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_hub_applied_changes')),
    unique,
    )
    with op.batch_alter_table('hub_applied_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_applied_changes_bundle_id'), ['bundle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hub_applied_changes_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hub_applied_changes_record_id'), ['record_id'], unique=False)


def _advance_serial() -> None:
    """PostgreSQL: rows copied back with their seq; the next one must come after them."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('hub_applied_changes', 'seq'), "
                   "coalesce((SELECT max(seq) FROM hub_applied_changes), 0) + 1, false)")


def upgrade() -> None:
    _aside('hub_bundles')
    _bundles(('device_id', 'id'))
    _back('hub_bundles', _BUNDLE_COLUMNS)
    _aside('hub_applied_changes')
    _changes(sa.UniqueConstraint('device_id', 'change_id', name='uq_hub_applied_changes_device_change'))
    _back('hub_applied_changes', _CHANGE_COLUMNS)
    _advance_serial()


def downgrade() -> None:
    _aside('hub_bundles')
    _bundles(('id',))
    _back('hub_bundles', _BUNDLE_COLUMNS)
    _aside('hub_applied_changes')
    _changes(sa.UniqueConstraint('change_id'))
    _back('hub_applied_changes', _CHANGE_COLUMNS)
    _advance_serial()
