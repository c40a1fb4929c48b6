"""hub plan life: the columns laptop schema 0005 added (services as they happen, reopenings,
closing notes, note kinds, review meeting kinds)

Revision ID: hub0003
Revises: hub0002
Create Date: 2026-12-01

Every new column has a value for the rows already there, so records from laptops on the earlier
app (schema 0003) read as before and merge field by field as before: a change record without
the new fields leaves them at these values. Services that already had an actual end are
completed, those with only an actual start in progress (their dates said so).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'hub0003'
down_revision = 'hub0002'
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
