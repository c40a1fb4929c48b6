"""office: what a person at the office needs to decide conflicts and to recover from a restore

Revision ID: hub0007
Revises: hub0006
Create Date: 2026-12-01

- hub_conflicts: who wrote each side of a conflict and when (the laptop's author and time, and
  who last wrote the office's value), so a person can decide from the list alone.
- hub_devices.resend_requested: the hub is behind on this laptop (it was restored from a backup,
  or the laptop has taken in returns the hub has no record of making); the next return bundle
  asks the laptop to send again every change the office does not hold.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import iep_desktop.store.tables  # column types shared with the laptop store

revision = 'hub0007'
down_revision = 'hub0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('hub_conflicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_author', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('device_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True))
        batch_op.add_column(sa.Column('hub_author', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('hub_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True))
        batch_op.add_column(sa.Column('reopened_by', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('reopened_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True))
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resend_requested', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.drop_column('resend_requested')
    with op.batch_alter_table('hub_conflicts', schema=None) as batch_op:
        for name in ('reopened_at', 'reopened_by', 'hub_at', 'hub_author', 'device_at', 'device_author'):
            batch_op.drop_column(name)
