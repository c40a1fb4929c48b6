"""The hub's database: the same record tables as a laptop, plus what the office needs to merge.

Works on SQLite (the embedded default, encrypted with SQLCipher) and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON, Column, Integer, LargeBinary, MetaData, PrimaryKeyConstraint, String, Table, Text, UniqueConstraint,
)

from iep_desktop.store.tables import RECORD_TABLES, UtcDateTime, audit_events, meta

hub_metadata = MetaData(naming_convention={"ix": "ix_%(table_name)s_%(column_0_N_name)s", "pk": "pk_%(table_name)s"})
HUB_RECORDS: dict[str, Table] = {kind: table.to_metadata(hub_metadata) for kind, table in RECORD_TABLES.items()}
hub_audit = audit_events.to_metadata(hub_metadata)  # the hub's own actions, hash-chained
hub_meta = meta.to_metadata(hub_metadata)

devices = Table(
    "hub_devices", hub_metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("enrollment_secret", Text, nullable=True),  # no longer written (hub0005): see enrollment_verifier
    Column("enrollment_verifier", Text, nullable=True),  # base64 public key the secret makes; never the secret
    Column("expires_at", UtcDateTime, nullable=True),    # the enrollment file is refused after this
    Column("revoked_at", UtcDateTime, nullable=True),    # a lost laptop: its bundles are refused, no returns
    Column("revoked_by", Text, nullable=True),
    Column("signing_key", Text, nullable=True),         # base64 raw Ed25519, pinned on first bundle
    Column("encryption_key", Text, nullable=True),      # base64 raw X25519, for return bundles
    Column("enrolled_at", UtcDateTime, nullable=False),
    Column("registered_at", UtcDateTime, nullable=True),
    Column("last_sequence", Integer, nullable=False, server_default="0"),
    Column("last_digest", String(64), nullable=False, server_default=""),
    Column("return_sequence", Integer, nullable=False, server_default="0"),
    Column("returns_confirmed", Integer, nullable=False, server_default="0"),
    # 1 while the hub is behind on this laptop (restored from a backup): returns ask it to resend.
    Column("resend_requested", Integer, nullable=False, server_default="0"),
    # The return the laptop's latest bundle says it took in last (hub0009): the next return builds on it.
    Column("returns_reported", Integer, nullable=False, server_default="0"),
    # The first return that carried resend_all for the request pending (hub0013; 0: none made yet).
    # The request is settled once the laptop says it took that return in, not before.
    Column("resend_return", Integer, nullable=False, server_default="0"),
)

# Every return bundle made for a laptop (hub0009). The next return's prev_digest names the one it
# builds on (issue 14, finding 7), and carries only what changed since it (issue 15, item 13):
# changes acknowledged after ``acks_through`` (hub_applied_changes.seq), conflicts decided since,
# and records whose version differs from what that laptop was last sent.
returns = Table(
    "hub_returns", hub_metadata,
    Column("device_id", String(36), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("baseline", Integer, nullable=False),      # the return it builds on; 0: a full return
    Column("acks_through", Integer, nullable=False),  # the last hub_applied_changes.seq it could acknowledge
    Column("conflicted", JSON, nullable=False),       # the change ids it listed as waiting at the office
    Column("records", Integer, nullable=False),
    PrimaryKeyConstraint("device_id", "sequence"),
)

# The version of each record last sent to each laptop, and in which return (hub0009).
return_records = Table(
    "hub_return_records", hub_metadata,
    Column("device_id", String(36), nullable=False),
    Column("record_kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("return_sequence", Integer, nullable=False),
    PrimaryKeyConstraint("device_id", "record_kind", "record_id"),
)

# A bundle applies once and only once. Its id is the sending laptop's (hub revision hub0004): another
# laptop's bundle under the same id is another bundle, so it can never block this one.
bundles = Table(
    "hub_bundles", hub_metadata,
    Column("id", String(36), nullable=False, index=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("sequence", Integer, nullable=False),
    Column("digest", String(64), nullable=False, index=True),
    Column("received_at", UtcDateTime, nullable=False),
    Column("notes", Text, nullable=False, server_default=""),  # e.g. a sequence gap
    Column("changes", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("device_id", "id"),
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
    # 1 when the bundle's signature was checked against its sender's key before it was set aside;
    # else device_id and sequence are only what its header claims (hub0014).
    Column("sender_verified", Integer, nullable=False, server_default="0"),
)

applied_changes = Table(
    "hub_applied_changes", hub_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False),
    Column("bundle_id", String(36), nullable=False, index=True),
    # No index of its own: the unique constraint below starts with it and serves lookups by laptop (hub0010).
    Column("device_id", String(36), nullable=False),
    Column("record_kind", String(40), nullable=False),
    Column("record_id", String(36), nullable=False, index=True),
    Column("outcome", String(16), nullable=False),  # applied | merged | conflict | duplicate | refused
    UniqueConstraint("device_id", "change_id", name="uq_hub_applied_changes_device_change"),  # hub0004
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
    # Who wrote each side, and when: the coach on the laptop, and the last writer of the office's value.
    Column("device_author", Text, nullable=True),
    Column("device_at", UtcDateTime, nullable=True),
    Column("hub_author", Text, nullable=True),
    Column("hub_at", UtcDateTime, nullable=True),
    Column("reopened_by", Text, nullable=True),
    Column("reopened_at", UtcDateTime, nullable=True),
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
    # An event's id is its laptop's own (hub0012), as bundle and change ids are (hub0004).
    UniqueConstraint("device_id", "id", name="uq_hub_device_audit_device_id"),
)

# Audit events that do not fit the chain the office holds for a laptop: the laptop was restored
# from a backup and numbered new events again from there. Kept apart, never dropped, with the
# bundle they came in, so the office sees both histories.
device_audit_forks = Table(
    "hub_device_audit_forks", hub_metadata,
    Column("id", String(36), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("bundle_id", String(36), nullable=False),
    Column("seq", Integer, nullable=False),
    *_event_columns(),
    # Its laptop's id first (hub0012): the key is unique per laptop and serves the lookups by laptop.
    PrimaryKeyConstraint("device_id", "id"),
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
