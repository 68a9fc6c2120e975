"""Snapshots after a national (Spark) build: one per province, and the national summary.

A Spark build covers every province of the lake at once; the dashboards stay embedded. Each
province's servers read `<root>/<province>/auxforce_published.duckdb`: the build's marts
of that province (rows of its province_code), the reference tables, and what only the
province's own ingestion warehouse holds (load log, quarantine, check results, names). The
ministry's server reads `<root>/national/auxforce_published.duckdb`: province_summary of
every province and the province bureaus (the ministry's scope, lib/scope.py). Every file is
written by snapshot.replace_atomically, the swap a DuckDB build's publish uses.

    python -m dagster_project.defs.publish.provinces RUN_ID 530000=WAREHOUSE [...]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import duckdb

from dagster_project.defs.publish.snapshot import (
    replace_atomically,
    schema_tables,
    write_snapshot,
)
from dagster_project.engines.spark_tables import copy_to_duckdb
from dagster_project.settings import get_settings

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
SNAPSHOT = "auxforce_published.duckdb"
# what the national summary snapshot holds: (table, rows of it)
NATIONAL_TABLES = {
    "province_summary": "select * from nat.marts.province_summary",
    "dim_bureau": "select * from nat.marts.dim_bureau where tier = 'province'",
}


def snapshot_path(root: Path, province: str) -> Path:
    """Where the snapshot of `province` (or of NATIONAL) is published under `root`."""
    return root / province / SNAPSHOT


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_catalog = 'nat' and table_schema = 'marts' and table_name = ?",
        [table],
    ).fetchall()
    return {r[0] for r in rows}


def province_warehouse(marts: Path, province: str, ingestion: Path, out: Path) -> Path:
    """A DuckDB file laid out as a province's warehouse, for write_snapshot: the national
    build's marts rows of `province` (a mart without province_code whole), the reference
    tables, and the bookkeeping and names of the province's ingestion warehouse."""
    out.unlink(missing_ok=True)
    with duckdb.connect(str(out)) as con:
        con.execute(f"attach '{marts}' as nat (read_only)")
        con.execute(f"attach '{ingestion}' as own (read_only)")
        con.execute("create schema marts")
        for table in schema_tables(con, "nat", "marts"):
            where = " where province_code = $p" if "province_code" in _columns(con, table) else ""
            params = {"p": province} if where else {}
            con.execute(
                f"create table marts.{table} as select * from nat.marts.{table}{where}", params
            )
        con.execute("create schema reference")
        for table in schema_tables(con, "nat", "reference"):
            con.execute(f"create table reference.{table} as select * from nat.reference.{table}")
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
    spark_warehouse: Path, warehouses: dict[str, Path], root: Path, run_id: str
) -> dict[str, dict[str, int]]:
    """Publish Spark's build (its warehouse folder) as one snapshot per province of
    `warehouses` (province code -> that province's ingestion warehouse) and the national
    summary; snapshot name -> table -> rows."""
    counts = {}
    root.mkdir(parents=True, exist_ok=True)
    # staged beside the snapshots: same disk, and gone with the folder if the run is killed
    with tempfile.TemporaryDirectory(dir=root, prefix=".staging-") as tmp:
        marts = Path(tmp) / "national_marts.duckdb"
        copy_to_duckdb(spark_warehouse, marts, ("marts", "reference"))
        for province, ingestion in sorted(warehouses.items()):
            staged = Path(tmp) / f"{province}.duckdb"
            province_warehouse(marts, province, ingestion, staged)
            counts[province] = write_snapshot(staged, snapshot_path(root, province), run_id)
        counts[NATIONAL] = write_national(marts, snapshot_path(root, NATIONAL), run_id)
    return counts


def main(argv: list[str]) -> None:
    run_id, pairs = argv[0], [a.split("=", 1) for a in argv[1:]]
    settings = get_settings()
    root = settings.published_path.parent
    published = publish_spark_build(
        settings.spark_dir / "warehouse", {p: Path(w) for p, w in pairs}, root, run_id
    )
    for name, tables in published.items():
        print(name, len(tables), "tables")


if __name__ == "__main__":
    main(sys.argv[1:])
