"""hub_applied_changes: drop the index on device_id alone

Revision ID: hub0010
Revises: hub0009
Create Date: 2026-12-02

The unique constraint on (device_id, change_id) (hub0004) is an index that starts with
device_id, so it already serves every lookup by laptop; the second index on device_id alone
only cost a write per change at every ingest (issue 17). Nothing is lost: downgrade makes it again.
"""

from __future__ import annotations

from alembic import op

revision = 'hub0010'
down_revision = 'hub0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('hub_applied_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hub_applied_changes_device_id'))


def downgrade() -> None:
    with op.batch_alter_table('hub_applied_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hub_applied_changes_device_id'), ['device_id'], unique=False)
