"""The hub's database: the same record tables as a laptop, plus what the office needs to merge.

Works on SQLite (the embedded default, encrypted with SQLCipher) and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Integer, LargeBinary, MetaData, String, Table, Text, UniqueConstraint

from iep_desktop.store.tables import RECORD_TABLES, UtcDateTime, audit_events, meta

hub_metadata = MetaData(naming_convention={"ix": "ix_%(table_name)s_%(column_0_N_name)s", "pk": "pk_%(table_name)s"})
HUB_RECORDS: dict[str, Table] = {kind: table.to_metadata(hub_metadata) for kind, table in RECORD_TABLES.items()}
hub_audit = audit_events.to_metadata(hub_metadata)  # the hub's own actions, hash-chained
hub_meta = meta.to_metadata(hub_metadata)

devices = Table(
    "hub_devices", hub_metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("enrollment_secret", Text, nullable=True),  # base64; cleared once the device registered
    Column("signing_key", Text, nullable=True),         # base64 raw Ed25519, pinned on first bundle
    Column("encryption_key", Text, nullable=True),      # base64 raw X25519, for return bundles
    Column("enrolled_at", UtcDateTime, nullable=False),
    Column("registered_at", UtcDateTime, nullable=True),
    Column("last_sequence", Integer, nullable=False, server_default="0"),
    Column("last_digest", String(64), nullable=False, server_default=""),
    Column("return_sequence", Integer, nullable=False, server_default="0"),
    Column("returns_confirmed", Integer, nullable=False, server_default="0"),
)

bundles = Table(
    "hub_bundles", hub_metadata,
    Column("id", String(36), primary_key=True),  # the bundle id: a bundle applies once and only once
    Column("device_id", String(36), nullable=False, index=True),
    Column("sequence", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("notes", Text, nullable=False, server_default=""),  # e.g. a sequence gap
    Column("changes", Integer, nullable=False, server_default="0"),
)

# Every bundle that was refused, with its reason; the file itself is kept in quarantine/.
quarantine = Table(
    "hub_quarantine", hub_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bundle_id", String(36), nullable=True, index=True),
    Column("device_id", String(36), nullable=True),
    Column("sequence", Integer, nullable=True),
    Column("digest", String(64), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("reason", Text, nullable=False),
)

applied_changes = Table(
    "hub_applied_changes", hub_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False, unique=True),
    Column("bundle_id", String(36), nullable=False, index=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("record_kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False, index=True),
    Column("outcome", String(16), nullable=False),  # applied | merged | conflict | duplicate
)

conflicts = Table(
    "hub_conflicts", hub_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False, index=True),
    Column("device_id", String(36), nullable=False),
    Column("record_kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False, index=True),
    Column("field", String(64), nullable=False),
    Column("hub_value", JSON, nullable=True),
    Column("device_value", JSON, nullable=True),
    Column("device_before", JSON, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", String(16), nullable=False, server_default="open"),  # open | resolved
    Column("resolution", String(16), nullable=True),  # hub | device
    Column("resolved_by", Text, nullable=True),
    Column("resolved_at", UtcDateTime, nullable=True),
)

# Changes a laptop sent to records it may not change (a participant it neither created nor was
# given with 'iep central share'): kept apart, change by change, with a reason a person can read,
# while the rest of the bundle applies. Issue 14, finding 2.
refused_changes = Table(
    "hub_refused_changes", hub_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False, index=True),
    Column("bundle_id", String(36), nullable=False),
    Column("device_id", String(36), nullable=False, index=True),
    Column("record_kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("participant_id", String(36), nullable=True),
    Column("reason", Text, nullable=False),
    Column("change", JSON, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
)

# Which participants each device shares: their records go back in that device's return bundles.
# A laptop gets a participant here by creating it, or from 'iep central share'; never because a
# bundle names one.
device_participants = Table(
    "hub_device_participants", hub_metadata,
    Column("device_id", String(36), primary_key=True),
    Column("participant_id", String(36), primary_key=True),
)

def _event_columns() -> list[Column[Any]]:
    """What a laptop's audit event holds (see iep_desktop/store/audit.py), besides its seq and id."""
    return [
        Column("at", UtcDateTime, nullable=False),
        Column("actor", Text, nullable=False),
        Column("action", String(64), nullable=False),
        Column("record_kind", String(40), nullable=False),
        Column("record_id", String(36), nullable=False),
        Column("before_digest", String(64), nullable=True),
        Column("after_digest", String(64), nullable=True),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
    ]


device_audit = Table(
    "hub_device_audit", hub_metadata,
    Column("device_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("id", String(36), nullable=False),
    *_event_columns(),
    UniqueConstraint("id", name="uq_hub_device_audit_id"),
)

# Audit events that do not fit the chain the office holds for a laptop: the laptop was restored
# from a backup and numbered new events again from there. Kept apart, never dropped, with the
# bundle they came in, so the office sees both histories.
device_audit_forks = Table(
    "hub_device_audit_forks", hub_metadata,
    Column("id", String(36), primary_key=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("bundle_id", String(36), nullable=False),
    Column("seq", Integer, nullable=False),
    *_event_columns(),
)

signed_pdfs = Table(
    "hub_signed_pdfs", hub_metadata,
    Column("plan_version_id", String(36), primary_key=True),
    Column("digest", String(64), nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    Column("device_id", String(36), nullable=False),
)

# Board profiles the office publishes to its laptops (sent in every return bundle).
published_profiles = Table(
    "hub_profiles", hub_metadata,
    Column("id", String(64), primary_key=True),
    Column("profile", JSON, nullable=False),
    Column("published_at", UtcDateTime, nullable=False),
    Column("published_by", Text, nullable=False),
)
