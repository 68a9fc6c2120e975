"""When the pipeline runs by itself: on new landing files, and once a day regardless."""

import hashlib

import dagster as dg

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.landing import relative_name, source_files, unassigned_files
from dagster_project.defs.jobs import full_pipeline
from dagster_project.defs.partitions import landing_months, range_tags
from dagster_project.settings import get_settings


def landing_fingerprint() -> str:
    """A digest of every landing file's name, size and mtime: changes when a file lands.

    The sensor must not open the warehouse (a running build holds its only write lock),
    so it looks at the folder; the load log then skips files already loaded by content.
    """
    landing = get_settings().landing_dir
    digest = hashlib.sha256()
    # files in no source folder count too: a run tells the clerk where they belong
    paths = [p for s in SOURCES.values() for p in source_files(landing, s)]
    for path in [*paths, *unassigned_files(landing)]:
        stat = path.stat()
        name = relative_name(landing, path)
        digest.update(f"{name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(
    job=full_pipeline, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING
)
def new_landing_files(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    fingerprint = landing_fingerprint()
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
    "landed (as-of dates move on).",
)
def daily_pipeline(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    return dg.RunRequest(tags=range_tags(landing_months(get_settings().landing_dir)))
