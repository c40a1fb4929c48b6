"""Published board profiles and where each went: which version each laptop has taken in.

A profile's version is a short digest of its content (``profile_version``), the same on the hub
and on the laptop. When a return bundle carries a version for the first time, the hub notes the
return's number for that laptop; the laptop has taken the version in once it reports (in its
next bundle) that it imported that return. 'iep central status' shows it; the laptop's side is
in its audit trail and in 'iep profile show --db'.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select, update

from iep_desktop.central.context import HubContext
from iep_desktop.central.tables import devices, hub_meta, published_profiles
from iep_desktop.profiles import profile_version


def _key(device_id: str) -> str:
    return f"profiles_sent:{device_id}"


def note_sent(conn: Connection, device_id: str, return_sequence: int, profiles: list[dict[str, Any]]) -> None:
    """In the transaction that makes a return: the first return that carries each version."""
    current = conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == _key(device_id))).scalar()
    sent: dict[str, dict[str, Any]] = json.loads(current) if current else {}
    changed = False
    for profile in profiles:
        version = profile_version(profile)
        if sent.get(str(profile["id"]), {}).get("version") != version:
            sent[str(profile["id"])] = {"version": version, "return": return_sequence}
            changed = True
    if not changed:
        return
    value = json.dumps(sent, sort_keys=True)
    if current is None:
        conn.execute(insert(hub_meta).values(key=_key(device_id), value=value))
    else:
        conn.execute(update(hub_meta).where(hub_meta.c.key == _key(device_id)).values(value=value))


def published(ctx: HubContext) -> list[dict[str, Any]]:
    """Each published profile: version, when and by whom, and which laptops have taken it in."""
    with ctx.engine.connect() as conn:
        rows = list(conn.execute(select(published_profiles).order_by(published_profiles.c.id)).mappings())
        laptops = list(conn.execute(select(devices.c.id, devices.c.name, devices.c.returns_confirmed)
                                    .where(devices.c.revoked_at.is_(None)).order_by(devices.c.name)).mappings())
        sent = {d["id"]: json.loads(conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == _key(d["id"])))
                                    .scalar() or "{}") for d in laptops}
    out = []
    for row in rows:
        version = profile_version(row["profile"])
        have: list[str] = []
        waiting: list[str] = []
        for d in laptops:
            note = sent[d["id"]].get(row["id"], {})
            taken = note.get("version") == version and d["returns_confirmed"] >= int(note.get("return", 0))
            (have if taken else waiting).append(d["name"])
        out.append({"id": row["id"], "version": version, "published_at": row["published_at"],
                    "published_by": row["published_by"], "laptops_with_it": have, "laptops_without_it": waiting})
    return out
