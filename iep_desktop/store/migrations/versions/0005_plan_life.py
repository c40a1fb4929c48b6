"""plan life: services as they happen, reopened goals and objectives, exit notes, review meetings

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01

New columns, all with a value for the rows already there, so a store made before reads exactly
as it did:
- services.status (planned / in_progress / completed / not_completed), outcome and
  not_completed_reason (R-S3). A service that already has an actual end is completed, one with
  only an actual start is in progress: the dates said so before the status existed.
- goals.reopenings and objectives.reopenings: closings undone by mistake, kept (R-G4, R-O4).
- plans.closing_note_id: the case note written when the plan closed at exit (R-V4).
- case_notes.note_kind: which kind of note it is (R-C1: a board's structure may apply to one kind).
- reviews.meeting_kind: how the review meeting was held (R-V3, Rivers East).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=40), nullable=False, server_default='planned'))
        batch_op.add_column(sa.Column('outcome', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('not_completed_reason', sa.Text(), nullable=False, server_default=''))
    op.execute("UPDATE services SET status = 'completed' WHERE actual_end IS NOT NULL")
    op.execute("UPDATE services SET status = 'in_progress' WHERE actual_end IS NULL AND actual_start IS NOT NULL")
    for table in ('goals', 'objectives'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('reopenings', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closing_note_id', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_plans_closing_note_id'), ['closing_note_id'], unique=False)
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note_kind', sa.String(length=40), nullable=False, server_default='general'))
    # Review notes written before this revision are review notes (their titles say so).
    op.execute("UPDATE case_notes SET note_kind = 'review' WHERE id IN "
               "(SELECT case_note_id FROM reviews WHERE case_note_id IS NOT NULL)")
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_kind', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_column('meeting_kind')
    with op.batch_alter_table('case_notes', schema=None) as batch_op:
        batch_op.drop_column('note_kind')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_closing_note_id'))
        batch_op.drop_column('closing_note_id')
    for table in ('goals', 'objectives'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('reopenings')
    with op.batch_alter_table('services', schema=None) as batch_op:
        for column in ('not_completed_reason', 'outcome', 'status'):
            batch_op.drop_column(column)
