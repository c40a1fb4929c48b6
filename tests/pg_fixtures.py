"""pytest fixtures for a real PostgreSQL server (loaded by tests/conftest.py's pytest_plugins).

``pg_server``: one server for the whole session, started on first use (initdb once, ~1-2 s).
``pg_url``: a SQLAlchemy URL to a fresh, empty database made for one test and dropped after it.

A missing or broken PostgreSQL fails the tests that need it, never skips them: the hub must be
tested against the real thing, and `.ci/setup` installs it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.pgserver import PgServer, PgServerError


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = PgServer.start()
    except PgServerError as exc:
        problem = str(exc)
    else:
        problem = ""
    if problem:  # outside the except block, so the report shows just the message
        pytest.fail(f"Cannot start the test PostgreSQL server: {problem}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex}"
    url = pg_server.create_database(name)
    try:
        yield url
    finally:
        pg_server.drop_database(name)
