"""Which participants each laptop shares: their records go back in that laptop's return bundles.

A laptop shares the participants it created (central/ownership.py) and those the office gives it
here; nothing else."""

from __future__ import annotations

from sqlalchemy import insert, select

from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import device_participants, devices
from iep_desktop.errors import InvalidInput, NotFound


def share(ctx: HubContext, device_name: str, participant_id: str, actor: str) -> str:
    """Let a laptop receive a participant another coach works with (in its next return bundle).

    ``participant_id`` may be its first 8 characters; returns the full id."""
    from iep_desktop.central.lookup import resolve_on

    with ctx.engine.begin() as conn:
        found = conn.execute(select(devices.c.id, devices.c.revoked_at).where(devices.c.name == device_name)).first()
        if found is None:
            raise NotFound(f"No laptop named {device_name} is enrolled; 'iep central status' lists them.")
        device, revoked_at = found
        if revoked_at is not None:  # it gets no more return bundles, so it would never receive the person
            raise InvalidInput(f"{device_name} was revoked on {revoked_at:%Y-%m-%d}; it gets no more return bundles, "
                               f"so nothing can be shared with it. Enroll it again ('iep central enroll --device "
                               f"{device_name} --out FILE'), then share; or share with another laptop. Nothing was "
                               "changed.")
        participant_id = resolve_on(ctx, participant_id, conn)
        exists = conn.execute(select(device_participants).where(device_participants.c.device_id == device)
                              .where(device_participants.c.participant_id == participant_id)).first()
        if not exists:
            conn.execute(insert(device_participants).values(device_id=device, participant_id=participant_id))
        ctx.audit(conn, actor, "hub.share", "participant", participant_id)
    return participant_id
