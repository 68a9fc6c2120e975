"""Write a complete read-only snapshot for the dashboards and swap it in atomically.

DuckDB allows one writer or many readers per file, never both; so the dashboards never
open the warehouse. They open `published/auxforce_published.duckdb`, which is replaced
by rename only after a whole new snapshot has been written, flushed and closed. A crash
at any point leaves the last good snapshot in place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb

from dagster_project.defs.publish.whatif import create_macros

# (schema in the snapshot, table, select over the warehouse)
COPIED_SCHEMAS = ("marts", "reference")
QUALITY_TABLES = {
    "load_log": "select * from wh.raw._load_log",
    "quarantine": "select * from wh.raw._quarantine",
    "quarantine_rows": "select * from wh.raw._quarantine_rows",
    "check_results": "select * from wh.raw._check_results",
}
# Names for the auditor role only; ID numbers never leave the warehouse.
PII_TABLES = {"person_names": "select person_key, name from wh.pii.persons"}


def schema_tables(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_catalog = ? and table_schema = ? and table_type = 'BASE TABLE' order by 1",
        [catalog, schema],
    ).fetchall()
    return [r[0] for r in rows]


def write_snapshot(warehouse: Path, published: Path, run_id: str) -> dict[str, int]:
    """Copy marts, reference, quality and names into a new file, create the what-if table
    macros (whatif.py), then rename it into place."""

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(f"attach '{warehouse}' as wh (read_only)")
        for schema in COPIED_SCHEMAS:
            con.execute(f"create schema {schema}")
            for table in schema_tables(con, "wh", schema):
                con.execute(f"create table {schema}.{table} as select * from wh.{schema}.{table}")
        # the what-if functions of the pages: the marts' own SQL over the tables just copied
        create_macros(con)
        for schema, tables in (("quality", QUALITY_TABLES), ("pii", PII_TABLES)):
            con.execute(f"create schema {schema}")
            for table, query in tables.items():
                con.execute(f"create table {schema}.{table} as {query}")
        con.execute("detach wh")

    return replace_atomically(published, run_id, fill)


def replace_atomically(
    published: Path, run_id: str, fill: Callable[[duckdb.DuckDBPyConnection], None]
) -> dict[str, int]:
    """Write a new snapshot with `fill` and the publish stamp (_publish.meta) beside
    `published`, flush it, then rename it into place; table -> estimated rows."""
    published.parent.mkdir(parents=True, exist_ok=True)
    for stale in published.parent.glob(f".{published.name}.*.tmp"):
        stale.unlink()  # left by a publish that was killed; the pipeline is the only writer
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    with duckdb.connect(str(staging)) as con:
        fill(con)
        con.execute("create schema _publish")
        con.execute(
            "create table _publish.meta as select ?::timestamp as published_at, "
            "?::varchar as run_id",
            [datetime.now(), run_id],
        )
        rows = con.execute(
            "select schema_name || '.' || table_name, estimated_size from duckdb_tables() "
            "where database_name = current_database()"
        ).fetchall()
        counts = {name: int(size) for name, size in rows}
        con.execute("checkpoint")
    with open(staging, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(staging, published)  # atomic on POSIX: readers see the old or the new file
    dir_fd = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return counts
