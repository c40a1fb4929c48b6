"""hub: participant's preferred language

Revision ID: hub0008
Revises: hub0007
Create Date: 2026-12-02

The hub's copy of the laptop store's revision 0007 (issue 18): participants gain
preferred_language, "en" for existing rows (what the model gives a record that never had it, so a
bundle from an earlier app still reads).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'hub0008'
down_revision = 'hub0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('preferred_language', sa.String(length=40), nullable=False,
                                      server_default='en'))


def downgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('preferred_language')
