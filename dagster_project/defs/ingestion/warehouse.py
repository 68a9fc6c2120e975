"""The DuckDB side of ingestion: schemas, the raw tables, the load log and quarantine."""

from __future__ import annotations

import warnings
from pathlib import Path

import duckdb
import polars as pl

from dagster_project.contract import RAW_SQL_TYPES, SOURCES, Source
from dagster_project.defs.ingestion.lake import PENDING_DDL
from dagster_project.settings import Settings

LOAD_LOG_DDL = """
create table if not exists raw._load_log (
    file varchar not null,
    sha256 varchar not null,
    source varchar not null,
    partition varchar,
    rows_read bigint not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null,
    status varchar not null,
    message varchar,
    loaded_at timestamp not null,
    rows_layout bigint default 0,
    sheet varchar,
    header_rows varchar,
    admin_code varchar,
    layout varchar
)"""

QUARANTINE_DDL = """
create table if not exists raw._quarantine (
    file varchar not null,
    sha256 varchar not null,
    source varchar not null,
    row_number bigint not null,
    column_name varchar,
    value varchar,
    rule varchar not null,
    message_zh varchar not null,
    message_en varchar not null,
    quarantined_at timestamp not null,
    sheet varchar,
    cell varchar
)"""

QUARANTINE_ROWS_DDL = """
create table if not exists raw._quarantine_rows (
    file varchar not null,
    sha256 varchar not null,
    source varchar not null,
    sheet varchar,
    row_number bigint not null,
    cells varchar not null
)"""

# Columns added since the first release: a warehouse built before gets them on its next run.
_ADDED_COLUMNS = {
    "_load_log": (
        "rows_layout bigint default 0",
        "sheet varchar",
        "header_rows varchar",
        "admin_code varchar",
        "layout varchar",
    ),
    "_quarantine": ("sheet varchar", "cell varchar"),
}

CHECK_RESULTS_DDL = """
create table if not exists raw._check_results (
    source varchar not null,
    batch_files varchar not null,
    check_name varchar not null,
    passed boolean not null,
    rows_checked bigint not null,
    unexpected_count bigint,
    detail varchar,
    checked_at timestamp not null
)"""

PII_DDL = """
create table if not exists pii.persons (
    person_key varchar primary key,
    id_number varchar not null,
    name varchar,
    birth_date date,
    gender varchar
)"""

LINEAGE_COLUMNS = {
    "_extra": "VARCHAR",
    "_file": "VARCHAR",
    "_sha256": "VARCHAR",
    "_row": "BIGINT",
    "_loaded_at": "TIMESTAMP",
}


def incident_month(alias: str) -> str:
    """SQL: the month (first day) an incident of raw.incidents `alias` was reported, the value
    of raw.incident_staff.incident_month."""
    return f"date_trunc('month', {alias}.reported_at)::date"


def raw_columns(source: Source) -> dict[str, str]:
    """Column → SQL type of `raw.<source>` (docs/raw-layer.md)."""
    cols: dict[str, str] = {}
    for column in source.columns:
        if column.type == "id_number":
            cols["person_key"] = "VARCHAR"
        elif column.name == "name":
            continue
        elif source.name == "incident_staff" and column.name == "staff_id":
            cols["staff_key"] = "VARCHAR"
        else:
            cols[column.name] = RAW_SQL_TYPES[column.type]
        if source.name == "roster" and column.name == "background_check":
            cols["background_reason"] = "VARCHAR"
    if source.derived_month:
        cols[source.derived_month] = "DATE"
    return {**cols, **LINEAGE_COLUMNS}


def connect(settings: Settings, path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The pipeline's read-write connection, with memory and spill limits from settings."""
    target = path or settings.warehouse_path
    target.parent.mkdir(parents=True, exist_ok=True)
    settings.duckdb_temp_dir.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(
        str(target),
        config={
            "memory_limit": settings.duckdb_memory_limit,
            "threads": settings.duckdb_threads,
            "temp_directory": str(settings.duckdb_temp_dir),
        },
    )


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute("create schema if not exists pii")
    con.execute("create schema if not exists lake")
    ddls = (
        LOAD_LOG_DDL,
        QUARANTINE_DDL,
        QUARANTINE_ROWS_DDL,
        CHECK_RESULTS_DDL,
        PII_DDL,
        PENDING_DDL,
    )
    for ddl in ddls:
        con.execute(ddl)
    for table, columns in _ADDED_COLUMNS.items():
        for column in columns:
            con.execute(f"alter table raw.{table} add column if not exists {column}")
    for source in SOURCES.values():
        cols = ", ".join(f'"{name}" {sql}' for name, sql in raw_columns(source).items())
        con.execute(f"create table if not exists raw.{source.name} ({cols})")
    _add_incident_month(con)


def _add_incident_month(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse built before raw.incident_staff carried its incident's month gets the
    column, filled from the incidents its rows reference (each one does: ingestion checks)."""
    found = con.execute(
        "select 1 from duckdb_columns() where schema_name = 'raw' "
        "and table_name = 'incident_staff' and column_name = 'incident_month'"
    ).fetchone()
    if found:
        return
    con.execute("alter table raw.incident_staff add column incident_month date")
    con.execute(
        "update raw.incident_staff s set incident_month = i.incident_month from ("
        f"select r.incident_id, arg_max({incident_month('r')}, r._loaded_at) "
        "as incident_month from raw.incidents r group by r.incident_id) i "
        "where i.incident_id = s.incident_id"
    )


def query_frame(
    con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None
) -> pl.DataFrame:
    """A query's result as a polars frame (DuckDB 2 dropped `.pl()` on results)."""
    # `con.sql` would avoid DuckDB's extra-copy warning but fails while another result is
    # open on the connection; these results are small (keys of one file, a GX sample).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result")
        result = pl.from_arrow(con.execute(sql, params or []).to_arrow_table())
    assert isinstance(result, pl.DataFrame)
    return result
