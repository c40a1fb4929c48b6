"""devices: the return that asked a laptop to send everything again

Revision ID: hub0013
Revises: hub0012
Create Date: 2026-12-03

- hub_devices.resend_return: the first return bundle that carried ``resend_all`` for the
  request now pending (0 while none was made). The request is settled only when a bundle says
  the laptop took that return in: before, it was settled as soon as a bundle's returns_imported
  reached hub_devices.return_sequence, which the first bundle after a restore raises to the
  laptop's own number, so the second bundle settled a request no return had carried, and what
  the office had acknowledged before the restore and lost was never sent again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'hub0013'
down_revision = 'hub0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resend_return', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.drop_column('resend_return')
