"""When the pipeline runs by itself: on new landing files, and once a day regardless."""

import hashlib
import json
from pathlib import Path

import dagster as dg

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.landing import relative_name, source_files, unassigned_files
from dagster_project.defs.ingestion.reading import month_in_file_name
from dagster_project.defs.jobs import full_pipeline
from dagster_project.defs.partitions import landing_months, range_tags
from dagster_project.defs.transform.checks import CHECKS_TAG
from dagster_project.settings import get_settings


def month_digests(landing: Path) -> dict[str, str]:
    """Per month a file's name names ('' for files naming none, which every run reads): a
    digest of those landing files' names, sizes and mtimes. Changes when a file lands.

    Sensors must not open the warehouse (a running build holds its only write lock), so
    they look at the folder; the load log then skips files already loaded by content.
    """
    # files in no source folder count too: a run tells the clerk where they belong
    paths = [p for s in SOURCES.values() for p in source_files(landing, s)]
    digests: dict[str, hashlib._Hash] = {}
    for path in sorted([*paths, *unassigned_files(landing)]):
        stat = path.stat()
        month = month_in_file_name(path) or ""
        line = f"{relative_name(landing, path)}|{stat.st_size}|{stat.st_mtime_ns}\n"
        digests.setdefault(month, hashlib.sha256()).update(line.encode())
    return {month: d.hexdigest() for month, d in sorted(digests.items())}


def landing_fingerprint(landing: Path) -> str:
    """One digest of the whole landing folder."""
    return hashlib.sha256(json.dumps(month_digests(landing)).encode()).hexdigest()


@dg.sensor(
    job=full_pipeline, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING
)
def new_landing_files(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    fingerprint = landing_fingerprint(get_settings().landing_dir)
    if fingerprint == context.cursor:
        return dg.SensorResult(skip_reason="no new or changed landing files", cursor=fingerprint)
    months = landing_months(get_settings().landing_dir)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=fingerprint, tags=range_tags(months))],
        cursor=fingerprint,
    )


@dg.schedule(
    name="daily_pipeline",
    job=full_pipeline,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    description="Nightly run over every landed month: rebuilds the marts even when no file "
    "landed (as-of dates move on), with the whole-table checks (dbt/selectors.yml full_build).",
)
def daily_pipeline(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    months = landing_months(get_settings().landing_dir)
    return dg.RunRequest(tags={**range_tags(months), CHECKS_TAG: "all"})
