"""Copy the raw layer of a DuckDB warehouse into PostgreSQL (for `dbt build --target postgres`).

    export AUXFORCE_PG_USER=auxforce AUXFORCE_PG_PASSWORD=...
    uv run --group bench python dbt/scripts/load_raw_to_postgres.py WAREHOUSE.duckdb

Every table of schema `raw` (sources and the bookkeeping tables `_load_log`, `_quarantine`,
...; never `pii`) is recreated in PostgreSQL schema `raw` with the same columns and mapped types
(docs/raw-layer.md) and filled with COPY ... FROM STDIN (CSV) through psycopg2, which
dbt-postgres brings. The DuckDB postgres extension is not used (it cannot be downloaded here).
Connection settings: AUXFORCE_PG_HOST (127.0.0.1), AUXFORCE_PG_PORT (5432), AUXFORCE_PG_USER,
AUXFORCE_PG_PASSWORD, AUXFORCE_PG_DBNAME (auxforce), as dbt/profiles.yml reads them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psycopg2

# DuckDB type -> PostgreSQL type (raw uses only these; DECIMAL(p,s) keeps its precision).
TYPES = {
    "VARCHAR": "varchar",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "DOUBLE": "double precision",
    "JSON": "text",
}


def pg_type(duck_type: str) -> str:
    if duck_type.startswith("DECIMAL"):
        return duck_type.lower().replace("decimal", "numeric")
    return TYPES[duck_type]


def connect():
    return psycopg2.connect(
        host=os.environ.get("AUXFORCE_PG_HOST", "127.0.0.1"),
        port=int(os.environ.get("AUXFORCE_PG_PORT", "5432")),
        user=os.environ.get("AUXFORCE_PG_USER", "auxforce"),
        password=os.environ.get("AUXFORCE_PG_PASSWORD", ""),
        dbname=os.environ.get("AUXFORCE_PG_DBNAME", "auxforce"),
    )


def main(warehouse: str) -> None:
    duck = duckdb.connect(warehouse, read_only=True)
    tables = [
        t
        for (t,) in duck.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'raw' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
    ]
    pg = connect()
    with pg, pg.cursor() as cur, tempfile.TemporaryDirectory() as tmp:
        cur.execute("create schema if not exists raw")
        for table in tables:
            started = time.perf_counter()
            cols = duck.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'raw' and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            ddl = ", ".join(f'"{c}" {pg_type(t)}' for c, t in cols)
            cur.execute(f'drop table if exists raw."{table}" cascade')
            cur.execute(f'create table raw."{table}" ({ddl})')
            csv = Path(tmp) / f"{table}.csv"
            duck.execute(f"copy raw.\"{table}\" to '{csv}' (header false, null '\\N')")
            names = ", ".join(f'"{c}"' for c, _ in cols)
            with csv.open() as fh:
                cur.copy_expert(
                    f"copy raw.\"{table}\" ({names}) from stdin with (format csv, null '\\N')", fh
                )
            cur.execute(f'analyze raw."{table}"')
            rows = duck.execute(f'select count(*) from raw."{table}"').fetchone()[0]
            print(f"raw.{table}: {rows} rows in {time.perf_counter() - started:.1f}s")
    pg.close()


if __name__ == "__main__":
    main(sys.argv[1])
