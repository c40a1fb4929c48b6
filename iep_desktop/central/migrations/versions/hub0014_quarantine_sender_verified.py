"""quarantine: whether the sender of a quarantined bundle was verified

Revision ID: hub0014
Revises: hub0013
Create Date: 2026-12-03

- hub_quarantine.sender_verified: 1 when the bundle's signature was checked against the key on
  record for the laptop its header names before it was set aside. A bundle refused for its
  signature, or from a laptop the office never enrolled or revoked, was listed under the laptop
  its header names, as if that laptop had sent it; its header is only a claim. Entries made
  before this revision are 0: nobody recorded whether they were verified.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'hub0014'
down_revision = 'hub0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('hub_quarantine', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sender_verified', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('hub_quarantine', schema=None) as batch_op:
        batch_op.drop_column('sender_verified')
