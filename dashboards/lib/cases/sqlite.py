"""The embedded case store: one SQLite file in WAL mode (readers never wait for the writer),
a connection per transaction, writes under BEGIN IMMEDIATE so that the version check and
the write it guards cannot interleave with another writer's."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from .repository import SqlCaseRepository, Tx

_BUSY_MS = 30_000


def _value(value: object) -> object:
    # ISO text for dates and times (sqlite3's own date adapters are deprecated)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def split_statements(script: str) -> Iterator[str]:
    """The statements of a migration file, trigger bodies kept whole (the sqlite3 module
    runs one statement per execute; executescript would commit the open transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    rest = [ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    if rest:
        yield buffer.strip()


class _SqliteTx(Tx):
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def all(self, sql: str, **params: object) -> list[dict[str, object]]:
        cursor = self.con.execute(sql, {k: _value(v) for k, v in params.items()})
        return [dict(row) for row in cursor.fetchall()]

    def run(self, sql: str, **params: object) -> int:
        return self.con.execute(sql, {k: _value(v) for k, v in params.items()}).rowcount

    def script(self, sql: str) -> None:
        for statement in split_statements(sql):
            self.con.execute(statement)


_WRITE_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def _write_lock(path: Path) -> threading.Lock:
    with _LOCKS_LOCK:
        return _WRITE_LOCKS.setdefault(path.resolve(), threading.Lock())


class SqliteCaseRepository(SqlCaseRepository):
    dialect = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        # One writer at a time inside the process, per database file (the access log,
        # accounts and cases share one): dashboard sessions are threads, and SQLite's busy
        # handler makes a waiting writer sleep up to 100 ms a try, so 50 sessions appending
        # to the access log queued for seconds (tests/load). Waiting on a lock wakes at once;
        # other processes still meet SQLite's own lock and busy timeout.
        self._write_lock = _write_lock(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect()
        try:
            # persistent: every later connection of any process uses the WAL
            con.execute("pragma journal_mode = wal")
        finally:
            con.close()
        self.migrate()

    def _connect(self) -> sqlite3.Connection:
        # autocommit mode: transactions are begun and ended here, explicitly
        con = sqlite3.connect(
            self.path, timeout=_BUSY_MS / 1000, isolation_level=None, check_same_thread=False
        )
        con.row_factory = sqlite3.Row
        con.execute("pragma foreign_keys = on")
        con.execute(f"pragma busy_timeout = {_BUSY_MS}")
        return con

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Tx]:
        if write:
            with self._write_lock:
                yield from self._open_transaction(write)
        else:
            yield from self._open_transaction(write)

    def _open_transaction(self, write: bool) -> Iterator[Tx]:
        con = self._connect()
        try:
            con.execute("begin immediate" if write else "begin")
            try:
                yield _SqliteTx(con)
            except BaseException:
                con.execute("rollback")
                raise
            con.execute("commit")
        finally:
            con.close()

    def _is_unique_violation(self, exc: Exception) -> bool:
        return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)
