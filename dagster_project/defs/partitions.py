"""Monthly partitions of the monthly sources, and the run tags that cover what has landed.

roster, payroll, incidents and incident_staff are partitioned by month. One run loads a
range of months in a single process (BackfillPolicy.single_run): DuckDB has one writer, and
dbt builds once after every month of the range is in. A file whose name names a month
belongs to that partition; a monthly file without a month in its name is read by every run
(its content hash makes the second reading a no-op).

    python -m dagster_project.defs.partitions   # prints the run tags for every landed month
"""

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import dagster as dg

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.loading import landing_files
from dagster_project.defs.ingestion.reading import month_in_file_name
from dagster_project.settings import get_settings

# Dagster's run tags for a single-run partition range (dagster/_core/storage/tags.py).
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"

monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=f"{get_settings().first_partition_month}-01", end_offset=1
)


def landing_months(landing_dir: Path) -> list[str]:
    """Every month ('YYYY-MM') named by a monthly source's landing file, sorted."""
    months = {
        month
        for source in SOURCES.values()
        if source.month_column
        for path in landing_files(landing_dir, source)
        if (month := month_in_file_name(path))
    }
    return sorted(months)


def range_tags(months: Iterable[str]) -> dict[str, str]:
    """Tags that make one run cover `months` (or the current month when nothing landed)."""
    listed = sorted(months) or [f"{date.today():%Y-%m}"]
    return {RANGE_START_TAG: f"{listed[0]}-01", RANGE_END_TAG: f"{listed[-1]}-01"}


def months_of_run(context: dg.AssetExecutionContext) -> set[str]:
    return {key[:7] for key in context.partition_keys}


if __name__ == "__main__":
    print(json.dumps(range_tags(landing_months(get_settings().landing_dir))))
