"""Enrollment: the office gives a laptop a one-time secret; the laptop's first bundle proves it.

The office writes an enrollment file (its public keys and the secret, signed). The laptop makes
its own keys and, in its first bundle, sends them with an HMAC over them keyed by the secret.
The hub then pins those keys: every later bundle must be signed with the pinned signing key.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import Connection, insert, select, update

from iep_desktop.central.tables import device_participants

from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import devices
from iep_desktop.crypto.sealed import b64d, b64e
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.sync.container import BundleError, BundleHeader
from iep_desktop.sync.identity import enrollment_verifier, proof_holds, signing_key_id, write_enrollment

ENROLLMENT_DAYS = 14  # how long an enrollment file is good for, unless the office says otherwise


DEVICE_NAME_MAX = 120  # hub_devices.name


def enroll_device(ctx: HubContext, name: str, out: Path, actor: str, *, valid_days: int = ENROLLMENT_DAYS,
                  replace: bool = False) -> str:
    """Record a new laptop and write its enrollment file; returns the device id.

    The office keeps only a verifier of the file's one-time secret, and the file expires after
    ``valid_days``. A revoked laptop's name can be enrolled again: the new enrollment takes over the
    participants the revoked one shared. ``replace`` does the revoking first (a laptop reinstalled,
    or replaced, keeps its name), in the same transaction."""
    name = name.strip()
    if not name:
        raise InvalidInput("Give the laptop a name, for example 'job-fair-laptop-3'.")
    if len(name) > DEVICE_NAME_MAX or not name.isprintable():
        raise InvalidInput(f"A laptop's name is at most {DEVICE_NAME_MAX} printable characters, for example "
                           "'job-fair-laptop-3'. Nothing was changed.")
    if not 1 <= valid_days <= 365:
        raise InvalidInput("An enrollment file is good for 1 to 365 days; the default is 14.")
    out = Path(out)
    _check_out(ctx, out)
    device_id, secret = str(uuid.uuid4()), os.urandom(32)
    with ctx.engine.begin() as conn:
        old = conn.execute(select(devices).where(devices.c.name == name)).mappings().first()
        if replace and old is None:
            raise NotFound(f"No laptop named {name} is enrolled, so there is nothing to replace; leave out --replace "
                           "to enroll a new one.")
        if replace and old is not None and old["revoked_at"] is None:
            conn.execute(update(devices).where(devices.c.id == old["id"])
                         .values(revoked_at=ctx.clock.now(), revoked_by=actor))
            ctx.audit(conn, actor, "hub.revoke", "device", old["id"])
            old = conn.execute(select(devices).where(devices.c.id == old["id"])).mappings().first()
        if old is not None and old["revoked_at"] is None:
            raise InvalidInput(f"A laptop named {name} is already enrolled; pick another name, or, if it was "
                               f"reinstalled or replaced, add --replace (its old keys are revoked).")
        if old is not None:  # re-enrolling a revoked laptop: the old row keeps its history under another name
            conn.execute(update(devices).where(devices.c.id == old["id"])
                         .values(name=f"{name} (revoked {old['id'][:8]})"[:120]))
        conn.execute(insert(devices).values(id=device_id, name=name, enrollment_verifier=b64e(enrollment_verifier(secret)),
                                            enrolled_at=ctx.clock.now(),
                                            expires_at=ctx.clock.now() + timedelta(days=valid_days)))
        if old is not None:
            shared = list(conn.execute(select(device_participants.c.participant_id)
                                       .where(device_participants.c.device_id == old["id"])).scalars())
            if shared:
                conn.execute(insert(device_participants),
                             [{"device_id": device_id, "participant_id": pid} for pid in shared])
        ctx.audit(conn, actor, "hub.enroll", "device", device_id)
        write_enrollment(out, ctx.keys, device_id, name, secret, ctx.clock.now())
    return device_id


def _check_out(ctx: HubContext, out: Path) -> None:
    """An enrollment file is written where nothing is: never over another file (office-keys.json,
    without which no bundle can be read, or an enrollment file not yet used), nor into the office
    folder, which it is made to leave."""
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist; create it or pick another --out.")
    if out.resolve().is_relative_to(ctx.office_dir.resolve()):
        raise InvalidInput(f"{out} is in the office folder {ctx.office_dir}; write the enrollment file elsewhere, "
                           "for example to the USB stick that takes it to the laptop. Nothing was changed.")
    if out.exists() or out.is_symlink():
        raise InvalidInput(f"{out} already exists and is never written over; pick a new file name for each "
                           "enrollment file (or move the old one away). Nothing was changed.")


def sender_key(device: Any, header: BundleHeader, now: datetime) -> Ed25519PublicKey:
    """The key the bundle must be signed with: the one pinned for this laptop, or on its first
    bundle the one it proves with its enrollment secret (before the enrollment file expires)."""
    if device is None:
        raise BundleError("unknown-sender", "The bundle comes from a laptop this office never enrolled.")
    if device["revoked_at"] is not None:
        raise BundleError("unknown-sender", f"The bundle comes from a laptop the office revoked on "
                                            f"{device['revoked_at']:%Y-%m-%d}; it is kept aside, not applied.")
    if device["signing_key"]:
        if device["signing_key"] != header.sender_signing_key:
            if header.enrollment_proof:  # a store's first bundles: it was enrolled with a file already used
                pinned = signing_key_id(Ed25519PublicKey.from_public_bytes(b64d(device["signing_key"])))
                raise BundleError("bad-signature", (
                    f"The bundle comes from a second store enrolled with {device['name']}'s enrollment file, which "
                    f"the store with key {pinned} used first; it is kept aside. If this one is the real "
                    f"{device['name']}: 'iep central enroll --device {device['name']} --replace', enroll the laptop "
                    "with the new file, and its next export brings all its work."))
            raise BundleError("bad-signature", "The bundle is signed with a key this laptop never registered.")
        return Ed25519PublicKey.from_public_bytes(b64d(device["signing_key"]))
    if device["expires_at"] is not None and now > device["expires_at"]:
        raise BundleError("unknown-sender", f"The laptop's enrollment file expired on {device['expires_at']:%Y-%m-%d} "
                                            "before its first bundle; make a new one with 'iep central enroll'.")
    verifier = device["enrollment_verifier"]
    signing, encryption = b64d(header.sender_signing_key), b64d(header.sender_encryption_key)
    proof = b64d(header.enrollment_proof) if header.enrollment_proof else b""
    if not verifier or not proof_holds(b64d(verifier), proof, device["id"], signing, encryption):
        raise BundleError("unknown-sender", "The laptop did not prove its enrollment; enroll it again.")
    X25519PublicKey.from_public_bytes(encryption)
    return Ed25519PublicKey.from_public_bytes(signing)


def advance_device(ctx: HubContext, conn: Connection, device: Any, header: BundleHeader, digest: str,
                   returns_imported: int) -> None:
    """After a bundle applied: pin the laptop's keys on its first one, and move its sequence on."""
    # returns_reported follows the latest bundle even downwards (a laptop store restored from a
    # backup took in fewer returns): the next return then builds on one the laptop really holds.
    values: dict[str, Any] = {"returns_confirmed": max(device["returns_confirmed"], returns_imported),
                              "returns_reported": returns_imported}
    if returns_imported > device["return_sequence"]:
        # The laptop took in returns this hub has no record of making: the hub was restored from
        # a backup. Number the next return after the laptop's, and ask it to send everything again.
        values |= {"return_sequence": returns_imported, "resend_requested": 1, "resend_return": 0}
    elif device["resend_requested"] and device["resend_return"] and returns_imported >= device["resend_return"]:
        # It took in the return that asked (or a later one), so this bundle resent all. Not
        # before: a bundle sent before any return asked is no resend (return_sequence may already
        # equal returns_imported, raised above by an earlier bundle).
        values |= {"resend_requested": 0, "resend_return": 0}
    if not device["signing_key"]:
        values |= {"signing_key": header.sender_signing_key, "encryption_key": header.sender_encryption_key,
                   "enrollment_secret": None, "enrollment_verifier": None, "registered_at": ctx.clock.now()}
    if header.sequence > device["last_sequence"]:
        values |= {"last_sequence": header.sequence, "last_digest": digest}
    conn.execute(update(devices).where(devices.c.id == device["id"]).values(**values))


def revoke(ctx: HubContext, name: str, actor: str) -> None:
    """Stop a lost laptop: its later bundles are refused and it gets no more return bundles."""
    with ctx.engine.begin() as conn:
        device = conn.execute(select(devices).where(devices.c.name == name)).mappings().first()
        if device is None:
            raise NotFound(f"No laptop named {name} is enrolled; 'iep central devices' lists them.")
        if device["revoked_at"] is not None:
            raise InvalidInput(f"{name} was already revoked on {device['revoked_at']:%Y-%m-%d}; nothing changed.")
        conn.execute(update(devices).where(devices.c.id == device["id"])
                     .values(revoked_at=ctx.clock.now(), revoked_by=actor))
        ctx.audit(conn, actor, "hub.revoke", "device", device["id"])


def list_devices(ctx: HubContext) -> list[dict[str, Any]]:
    """Every laptop, with the fingerprint of the key it registered (to compare with the laptop's own)."""
    now = ctx.clock.now()
    with ctx.engine.connect() as conn:
        rows = list(conn.execute(select(devices).order_by(devices.c.name)).mappings())
    out = []
    for r in rows:
        if r["revoked_at"] is not None:
            state = "revoked"
        elif r["signing_key"]:
            state = "registered"
        elif r["expires_at"] is not None and now > r["expires_at"]:
            state = "expired"
        else:
            state = "waiting for its first bundle"
        key = signing_key_id(Ed25519PublicKey.from_public_bytes(b64d(r["signing_key"]))) if r["signing_key"] else None
        out.append({"name": r["name"], "device_id": r["id"], "state": state, "key_fingerprint": key,
                    "enrolled_at": r["enrolled_at"], "expires_at": r["expires_at"], "registered_at": r["registered_at"],
                    "last_sequence": r["last_sequence"], "revoked_at": r["revoked_at"]})
    return out
