"""returns: chained return bundles that carry only what changed

Revision ID: hub0009
Revises: hub0008
Create Date: 2026-12-02

- hub_returns: every return bundle made for a laptop, with its digest (the next return's
  prev_digest names it, issue 14 finding 7), the return it builds on, and where its
  acknowledgements stopped, so the next one carries only what changed (issue 15, item 13).
- hub_return_records: the version of each record last sent to each laptop, and in which return.
- hub_devices.returns_reported: the return the laptop's latest bundle says it took in last; the
  next return builds on that one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import iep_desktop.store.tables  # column types shared with the laptop store

revision = 'hub0009'
down_revision = 'hub0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'hub_returns',
        sa.Column('device_id', sa.String(length=36), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('created_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
        sa.Column('baseline', sa.Integer(), nullable=False),
        sa.Column('acks_through', sa.Integer(), nullable=False),
        sa.Column('conflicted', sa.JSON(), nullable=False),
        sa.Column('records', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('device_id', 'sequence', name=op.f('pk_hub_returns')),
    )
    op.create_table(
        'hub_return_records',
        sa.Column('device_id', sa.String(length=36), nullable=False),
        sa.Column('record_kind', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('return_sequence', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('device_id', 'record_kind', 'record_id', name=op.f('pk_hub_return_records')),
    )
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('returns_reported', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.drop_column('returns_reported')
    op.drop_table('hub_return_records')
    op.drop_table('hub_returns')
