"""Monthly partitions of the monthly sources, and the run tags that cover what has landed.

roster, payroll and incidents are partitioned by month (incident_staff, without a month
column, reads every new file in each run). One run loads a
range of months in a single process (BackfillPolicy.single_run): DuckDB has one writer, and
dbt builds once after every month of the range is in. A file whose name names a month
belongs to that partition; a monthly file without a month in its name is read by every run
(its content hash makes the second reading a no-op).

    python -m dagster_project.defs.partitions   # prints the run tags for the pending months

`make pipeline` runs over the months with content the load log has not seen: Dagster
records a planned materialisation per asset per month of a run's range in its event log,
so a run over five years of months to load one new month would spend minutes on
bookkeeping. The sensor and the schedule still ask for every landed month: they must not
open the warehouse, because a read at the moment a run starts would take its write lock.
"""

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.landing import relative_name, source_files
from dagster_project.defs.ingestion.load_log import Delivered, delivered
from dagster_project.defs.ingestion.reading import month_in_file_name
from dagster_project.settings import Settings, get_settings

# Dagster's run tags for a single-run partition range (dagster/_core/storage/tags.py).
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"

monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=f"{get_settings().first_partition_month}-01", end_offset=1
)


def _monthly_files(landing_dir: Path) -> list[tuple[str, Path]]:
    """(month, path) of every landing file of a partitioned source that names its month."""
    return [
        (month, path)
        for source in SOURCES.values()
        if source.month_column
        for path in source_files(landing_dir, source)
        if (month := month_in_file_name(path))
    ]


def landing_months(landing_dir: Path) -> list[str]:
    """Every month ('YYYY-MM') named by a monthly source's landing file, sorted."""
    return sorted({month for month, _ in _monthly_files(landing_dir)})


def pending_months(settings: Settings) -> list[str]:
    """Landed months with a file that would change the warehouse (not its current bytes
    again, nor a copy of another delivery), sorted.

    Every landed month when the warehouse is new or held by a running build: loading is
    idempotent by content, so a wider range costs time only. For the command line only
    (see the module docstring).
    """
    files = _monthly_files(settings.landing_dir)
    try:
        con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    except duckdb.Error:
        return landing_months(settings.landing_dir)
    with con:
        try:
            known = delivered(con)
        except duckdb.CatalogException:
            known = Delivered({}, {}, set())
    pending = set()
    for month, path in files:
        if month in pending:
            continue
        with path.open("rb") as fh:
            sha256 = hashlib.file_digest(fh, "sha256").hexdigest()
        if not known.unchanged_or_duplicate(relative_name(settings.landing_dir, path), sha256):
            pending.add(month)
    return sorted(pending)


def range_tags(months: Iterable[str]) -> dict[str, str]:
    """Tags that make one run cover `months` (or the current month when nothing landed)."""
    listed = sorted(months) or [f"{date.today():%Y-%m}"]
    return {RANGE_START_TAG: f"{listed[0]}-01", RANGE_END_TAG: f"{listed[-1]}-01"}


def months_of_run(context: dg.AssetExecutionContext) -> set[str]:
    return {key[:7] for key in context.partition_keys}


if __name__ == "__main__":
    print(json.dumps(range_tags(pending_months(get_settings()))))
