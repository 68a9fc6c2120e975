"""Fallback loader, used only while dbt/scripts/load_raw_to_postgres.py does not exist:
copies every table of schema raw from a DuckDB file into PostgreSQL (same names and types),
through CSV and COPY FROM STDIN. Connection from AUXFORCE_PG_HOST/PORT/USER/PASSWORD/DBNAME.

Usage: python scripts/bench/pg_load.py WAREHOUSE.duckdb [--schema raw]
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from pathlib import Path

import duckdb
import psycopg2

_TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "SMALLINT": "smallint",
    "DOUBLE": "double precision",
    "FLOAT": "real",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "BOOLEAN": "boolean",
    "HUGEINT": "numeric(38,0)",
}


def pg_type(duck: str) -> str:
    if duck in _TYPES:
        return _TYPES[duck]
    if m := re.fullmatch(r"DECIMAL\((\d+),(\d+)\)", duck):
        return f"numeric({m.group(1)},{m.group(2)})"
    return "text"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("duckdb_file", type=Path)
    parser.add_argument("--schema", default="raw")
    args = parser.parse_args()
    src = duckdb.connect(str(args.duckdb_file), read_only=True)
    pg = psycopg2.connect(
        host=os.environ["AUXFORCE_PG_HOST"],
        port=int(os.environ["AUXFORCE_PG_PORT"]),
        user=os.environ["AUXFORCE_PG_USER"],
        password=os.environ.get("AUXFORCE_PG_PASSWORD", ""),
        dbname=os.environ["AUXFORCE_PG_DBNAME"],
    )
    schema = args.schema
    tables = [
        r[0]
        for r in src.execute(
            "select table_name from information_schema.tables where table_schema = ? "
            "order by table_name",
            [schema],
        ).fetchall()
    ]
    with pg, pg.cursor() as cur:
        cur.execute(f'drop schema if exists "{schema}" cascade; create schema "{schema}"')
    for table in tables:
        started = time.perf_counter()
        cols = src.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, table],
        ).fetchall()
        ddl = ", ".join(f'"{c}" {pg_type(t)}' for c, t in cols)
        with tempfile.TemporaryDirectory() as tmp:
            csv = Path(tmp) / "t.csv"
            src.execute(f'copy "{schema}"."{table}" to \'{csv}\' (header false)')
            with pg, pg.cursor() as cur, csv.open() as fh:
                cur.execute(f'create table "{schema}"."{table}" ({ddl})')
                cur.copy_expert(f'copy "{schema}"."{table}" from stdin (format csv)', fh)
                cur.execute(f'analyze "{schema}"."{table}"')
        rows = src.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
        took = time.perf_counter() - started
        print(f"{schema}.{table}: {rows[0] if rows else 0} rows in {took:.1f} s")
    pg.close()


if __name__ == "__main__":
    main()
