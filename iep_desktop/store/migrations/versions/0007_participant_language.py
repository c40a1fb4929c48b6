"""participant's preferred language

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Issue 18: each participant has a preferred language ("en" or "es"); their copy of the plan and
the signature page's summary and consent are printed in it. Existing rows get "en", which is what
the model gives a record that never had the field (and what every copy was printed in before).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('preferred_language', sa.String(length=40), nullable=False,
                                      server_default='en'))


def downgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('preferred_language')
