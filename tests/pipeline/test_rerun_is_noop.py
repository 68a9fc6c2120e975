"""Re-running the whole pipeline on unchanged landing files changes no row of any table."""

from __future__ import annotations

import duckdb

from tests.pipeline.conftest import Province, run_pipeline


def _row_expression(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """The row as a struct; DOUBLE columns to 10 significant digits.

    Parallel float sums may differ in the last bits between two runs (relative ~1e-15: at
    staffing hours of 10^5 that is past the 9th decimal); money and counts are DECIMAL and
    integers and must match exactly. The same rule as dbt/scripts/compare_warehouses.py.
    """
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    parts = [
        f"printf('%.9e', \"{c}\")" if t in ("DOUBLE", "FLOAT", "REAL") else f'"{c}"'
        for c, t in columns
    ]
    return f"row({', '.join(parts)})"


def table_checksums(path: str) -> dict[str, tuple[int, int]]:
    with duckdb.connect(path, read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_catalog = current_database()"
        ).fetchall()
        return {
            f"{s}.{t}": con.execute(
                f'select count(*), sum(hash({_row_expression(con, s, t)})) from "{s}"."{t}"'
            ).fetchone()
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
