"""The real PostgreSQL server the hub tests run against (tests/pgserver.py, tests/pg_fixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Engine, create_engine, inspect, select, text

from iep_desktop.domain.models import CaseNote, NextSteps, Participant, Program, Record, Service
from iep_desktop.store.tables import RECORD_TABLES, changes, metadata
from iep_desktop.store.uow import record_from_row, row_values
from tests.pgserver import PgServer


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = create_engine(pg_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_server_answers_and_listens_on_loopback_only(pg_engine: Engine) -> None:
    with pg_engine.connect() as conn:
        version = conn.execute(text("select version()")).scalar_one()
        listen = conn.execute(text("show listen_addresses")).scalar_one()
        encoding = conn.execute(text("show server_encoding")).scalar_one()
    assert version.startswith("PostgreSQL ")
    assert listen == "127.0.0.1"
    assert encoding == "UTF8"


def _round_trip(engine: Engine, record: Record) -> Record:
    table = RECORD_TABLES[record.kind]
    with engine.begin() as conn:
        conn.execute(table.insert().values(row_values(record)))
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == record.id)).one()
    return record_from_row(type(record), row)


def test_record_tables_are_made_and_custom_types_round_trip(pg_engine: Engine) -> None:
    metadata.create_all(pg_engine)
    made = set(inspect(pg_engine).get_table_names())
    assert made == set(metadata.tables)

    # UtcDateTime (an aware non-UTC time comes back as the same instant in UTC), Date, Boolean,
    # an enum whose name differs from its value, and text with non-ASCII characters.
    eastern = timezone(timedelta(hours=-5))
    participant = Participant(
        first_name="Zoë", last_name="O'Brien-Núñez", date_of_birth=date(1990, 2, 28),
        ssn_last4="0042", program=Program.DISLOCATED_WORKER, board="wdb-14",
        english_learner=True, eligibility_determined_on=date(2026, 11, 2),
        created_at=datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=eastern), version=3,
    )
    back = _round_trip(pg_engine, participant)
    assert back == participant
    assert back.created_at is not None and back.created_at.utcoffset() == timedelta(0)

    # DecimalText (exact, trailing zero kept) and a JSON list.
    service = Service(
        participant_id=participant.id, code="ITA", planned_start=date(2026, 12, 1),
        planned_end=date(2027, 3, 31), amount=Decimal("1234.50"), objective_ids=["a", "b"],
        referral=True,
    )
    back_service = _round_trip(pg_engine, service)
    assert back_service == service
    assert str(back_service.amount) == "1234.50"

    # JSON holding a nested model (with a date inside it) and a UTC written_at.
    note = CaseNote(
        participant_id=participant.id, title="Intake",
        next_steps=NextSteps(goal="Résumé", how="workshop", deadline=date(2026, 12, 5)),
        written_at=datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc),
    )
    assert _round_trip(pg_engine, note) == note

    # The change log: JSON columns, the autoincrement key, and the server default.
    with pg_engine.begin() as conn:
        conn.execute(changes.insert().values(
            id="c-1", record_kind="participant", record_id=participant.id, base_version=0,
            new_version=1, fields={"first_name": "Zoë"}, before={}, author="coach",
            at=datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc),
        ))
        row = conn.execute(select(changes)).one()
    assert row.seq == 1 and row.sync_state == "not_sent" and row.fields == {"first_name": "Zoë"}


def test_two_databases_are_independent(pg_url: str, pg_server: PgServer) -> None:
    other_name = "t_independence_other"
    other_url = pg_server.create_database(other_name)
    assert other_url != pg_url
    first, second = create_engine(pg_url), create_engine(other_url)
    try:
        with first.begin() as conn:
            conn.execute(text("create table marker (n integer)"))
            conn.execute(text("insert into marker values (1)"))
        assert inspect(second).get_table_names() == []
        with second.begin() as conn:
            conn.execute(text("create table marker (n integer)"))
        with first.connect() as a, second.connect() as b:
            assert a.execute(text("select count(*) from marker")).scalar_one() == 1
            assert b.execute(text("select count(*) from marker")).scalar_one() == 0
    finally:
        first.dispose()
        second.dispose()
        pg_server.drop_database(other_name)


_SEEN: list[str] = []


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_gets_a_fresh_database_dropped_after_it(turn: str, pg_url: str, pg_server: PgServer) -> None:
    engine = create_engine(pg_url)
    try:
        assert inspect(engine).get_table_names() == []
        with engine.begin() as conn:
            conn.execute(text("create table marker (n integer)"))
            databases = set(conn.execute(text("select datname from pg_database")).scalars())
    finally:
        engine.dispose()  # pg_url's teardown drops it even if a connection stays open
    name = pg_url.rsplit("/", 1)[1]
    assert name.startswith("t_") and name in databases
    assert not (set(_SEEN) & databases), "an earlier test's database was not dropped"
    _SEEN.append(name)
