"""audit trail head: remember where the hash chain ends

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

A bare hash chain cannot tell that its newest events were cut off. From this revision on, every
append also writes the last event's sequence number and hash to store_meta ("audit.head"), and
verify compares the chain's end with it. A store made before records its current end here once.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    last = conn.execute(sa.text("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")).first()
    if last is not None:
        conn.execute(sa.text("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('audit.head', :v)"),
                     {"v": f"{last.seq}:{last.hash}"})


def downgrade() -> None:
    op.execute("DELETE FROM store_meta WHERE key = 'audit.head'")
