"""Writing many rows at once, for ingest (issue 17): COPY on PostgreSQL, the driver's own
executemany on SQLite, both inside the caller's transaction.

SQLAlchemy's executemany builds a parameter dictionary per row and runs every bind processor
through it, which cost more than the database's own work. Here each column's bind processor is
looked up once and applied to plain tuples, then the rows go to the driver in one call:
PostgreSQL's ``COPY ... FROM STDIN`` through psycopg 3, ``executemany`` on sqlite3/sqlcipher3.
A driver error is raised as SQLAlchemy's (IntegrityError, DataError, ...), as ``conn.execute``
would raise it, so the ingest's handling of hostile input is unchanged.

Rows must give every column that has a default of its own, else SQLAlchemy's insert is used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """``conn.execute(insert(table), rows)``, faster."""
    if not rows:
        return
    names = {name for row in rows for name in row}
    columns = [c for c in table.columns if c.name in names]
    if any(c.name not in row for row in rows for c in table.columns
           if c.default is not None or c.server_default is not None) or len(columns) != len(names):
        conn.execute(insert(table), list(rows))  # a default to fill in, or an unknown key: SQLAlchemy's way
        return
    dialect = conn.dialect
    processors: list[Callable[[Any], Any] | None] = [
        c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    tuples = [tuple(value if process is None else process(value)
                    for process, value in zip(processors, (row.get(c.name) for c in columns), strict=True))
              for row in rows]
    quote = dialect.identifier_preparer
    target = quote.format_table(table)
    column_list = ", ".join(quote.quote(c.name) for c in columns)
    raw: Any = conn.connection.dbapi_connection
    if dialect.name == "postgresql":
        statement = f"COPY {target} ({column_list}) FROM STDIN"
        _run(dialect, statement, lambda: _copy(raw, statement, tuples))
    else:
        statement = f"INSERT INTO {target} ({column_list}) VALUES ({', '.join('?' for _ in columns)})"
        _run(dialect, statement, lambda: raw.cursor().executemany(statement, tuples))


def _copy(raw: Any, statement: str, tuples: list[tuple[Any, ...]]) -> None:
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in tuples:
            copy.write_row(row)


def _run(dialect: Any, statement: str, action: Callable[[], object]) -> None:
    base = dialect.loaded_dbapi.Error
    try:
        action()
    except base as exc:  # as conn.execute raises it: IntegrityError, DataError, OperationalError...
        wrapped = DBAPIError.instance(statement, None, exc, base, hide_parameters=True, dialect=dialect)
        if isinstance(wrapped, BaseException):
            raise wrapped from None
        raise
