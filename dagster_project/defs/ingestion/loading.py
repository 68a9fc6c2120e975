"""Load landing files into `raw`, idempotent by content hash.

A file's good rows load, its bad rows go to `raw._quarantine`, and one `raw._load_log` row
records rows_read = rows_loaded + rows_quarantined. A corrected file delivered under the
same name replaces what its earlier version loaded; row keys replace older rows with the
same key; org_units is replaced whole (docs/raw-layer.md).

Files are parsed in worker processes (parsed_files.py) and written in batches by this one
(batches.py), DuckDB's only writer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb

from dagster_project.contract import Source
from dagster_project.defs.ingestion import lake
from dagster_project.defs.ingestion.batches import settle_batch, write_batch
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
from dagster_project.defs.ingestion.load_log import (
    INSERT_LOG,
    FileOutcome,
    delivered,
    log_frame,
    unread_outcome,
)
from dagster_project.defs.ingestion.parsed_files import (
    ParsedFile,
    ParseJob,
    Unreadable,
    parse_in_order,
)
from dagster_project.defs.ingestion.reading import month_in_file_name
from dagster_project.settings import get_settings


def _month_order(path: Path) -> tuple[str, str]:
    """Batches then span few months, so their replacement delete skips most row groups."""
    return (month_in_file_name(path) or "", path.name)


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
    its load-log message starts with the note. With `lake_out`, the lake partitions the
    batches touched are rewritten once, after the last batch's commit (and those a crash left
    pending, first); without, they stay marked for the next run that writes the lake. Once,
    not after each batch: files come prefecture by prefecture, so the batches of a monthly
    source touch the same months again and again, and a month's partition holds every
    prefecture's rows.
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
        batch = settle_batch(con, source, pending, note)
        for outcome, at in unread:
            batch.outcomes.append(outcome)
            batch.logged_at.append(at)
        if batch.outcomes:
            write_batch(con, source, batch)
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
                skipped = unread_outcome(name, sha256, source.name, "skipped", LOCK_FILE_MESSAGE)
            elif note is None and known.unchanged_or_duplicate(name, sha256):
                message = _duplicate_message(known.first_with[sha256])
                skipped = unread_outcome(name, sha256, source.name, "skipped", message)
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
            rejected = unread_outcome(item.name, item.sha256, source.name, "rejected", item.message)
            unread.append((rejected, item.at))
            continue
        pending.append(item)
        staged_rows += item.typed.height
        # A whole-table replacement is its own batch: two files must not merge into one table.
        if staged_rows >= batch_rows or source.full_replacement:
            flush()
    if pending or unread:
        flush()
    if lake_out:
        lake_out.sync(con)
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
        outcomes.append(unread_outcome(name, sha256, UNASSIGNED, status, message))
    if outcomes:
        now = datetime.now()
        con.register("__log", log_frame(outcomes, [now] * len(outcomes)).to_arrow())
        try:
            con.execute("begin transaction")
            con.execute(INSERT_LOG)
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
