"""The raw layer for the Spark target, for now: DuckDB's raw schema exported to Parquet.

    python -m dagster_project.engines.spark_raw      # after ingestion, before dbt on Spark

Ingestion writes DuckDB (docs/raw-layer.md); Spark cannot read a DuckDB file, so every table
of schema `raw` (the sources and the bookkeeping tables `_load_log`, `_quarantine`, ...; never
`pii`) is copied to `<AUXFORCE_SPARK_DIR>/raw/<table>/` as Parquet. dbt registers them in
Spark as external tables `raw.<table>` at the start of every run (on-run-start,
dbt/macros/spark/register_raw_tables.sql), so Spark always reads the latest export.

This is a stopgap for the partitioned raw layer of issue 15: ingestion will write its
validated rows, quarantine and load log as Parquet itself, one partition per source x
province x month, and both engines will read that layout; `export` then goes away and the
folders keep the shape Spark's tables read (one folder per table under the raw root).

Types: Parquet carries DuckDB's types as Spark reads them (decimals keep their precision),
except TIMESTAMP, written as an instant in UTC (Spark reads a time-zone-less Parquet
timestamp as TIMESTAMP_NTZ; the Spark session runs in UTC, so the wall clock is unchanged),
and JSON, written as text.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb

from dagster_project.settings import get_settings


def _column_sql(name: str, data_type: str) -> str:
    if data_type == "TIMESTAMP":
        return f'cast("{name}" as timestamptz) as "{name}"'
    if data_type == "JSON":
        return f'cast("{name}" as varchar) as "{name}"'
    return f'"{name}"'


def export(warehouse: Path, raw_dir: Path) -> dict[str, int]:
    """Write every table of schema raw of `warehouse` to `raw_dir/<table>/data.parquet`;
    table -> rows. Each table's folder is replaced whole (written beside it, then renamed)."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    staging = raw_dir.parent / f".{raw_dir.name}.writing"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    rows = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        columns: dict[str, list[str]] = {}
        for table, name, data_type in con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name in (select table_name from "
            "information_schema.tables where table_schema = 'raw' and table_type = 'BASE TABLE') "
            "order by table_name, ordinal_position"
        ).fetchall():
            columns.setdefault(table, []).append(_column_sql(name, data_type))
        for table, cols in columns.items():
            folder = staging / table
            folder.mkdir()
            con.execute(
                f'copy (select {", ".join(cols)} from raw."{table}") '
                f"to '{folder / 'data.parquet'}' (format parquet, compression zstd)"
            )
            rows[table] = con.execute(f'select count(*) from raw."{table}"').fetchone()[0]
    for table in columns:
        target = raw_dir / table
        shutil.rmtree(target, ignore_errors=True)
        (staging / table).rename(target)
    staging.rmdir()
    return rows


def main() -> None:
    settings = get_settings()
    started = time.perf_counter()
    rows = export(settings.warehouse_path, settings.spark_raw_dir)
    for table, n in rows.items():
        print(f"raw.{table}: {n} rows")
    print(f"{settings.spark_raw_dir}: {len(rows)} tables in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
