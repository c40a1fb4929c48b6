"""laptops' audit events are known by (laptop, event id)

Revision ID: hub0012
Revises: hub0011
Create Date: 2026-12-03

An audit event's id is its laptop's own, as bundle and change ids are since hub0004. The ids were
unique across laptops, so the ingest took an event whose id another laptop had sent as one the
office held already: a bundle of another laptop's under one of this laptop's event ids made this
laptop's real event drop out of its chain (and every event after it went to the forks), and a
laptop store enrolled again (``enroll --replace``) saw all its new events kept apart as a fork.
From this revision hub_device_audit is unique on (device_id, id), and hub_device_audit_forks is
keyed by (device_id, id), which also serves its lookups by laptop (its index on device_id alone
goes, as hub0010 did for the applied changes).

Both tables are rebuilt as hub0004 rebuilt its two (copy aside, drop, create with the new keys,
copy back), the same way on SQLite and PostgreSQL. Downgrade gives the old keys back; it fails,
changing nothing, when two laptops' events share an id by then.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import iep_desktop.store.tables  # column types shared with the laptop store

revision = 'hub0012'
down_revision = 'hub0011'
branch_labels = None
depends_on = None

_EVENT = "at, actor, action, record_kind, record_id, before_digest, after_digest, prev_hash, hash"
_AUDIT_COLUMNS = f"device_id, seq, id, {_EVENT}"
_FORK_COLUMNS = f"id, device_id, bundle_id, seq, {_EVENT}"


def _event_columns() -> list[sa.Column[object]]:
    return [
        sa.Column('at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
        sa.Column('actor', sa.Text(), nullable=False),
        sa.Column('action', sa.String(length=64), nullable=False),
        sa.Column('record_kind', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.Column('before_digest', sa.String(length=64), nullable=True),
        sa.Column('after_digest', sa.String(length=64), nullable=True),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
    ]


def _aside(table: str) -> None:
    op.execute(f"CREATE TABLE {table}_0012 AS SELECT * FROM {table}")
    op.drop_table(table)


def _back(table: str, columns: str) -> None:
    op.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_0012")
    op.drop_table(f"{table}_0012")


def _audit(unique: sa.UniqueConstraint) -> None:
    op.create_table('hub_device_audit',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    *_event_columns(),
    sa.PrimaryKeyConstraint('device_id', 'seq', name=op.f('pk_hub_device_audit')),
    unique,
    )


def _forks(key: tuple[str, ...]) -> None:
    op.create_table('hub_device_audit_forks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    *_event_columns(),
    sa.PrimaryKeyConstraint(*key, name=op.f('pk_hub_device_audit_forks'))
    )
    if key == ('id',):
        with op.batch_alter_table('hub_device_audit_forks', schema=None) as batch_op:
            batch_op.create_index(batch_op.f('ix_hub_device_audit_forks_device_id'), ['device_id'], unique=False)


def upgrade() -> None:
    _aside('hub_device_audit')
    _audit(sa.UniqueConstraint('device_id', 'id', name='uq_hub_device_audit_device_id'))
    _back('hub_device_audit', _AUDIT_COLUMNS)
    _aside('hub_device_audit_forks')
    _forks(('device_id', 'id'))
    _back('hub_device_audit_forks', _FORK_COLUMNS)


def downgrade() -> None:
    _aside('hub_device_audit')
    _audit(sa.UniqueConstraint('id', name='uq_hub_device_audit_id'))
    _back('hub_device_audit', _AUDIT_COLUMNS)
    _aside('hub_device_audit_forks')
    _forks(('id',))
    _back('hub_device_audit_forks', _FORK_COLUMNS)
