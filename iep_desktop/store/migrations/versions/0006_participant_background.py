"""participant background, and the goal a goal serves

(Written as 0004 on lane rules; renumbered after 0005 plan life landed first, so a store
already at 0005 still gets these columns.)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

R-A1: the participant's education, work and employment history, credentials and job skills
(SCPa I.D, Rivers East prerequisite 4, NJ's Employment and Education tabs). R-G7 / R-G1: a goal
names the goal it serves (NJ short-term goals aligned with the long-term career goal; Chicago's
youth educational goal linked to an employment goal). Existing rows get empty text and no link,
which is what the models give a record that never had these fields.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
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
