"""Load landing files into `raw`, idempotent by content hash.

A file's good rows load, its bad rows go to `raw._quarantine`, and one `raw._load_log` row
records rows_read = rows_loaded + rows_quarantined. A corrected file delivered under the
same name replaces what its earlier version loaded; row keys replace older rows with the
same key; org_units is replaced whole (docs/raw-layer.md).

Files are validated one by one but written in batches: up to `ingest_batch_rows` good rows
of one source go in one transaction with their quarantine and load-log rows. A per-file
transaction made every file pay a scan of the whole table and a checkpoint, which grew
quadratically with a province's 1,000 files per source (docs/performance.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from dagster_project.contract import SOURCES, Source
from dagster_project.defs.ingestion import identities, lake
from dagster_project.defs.ingestion.lake import Lake
from dagster_project.defs.ingestion.landing import (
    LOCK_FILE_MESSAGE,
    PROJECT_FOLDER_MESSAGE,
    UNASSIGNED,
    is_lock_file,
    is_project_folder,
    relative_name,
    source_files,
    unassigned_files,
    unassigned_message,
)
from dagster_project.defs.ingestion.parsed_files import (
    ParsedFile,
    ParseJob,
    Unreadable,
    parse_in_order,
)
from dagster_project.defs.ingestion.quarantine import held_rows, quarantine_rows
from dagster_project.defs.ingestion.reading import (
    division_in_file_name,
    month_in_file_name,
)
from dagster_project.defs.ingestion.rules import (
    Reference,
    duplicate_rows,
    reference_rules,
)
from dagster_project.defs.ingestion.warehouse import incident_month, query_frame, raw_columns
from dagster_project.settings import get_settings

# What a new row replaces besides the earlier version of its own file.
REPLACE_KEY: dict[str, tuple[str, ...]] = {
    **{name: source.key for name, source in SOURCES.items()},
    "incident_staff": ("incident_id",),
}


_LOG_SCHEMA = {
    "file": pl.String,
    "sha256": pl.String,
    "source": pl.String,
    "partition": pl.String,
    "rows_read": pl.Int64,
    "rows_loaded": pl.Int64,
    "rows_quarantined": pl.Int64,
    "status": pl.String,
    "message": pl.String,
    "loaded_at": pl.Datetime("us"),
    "rows_layout": pl.Int64,
    "sheet": pl.String,
    "header_rows": pl.String,
    "admin_code": pl.String,
    "layout": pl.String,
}
_LOG_COLUMNS = ", ".join(_LOG_SCHEMA)
# the load-log rows staged as view __log
_INSERT_LOG = f"insert into raw._load_log ({_LOG_COLUMNS}) select {_LOG_COLUMNS} from __log"
_QUARANTINE_COLUMNS = (
    "file, sha256, source, row_number, column_name, value, rule, message_zh, message_en, "
    "quarantined_at, sheet, cell"
)


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
    rows_layout: int = 0  # totals and signature lines, not counted in rows_read
    sheet: str | None = None
    header_rows: str | None = None
    admin_code: str | None = None  # the division named in the file name: whose file it is
    layout: str | None = None  # the header as written (JSON, ReadResult.layout)


@dataclass
class Delivered:
    """What the load log says of files delivered so far."""

    first_with: dict[str, str]  # content loaded or rejected → the first file it came as
    current: dict[str, str]  # file → the content of its newest loaded or rejected version
    logged: set[tuple[str, str]]  # (file, sha256) pairs with a load-log row

    def unchanged_or_duplicate(self, name: str, sha256: str) -> bool:
        """Whether delivering `sha256` as `name` changes nothing: the file's current content
        again, or a new file byte-identical to another delivery. A file that has loaded
        before is read whatever its bytes: an emptied or reverted version is its own
        correction even when another file (another bureau's emptied one) has the same bytes."""
        if name in self.current:
            return self.current[name] == sha256
        return sha256 in self.first_with


def delivered(con: duckdb.DuckDBPyConnection) -> Delivered:
    first_with = dict(
        con.execute(
            "select sha256, min(file) from raw._load_log "
            "where status in ('loaded', 'rejected') group by sha256"
        ).fetchall()
    )
    current = dict(
        con.execute(
            "select file, arg_max(sha256, loaded_at) from raw._load_log "
            "where status in ('loaded', 'rejected') group by file"
        ).fetchall()
    )
    pairs = set(con.execute("select distinct file, sha256 from raw._load_log").fetchall())
    return Delivered(first_with, current, pairs)


def _loaded_names(con: duckdb.DuckDBPyConnection, names: list[str]) -> list[str]:
    """Those of `names` an earlier version of which was loaded (so they have rows to replace)."""
    rows = con.execute(
        "select distinct file from raw._load_log where status = 'loaded' "
        "and file in (select unnest(?::varchar[]))",
        [names],
    ).fetchall()
    return [r[0] for r in rows]


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
class _Batch:
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


def _settle_batch(
    con: duckdb.DuckDBPyConnection, source: Source, parsed: list[ParsedFile], note: str | None
) -> _Batch:
    batch = _Batch([], [], [], [], [], [])
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
    replaced = _loaded_names(con, loaded)
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


def _log_frame(outcomes: list[FileOutcome], logged_at: list[datetime]) -> pl.DataFrame:
    """Load-log rows of `outcomes`, each stamped with its time."""
    return pl.DataFrame(
        [{**asdict(o), "loaded_at": at} for o, at in zip(outcomes, logged_at, strict=True)],
        schema=_LOG_SCHEMA,
    )


def _write_batch(con: duckdb.DuckDBPyConnection, source: Source, batch: _Batch) -> None:
    """One transaction: rows, quarantine, pii and load log of every file in the batch, and
    the lake partitions they touch marked for rewriting (lake.py)."""
    quoted = ", ".join(f'"{c}"' for c in raw_columns(source))
    loaded = [o.file for o in batch.outcomes if o.status == "loaded"]
    views = {"__log": _log_frame(batch.outcomes, batch.logged_at)}
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
        con.execute(_INSERT_LOG)
        lake.mark(con, "_load_log", [lake.NO_MONTH])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for view in views:
            con.unregister(view)


def _month_order(path: Path) -> tuple[str, str]:
    """Batches then span few months, so their replacement delete skips most row groups."""
    return (month_in_file_name(path) or "", path.name)


def _unread(name: str, sha256: str, source: str, status: str, message: str | None) -> FileOutcome:
    """The outcome of a file that gave no rows: rejected whole, or skipped."""
    return FileOutcome(
        name, sha256, source, None, 0, 0, 0, status, message,
        admin_code=division_in_file_name(Path(name)),
    )  # fmt: skip


def _duplicate_message(first: str) -> str:
    return (
        f"内容与已报送的 {first} 完全相同，未重复载入。 / "
        f"Byte-identical to {first}, delivered before: not loaded again."
    )


def load_paths(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    paths: list[tuple[Path, str]],
    secret: bytes,
    today: date,
    batch_rows: int,
    note: str | None = None,
    lake_out: Lake | None = None,
    province: str | None = None,
    workers: int | None = None,
) -> list[FileOutcome]:
    """Load (path, relative name) pairs in order; outcomes in the same order.

    `province`: the root's province code (org_units must describe it; the environment's
    AUXFORCE_PROVINCE by default). `workers`: processes that parse files
    (parsed_files.py; the setting ingest_workers by default).

    With `note` (a re-check), every file is read again even if its bytes were seen, and
    its load-log message starts with the note. With `lake_out`, the lake partitions each
    batch touched are rewritten after its commit (and those a crash left pending, first);
    without, they stay marked for the next run that writes the lake.
    """
    province = province or get_settings().province_code
    if lake_out:
        lake_out.sync(con)
    known = delivered(con)
    outcomes: dict[str, FileOutcome] = {}
    pending: list[ParsedFile] = []
    unread: list[tuple[FileOutcome, datetime]] = []  # logged without rows
    staged_rows = 0

    def flush() -> None:
        nonlocal staged_rows
        batch = _settle_batch(con, source, pending, note)
        for outcome, at in unread:
            batch.outcomes.append(outcome)
            batch.logged_at.append(at)
        if batch.outcomes:
            _write_batch(con, source, batch)
            if lake_out:
                lake_out.sync(con)
        outcomes.update((o.file, o) for o in batch.outcomes)
        pending.clear()
        unread.clear()
        staged_rows = 0

    def staged() -> Iterator[ParseJob | FileOutcome]:
        """Each file's job, or its outcome if it is not to be read; decided in order."""
        for path, name in paths:
            data = path.read_bytes()
            sha256 = hashlib.sha256(data).hexdigest()
            skipped = None
            if is_lock_file(path):
                skipped = _unread(name, sha256, source.name, "skipped", LOCK_FILE_MESSAGE)
            elif note is None and known.unchanged_or_duplicate(name, sha256):
                message = _duplicate_message(known.first_with[sha256])
                skipped = _unread(name, sha256, source.name, "skipped", message)
            if skipped is not None:
                outcomes[name] = skipped
                if (name, sha256) not in known.logged:  # once per name: a rerun adds nothing
                    known.logged.add((name, sha256))
                    yield skipped
                continue
            known.first_with.setdefault(sha256, name)
            known.current[name] = sha256
            yield ParseJob(source.name, path, name, sha256, data, secret, today, province)

    for item in parse_in_order(staged(), workers or get_settings().ingest_workers):
        if isinstance(item, FileOutcome):
            unread.append((item, datetime.now()))
            continue
        if isinstance(item, Unreadable):
            rejected = _unread(item.name, item.sha256, source.name, "rejected", item.message)
            unread.append((rejected, item.at))
            continue
        pending.append(item)
        staged_rows += item.typed.height
        # A whole-table replacement is its own batch: two files must not merge into one table.
        if staged_rows >= batch_rows or source.full_replacement:
            flush()
    if pending or unread:
        flush()
    return [outcomes[name] for _, name in paths]


def load_file(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    path: Path,
    relative_name: str,
    secret: bytes,
    today: date,
) -> FileOutcome:
    """One file in its own transaction (the bad-input corpus tests file by file)."""
    return load_paths(con, source, [(path, relative_name)], secret, today, batch_rows=1)[0]


def load_source(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    landing_dir: Path,
    secret: bytes,
    today: date | None = None,
    months: set[str] | None = None,
    batch_rows: int | None = None,
    lake_out: Lake | None = None,
    province: str | None = None,
    workers: int | None = None,
) -> list[FileOutcome]:
    """Load every new file of one source, in month order.

    With `months`, a file whose name names another month is left for the run of its own
    partition; files without a month in their name are always read.
    """
    paths = sorted(
        (
            path
            for path in source_files(landing_dir, source)
            if months is None or month_in_file_name(path) in (None, *months)
        ),
        key=_month_order,
    )
    return load_paths(
        con,
        source,
        [(path, relative_name(landing_dir, path)) for path in paths],
        secret,
        today or date.today(),
        batch_rows or get_settings().ingest_batch_rows,
        lake_out=lake_out,
        province=province,
        workers=workers,
    )


def log_unassigned(
    con: duckdb.DuckDBPyConnection, landing_dir: Path, lake_out: Lake | None = None
) -> list[FileOutcome]:
    """A load-log row for each new file in no source folder: a clerk learns where it goes."""
    logged = delivered(con).logged
    outcomes = []
    for path in unassigned_files(landing_dir):
        name = relative_name(landing_dir, path)
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        if (name, sha256) in logged:
            continue
        if is_project_folder(landing_dir, path):
            status, message = "skipped", PROJECT_FOLDER_MESSAGE
        elif is_lock_file(path):
            status, message = "skipped", LOCK_FILE_MESSAGE
        else:
            status, message = "rejected", unassigned_message()
        outcomes.append(_unread(name, sha256, UNASSIGNED, status, message))
    if outcomes:
        now = datetime.now()
        con.register("__log", _log_frame(outcomes, [now] * len(outcomes)).to_arrow())
        try:
            con.execute("begin transaction")
            con.execute(_INSERT_LOG)
            lake.mark(con, "_load_log", [lake.NO_MONTH])
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        finally:
            con.unregister("__log")
    if lake_out:
        lake_out.sync(con)
    return outcomes


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
