"""hub: participant background, and the goal a goal serves

Revision ID: hub0006
Revises: hub0005
Create Date: 2026-12-01

The hub's copy of the laptop store's revision 0006 (issue 16): participants gain education,
work_history, credentials and job_skills (empty for existing rows, as the models give a record
that never had them), goals gain serves_goal_id (none).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'hub0006'
down_revision = 'hub0005'
branch_labels = None
depends_on = None

BACKGROUND = ("education", "work_history", "credentials", "job_skills")


def upgrade() -> None:
    with op.batch_alter_table('participants', schema=None) as batch_op:
        for name in BACKGROUND:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('serves_goal_id', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_goals_serves_goal_id'), ['serves_goal_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_serves_goal_id'))
        batch_op.drop_column('serves_goal_id')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        for name in reversed(BACKGROUND):
            batch_op.drop_column(name)
