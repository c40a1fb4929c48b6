"""The ingest's bulk writes (central/bulk.py, issue 17): COPY on PostgreSQL, the driver's
executemany on the embedded hub. They store exactly what SQLAlchemy's insert stores, in the
caller's transaction, and a row the database refuses raises SQLAlchemy's own error (which the
ingest turns into a quarantine), on both databases."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import DataError, IntegrityError

from iep_desktop.central import bulk
from iep_desktop.central.bulk import insert_rows, writes_behind
from iep_desktop.central.hub import Hub
from iep_desktop.central.tables import HUB_RECORDS, applied_changes
from iep_desktop.domain.models import (
    Assessment, AssessmentKind, Participant, Program, Record, Service, Signature, SignerRole,
)
from iep_desktop.store.uow import row_values
from tests.conftest import cheap_kdf

OFFICE_PASS = "office passphrase for tests"


@pytest.fixture(params=["embedded", "postgresql"])
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Hub:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    with Hub.init(tmp_path / "office", OFFICE_PASS, url=url, kdf=cheap_kdf()) as made:
        yield made


def people() -> list[Record]:
    return [Participant(first_name=first, last_name="Nguyễn", program=Program.YOUTH, board="default",
                        date_of_birth=date(2001, 2, 3) if n else None, english_learner=bool(n), version=1)
            for n, first in enumerate(["Ana", "Zoë", "O'Brien \\ tab\there", "Line\nbreak"])]


def stored(hub: Hub, kind: str) -> list[dict[str, object]]:
    table = HUB_RECORDS[kind]
    with hub.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(table).order_by(table.c.id))]


def some(kind: str) -> list[Record]:
    """Records of ``kind`` with every column type the hub stores: text with quotes, tabs and
    newlines, dates, Nones, booleans, decimals, JSON lists, aware datetimes."""
    if kind == "participant":
        return list(people())
    if kind == "assessment":
        return [Assessment(participant_id="p-1", instrument=AssessmentKind.TABE_READING, taken_on=date(2026, 1, 5),
                           score="Scale 512", grade_level=Decimal("9.1") if n else None, version=1)
                for n in range(3)]
    if kind == "service":
        return [Service(participant_id="p-1", code="OST", planned_start=date(2026, 1, 5), planned_end=date(2026, 6, 5),
                        amount=Decimal("1250.50"), objective_ids=["o-1", "o-2"] if n else [], version=1)
                for n in range(3)]
    return [Signature(plan_id="pl", plan_version_id="v", version_digest="a" * 64, role=SignerRole.COACH,
                      signer_name="Kim", signed_at=datetime(2026, 3, 1, 12, 30, 15, 123456 * n, tzinfo=timezone.utc),
                      device="pen", consent_text="I agree.", strokes='{"strokes":[]}', version=1)
            for n in range(2)]


@pytest.mark.parametrize("kind", ["participant", "assessment", "service", "signature"])
def test_bulk_rows_read_back_as_sqlalchemys_insert_stores_them(hub: Hub, kind: str) -> None:
    records = some(kind)
    rows = [row_values(r) for r in records]
    table = HUB_RECORDS[kind]
    with hub.engine.begin() as conn:
        conn.execute(insert(table), rows)
    expected = stored(hub, kind)
    with hub.engine.begin() as conn:
        conn.execute(delete(table))
        insert_rows(conn, table, rows)
    assert stored(hub, kind) == expected and len(expected) == len(records)


def test_bulk_rows_are_part_of_the_callers_transaction(hub: Hub) -> None:
    rows = [row_values(p) for p in people()]
    with pytest.raises(RuntimeError), hub.engine.begin() as conn:
        insert_rows(conn, HUB_RECORDS["participant"], rows)
        raise RuntimeError("the bundle failed after its records were written")
    assert stored(hub, "participant") == []


def test_a_refused_row_raises_sqlalchemys_error_and_writes_nothing(hub: Hub) -> None:
    outcome = {"change_id": "c-1", "bundle_id": "b", "device_id": "d", "record_kind": "goal",
               "record_id": "g", "outcome": "applied"}
    with pytest.raises(IntegrityError), hub.engine.begin() as conn:
        insert_rows(conn, applied_changes, [outcome, outcome])  # the same change id twice
    with hub.engine.connect() as conn:
        assert conn.execute(select(applied_changes)).first() is None


def test_text_postgresql_cannot_hold_is_a_data_error_there(hub: Hub) -> None:
    row = row_values(people()[0]) | {"first_name": "Ana\x00"}
    if hub.engine.dialect.name != "postgresql":
        with hub.engine.begin() as conn:
            insert_rows(conn, HUB_RECORDS["participant"], [row])  # SQLite stores it as it is
        assert stored(hub, "participant")[0]["first_name"] == "Ana\x00"
        return
    with pytest.raises(DataError), hub.engine.begin() as conn:
        insert_rows(conn, HUB_RECORDS["participant"], [row])
    assert stored(hub, "participant") == []


def test_select_in_finds_exactly_the_rows_whose_key_is_listed_past_one_chunk(
        hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    from iep_desktop.central import bulk

    monkeypatch.setattr(bulk, "IN_CHUNK", 3)  # several statements for one call
    outcomes = [{"change_id": f"c-{n}", "bundle_id": "b", "device_id": "d" if n % 2 else "other",
                 "record_kind": "goal", "record_id": f"g-{n}", "outcome": "applied"} for n in range(10)]
    with hub.engine.begin() as conn:
        insert_rows(conn, applied_changes, outcomes)
    wanted = ["c-1", "c-2", "c-3", "c-3", "c-7", "c-9", "missing", "O'Brien'; --"]
    with hub.engine.connect() as conn:
        mine = bulk.select_in(conn, [applied_changes.c.change_id, applied_changes.c.record_id],
                              applied_changes.c.change_id, wanted, where={applied_changes.c.device_id: "d"})
        every = bulk.select_in(conn, [applied_changes.c.change_id], applied_changes.c.change_id, wanted)
        assert bulk.select_in(conn, [applied_changes.c.change_id], applied_changes.c.change_id, []) == []
    assert sorted(mine) == [("c-1", "g-1"), ("c-3", "g-3"), ("c-7", "g-7"), ("c-9", "g-9")]
    assert sorted(every) == [("c-1",), ("c-2",), ("c-3",), ("c-7",), ("c-9",)]


def test_rows_made_in_bulk_are_the_rows_row_values_makes_for_every_record_type() -> None:
    from iep_desktop.central.ingest import rows_of
    from iep_desktop.demo import build_demo_records
    from tests.conftest import TODAY

    records = build_demo_records(12, 7, TODAY)
    kinds = {r.kind for r in records}
    assert kinds == set(HUB_RECORDS)  # every record type is covered
    for kind in sorted(kinds):
        mine = [r for r in records if r.kind == kind]
        assert rows_of(type(mine[0]), mine) == [row_values(r) for r in mine], kind
    for kind in ("participant", "assessment", "service", "signature"):  # the edge values of some()
        made = some(kind)
        assert rows_of(type(made[0]), made) == [row_values(r) for r in made], kind


def test_rows_made_in_bulk_follow_a_serializer_the_model_has() -> None:
    from pydantic import field_serializer

    from iep_desktop.central.ingest import rows_of

    class Shouted(Participant):
        @field_serializer("first_name")
        def _loud(self, value: str) -> str:
            return value.upper()

    records = [Shouted(first_name="ana", last_name="Ruiz", program=Program.YOUTH, board="default")]
    assert rows_of(Shouted, records)[0]["first_name"] == "ANA" == row_values(records[0])["first_name"]


def test_select_in_on_text_postgresql_cannot_hold_is_a_data_error_there(hub: Hub) -> None:
    from iep_desktop.central import bulk

    with hub.engine.connect() as conn:
        if hub.engine.dialect.name != "postgresql":
            assert bulk.select_in(conn, [applied_changes.c.change_id], applied_changes.c.change_id, ["c\x00"]) == []
            return
        with pytest.raises(DataError):
            bulk.select_in(conn, [applied_changes.c.change_id], applied_changes.c.change_id, ["c-1", "c\x00"])


# -- writes behind (PostgreSQL's server inserts while the ingest goes on) -----------------------

def _pending(conn) -> bool:  # type: ignore[no-untyped-def]
    behind = conn.info.get(bulk._BEHIND)
    return behind is not None and behind._pending is not None


def test_rows_written_behind_read_back_the_same_and_the_next_statement_waits_for_them(hub: Hub) -> None:
    expected: dict[str, list[dict[str, object]]] = {}
    records = {kind: some(kind) for kind in ("participant", "assessment", "service", "signature")}
    for kind, made in records.items():
        with hub.engine.begin() as conn:
            conn.execute(insert(HUB_RECORDS[kind]), [row_values(r) for r in made])
        expected[kind] = stored(hub, kind)
        with hub.engine.begin() as conn:
            conn.execute(delete(HUB_RECORDS[kind]))
    many = [{"change_id": f"c-{n}", "bundle_id": "b", "device_id": "d", "record_kind": "goal",
             "record_id": f"g-{n}", "outcome": "applied"} for n in range(20_000)]
    with hub.engine.begin() as conn, writes_behind(conn):
        insert_rows(conn, applied_changes, many)
        # On PostgreSQL the COPY is still running when insert_rows returns; elsewhere it is done.
        assert _pending(conn) == (hub.engine.dialect.name == "postgresql")
        assert conn.execute(select(func.count()).select_from(applied_changes)).scalar() == len(many)
        assert not _pending(conn)
        for kind in expected:  # one COPY after the other, each waiting for the one before
            insert_rows(conn, HUB_RECORDS[kind], [row_values(r) for r in records[kind]])
    for kind, rows in expected.items():
        assert stored(hub, kind) == rows
    with hub.engine.connect() as conn:
        assert bulk._BEHIND not in conn.info  # the next transaction writes as usual


def test_a_refused_row_written_behind_raises_sqlalchemys_error_and_writes_nothing(hub: Hub) -> None:
    outcome = {"change_id": "c-1", "bundle_id": "b", "device_id": "d", "record_kind": "goal",
               "record_id": "g", "outcome": "applied"}
    with pytest.raises(IntegrityError), hub.engine.begin() as conn, writes_behind(conn):
        insert_rows(conn, applied_changes, [outcome, outcome])  # the same change id twice
        conn.execute(select(applied_changes.c.seq)).all()  # raised here, or by insert_rows itself
    with hub.engine.begin() as conn:  # the connection rolled back and works
        assert conn.execute(select(applied_changes)).first() is None
        insert_rows(conn, applied_changes, [outcome])
    assert len(stored_outcomes(hub)) == 1


def test_an_error_while_rows_are_written_behind_rolls_all_back_and_the_connection_works(hub: Hub) -> None:
    many = [{"change_id": f"c-{n}", "bundle_id": "b", "device_id": "d", "record_kind": "goal",
             "record_id": f"g-{n}", "outcome": "applied"} for n in range(20_000)]
    with pytest.raises(RuntimeError, match="validation failed"), hub.engine.begin() as conn, writes_behind(conn):
        insert_rows(conn, HUB_RECORDS["participant"], [row_values(p) for p in people()])
        insert_rows(conn, applied_changes, many)
        raise RuntimeError("validation failed while the server was still copying")
    assert stored(hub, "participant") == [] and stored_outcomes(hub) == []
    with hub.engine.begin() as conn:
        insert_rows(conn, applied_changes, many[:3])
    assert len(stored_outcomes(hub)) == 3


def stored_outcomes(hub: Hub) -> list[tuple[object, ...]]:
    with hub.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(applied_changes.c.change_id))]
