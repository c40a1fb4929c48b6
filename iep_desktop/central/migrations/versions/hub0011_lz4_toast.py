"""PostgreSQL hubs: compress the long texts with LZ4 instead of pglz

Revision ID: hub0011
Revises: hub0010
Create Date: 2026-12-02

PostgreSQL compresses every value over about 2 KB as it stores it (TOAST), with pglz unless told
otherwise. A signature's ink (7 KB on average), a plan version's content (3 KB) and a signed PDF
are such values: at a 10,000-plan ingest, pglz took 1.35 s of the 1.4 s spent writing 13,880
signatures, LZ4 about 0.5 s (issue 17). Values already stored stay as they are (PostgreSQL reads
both); a server built without LZ4, or before version 14, keeps pglz. Nothing to do on the embedded
hub (SQLite stores text as it is).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = 'hub0011'
down_revision = 'hub0010'
branch_labels = None
depends_on = None

# (table, column): the values long enough to be compressed.
LONG_VALUES = (("signatures", "strokes"), ("plan_versions", "content"), ("hub_signed_pdfs", "pdf"))


def _server_has_lz4() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    choices = bind.execute(text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")).scalar()
    return isinstance(choices, list) and "lz4" in choices  # text[]: the methods this server has


def _set_compression(method: str) -> None:
    for table, column in LONG_VALUES:
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION {method}')


def upgrade() -> None:
    if _server_has_lz4():
        _set_compression("lz4")


def downgrade() -> None:
    if _server_has_lz4():
        _set_compression("default")
