"""The hub database's migrations: an older hub is upgraded in place by ``iep central`` and then
takes bundles; one written by a newer app is refused, changing nothing. On the encrypted
embedded hub file (SQLCipher) and on the real PostgreSQL the tests start."""

from __future__ import annotations

import json
import os
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, String, column, func, insert, inspect, select, table, text

from iep_desktop.central import office, schema
from iep_desktop.central.tables import HUB_RECORDS, hub_meta, hub_metadata, quarantine
from iep_desktop.domain.models import (
    Goal,
    GoalTerm,
    GoalType,
    Participant,
    Plan,
    Program,
)
from iep_desktop.services import plan_items
from iep_desktop.store import migrate
from iep_desktop.store.store import Store
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.crypto.sealed import b64e
from iep_desktop.store.tables import UtcDateTime
from iep_desktop.sync.identity import OfficeKeys, office_fingerprint, write_enrollment
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf
from tests.test_cli import iep

OFFICE_PASS = "office passphrase for schema tests"
OFFICE_ENV = {"IEP_OFFICE_PASSPHRASE": OFFICE_PASS}
# Tables a hub made before these commits never had: e785dd4 (audit forks), 7a65027 (published profiles).
LATE_TABLES = ("hub_device_audit_forks", "hub_profiles")


@pytest.fixture(params=["sqlcipher", "postgresql"])
def hub_url(request: pytest.FixtureRequest) -> str | None:
    return request.getfixturevalue("pg_url") if request.param == "postgresql" else None


def old_hub(office_dir: Path, url: str | None, clock, *, legacy: bool) -> tuple[OfficeKeys, Engine]:
    """An office whose hub database is at the baseline revision, or (``legacy``) as a hub made
    before migrations left it: no version table, and without the tables added later. One laptop
    was enrolled at that time."""
    office_dir.mkdir()
    keys = OfficeKeys.generate()
    keys.save(office_dir / office.KEYS_FILE, OFFICE_PASS, cheap_kdf())
    engine = office._engine(office_dir, keys, url)
    with engine.begin() as conn:
        config = schema.alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "hub0001")
        if legacy:
            for name in (schema.VERSION_TABLE, *LATE_TABLES):
                conn.execute(text(f"DROP TABLE {name}"))
        conn.execute(insert(hub_meta), [{"key": "office_id", "value": keys.office_id},
                                         {"key": "schema", "value": "0001"}])
    # Enrolled the way the hub did then: the one-time secret in clear in the device row (hub0005
    # turns it into a verifier). Today's date: the enrollment must not have expired when the
    # commands run.
    device_id, secret = str(uuid.uuid4()), os.urandom(32)
    old_devices = table("hub_devices", column("id", String()), column("name", String()),
                        column("enrollment_secret", String()), column("enrolled_at", UtcDateTime()))
    made = datetime.now(timezone.utc)
    with engine.begin() as conn:
        conn.execute(insert(old_devices).values(id=device_id, name="laptop-a", enrollment_secret=b64e(secret),
                                                enrolled_at=made))
    write_enrollment(office_dir / "enroll.json", keys, device_id, "laptop-a", secret, made)
    return keys, engine


def laptop_bundle(tmp_path: Path, enroll_file: Path, clock, fingerprint: str) -> Path:
    store = Store.create(tmp_path / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
    with store:
        laptop.enroll(store, enroll_file, "laptop-a", fingerprint)
        with store.unit_of_work("coach-a") as uow:
            person = uow.add(Participant(first_name="Ifeoma", last_name="Adeyemi", program=Program.ADULT,
                                         board="default"))
            plan = uow.add(Plan(participant_id=person.id, program=Program.ADULT, board="default", region="R",
                                office="O", start_date=TODAY))
            plan_items.add_goal(uow, Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                                          description="Forklift certificate", established_on=TODAY,
                                          estimated_completion_on=TODAY + timedelta(days=60)))
        usb = tmp_path / "usb"
        usb.mkdir()
        return laptop.export(store, usb, "coach-a").path


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": schema.VERSION_TABLE})
        return list(compare_metadata(context, hub_metadata))


def central(*args: str, office_dir: Path, url: str | None):
    where = ["--office-dir", str(office_dir)] + (["--url", url] if url else [])
    return iep("central", *args, *where, env=OFFICE_ENV)


@pytest.mark.parametrize("legacy", [True, False], ids=["before-migrations", "baseline-revision"])
def test_iep_central_upgrades_an_older_hub_in_place_and_it_then_takes_bundles(
        tmp_path: Path, hub_url: str | None, clock, legacy: bool) -> None:
    office_dir = tmp_path / "office"
    keys, engine = old_hub(office_dir, hub_url, clock, legacy=legacy)
    try:
        assert schema.revision_of(engine) == (None if legacy else "hub0001")
        if legacy:
            assert not set(LATE_TABLES) & set(inspect(engine).get_table_names())
        bundle = laptop_bundle(tmp_path, office_dir / "enroll.json", clock, office_fingerprint(keys.public_doc()))
        engine.dispose()  # nothing else holds the file while the command runs

        upgraded = central("upgrade", office_dir=office_dir, url=hub_url)
        assert upgraded.returncode == 0, upgraded.stderr
        if legacy:
            assert f"from schema before migrations to {schema.head_revision()}" in upgraded.stdout
        assert schema.revision_of(engine) == schema.head_revision()
        assert schema_differences(engine) == []  # the upgraded hub is exactly this app's schema

        ingested = central("ingest", str(bundle), office_dir=office_dir, url=hub_url)
        assert ingested.returncode == 0 and "applied" in ingested.stdout, ingested.stdout + ingested.stderr
        status = json.loads(central("status", "--json", office_dir=office_dir, url=hub_url).stdout)
        assert status["participants"] == 1 and status["plans"] == 1 and status["bundles_applied"] == 1
        assert status["devices"] == [{"name": "laptop-a", "last_sequence": 1, "registered": True}]
        with engine.connect() as conn:  # the laptop enrolled before the upgrade could still prove it
            assert conn.execute(select(func.count()).select_from(HUB_RECORDS["goal"])).scalar_one() == 1
            # ... and its clear secret is gone (hub0005 kept only a verifier, spent at registration)
            assert conn.execute(text("SELECT enrollment_secret FROM hub_devices")).scalars().all() == [None]
    finally:
        engine.dispose()


def test_every_central_command_upgrades_on_open(tmp_path: Path, hub_url: str | None, clock) -> None:
    """Not only 'iep central upgrade': the daily commands bring an older hub up to date too."""
    office_dir = tmp_path / "office"
    _, engine = old_hub(office_dir, hub_url, clock, legacy=True)
    engine.dispose()
    try:
        status = central("status", "--json", office_dir=office_dir, url=hub_url)
        assert status.returncode == 0, status.stderr
        assert schema.revision_of(engine) == schema.head_revision()
        again = central("upgrade", office_dir=office_dir, url=hub_url)
        assert again.returncode == 0 and "nothing to do" in again.stdout
    finally:
        engine.dispose()


def test_a_hub_written_by_a_newer_app_is_refused_in_plain_words_and_left_alone(
        tmp_path: Path, hub_url: str | None, clock) -> None:
    office_dir = tmp_path / "office"
    keys, engine = old_hub(office_dir, hub_url, clock, legacy=False)
    try:
        bundle = laptop_bundle(tmp_path, office_dir / "enroll.json", clock, office_fingerprint(keys.public_doc()))
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE {schema.VERSION_TABLE} SET version_num = 'hub9999'"))
        engine.dispose()
        for args in (["status"], ["upgrade"], ["ingest", str(bundle)]):
            refused = central(*args, office_dir=office_dir, url=hub_url)
            assert refused.returncode != 0, refused.stdout
            assert "written by a newer version of IEP Desktop" in refused.stderr
            assert "update the office's app" in refused.stderr and "Traceback" not in refused.stderr
        assert schema.revision_of(engine) == "hub9999"
        with engine.connect() as conn:  # nothing was applied, nor quarantined
            assert conn.execute(select(func.count()).select_from(HUB_RECORDS["participant"])).scalar_one() == 0
            assert conn.execute(select(func.count()).select_from(quarantine)).scalar_one() == 0
    finally:
        engine.dispose()


def test_a_new_hub_is_made_by_the_migrations_at_this_apps_schema(tmp_path: Path, hub_url: str | None,
                                                                 clock) -> None:
    from iep_desktop.central.hub import Hub

    with Hub.init(tmp_path / "office", OFFICE_PASS, url=hub_url, clock=clock, kdf=cheap_kdf()) as hub:
        assert schema.revision_of(hub.engine) == schema.head_revision()
        assert schema_differences(hub.engine) == []
        with hub.engine.connect() as conn:  # the laptop schema the hub stores records as, as before
            rows = dict(conn.execute(select(hub_meta.c.key, hub_meta.c.value)).all())
        assert rows == {"office_id": hub.keys.office_id, "schema": migrate.head_revision()}


def test_the_hub_has_its_own_migration_history(tmp_path: Path) -> None:
    """Hub revisions never collide with the laptop store's, so neither is taken for the other."""
    assert not schema.known_revisions() & migrate.known_revisions()
    assert schema.VERSION_TABLE != "alembic_version"
    assert sys.modules["iep_desktop.central.schema"].MIGRATIONS.name == "migrations"


def test_changes_are_still_found_by_laptop_through_an_index_once_hub0010_dropped_its_own(tmp_path: Path) -> None:
    """hub0010 dropped the index on hub_applied_changes.device_id alone (a write per change at
    every ingest): the unique (device_id, change_id) index serves the ingest's and the returns'
    lookups by laptop, so neither reads the whole table."""
    from iep_desktop.central.hub import Hub

    with Hub.init(tmp_path / "office", OFFICE_PASS, kdf=cheap_kdf()) as hub, hub.engine.connect() as conn:
        indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(hub_applied_changes)")}
        assert "ix_hub_applied_changes_device_id" not in indexes
        for where in ("device_id = 'd' AND change_id IN ('c-1', 'c-2')",  # ingest: sent before?
                      "device_id = 'd'"):                                 # returns: this laptop's
            plan = " ".join(row[-1] for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN SELECT change_id, record_kind FROM hub_applied_changes WHERE {where}"))
            assert "USING INDEX sqlite_autoindex_hub_applied_changes" in plan and "SCAN" not in plan, plan


def _compression(engine: Engine) -> dict[str, str]:
    """How each long-text column compresses: 'l' LZ4, '' the server's default (pglz)."""
    with engine.connect() as conn:
        return {f"{table}.{column}": conn.execute(text(
            "SELECT attcompression FROM pg_attribute WHERE attrelid = CAST(:t AS regclass) AND attname = :c"),
            {"t": table, "c": column}).scalar_one()
            for table, column in (("signatures", "strokes"), ("plan_versions", "content"), ("hub_signed_pdfs", "pdf"))}


def test_a_postgresql_hub_compresses_ink_plans_and_pdfs_with_lz4_and_downgrade_gives_pglz_back(
        tmp_path: Path, pg_url: str) -> None:
    """hub0011: PostgreSQL's pglz took most of the time an ingest spent writing signatures."""
    from iep_desktop.central.hub import Hub

    with Hub.init(tmp_path / "office", OFFICE_PASS, url=pg_url, kdf=cheap_kdf()) as hub:
        assert set(_compression(hub.engine).values()) == {"l"}
        with hub.engine.begin() as conn:
            config = schema.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "hub0010")
        assert set(_compression(hub.engine).values()) == {""}
        with hub.engine.begin() as conn:
            config = schema.alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        assert set(_compression(hub.engine).values()) == {"l"}


def test_hub0012_keeps_every_audit_event_and_fork_both_ways(tmp_path: Path, hub_url: str | None, clock) -> None:
    """hub0012 rebuilds the laptops' audit tables with keys per laptop: every event and fork is
    there after it, after its downgrade, and after the upgrade again, on both databases."""
    from iep_desktop.central.hub import Hub
    from iep_desktop.central.tables import device_audit, device_audit_forks
    from tests.test_trust import _laptop, _round, _seal
    from tests.test_sync import new_plan

    def rows() -> dict[str, list[tuple[object, ...]]]:
        with hub.engine.connect() as conn:
            return {t.name: sorted(tuple(r) for r in conn.execute(select(t.c.device_id, t.c.id, t.c.seq, t.c.hash)))
                    for t in (device_audit, device_audit_forks)}

    def migrate_to(target: str) -> None:
        with hub.engine.begin() as conn:
            config = schema.alembic_config()
            config.attributes["connection"] = conn
            (command.upgrade if target == "head" else command.downgrade)(config, target)

    with Hub.init(tmp_path / "office", OFFICE_PASS, url=hub_url, clock=clock, kdf=cheap_kdf()) as hub:
        store = _laptop(tmp_path, hub, "laptop-a", clock)
        new_plan(store, "coach-a")
        assert _round(store, hub, "laptop-a", tmp_path).status == "applied"
        stray = {"seq": 1, "id": str(uuid.uuid4()), "at": "2026-11-23T15:00:00+00:00", "actor": "coach-a",
                 "action": "record.create", "record_kind": "participant", "record_id": str(uuid.uuid4()),
                 "before_digest": None, "after_digest": "a" * 64, "prev_hash": "0" * 64, "hash": "b" * 64}
        assert "kept apart" in hub.ingest(_seal(store, {"audit_events": [stray]}), "office").line()
        before = rows()
        assert before["hub_device_audit"] and before["hub_device_audit_forks"]
        migrate_to("hub0011")
        assert rows() == before
        migrate_to("head")
        assert rows() == before and schema_differences(hub.engine) == []
        assert _round(store, hub, "laptop-a", tmp_path).status == "applied"  # and it takes bundles as before
