"""A batch of parsed files of one source: the cross-source rules, then one write transaction.

Files are parsed one by one (parsed_files.py) but written in batches: up to
`ingest_batch_rows` good rows of one source go in one transaction with their quarantine and
load-log rows. A per-file transaction made every file pay a scan of the whole table and a
checkpoint, which grew quadratically with a province's 1,000 files per source
(docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from dagster_project.contract import SOURCES, Source
from dagster_project.defs.ingestion import identities, lake
from dagster_project.defs.ingestion.load_log import (
    INSERT_LOG,
    FileOutcome,
    loaded_names,
    log_frame,
)
from dagster_project.defs.ingestion.parsed_files import ParsedFile
from dagster_project.defs.ingestion.quarantine import held_rows, quarantine_rows
from dagster_project.defs.ingestion.reading import division_in_file_name
from dagster_project.defs.ingestion.rules import Reference, duplicate_rows, reference_rules
from dagster_project.defs.ingestion.warehouse import incident_month, query_frame, raw_columns

# What a new row replaces besides the earlier version of its own file.
REPLACE_KEY: dict[str, tuple[str, ...]] = {
    **{name: source.key for name, source in SOURCES.items()},
    "incident_staff": ("incident_id",),
}

_QUARANTINE_COLUMNS = (
    "file, sha256, source, row_number, column_name, value, rule, message_zh, message_en, "
    "quarantined_at, sheet, cell"
)


def _month_window(source: Source, good: pl.DataFrame) -> tuple[str, list]:
    """A range predicate on the month column, so DuckDB skips row groups of other months.

    Only where a key cannot match a row of another month: roster and payroll keys hold their
    month, and every staff row of an incident carries the incident's month (an incident moved
    to another month takes its old staff rows along, `_drop_moved_staff`). An incident id
    holds no month, so incidents are replaced across all months: raw keeps each id once.
    """
    column = source.derived_month
    if source.month_column in REPLACE_KEY[source.name]:
        column = source.month_column
    if not column or not good.height:
        return "", []
    lo, hi = good.select(pl.col(column).min().alias("lo"), pl.col(column).max().alias("hi")).row(0)
    return f' and t."{column}" between ? and ?', [lo, hi]


def _drop_moved_staff(con: duckdb.DuckDBPyConnection) -> None:
    """Incidents of the batch held in raw under another month (a correction moved them): their
    staff rows of the old month go too; staff files come with their month's incidents."""
    moved = query_frame(
        con,
        f"select t.incident_id, {incident_month('t')} as incident_month from raw.incidents t "
        "join __good g on t.incident_id = g.incident_id "
        f"where {incident_month('t')} <> {incident_month('g')}",
    )
    if not moved.height:  # the usual case: no scan of the staff table at all
        return
    con.register("__moved", moved.to_arrow())
    try:
        lake.mark_months_of(
            con,
            "incident_staff",
            "delete from raw.incident_staff t using __moved m "
            "where t.incident_id = m.incident_id and t.incident_month = m.incident_month",
            [],
        )
    finally:
        con.unregister("__moved")


def _partition(source: Source, good: pl.DataFrame, file_month: str | None) -> str | None:
    if file_month:
        return file_month
    if source.row_month and good.height:
        months = good.select(pl.col(source.row_month).cast(pl.Date).dt.strftime("%Y-%m"))
        lo, hi = months.min().item(), months.max().item()
        return lo if lo == hi else f"{lo}..{hi}"
    return None


def _month_bounds(parsed: list[ParsedFile]) -> tuple[str, list]:
    """A range on incidents' reported_at covering the batch's file months, so the lookup
    reads only those months' row groups; unbounded if a file's name names no month."""
    months = [p.file_month for p in parsed if p.file_month]
    if not months or len(months) < len(parsed):
        return "", []
    lo = date.fromisoformat(f"{min(months)}-01")
    last = date.fromisoformat(f"{max(months)}-01")
    hi = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return " where i.reported_at >= ? and i.reported_at < ?", [lo, hi]


def _reference(
    con: duckdb.DuckDBPyConnection, source: Source, parsed: list[ParsedFile]
) -> Reference:
    """What a batch's rows are checked against, fetched once for the batch's own keys."""
    units = pl.Series(
        "unit_code",
        [r[0] for r in con.execute("select unit_code from raw.org_units").fetchall()],
        dtype=pl.String,
    )
    ref = Reference(
        unit_codes=units,
        roster_keys=pl.DataFrame(schema={"snapshot_month": pl.Date, "person_key": pl.String}),
        incidents=pl.DataFrame(schema={"incident_id": pl.String, "incident_month": pl.Date}),
    )
    bounds, params = _month_bounds(parsed)
    lookups = {
        "payroll": (
            "pay_month",
            "select distinct r.snapshot_month, r.person_key from raw.roster r "
            "semi join __candidates c on r.snapshot_month = c.pay_month",
            [],
        ),
        # raw holds an id once; a warehouse loaded before incidents were replaced across
        # months may hold a moved one twice: its latest row counts
        "incident_staff": (
            "incident_id",
            f"select i.incident_id, arg_max({incident_month('i')}, i._loaded_at) "
            "as incident_month from raw.incidents i "
            f"semi join __candidates c on i.incident_id = c.incident_id{bounds} "
            "group by i.incident_id",
            params,
        ),
    }
    if source.name not in lookups or not parsed:
        return ref
    column, sql, sql_params = lookups[source.name]
    candidates = pl.concat([p.typed.select(column) for p in parsed]).unique()
    con.register("__candidates", candidates.to_arrow())
    try:
        found = query_frame(con, sql, sql_params)
    finally:
        con.unregister("__candidates")
    if source.name == "payroll":
        return replace(ref, roster_keys=found)
    return replace(ref, incidents=found)


def _settle(
    source: Source, parsed: ParsedFile, ref: Reference
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(good rows, issues, pii rows) once the cross-source rules have run."""
    typed = parsed.typed
    ref = ref.of_month(parsed.file_month)
    all_issues = pl.concat([*parsed.issues, reference_rules(source, typed, ref)])
    bad = all_issues["_row"].unique().implode()
    good = typed.filter(~pl.col("_row").is_in(bad))
    if source.derived_month:
        good = good.join(ref.incidents, on="incident_id", how="left")
    dups = duplicate_rows(source, good)
    if dups.height:
        all_issues = pl.concat([all_issues, dups])
        good = good.filter(~pl.col("_row").is_in(dups["_row"].implode()))
    pii = parsed.pii.filter(pl.col("_row").is_in(good["_row"].implode())).drop("_row")
    return good, all_issues.sort("_row", "column_name"), pii


def _no_usable_row(source: Source) -> str:
    return (
        f"{source.zh}文件没有可用的行，未替换现有数据。 / The {source.name} "
        "file has no usable row; the current table was kept."
    )


@dataclass
class Batch:
    """What one write transaction puts into the warehouse."""

    outcomes: list[FileOutcome]
    logged_at: list[datetime]
    good: list[pl.DataFrame]
    quarantine: list[pl.DataFrame]
    held: list[pl.DataFrame]
    pii: list[pl.DataFrame]


def _outcome(
    p: ParsedFile,
    source: Source,
    partition: str | None,
    counts: tuple[int, int, int],
    status: str,
    message: str | None,
) -> FileOutcome:
    """The load-log row of a file that was read (loaded, or rejected after reading)."""
    return FileOutcome(
        p.name,
        p.sha256,
        source.name,
        partition,
        *counts,
        status,
        message,
        rows_layout=p.read.rows_layout,
        sheet=p.read.sheet,
        header_rows=p.read.header_rows,
        admin_code=division_in_file_name(Path(p.name)),
        layout=p.read.layout,
    )


def _with_note(note: str | None, message: str | None) -> str | None:
    if note is None:
        return message
    return f"{note}. {message}" if message else note


def settle_batch(
    con: duckdb.DuckDBPyConnection, source: Source, parsed: list[ParsedFile], note: str | None
) -> Batch:
    batch = Batch([], [], [], [], [], [])
    ref = _reference(con, source, parsed)
    columns = list(raw_columns(source))
    for seq, p in enumerate(parsed):
        good, issues, pii = _settle(source, p, ref)
        batch.logged_at.append(p.read_at)
        if source.full_replacement and good.height == 0:
            batch.outcomes.append(
                _outcome(p, source, None, (0, 0, 0), "rejected", _no_usable_row(source))
            )
            continue
        held = issues["_row"].unique()
        rows_read = good.height + held.len()
        message = f"{held.len()} 行进入隔离区 / rows quarantined" if issues.height else None
        batch.outcomes.append(
            _outcome(
                p,
                source,
                _partition(source, good, p.file_month),
                (rows_read, good.height, held.len()),
                "loaded",
                _with_note(note, message),
            )
        )
        batch.good.append(
            good.with_columns(
                pl.lit(p.name).alias("_file"),
                pl.lit(p.sha256).alias("_sha256"),
                pl.lit(p.read_at).alias("_loaded_at"),
            )
            .select(columns)
            .with_columns(pl.lit(seq).alias("__seq"))
        )
        batch.quarantine.append(
            quarantine_rows(issues, source, p.read, p.name, p.sha256).with_columns(
                pl.lit(p.read_at).alias("quarantined_at")
            )
        )
        batch.held.append(held_rows(p.read, held, source, p.name, p.sha256))
        batch.pii.append(pii)
    return batch


def _latest_per_key(source: Source, good: pl.DataFrame) -> pl.DataFrame:
    """Within a batch, a key's rows come from the last file that has the key.

    The same rule as between batches (a later file replaces an older row with the same
    key); incident_staff keeps every staff row of that file for the incident.
    """
    key = list(REPLACE_KEY[source.name])
    return good.filter(pl.col("__seq") == pl.col("__seq").max().over(key)).drop("__seq")


def _replace_rows(
    con: duckdb.DuckDBPyConnection, source: Source, good: pl.DataFrame, loaded: list[str]
) -> None:
    """Drop what the batch replaces: earlier versions of its files, older rows of its keys."""
    name, table = source.name, f"raw.{source.name}"
    if source.full_replacement:
        lake.mark_months_of(con, name, f"delete from {table} t", [])
        return
    replaced = loaded_names(con, loaded)
    if replaced:
        lake.mark_months_of(
            con,
            name,
            f"delete from {table} t where t._file in (select unnest(?::varchar[]))",
            [replaced],
        )
    if source.name == "incidents":
        _drop_moved_staff(con)
    match = " and ".join(f't."{k}" = g."{k}"' for k in REPLACE_KEY[source.name])
    window, bounds = _month_window(source, good)
    lake.mark_months_of(
        con, name, f"delete from {table} t using __good g where {match}{window}", bounds
    )


def write_batch(con: duckdb.DuckDBPyConnection, source: Source, batch: Batch) -> None:
    """One transaction: rows, quarantine, pii and load log of every file in the batch, and
    the lake partitions they touch marked for rewriting (lake.py)."""
    quoted = ", ".join(f'"{c}"' for c in raw_columns(source))
    loaded = [o.file for o in batch.outcomes if o.status == "loaded"]
    views = {"__log": log_frame(batch.outcomes, batch.logged_at)}
    if batch.good:
        views["__good"] = _latest_per_key(source, pl.concat(batch.good, how="vertical_relaxed"))
        views["__quarantine"] = pl.concat(batch.quarantine, how="vertical_relaxed")
        views["__held"] = pl.concat(batch.held, how="vertical_relaxed")
    for view, frame in views.items():
        con.register(view, frame.to_arrow())
    con.execute("begin transaction")
    try:
        if batch.good:
            _replace_rows(con, source, views["__good"], loaded)
            con.execute(f"insert into raw.{source.name} ({quoted}) select {quoted} from __good")
            lake.mark_rows_of(con, source.name, "__good")
            for table in ("_quarantine", "_quarantine_rows"):
                con.execute(
                    f"delete from raw.{table} where file in (select unnest(?::varchar[]))",
                    [loaded],
                )
            con.execute(
                f"insert into raw._quarantine ({_QUARANTINE_COLUMNS}) "
                f"select {_QUARANTINE_COLUMNS} from __quarantine"
            )
            con.execute("insert into raw._quarantine_rows select * from __held")
            identities.upsert_pii(con, pl.concat(batch.pii, how="vertical_relaxed"))
            lake.mark(con, "_quarantine", [lake.NO_MONTH])
            lake.mark(con, "_quarantine_rows", [lake.NO_MONTH])
        con.execute(INSERT_LOG)
        lake.mark(con, "_load_log", [lake.NO_MONTH])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for view in views:
            con.unregister(view)
