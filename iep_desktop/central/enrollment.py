"""Enrollment: the office gives a laptop a one-time secret; the laptop's first bundle proves it.

The office writes an enrollment file (its public keys and the secret, signed). The laptop makes
its own keys and, in its first bundle, sends them with an HMAC over them keyed by the secret.
The hub then pins those keys: every later bundle must be signed with the pinned signing key.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import Connection, insert, select, update

from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import devices
from iep_desktop.crypto.sealed import b64d, b64e
from iep_desktop.errors import InvalidInput
from iep_desktop.sync.container import BundleError, BundleHeader
from iep_desktop.sync.identity import enrollment_proof, write_enrollment


def enroll_device(ctx: HubContext, name: str, out: Path, actor: str) -> str:
    """Record a new laptop and write its enrollment file; returns the device id."""
    name = name.strip()
    if not name:
        raise InvalidInput("Give the laptop a name, for example 'job-fair-laptop-3'.")
    device_id, secret = str(uuid.uuid4()), os.urandom(32)
    with ctx.engine.begin() as conn:
        if conn.execute(select(devices.c.id).where(devices.c.name == name)).first():
            raise InvalidInput(f"A laptop named {name} is already enrolled; pick another name.")
        conn.execute(insert(devices).values(id=device_id, name=name, enrollment_secret=b64e(secret),
                                            enrolled_at=ctx.clock.now()))
        ctx.audit(conn, actor, "hub.enroll", "device", device_id)
        write_enrollment(Path(out), ctx.keys, device_id, name, secret, ctx.clock.now())
    return device_id


def sender_key(device: Any, header: BundleHeader) -> Ed25519PublicKey:
    """The key the bundle must be signed with: the one pinned for this laptop, or on its first
    bundle the one it proves with its enrollment secret."""
    if device is None:
        raise BundleError("unknown-sender", "The bundle comes from a laptop this office never enrolled.")
    if device["signing_key"]:
        if device["signing_key"] != header.sender_signing_key:
            raise BundleError("bad-signature", "The bundle is signed with a key this laptop never registered.")
        return Ed25519PublicKey.from_public_bytes(b64d(device["signing_key"]))
    secret = device["enrollment_secret"]
    signing, encryption = b64d(header.sender_signing_key), b64d(header.sender_encryption_key)
    proof = b64d(header.enrollment_proof) if header.enrollment_proof else b""
    if not secret or proof != enrollment_proof(b64d(secret), device["id"], signing, encryption):
        raise BundleError("unknown-sender", "The laptop did not prove its enrollment; enroll it again.")
    X25519PublicKey.from_public_bytes(encryption)
    return Ed25519PublicKey.from_public_bytes(signing)


def advance_device(ctx: HubContext, conn: Connection, device: Any, header: BundleHeader, digest: str,
                   returns_imported: int) -> None:
    """After a bundle applied: pin the laptop's keys on its first one, and move its sequence on."""
    values: dict[str, Any] = {"returns_confirmed": max(device["returns_confirmed"], returns_imported)}
    if returns_imported > device["return_sequence"]:
        # The laptop took in returns this hub has no record of making: the hub was restored from
        # a backup. Number the next return after the laptop's, and ask it to send everything again.
        values |= {"return_sequence": returns_imported, "resend_requested": 1}
    elif device["resend_requested"] and returns_imported >= device["return_sequence"]:
        values["resend_requested"] = 0  # it took in the return that asked, so this bundle resent all
    if not device["signing_key"]:
        values |= {"signing_key": header.sender_signing_key, "encryption_key": header.sender_encryption_key,
                   "enrollment_secret": None, "registered_at": ctx.clock.now()}
    if header.sequence > device["last_sequence"]:
        values |= {"last_sequence": header.sequence, "last_digest": digest}
    conn.execute(update(devices).where(devices.c.id == device["id"]).values(**values))
