"""Snapshots after a national (Spark) build: one per province, and the national summary.

A Spark build covers every province of the lake at once; the dashboards stay embedded. Each
province's servers read the snapshot of its own warehouse dir, as after a DuckDB build: the
build's marts of that province (rows of its province_code), the reference tables, and what only the
province's own ingestion warehouse holds (load log, quarantine, check results, names). The
ministry's server reads the snapshot under AUXFORCE_NATIONAL_DIR: province_summary of every
province and the province bureaus (the ministry's scope, lib/scope.py). Every file is
written by snapshot.replace_atomically, the swap a DuckDB build's publish uses.

    python -m dagster_project.defs.publish.provinces RUN_ID 530000=WAREHOUSE_DIR [...]
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import duckdb

from dagster_project.defs.publish.snapshot import (
    replace_atomically,
    schema_tables,
    write_snapshot,
)
from dagster_project.engines.spark_tables import copy_to_duckdb
from dagster_project.settings import Settings, get_settings

# What write_snapshot reads beyond marts and reference (its QUALITY_TABLES and PII_TABLES):
# a Spark build has none of it, the province's ingestion warehouse all of it.
OWN_TABLES = (
    "raw._load_log",
    "raw._quarantine",
    "raw._quarantine_rows",
    "raw._check_results",
    "pii.persons",
)
NATIONAL = "national"
# what the national summary snapshot holds: (table, rows of it)
NATIONAL_TABLES = {
    "province_summary": "select * from nat.marts.province_summary",
    "dim_bureau": "select * from nat.marts.dim_bureau where tier = 'province'",
}


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_catalog = 'nat' and table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()
    return {r[0] for r in rows}


def _of_province(columns: set[str]) -> str:
    """The filter to one province's rows ($p) of a table with `columns`: by province_code,
    else by the first two digits of its division code (the reference seeds: ref_divisions,
    ref_min_wage_class by admin_code, ref_average_wage by prefecture_code), else none."""
    if "province_code" in columns:
        return " where province_code = $p"
    for code in ("admin_code", "prefecture_code"):
        if code in columns:
            return f" where left({code}, 2) = left($p, 2)"
    return ""


def province_warehouse(marts: Path, province: str, ingestion: Path, out: Path) -> Path:
    """A DuckDB file laid out as a province's warehouse, for write_snapshot: the national
    build's marts and reference rows of `province` (a table without a province or division
    column whole), and the bookkeeping and names of the province's ingestion warehouse."""
    out.unlink(missing_ok=True)
    with duckdb.connect(str(out)) as con:
        con.execute(f"attach '{marts}' as nat (read_only)")
        con.execute(f"attach '{ingestion}' as own (read_only)")
        for schema in ("marts", "reference"):
            con.execute(f"create schema {schema}")
            for table in schema_tables(con, "nat", schema):
                where = _of_province(_columns(con, schema, table))
                con.execute(
                    f"create table {schema}.{table} as select * from nat.{schema}.{table}{where}",
                    {"p": province} if where else {},
                )
        # the bookkeeping and names write_snapshot copies, from the province's own warehouse
        for name in OWN_TABLES:
            con.execute(f"create schema if not exists {name.split('.')[0]}")
            con.execute(f"create table {name} as select * from own.{name}")
    return out


def write_national(marts: Path, published: Path, run_id: str) -> dict[str, int]:
    """The national summary snapshot from the national build's marts file `marts`."""

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(f"attach '{marts}' as nat (read_only)")
        con.execute("create schema marts")
        for table, query in NATIONAL_TABLES.items():
            con.execute(f"create table marts.{table} as {query}")
        con.execute("detach nat")

    return replace_atomically(published, run_id, fill)


def publish_spark_build(
    spark_warehouse: Path, provinces: dict[str, Settings], national: Settings, run_id: str
) -> dict[str, dict[str, int]]:
    """Publish Spark's build (its warehouse folder) as the snapshot of every province of
    `provinces` (code -> the settings of its root: its ingestion warehouse, its snapshot)
    and the national summary (at `national`'s snapshot); snapshot -> table -> rows."""
    counts = {}
    staging_dir = national.published_path.parent
    staging_dir.mkdir(parents=True, exist_ok=True)
    # staged on the snapshots' disk; a killed run leaves a folder no reader opens
    with tempfile.TemporaryDirectory(dir=staging_dir, prefix=".staging-") as tmp:
        marts = Path(tmp) / "national_marts.duckdb"
        copy_to_duckdb(spark_warehouse, marts, ("marts", "reference"))
        for province, own in sorted(provinces.items()):
            staged = Path(tmp) / f"{province}.duckdb"
            province_warehouse(marts, province, own.warehouse_path, staged)
            counts[province] = write_snapshot(staged, own.published_path, run_id)
        counts[NATIONAL] = write_national(marts, national.published_path, run_id)
    return counts


def main(argv: list[str]) -> None:
    """RUN_ID, then a warehouse dir per province: CODE=DIR (its auxforce.duckdb, published/)."""
    settings = get_settings()
    provinces = {
        code: replace(settings, warehouse_dir=Path(folder))
        for code, folder in (a.split("=", 1) for a in argv[1:])
    }
    national = replace(settings, warehouse_dir=settings.national_dir)
    published = publish_spark_build(settings.spark_dir / "warehouse", provinces, national, argv[0])
    for name, tables in published.items():
        print(name, len(tables), "tables")


if __name__ == "__main__":
    main(sys.argv[1:])
