"""Spark's warehouse tables read back into a DuckDB file, to compare with (or later publish
from) a DuckDB build.

    python -m dagster_project.engines.spark_tables OUT.duckdb [SCHEMA ...]   # marts by default

dbt on Spark writes plain Parquet tables under `<AUXFORCE_SPARK_DIR>/warehouse/<schema>.db/
<table>/` (partitioned ones as `<column>=<value>/` folders). DuckDB reads them without a JVM:
each table becomes `<schema>.<table>` of OUT, partition columns included. Spark's TIMESTAMP
is an instant (Parquet adjusted to UTC) where DuckDB's is a wall clock: with Spark's session
in UTC (dbt/profiles.yml), the wall clock is the instant in UTC.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from dagster_project.settings import get_settings


def _tables(warehouse: Path, schema: str) -> list[Path]:
    folder = warehouse / f"{schema}.db"
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def copy_to_duckdb(warehouse: Path, out: Path, schemas: tuple[str, ...] = ("marts",)) -> list[str]:
    """Copy every table of `schemas` under Spark's `warehouse` folder into DuckDB file `out`
    (replaced); the `schema.table` names copied. A table folder without a Parquet file
    (Spark writes none for an empty partitioned table) is left out."""
    out.unlink(missing_ok=True)
    copied = []
    with duckdb.connect(str(out)) as con:
        con.execute("set TimeZone = 'UTC'")
        for schema in schemas:
            con.execute(f'create schema if not exists "{schema}"')
            for folder in _tables(warehouse, schema):
                if not any(folder.rglob("*.parquet")):
                    continue
                source = f"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"
                columns = con.execute(f"describe select * from {source}").fetchall()
                select = ", ".join(
                    f'cast("{name}" as timestamp) as "{name}"'
                    if data_type == "TIMESTAMP WITH TIME ZONE"
                    else f'"{name}"'
                    for name, data_type, *_ in columns
                )
                con.execute(
                    f'create table "{schema}"."{folder.name}" as select {select} from {source}'
                )
                copied.append(f"{schema}.{folder.name}")
    return copied


def main(argv: list[str]) -> None:
    out, schemas = Path(argv[0]), tuple(argv[1:]) or ("marts",)
    for name in copy_to_duckdb(get_settings().spark_dir / "warehouse", out, schemas):
        print(name)


if __name__ == "__main__":
    main(sys.argv[1:])
