"""The publish gate's rule on a bare warehouse: a failed batch holds while any of its rows is
in raw, whatever passes after it; replacing its rows or an operator's clearance releases it,
and only until the next failure."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest

from dagster_project.defs.ingestion.warehouse import ensure_tables
from dagster_project.defs.publish.gate import clear, ensure_gate_tables, standing_holds

CHECK = "expect_column_values_to_be_between(approved)"


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    ensure_tables(con)
    ensure_gate_tables(con)
    return con


def _batch(con: duckdb.DuckDBPyConnection, at: datetime, sha: str, passed: bool) -> None:
    """One checked batch of quotas: a file with content hash `sha`, one row of it in raw."""
    file = f"quotas/quotas_{sha}.csv"
    con.execute(
        "insert into raw._check_results values ('quotas', ?, ?, ?, 1, ?, '', ?)",
        [file, CHECK, passed, 0 if passed else 1, at],
    )
    con.execute("insert into raw._check_batch_files values ('quotas', ?, ?, ?)", [at, file, sha])
    con.execute("insert into raw.quotas (_file, _sha256) values (?, ?)", [file, sha])


def _held(con: duckdb.DuckDBPyConnection) -> list[tuple[str, ...]]:
    return [h.files for h in standing_holds(con)]


def test_held_until_the_rows_are_replaced(con: duckdb.DuckDBPyConnection) -> None:
    start = datetime(2026, 11, 1, 2)
    _batch(con, start, "a", passed=False)
    assert _held(con) == [("quotas/quotas_a.csv",)]
    (hold,) = standing_holds(con)
    assert hold.source_zh == "用人额度" and [c.check for c in hold.failed_checks] == [CHECK]
    # a later good batch that leaves the bad rows in place releases nothing
    _batch(con, start + timedelta(days=1), "b", passed=True)
    assert _held(con) == [("quotas/quotas_a.csv",)]
    # a corrected file (or later rows with the same keys) replaced them
    con.execute("delete from raw.quotas where _sha256 = 'a'")
    assert _held(con) == []


def test_clearance_accepts_failures_until_then(con: duckdb.DuckDBPyConnection) -> None:
    _batch(con, datetime.now() - timedelta(hours=1), "c", passed=False)
    clear(con, "quotas", "checked with the bureau")
    assert _held(con) == []
    _batch(con, datetime.now() + timedelta(seconds=1), "d", passed=False)
    assert _held(con) == [("quotas/quotas_d.csv",)]
