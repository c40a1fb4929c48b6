"""SQLAlchemy engines over SQLCipher, built with ``creator=`` so no secret is ever in a URL.

The raw 32-byte data key is handed to SQLCipher as ``x'...'``: no PBKDF2 per connection.
Exceptions raised while keying are replaced by our own, without the statement (which holds the
key) and without chaining, so no key reaches a log line or a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from iep_desktop.errors import StoreCorrupt
from iep_desktop.store.io_errors import storage_problem

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",      # a commit survives a power cut
    "PRAGMA temp_store = MEMORY",     # no plaintext temp files on disk
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)


def _as_given(value: object) -> object:
    return value


# sqlcipher3, as the standard library's sqlite3, binds exact int, float, str and bytearray values
# directly and looks every other value up in its adapter registry first. For None and bytes that
# lookup misses, then asks the value and the protocol for __conform__ and __adapt__ by name,
# building and clearing an AttributeError each time: 0.8 us per value, 1.2 s for 300,000 rows of
# five NULLs against 0.16 s once registered (a hub ingest binds 550,000 NULLs, issue 17). The
# adapters give back the value as it came, so what is stored does not change. (bool is not
# registered: SQLAlchemy's Boolean binds ints.)
sqlcipher3.register_adapter(type(None), _as_given)
sqlcipher3.register_adapter(bytes, _as_given)


class _KeyedConnectError(Exception):
    """Raised instead of the driver's error so nothing about the key leaks."""


def create_private(path: Path) -> None:
    """Make an empty database file only its owner can read, unless it exists. SQLite gives the
    -wal and -shm files it makes beside it the same mode, so none of them is world-readable."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    """Open one SQLCipher connection keyed with the raw data key and verify the key works."""
    create_private(path)
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # errors are ours to report, not stderr's
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in PRAGMAS:
            conn.execute(pragma).fetchall()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        # A full disk (no room for the -shm file) or a disk error is not a damaged store: a coach
        # told to restore a backup would lose work.
        problem = storage_problem(exc, doing="open", folder=path.parent)
        if problem is not None:
            raise problem from None
        raise StoreCorrupt(
            "The store file does not open with its key: it is damaged or it is not an IEP store. "
            "Restore it from a backup."
        ) from None
    return conn


def make_engine(path: Path, key: bytes) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",  # the path only; the key goes through creator=
        module=sqlcipher3,
        creator=lambda: connect(path, key),
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        # The connection used last is handed out next: each SQLCipher connection has its own page
        # cache of decrypted pages, and taking turns round four of them (first in, first out)
        # made most reads of a search as you type decrypt again what another connection held.
        pool_use_lifo=True,
        hide_parameters=True,  # statement parameters (participant data) never in exception text
    )

    # pysqlite's own transaction emulation is off (isolation_level=None); we begin ourselves.
    # A write unit of work takes the write lock up front (BEGIN IMMEDIATE) so two writers never
    # deadlock on lock upgrade.
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
