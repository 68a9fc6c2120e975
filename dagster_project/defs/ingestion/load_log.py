"""The load log (`raw._load_log`): one row per delivered file, and what it says of the
deliveries so far (which bytes came first, each file's current version)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from dagster_project.defs.ingestion.reading import division_in_file_name

LOG_SCHEMA = {
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

_LOG_COLUMNS = ", ".join(LOG_SCHEMA)

# the load-log rows staged as view __log
INSERT_LOG = f"insert into raw._load_log ({_LOG_COLUMNS}) select {_LOG_COLUMNS} from __log"


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


def loaded_names(con: duckdb.DuckDBPyConnection, names: list[str]) -> list[str]:
    """Those of `names` an earlier version of which was loaded (so they have rows to replace)."""
    rows = con.execute(
        "select distinct file from raw._load_log where status = 'loaded' "
        "and file in (select unnest(?::varchar[]))",
        [names],
    ).fetchall()
    return [r[0] for r in rows]


def log_frame(outcomes: list[FileOutcome], logged_at: list[datetime]) -> pl.DataFrame:
    """Load-log rows of `outcomes`, each stamped with its time."""
    return pl.DataFrame(
        [{**asdict(o), "loaded_at": at} for o, at in zip(outcomes, logged_at, strict=True)],
        schema=LOG_SCHEMA,
    )


def unread_outcome(
    name: str, sha256: str, source: str, status: str, message: str | None
) -> FileOutcome:
    """The outcome of a file that gave no rows: rejected whole, or skipped."""
    return FileOutcome(
        name, sha256, source, None, 0, 0, 0, status, message,
        admin_code=division_in_file_name(Path(name)),
    )  # fmt: skip


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
