"""Re-running the whole pipeline on unchanged landing files changes no row of any table."""

from __future__ import annotations

import duckdb

from tests.pipeline.conftest import Province, run_pipeline


def table_checksums(path: str) -> dict[str, tuple[int, int]]:
    with duckdb.connect(path, read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_catalog = current_database()"
        ).fetchall()
        return {
            f"{s}.{t}": con.execute(f'select count(*), sum(hash(x)) from "{s}"."{t}" x').fetchone()
            for s, t in tables
        }


def test_rerun_changes_no_row(province: Province) -> None:
    before = table_checksums(str(province.warehouse))
    log_rows = province.query("select count(*) from raw._load_log")[0][0]
    run_pipeline()
    after = table_checksums(str(province.warehouse))
    assert "raw.roster" in before and before["raw.roster"][0] > 0
    assert after == before
    assert province.query("select count(*) from raw._load_log")[0][0] == log_rows
