"""Baseline engines for the write-overhead comparison, built the way ``make_engine`` builds ours.

Same pool, same PRAGMAs (WAL, synchronous=FULL, temp_store=MEMORY, ...), same autocommit driver
mode and the same ``begin`` event (BEGIN IMMEDIATE for a unit of work); only the key is missing.
Two baselines: the standard library's sqlite3 (plain SQLite, as the issue asks), and sqlcipher3
opened without a key (the same SQLite build as the store, encryption off), which separates the
cost of encryption from the difference between the two SQLite versions.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import QueuePool

from iep_desktop.store.engine import PRAGMAS, make_engine


def _connect_unkeyed(module: ModuleType, path: Path) -> DBAPIConnection:
    conn: DBAPIConnection = module.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in PRAGMAS:
        conn.cursor().execute(pragma).fetchall()
    return conn


def _begin(conn: Connection) -> None:
    """Mirror of make_engine's ``begin`` listener."""
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def unkeyed_engine(path: Path, module: ModuleType = sqlite3) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}", module=module, creator=lambda: _connect_unkeyed(module, path),
        poolclass=QueuePool, pool_size=4, max_overflow=4, hide_parameters=True,
    )
    event.listen(engine, "begin", _begin)
    return engine


@dataclass(frozen=True)
class EngineKind:
    label: str
    make: Callable[[Path], Engine]


PLAIN_SQLITE = EngineKind(f"plain SQLite {sqlite3.sqlite_version} (stdlib sqlite3)",
                          lambda path: unkeyed_engine(path, sqlite3))
UNKEYED_SQLCIPHER = EngineKind(f"SQLCipher build, no key (SQLite {sqlcipher3.sqlite_version})",
                               lambda path: unkeyed_engine(path, sqlcipher3))
ENCRYPTED = EngineKind("SQLCipher, encrypted (make_engine)",
                       lambda path: make_engine(path, os.urandom(32)))
