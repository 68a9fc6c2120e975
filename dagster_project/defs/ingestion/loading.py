"""Load landing files into `raw`: one transaction per file, idempotent by content hash.

A file's good rows load, its bad rows go to `raw._quarantine`, and one `raw._load_log` row
records rows_read = rows_loaded + rows_quarantined. A corrected file delivered under the
same name replaces what its earlier version loaded; row keys replace older rows with the
same key; org_units is replaced whole (docs/raw-layer.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from dagster_project.contract import SOURCES, Source
from dagster_project.defs.ingestion import identities
from dagster_project.defs.ingestion.messages import with_messages
from dagster_project.defs.ingestion.parsing import parse_columns
from dagster_project.defs.ingestion.reading import (
    SUPPORTED_SUFFIXES,
    FileRejected,
    month_in_file_name,
    read_landing_file,
)
from dagster_project.defs.ingestion.rules import (
    Reference,
    duplicate_rows,
    reference_rules,
    row_rules,
    split_background_check,
)
from dagster_project.defs.ingestion.warehouse import query_frame, raw_columns

# What a new row replaces besides the earlier version of its own file.
REPLACE_KEY: dict[str, tuple[str, ...]] = {
    **{name: source.key for name, source in SOURCES.items()},
    "incident_staff": ("incident_id",),
}


@dataclass(frozen=True)
class FileOutcome:
    file: str
    sha256: str
    source: str
    partition: str | None
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    status: str  # loaded | rejected | skipped
    message: str | None


def landing_files(landing_dir: Path, source: Source) -> list[Path]:
    folder = landing_dir / source.name
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
    )


def _already_seen(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    row = con.execute(
        "select count(*) from raw._load_log where sha256 = ? and status in ('loaded', 'rejected')",
        [sha256],
    ).fetchone()
    return bool(row and row[0])


def _reference(con: duckdb.DuckDBPyConnection, source: Source, typed: pl.DataFrame) -> Reference:
    """What this file's rows are checked against, fetched for its own keys only."""
    units = pl.Series(
        "unit_code",
        [r[0] for r in con.execute("select unit_code from raw.org_units").fetchall()],
        dtype=pl.String,
    )
    roster_keys = pl.DataFrame(schema={"snapshot_month": pl.Date, "person_key": pl.String})
    incident_ids = pl.Series("incident_id", [], dtype=pl.String)
    lookups = {
        "payroll": (
            "pay_month",
            "select distinct r.snapshot_month, r.person_key from raw.roster r "
            "semi join __candidates c on r.snapshot_month = c.pay_month",
        ),
        "incident_staff": (
            "incident_id",
            "select i.incident_id from raw.incidents i "
            "semi join __candidates c on i.incident_id = c.incident_id",
        ),
    }
    if source.name in lookups:
        column, sql = lookups[source.name]
        con.register("__candidates", typed.select(pl.col(column).unique()).to_arrow())
        try:
            found = query_frame(con, sql)
        finally:
            con.unregister("__candidates")
        if source.name == "payroll":
            roster_keys = found
        else:
            incident_ids = found["incident_id"]
    return Reference(unit_codes=units, roster_keys=roster_keys, incident_ids=incident_ids)


def _seen_name(con: duckdb.DuckDBPyConnection, relative_name: str) -> bool:
    """An earlier version of this file name was loaded (so it has rows to replace)."""
    row = con.execute(
        "select count(*) from raw._load_log where file = ? and status = 'loaded'", [relative_name]
    ).fetchone()
    return bool(row and row[0])


def _month_window(source: Source, good: pl.DataFrame) -> tuple[str, list]:
    """A range predicate on the month column, so DuckDB skips row groups of other months.

    Keys of monthly sources are replaced within the file's own months; staging keeps the
    latest row per key, so a key that moved to another month still resolves correctly.
    """
    column = source.month_column
    if not column or not good.height:
        return "", []
    lo, hi = good.select(pl.col(column).min().alias("lo"), pl.col(column).max().alias("hi")).row(0)
    return f' and t."{column}" between ? and ?', [lo, hi]


def _mask(issues: pl.DataFrame) -> pl.DataFrame:
    """ID numbers and names never reach quarantine in clear."""
    sensitive = pl.col("column_name").is_in(["id_number", "staff_id", "name"])
    masked = pl.concat_str(pl.col("value").str.slice(0, 1), pl.lit("***"))
    return issues.with_columns(
        pl.when(sensitive & pl.col("value").is_not_null())
        .then(masked)
        .otherwise(pl.col("value"))
        .alias("value")
    )


def _partition(source: Source, good: pl.DataFrame, file_month: str | None) -> str | None:
    if file_month:
        return file_month
    if source.month_column and good.height:
        months = good.select(pl.col(source.month_column).cast(pl.Date).dt.strftime("%Y-%m"))
        lo, hi = months.min().item(), months.max().item()
        return lo if lo == hi else f"{lo}..{hi}"
    return None


def _log(con: duckdb.DuckDBPyConnection, outcome: FileOutcome, now: datetime) -> None:
    con.execute(
        "insert into raw._load_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            outcome.file,
            outcome.sha256,
            outcome.source,
            outcome.partition,
            outcome.rows_read,
            outcome.rows_loaded,
            outcome.rows_quarantined,
            outcome.status,
            outcome.message,
            now,
        ],
    )


def validate_file(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    path: Path,
    data: bytes,
    secret: bytes,
    today: date,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(good rows, issues, pii rows) of one readable file; raises FileRejected."""
    read = read_landing_file(path, data, source)
    typed, issues = parse_columns(read.frame, source, today)
    typed, pii, id_issues = identities.key_people(source, typed, read.frame, secret)
    if source.name == "roster":
        typed = split_background_check(typed)
    file_month = month_in_file_name(path) if source.month_column else None
    found = [issues, id_issues, row_rules(source, typed, file_month)]
    found.append(reference_rules(source, typed, _reference(con, source, typed)))
    all_issues = pl.concat(found)
    bad = all_issues["_row"].unique().implode()
    good = typed.filter(~pl.col("_row").is_in(bad))
    dups = duplicate_rows(source, good)
    if dups.height:
        all_issues = pl.concat([all_issues, dups])
        good = good.filter(~pl.col("_row").is_in(dups["_row"].implode()))
    pii = pii.filter(pl.col("_row").is_in(good["_row"].implode())).drop("_row")
    return good, all_issues.sort("_row", "column_name"), pii


def load_file(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    path: Path,
    relative_name: str,
    secret: bytes,
    today: date,
) -> FileOutcome:
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    if _already_seen(con, sha256):
        return FileOutcome(relative_name, sha256, source.name, None, 0, 0, 0, "skipped", None)
    now = datetime.now()
    try:
        good, issues, pii = validate_file(con, source, path, data, secret, today)
    except FileRejected as exc:
        outcome = FileOutcome(
            relative_name, sha256, source.name, None, 0, 0, 0, "rejected", str(exc)
        )
        _log(con, outcome, now)
        return outcome

    rows_read = good.height + issues["_row"].n_unique()
    if source.full_replacement and good.height == 0:
        outcome = FileOutcome(
            relative_name,
            sha256,
            source.name,
            None,
            0,
            0,
            0,
            "rejected",
            f"{source.zh}文件没有可用的行，未替换现有数据。 / The {source.name} "
            "file has no usable row; the current table was kept.",
        )
        _log(con, outcome, now)
        return outcome
    columns = list(raw_columns(source))
    good = good.with_columns(
        pl.lit(relative_name).alias("_file"),
        pl.lit(sha256).alias("_sha256"),
        pl.lit(now).alias("_loaded_at"),
    ).select(columns)
    quarantine = _mask(with_messages(issues, source)).select(
        pl.lit(relative_name).alias("file"),
        pl.lit(sha256).alias("sha256"),
        pl.lit(source.name).alias("source"),
        pl.col("_row").alias("row_number"),
        "column_name",
        "value",
        "rule",
        "message_zh",
        "message_en",
        pl.lit(now).alias("quarantined_at"),
    )
    outcome = FileOutcome(
        relative_name,
        sha256,
        source.name,
        _partition(source, good, month_in_file_name(path) if source.month_column else None),
        rows_read,
        good.height,
        rows_read - good.height,
        "loaded",
        f"{issues['_row'].n_unique()} 行进入隔离区 / rows quarantined" if issues.height else None,
    )
    table = f"raw.{source.name}"
    quoted = ", ".join(f'"{c}"' for c in columns)
    con.execute("begin transaction")
    try:
        con.register("__good", good.to_arrow())
        if source.full_replacement:
            con.execute(f"delete from {table}")
        else:
            if _seen_name(con, relative_name):
                con.execute(f"delete from {table} where _file = ?", [relative_name])
            match = " and ".join(f't."{k}" = g."{k}"' for k in REPLACE_KEY[source.name])
            window, bounds = _month_window(source, good)
            con.execute(f"delete from {table} t using __good g where {match}{window}", bounds)
        con.execute(f"insert into {table} ({quoted}) select {quoted} from __good")
        con.execute("delete from raw._quarantine where file = ?", [relative_name])
        con.register("__quarantine", quarantine.to_arrow())
        con.execute("insert into raw._quarantine select * from __quarantine")
        identities.upsert_pii(con, pii)
        _log(con, outcome, now)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for view in ("__good", "__quarantine"):
            con.unregister(view)
    return outcome


def load_source(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    landing_dir: Path,
    secret: bytes,
    today: date | None = None,
    months: set[str] | None = None,
) -> list[FileOutcome]:
    """Load every new file of one source, in name order.

    With `months`, a file whose name names another month is left for the run of its own
    partition; files without a month in their name are always read.
    """
    day = today or date.today()
    return [
        load_file(con, source, path, f"{source.name}/{path.name}", secret, day)
        for path in landing_files(landing_dir, source)
        if months is None or month_in_file_name(path) in (None, *months)
    ]


def summarise(outcomes: Iterable[FileOutcome]) -> dict[str, int]:
    totals = {
        "files_loaded": 0,
        "files_rejected": 0,
        "files_skipped": 0,
        "rows_read": 0,
        "rows_loaded": 0,
        "rows_quarantined": 0,
    }
    for o in outcomes:
        totals[f"files_{o.status}"] += 1
        totals["rows_read"] += o.rows_read
        totals["rows_loaded"] += o.rows_loaded
        totals["rows_quarantined"] += o.rows_quarantined
    return totals
