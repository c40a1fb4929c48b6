"""Writing many rows at once, for ingest (issue 17): COPY on PostgreSQL, the driver's own
executemany on SQLite, both inside the caller's transaction.

SQLAlchemy's executemany builds a parameter dictionary per row and runs every bind processor
through it, which cost more than the database's own work. Here each column's bind processor is
looked up once and applied to plain tuples, then the rows go to the driver in one call:
PostgreSQL's ``COPY ... FROM STDIN`` through psycopg 3, ``executemany`` on sqlite3/sqlcipher3.
A driver error is raised as SQLAlchemy's (IntegrityError, DataError, ...), as ``conn.execute``
would raise it, so the ingest's handling of hostile input is unchanged.

Rows must give every column that has a default of its own, else SQLAlchemy's insert is used.

``writes_behind`` lets the PostgreSQL server work while Python goes on: inside it a COPY returns
once its rows are formatted (a thread sends them: ``_sending_writer_type``), and the next statement on the
connection, of any kind, first waits for it to end and raises its error. The server is another
process, so its inserts and index updates run on another core meanwhile: the ingest validates
the bundle's records while the server takes its audit events, and binds each table's rows while
the server inserts the previous table's.

``select_in`` reads the rows whose key is one of many values the same way: SQLAlchemy's
expanding ``IN`` names and binds each value one by one at compile time (a third of an ingest's
time once); here it is one ``= ANY(array)`` on PostgreSQL (the array sent as one JSON text), and
``IN (?, ...)`` on SQLite.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime, timezone
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Date, Table, TypeDecorator, event, insert
from sqlalchemy.exc import DBAPIError

from iep_desktop.store.tables import UtcDateTime

# Values bound in one IN (...): SQLite allows 32,766 parameters per statement.
IN_CHUNK = 10_000


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """``conn.execute(insert(table), rows)``, faster."""
    if not rows:
        return
    first = rows[0].keys()
    same = all(row.keys() == first for row in rows)  # the usual case: every row names the same columns
    names = list(first) if same else list(dict.fromkeys(name for row in rows for name in row))
    defaulted = {c.name for c in table.columns if c.default is not None or c.server_default is not None}
    complete = defaulted <= first if same else all(defaulted <= row.keys() for row in rows)
    if not complete or not set(names) <= set(table.columns.keys()):
        conn.execute(insert(table), list(rows))  # a default to fill in, or an unknown key: SQLAlchemy's way
        return
    # Column by column: one C-level map per column instead of a generator per row.
    columns = ([list(map(itemgetter(name), rows)) for name in names] if same
               else [[row.get(name) for row in rows] for name in names])
    insert_columns(conn, table, names, columns)


def insert_columns(conn: Connection, table: Table, names: Sequence[str], columns: Sequence[Sequence[Any]]) -> None:
    """Insert rows given column by column (``columns[i]`` holds every row's value of ``names[i]``),
    each value as the column's SQLAlchemy type binds it. Every column with a default of its own
    must be named (else its default would not be filled in)."""
    if not columns or not columns[0]:
        return
    dialect = conn.dialect
    cols = [table.columns[name] for name in names]
    values = [_bound(column, given, dialect) for column, given in zip(cols, columns, strict=True)]
    tuples = list(zip(*values, strict=True))
    quote = dialect.identifier_preparer
    target = quote.format_table(table)
    column_list = ", ".join(quote.quote(c.name) for c in cols)
    raw: Any = conn.connection.dbapi_connection
    if dialect.name == "postgresql":
        statement = f"COPY {target} ({column_list}) FROM STDIN"
        behind: _Behind | None = conn.info.get(_BEHIND)
        if behind is not None:  # this table's rows are bound: now wait for the previous COPY
            behind.settle(dialect)
            _run(dialect, statement, lambda: behind.start(raw, statement, tuples))
            return
        _run(dialect, statement, lambda: _copy(raw, statement, tuples))
    else:
        statement = f"INSERT INTO {target} ({column_list}) VALUES ({', '.join('?' for _ in cols)})"
        _run(dialect, statement, lambda: raw.cursor().executemany(statement, tuples))


def _bound(column: Column[Any], given: Sequence[Any], dialect: Any) -> Sequence[Any]:
    """Every value of one column as its type binds it. The two conversions an ingest makes
    hundreds of thousands of times are done here in one comprehension each, to the same text:
    an aware datetime as UtcDateTime stores it (ISO-8601 in UTC, with microseconds), and a date
    on SQLite as SQLAlchemy's DATE stores it (``%04d-%02d-%02d``, which is ``date.isoformat``).
    Anything else, and those two when another type is met, goes through the column's own
    processor."""
    impl = column.type.dialect_impl(dialect)
    process: Callable[[Any], Any] | None = impl.bind_processor(dialect)
    if process is None:
        return given
    if isinstance(column.type, UtcDateTime) and column.type.impl_instance.dialect_impl(dialect).bind_processor(
            dialect) is None:
        return [value.astimezone(timezone.utc).isoformat(timespec="microseconds")
                if value.__class__ is datetime and value.tzinfo is not None else process(value) for value in given]
    if dialect.name == "sqlite" and isinstance(impl, Date) and not isinstance(column.type, TypeDecorator):
        return [value.isoformat() if value.__class__ is date else process(value) for value in given]
    return list(map(process, given))


def _copy(raw: Any, statement: str, tuples: list[tuple[Any, ...]]) -> None:
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in tuples:
            copy.write_row(row)


# Where writes_behind keeps a connection's pending COPY (Connection.info: the connection's own dict).
_BEHIND = "iep_bulk_writes_behind"


class _Stopped(Exception):
    """Sent to the server to abandon a pending COPY: a fixed text, so no value reaches its log."""

    def __init__(self) -> None:
        super().__init__("the ingest stopped before this COPY ended")


class _Behind:
    """At most one COPY of a connection still running on the server."""

    def __init__(self) -> None:
        self._pending: tuple[Any, Any, str] | None = None  # the copy's context, its cursor, its statement

    def start(self, raw: Any, statement: str, tuples: list[tuple[Any, ...]]) -> None:
        cursor = raw.cursor()
        context = cursor.copy(statement, writer=_sending_writer(cursor))
        try:
            copy = context.__enter__()
        except BaseException:
            cursor.close()
            raise
        self._pending = (context, cursor, statement)
        try:
            for row in tuples:
                copy.write_row(row)
        except BaseException:
            self.abort()
            raise

    def settle(self, dialect: Any) -> None:
        """Wait for the pending COPY to end; its error as ``conn.execute`` would raise it."""
        if self._pending is None:
            return
        context, cursor, statement = self._pending
        self._pending = None

        def end() -> None:
            try:
                context.__exit__(None, None, None)
            finally:
                cursor.close()

        _run(dialect, statement, end)

    def abort(self) -> None:
        """Abandon the pending COPY (the transaction is lost anyway) so the connection can roll back."""
        if self._pending is None:
            return
        context, cursor, _ = self._pending
        self._pending = None
        stopped = _Stopped()
        with suppress(Exception):  # the server's refusal of the abandoned COPY, or a lost connection
            context.__exit__(_Stopped, stopped, None)
        with suppress(Exception):
            cursor.close()


def _sending_writer(cursor: Any) -> Any:
    """A writer for a COPY of ``cursor`` that sends on a thread of its own (``_sending_writer_type``)."""
    return _sending_writer_type()(cursor)


@cache
def _sending_writer_type() -> type:
    """psycopg's LibpqWriter with the sending on a thread of its own, as its QueuedLibpqWriter does,
    but with no bound on what waits to be sent: the rows are formatted at once and the caller is
    free for its own work while the server still takes them (with QueuedLibpqWriter's queue of
    1,024 blocks the caller waited on the server once it was full: 5.7 -> 1.6 s of the ingest's
    own time spent starting COPYs, 440k rows). The COPY's text waits in memory meanwhile, a few
    tens of MB for a 10,000-plan bundle's largest table. Made on first use: psycopg loads only
    where PostgreSQL is used."""
    from psycopg.copy import LibpqWriter

    class SendingWriter(LibpqWriter):
        def __init__(self, cursor: Any) -> None:
            super().__init__(cursor)
            self._waiting: queue.SimpleQueue[Any] = queue.SimpleQueue()
            self._sender: threading.Thread | None = None
            self._failed: BaseException | None = None

        def _send(self) -> None:
            try:
                while data := self._waiting.get():
                    super().write(data)
            except BaseException as exc:  # noqa: BLE001 - raised on the caller's thread by write() or finish()
                self._failed = exc
                while self._waiting.get():  # what is left is dropped: the COPY failed
                    pass

        def write(self, data: Any) -> None:
            if self._failed is not None:
                raise self._failed
            if self._sender is None:
                self._sender = threading.Thread(target=self._send, name="iep-copy-send", daemon=True)
                self._sender.start()
            self._waiting.put(data)

        def finish(self, exc: BaseException | None = None) -> None:
            self._waiting.put(b"")
            if self._sender is not None:
                self._sender.join()
                self._sender = None
            if self._failed is not None and exc is None:
                raise self._failed
            super().finish(exc)

    return SendingWriter


@contextmanager
def writes_behind(conn: Connection) -> Iterator[None]:
    """Inside, on PostgreSQL, ``insert_columns`` returns while the server still inserts; every other
    statement on ``conn`` (and its commit) first waits for that insert. Leaving the block waits
    too. An error inside abandons a COPY still running, so the transaction can roll back. On
    other databases nothing changes."""
    if conn.dialect.name != "postgresql" or _BEHIND in conn.info:
        yield
        return
    behind = _Behind()
    dialect = conn.dialect

    def settle(*_: Any) -> None:
        behind.settle(dialect)

    def abort(*_: Any) -> None:
        behind.abort()

    listeners = (("before_cursor_execute", settle), ("commit", settle), ("rollback", abort))
    conn.info[_BEHIND] = behind
    for name, listener in listeners:
        event.listen(conn, name, listener)
    try:
        yield
        behind.settle(dialect)
    except BaseException:
        behind.abort()
        raise
    finally:
        del conn.info[_BEHIND]
        for name, listener in listeners:
            event.remove(conn, name, listener)


def _run(dialect: Any, statement: str, action: Callable[[], object]) -> None:
    base = dialect.loaded_dbapi.Error
    try:
        action()
    except base as exc:  # as conn.execute raises it: IntegrityError, DataError, OperationalError...
        wrapped = DBAPIError.instance(statement, None, exc, base, hide_parameters=True, dialect=dialect)
        if isinstance(wrapped, BaseException):
            raise wrapped from None
        raise


def select_in(conn: Connection, columns: Sequence[Column[Any]], key: Column[Any], values: Sequence[Any],
              where: Mapping[Column[Any], Any] | None = None) -> list[tuple[Any, ...]]:
    """``SELECT columns FROM key's table WHERE key IN values [AND column = value ...]``, as tuples.

    For key and filter columns whose values need no conversion (ids, names: text)."""
    if not values:
        return []
    dialect = conn.dialect
    behind: _Behind | None = conn.info.get(_BEHIND)
    if behind is not None:  # exec_driver_sql below would wait too; this says so here
        behind.settle(dialect)
    quote = dialect.identifier_preparer
    pg = dialect.name == "postgresql"
    mark = "%s" if pg else "?"
    filters = list((where or {}).items())
    head = (f"SELECT {', '.join(quote.quote(c.name) for c in columns)} FROM {quote.format_table(key.table)} WHERE "
            + "".join(f"{quote.quote(c.name)} = {mark} AND " for c, _ in filters))
    fixed = tuple(v for _, v in filters)
    found: list[tuple[Any, ...]] = []
    unique = list(dict.fromkeys(values))
    for start in range(0, len(unique), IN_CHUNK):
        part = unique[start:start + IN_CHUNK]
        if pg and not any("\x00" in value for value in part):
            # The values as one JSON text: psycopg quoted an array's items one by one, in Python.
            sql = f"{head}{quote.quote(key.name)} = ANY(ARRAY(SELECT json_array_elements_text(%s::json)))"
            params = (*fixed, json.dumps(part))
        elif pg:  # text PostgreSQL cannot hold: psycopg refuses the array (DataError), as before
            sql, params = f"{head}{quote.quote(key.name)} = ANY(%s)", (*fixed, part)
        else:
            sql, params = f"{head}{quote.quote(key.name)} IN ({', '.join('?' * len(part))})", (*fixed, *part)
        found += [tuple(row) for row in conn.exec_driver_sql(sql, params)]
    return found
