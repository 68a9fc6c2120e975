"""The raw lake: every raw table as Parquet, one file per table × province × month.

    <lake>/<folder>/province=<code>/month=<YYYY-MM | none>/data.parquet

    python -m dagster_project.defs.ingestion.lake   # write what is pending; a province
                                                    # folder deleted is written whole again

Ingestion keeps DuckDB's `raw.*` as the embedded engine's tables and writes the lake beside
them, from DuckDB's committed rows, for Spark (docs/raw-layer.md, "The lake"). A batch marks
the partitions it touches in `lake.pending` inside its own transaction; after the source's
last batch commits, `Lake.sync` rewrites each marked partition once and clears its mark. A
crash in between leaves the marks, and the next sync (the start of any ingestion) rewrites
those partitions first.

Each file is written under a temporary name no reader lists (a leading dot: Spark, Hadoop
and `*.parquet` globs skip it) and renamed over the old one: a reader, or a process killed
mid-write, sees the previous file or the new one, never half of one. One warehouse root is
one province: its process writes only `province=<its code>` folders, so provinces ingest
side by side without waiting for each other.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from dagster_project.contract import SOURCES
from dagster_project.settings import Settings, get_settings

# The bookkeeping tables beside the sources; pii never leaves DuckDB.
BOOKKEEPING = ("_load_log", "_quarantine", "_quarantine_rows")
TABLES = (*SOURCES, *BOOKKEEPING)
# The month folder of rows that have no month: non-monthly sources and the bookkeeping tables.
NO_MONTH = "none"
PENDING_DDL = """
create table if not exists lake.pending (
    "table" varchar not null,
    month varchar not null,
    primary key ("table", month)
)"""
_TEMP_PREFIX = ".data.parquet."


def folder_name(table: str) -> str:
    """`_load_log` → `load_log`: Spark and Hadoop take a leading `_` or `.` for hidden."""
    return table.lstrip("_")


def month_column(table: str) -> str | None:
    """The column a table's partitions are cut by (None: one partition per province)."""
    source = SOURCES.get(table)
    return source.row_month if source else None


def month_sql(table: str, alias: str) -> str:
    """SQL: the partition month ('2026-10', or 'none') of a row of `table` as `alias`."""
    column = month_column(table)
    if column is None:
        return f"'{NO_MONTH}'"
    return f"coalesce(strftime({alias}.\"{column}\", '%Y-%m'), '{NO_MONTH}')"


def _slice_where(table: str, month: str) -> tuple[str, list]:
    """The rows of one partition, as a range so DuckDB's zone maps skip other months."""
    column = month_column(table)
    if column is None:
        return "", []
    if month == NO_MONTH:
        return f' where "{column}" is null', []
    first = date.fromisoformat(f"{month}-01")
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return f' where "{column}" >= ? and "{column}" < ?', [first, after]


def mark(con: duckdb.DuckDBPyConnection, table: str, months: Iterable[str]) -> None:
    """Record partitions of `table` to rewrite (inside the caller's transaction)."""
    rows = [(table, m) for m in sorted(set(months))]
    if rows:
        con.executemany("insert or ignore into lake.pending values (?, ?)", rows)


def mark_months_of(con: duckdb.DuckDBPyConnection, table: str, sql: str, params: list) -> None:
    """Run the DELETE `sql` on `table` (alias t) and mark the months of the rows it removed."""
    column = month_column(table)
    if column is None:
        con.execute(sql, params)
        mark(con, table, [NO_MONTH])
        return
    deleted = con.execute(f"{sql} returning {month_sql(table, 't')}", params).fetchall()
    mark(con, table, (m for (m,) in deleted))


def mark_rows_of(con: duckdb.DuckDBPyConnection, table: str, view: str) -> None:
    """Mark the months of the rows in `view` (the rows a batch inserts into `table`)."""
    found = con.execute(f"select distinct {month_sql(table, 'v')} from {view} v").fetchall()
    mark(con, table, (m for (m,) in found))


def _column_sql(name: str, data_type: str) -> str:
    """Types as Spark reads them: a wall-clock TIMESTAMP as the instant in UTC (Spark reads a
    zone-less Parquet timestamp as TIMESTAMP_NTZ; its session runs in UTC), JSON as text."""
    if data_type == "TIMESTAMP":
        return f'timezone(\'UTC\', "{name}") as "{name}"'
    if data_type == "JSON":
        return f'cast("{name}" as varchar) as "{name}"'
    return f'"{name}"'


@dataclass(frozen=True)
class Lake:
    """The lake folder and the province this warehouse root writes in it."""

    root: Path
    province: str

    @classmethod
    def of(cls, settings: Settings) -> Lake:
        return cls(settings.lake_dir, settings.province_code)

    def province_dir(self, table: str) -> Path:
        return self.root / folder_name(table) / f"province={self.province}"

    def partition_file(self, table: str, month: str) -> Path:
        return self.province_dir(table) / f"month={month}" / "data.parquet"

    def sync(self, con: duckdb.DuckDBPyConnection) -> int:
        """Rewrite every pending partition (after a first sync of any table this province
        has no folder for yet); the number of files written."""
        self._mark_unwritten(con)
        pending = con.execute('select "table", month from lake.pending order by 1, 2').fetchall()
        columns = self._columns(con) if pending else {}
        for table, month in pending:
            self._write(con, table, month, columns[table])
            con.execute('delete from lake.pending where "table" = ? and month = ?', [table, month])
        return len(pending)

    def _mark_unwritten(self, con: duckdb.DuckDBPyConnection) -> None:
        """A table without a folder for this province (a new lake, or a warehouse loaded
        before the lake existed) gets every partition DuckDB holds, or an empty `none` one so
        Spark always finds its schema. Temporary files of a killed writer are removed: only
        this root's process writes this province's folders."""
        for table in TABLES:
            folder = self.province_dir(table)
            for temp in folder.glob(f"month=*/{_TEMP_PREFIX}*"):
                temp.unlink(missing_ok=True)
            if folder.is_dir():
                continue
            found = con.execute(
                f"select distinct {month_sql(table, 't')} from raw.{table} t"
            ).fetchall()
            mark(con, table, [m for (m,) in found] or [NO_MONTH])

    def _columns(self, con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
        columns: dict[str, list[str]] = {}
        for table, name, data_type in con.execute(
            "select table_name, column_name, data_type from duckdb_columns() "
            "where schema_name = 'raw' and database_name = current_database() "
            "order by table_name, column_index"
        ).fetchall():
            columns.setdefault(table, []).append(_column_sql(name, data_type))
        return columns

    def _write(
        self, con: duckdb.DuckDBPyConnection, table: str, month: str, columns: list[str]
    ) -> None:
        """One partition from DuckDB's committed rows: a temporary file, then a rename. An
        emptied partition keeps a file without rows, so readers still see the month's
        schema and the emptiness."""
        target = self.partition_file(table, month)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f"{_TEMP_PREFIX}{os.getpid()}.tmp")
        where, params = _slice_where(table, month)
        con.execute(
            f"copy (select {', '.join(columns)} from raw.{table}{where}) "
            f"to '{temp}' (format parquet, compression zstd)",
            params,
        )
        with temp.open("rb") as written:  # on disk before the rename makes it the partition
            os.fsync(written.fileno())
        os.replace(temp, target)


def main() -> None:
    # imported here: warehouse.py imports this module's DDL
    from dagster_project.defs.ingestion.warehouse import connect, ensure_tables

    settings = get_settings()
    lake = Lake.of(settings)
    started = time.perf_counter()
    with connect(settings) as con:
        ensure_tables(con)
        written = lake.sync(con)
    print(
        f"{lake.root} province={lake.province}: {written} partition files written "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
