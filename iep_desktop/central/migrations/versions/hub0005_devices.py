"""devices: enrollment verifier instead of the secret, expiry, revocation

Revision ID: hub0005
Revises: hub0004
Create Date: 2026-12-01

Issue 14, finding 4. The one-time enrollment secret sat in clear in the hub database and never
expired, and a lost laptop could not be stopped. From this revision the office keeps only a
verifier (the public half of the Ed25519 key the secret makes), an enrollment file expires, and a
laptop can be revoked. A laptop enrolled before this revision and not yet heard from keeps working:
its secret is turned into a verifier here and then erased, and its file expires 14 days after it
was made. The derivation is written out here so this revision never changes with the app's code.
"""
from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import sqlalchemy as sa
from alembic import op
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import iep_desktop.store.tables  # column types shared with the laptop store

revision = 'hub0005'
down_revision = 'hub0004'
branch_labels = None
depends_on = None

_DAYS = 14


def _verifier(secret_b64: str) -> str:
    seed = hashlib.sha256(b"iep-enrollment-proof-key-v2|" + base64.b64decode(secret_b64)).digest()
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def upgrade() -> None:
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('enrollment_verifier', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('expires_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True))
        batch_op.add_column(sa.Column('revoked_at', iep_desktop.store.tables.UtcDateTime(length=32), nullable=True))
        batch_op.add_column(sa.Column('revoked_by', sa.Text(), nullable=True))
    table = sa.table('hub_devices', sa.column('id', sa.String()), sa.column('enrollment_secret', sa.Text()),
                     sa.column('enrollment_verifier', sa.Text()),
                     sa.column('enrolled_at', iep_desktop.store.tables.UtcDateTime()),
                     sa.column('expires_at', iep_desktop.store.tables.UtcDateTime()))
    conn = op.get_bind()
    waiting = list(conn.execute(sa.select(table.c.id, table.c.enrollment_secret, table.c.enrolled_at)
                                .where(table.c.enrollment_secret.is_not(None))))
    for device_id, secret, enrolled_at in waiting:
        conn.execute(sa.update(table).where(table.c.id == device_id).values(
            enrollment_verifier=_verifier(secret), enrollment_secret=None,
            expires_at=enrolled_at + timedelta(days=_DAYS)))


def downgrade() -> None:
    # The secrets are gone for good: laptops not yet heard from must be enrolled again.
    with op.batch_alter_table('hub_devices', schema=None) as batch_op:
        batch_op.drop_column('revoked_by')
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('expires_at')
        batch_op.drop_column('enrollment_verifier')
