"""The ingest validates a bundle's new records in bulk (one call per record type, issue 17), yet a
hostile change still quarantines the whole bundle with the words the one-by-one check gives, and
nothing of it is applied; on the embedded hub and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from iep_desktop.central.hub import Hub
from iep_desktop.central.merge import MergeRefused, validated
from iep_desktop.central.tables import HUB_RECORDS, device_audit
from iep_desktop.demo import build_demo_records
from iep_desktop.domain.models import Participant
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.store.store import Store
from iep_desktop.store.tables import changes
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf

OFFICE_PASS = "office passphrase for tests"


@pytest.fixture(params=["embedded", "postgresql"])
def hub(request: pytest.FixtureRequest, tmp_path: Path, clock) -> Hub:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with Hub.init(tmp_path / "office", OFFICE_PASS, url=url, clock=clock, kdf=cheap_kdf()) as made:
        yield made


def _laptop(tmp_path: Path, hub: Hub, clock) -> Store:
    folder = tmp_path / "laptop"
    folder.mkdir()
    store = Store.create(folder / "coach.iep", PASSPHRASE, kdf=cheap_kdf(), clock=clock)
    hub.enroll_device("laptop", folder / "enroll.json", "it")
    laptop.enroll(store, folder / "enroll.json", "laptop", hub.office_fingerprint)
    with store.unit_of_work("coach") as uow:
        uow.add_many(build_demo_records(12, 7, TODAY))  # many records of every kind in one bundle
    return store


def _hostile(store: Store, field: str, value: object) -> dict[str, object]:
    """A laptop that writes its own change log: one participant's change, in the middle of the
    bundle, gets ``field`` = ``value``. Returns the change's fields as sent."""
    with store.engine.begin() as conn:
        rows = conn.execute(select(changes.c.seq, changes.c.record_id, changes.c.fields)
                            .where(changes.c.record_kind == "participant").order_by(changes.c.seq)).all()
        seq, record_id, fields = rows[len(rows) // 2]
        sent = {**fields, field: value}
        conn.execute(update(changes).where(changes.c.seq == seq).values(fields=sent))
    return {**sent, "id": record_id, "version": 1}


def _reason_one_by_one(data: dict[str, object]) -> str:
    with pytest.raises(MergeRefused) as refused:
        validated(Participant, data)
    return refused.value.message


@pytest.mark.parametrize(("field", "value"), [
    ("date_of_birth", "not a date"),
    ("program", "Space Cadet"),
    ("first_name", {"nested": "object where a name goes"}),
])
def test_a_hostile_change_among_many_quarantines_the_bundle_with_the_one_by_one_reason(
        tmp_path: Path, hub: Hub, clock, field: str, value: object) -> None:
    store = _laptop(tmp_path, hub, clock)
    data = _hostile(store, field, value)
    out = tmp_path / "usb"
    out.mkdir()
    with store:
        sent = laptop.export(store, out, "coach")
    result = hub.ingest(sent.path.read_bytes(), "office")
    assert result.status == "quarantined"
    assert result.reason == _reason_one_by_one(data)
    assert field in result.reason
    with hub.engine.connect() as conn:  # nothing of the bundle applied, not even the valid records before it
        for table in HUB_RECORDS.values():
            assert conn.execute(select(table.c.id)).first() is None, table.name
        # nor its audit events, which on PostgreSQL were still being copied when the change was refused
        assert conn.execute(select(device_audit.c.id)).first() is None
    assert hub.status()["bundles_quarantined"] == 1 and hub.status()["bundles_applied"] == 0


def test_the_same_bundle_without_the_hostile_change_applies_every_record(tmp_path: Path, hub: Hub, clock) -> None:
    store = _laptop(tmp_path, hub, clock)
    out = tmp_path / "usb"
    out.mkdir()
    with store:
        sent = laptop.export(store, out, "coach")
    result = hub.ingest(sent.path.read_bytes(), "office")
    assert result.status == "applied" and result.outcomes == {"applied": sent.changes}, result.line()


def test_the_embedded_hub_gives_its_connection_back_with_its_own_page_cache(tmp_path: Path, hub: Hub, clock) -> None:
    from iep_desktop.central import ingest

    seen: list[int] = []
    apply = ingest._apply_bundle

    def watched(ctx, conn, *args):  # type: ignore[no-untyped-def]
        seen.append(conn.exec_driver_sql("PRAGMA cache_size").scalar() if conn.dialect.name == "sqlite" else 0)
        return apply(ctx, conn, *args)

    store = _laptop(tmp_path, hub, clock)
    out = tmp_path / "usb"
    out.mkdir()
    with store:
        sent = laptop.export(store, out, "coach")
    with hub.engine.connect() as conn:
        own = conn.exec_driver_sql("PRAGMA cache_size").scalar() if conn.dialect.name == "sqlite" else 0
    ingest._apply_bundle = watched
    try:
        assert hub.ingest(sent.path.read_bytes(), "office").status == "applied"
    finally:
        ingest._apply_bundle = apply
    with hub.engine.connect() as conn:
        after = conn.exec_driver_sql("PRAGMA cache_size").scalar() if conn.dialect.name == "sqlite" else 0
    assert after == own
    if hub.engine.dialect.name == "sqlite":
        assert seen == [-ingest.INGEST_PAGE_CACHE_KIB] and own != seen[0]
