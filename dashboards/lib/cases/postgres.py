"""The case store on PostgreSQL (psycopg 3), for several dashboard servers sharing one
database. A connection per transaction; the shared SQL's :name parameters become psycopg's
%(name)s. Under READ COMMITTED a second writer's `update … where version = :seen` waits for
the first's row lock, then finds the version moved on and changes nothing: a Conflict."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.rows import dict_row

from .repository import SqlCaseRepository, Tx

_PARAM = re.compile(r"(?<![:\w]):(\w+)")
_MIGRATION_LOCK = 0x6175_7866  # pg_advisory_xact_lock key of the case store's migrations


def _sql(sql: str) -> str:
    return _PARAM.sub(r"%(\1)s", sql)


class _PostgresTx(Tx):
    def __init__(self, con: psycopg.Connection) -> None:
        self.con = con

    def all(self, sql: str, **params: object) -> list[dict[str, object]]:
        return list(self.con.execute(_sql(sql), params).fetchall())

    def run(self, sql: str, **params: object) -> int:
        return self.con.execute(_sql(sql), params).rowcount

    def script(self, sql: str) -> None:
        self.con.execute(sql)  # no parameters: several statements in one call are fine


class PostgresCaseRepository(SqlCaseRepository):
    dialect = "postgres"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        self.url = url
        self.connect_timeout = connect_timeout
        self.migrate()

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Tx]:
        with psycopg.connect(
            self.url, row_factory=dict_row, connect_timeout=self.connect_timeout
        ) as con:
            if not write:
                con.read_only = True
            with con.transaction():
                yield _PostgresTx(con)

    def _lock_migrations(self, tx: Tx) -> None:
        tx.all("select pg_advisory_xact_lock(:key)", key=_MIGRATION_LOCK)

    def _is_unique_violation(self, exc: Exception) -> bool:
        return isinstance(exc, psycopg.errors.UniqueViolation)
