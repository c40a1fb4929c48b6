"""refused changes: a laptop's changes to records it may not change, kept apart one by one

Revision ID: hub0002
Revises: hub0001
Create Date: 2026-12-01

Issue 14, finding 2: a laptop may change only the participants it created or was given with
'iep central share'. A change to anyone else's record is refused on its own and kept here with
its reason; the rest of the bundle still applies.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import iep_desktop.store.tables  # column types shared with the laptop store


revision = 'hub0002'
down_revision = 'hub0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_refused_changes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('change', sa.JSON(), nullable=False),
    sa.Column('received_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_refused_changes'))
    )
    with op.batch_alter_table('hub_refused_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_refused_changes_change_id'), ['change_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hub_refused_changes_device_id'), ['device_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('hub_refused_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_refused_changes_device_id'))
        batch_op.drop_index(batch_op.f('ix_hub_refused_changes_change_id'))

    op.drop_table('hub_refused_changes')
