"""Setting up the PostgreSQL hub: a database that cannot hold every name is refused at init, and a
laptop name the hub cannot store is bad input, not "the store is damaged"."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from iep_desktop.central.hub import Hub
from iep_desktop.errors import InvalidInput
from tests.conftest import cheap_kdf
from tests.test_cli import assert_clean_failure, iep

OFFICE_ENV = {"IEP_OFFICE_PASSPHRASE": "office passphrase for the cli",
              "IEP_RECOVERY_PASSPHRASE": "recovery passphrase kept offline"}


def test_a_long_laptop_name_is_bad_input(tmp_path: Path, pg_url: str) -> None:
    """Longer than hub_devices.name's 120 characters: PostgreSQL refused the row, and the command
    said "The store is damaged ... restore it from a backup" (exit 4)."""
    folder = ["--office-dir", str(tmp_path / "office")]
    assert iep("central", "init", *folder, "--url", pg_url, env=OFFICE_ENV).returncode == 0
    made = iep("central", "enroll", *folder, "--device", "job-fair-laptop-" + "x" * 120,
               "--out", str(tmp_path / "enroll.json"), env=OFFICE_ENV)
    assert_clean_failure(made, "at most 120")
    assert made.returncode == 2 and "damaged" not in made.stderr, made.stderr
    assert not (tmp_path / "enroll.json").exists()


@pytest.mark.parametrize("encoding", ["SQL_ASCII", "LATIN1"])
def test_a_database_that_is_not_utf8_is_refused_at_init(tmp_path: Path, pg_server, clock, encoding: str) -> None:
    """A plain 'createdb' takes template1's encoding (SQL_ASCII on a C-locale server). SQL_ASCII
    failed init with a TypeError; LATIN1 was taken, and then a bundle with "Nguyễn" in it was set
    aside for good ("cannot be stored")."""
    import psycopg
    from psycopg import sql

    name = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING {} LC_COLLATE 'C' LC_CTYPE 'C'")
                     .format(sql.Identifier(name), sql.Literal(encoding)))
    try:
        with pytest.raises(InvalidInput, match="needs a UTF8 database"):
            Hub.init(tmp_path / "office", "office passphrase for tests", url=pg_server.url(name), clock=clock,
                     kdf=cheap_kdf())
        assert not (tmp_path / "office" / "office-keys.json").exists()
    finally:
        pg_server.drop_database(name)
