"""When the national deployment runs: a province's landed files, then the national build.

`province_landings` watches every province folder: a new folder becomes a `province`
partition, and a month whose files changed becomes one run of that province × month (files
naming no month, and files of the sources without months, go with the newest month landed:
every run reads them). `national_build_after_ingestion` starts the Spark build once
ingestion runs have succeeded since the last build and none is queued or running; the
nightly schedule rebuilds regardless (as-of dates move on).
"""

from __future__ import annotations

import json
from datetime import date

import dagster as dg

from dagster_project.defs.automation import month_digests
from dagster_project.defs.national.jobs import national_build, national_ingestion
from dagster_project.defs.national.partitions import (
    PROVINCE,
    partition_key,
    province_partitions,
    province_roots,
)
from dagster_project.defs.transform.checks import CHECKS_TAG
from dagster_project.settings import get_settings

_ACTIVE = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def changed_months(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """The months ('YYYY-MM') to run for a province whose month digests went from `before`
    to `now`: each month whose files changed; the newest landed month (or this month, when
    none landed) for a change in files naming no month."""
    changed = {m for m, digest in now.items() if before.get(m) != digest}
    changed |= {m for m in before if m not in now}  # a month's files all withdrawn
    months = sorted(m for m in changed if m)
    if "" in changed:
        landed = sorted(m for m in now if m)
        months = sorted({*months, landed[-1] if landed else f"{date.today():%Y-%m}"})
    return months


@dg.sensor(
    job=national_ingestion,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def province_landings(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    settings = get_settings()
    seen: dict[str, dict[str, str]] = json.loads(context.cursor) if context.cursor else {}
    known = set(context.instance.get_dynamic_partitions(PROVINCE))
    codes = province_roots(settings)
    now = {code: month_digests(settings.for_province(code).landing_dir) for code in codes}
    requests = [
        dg.RunRequest(
            run_key=f"{code}:{month}:{now[code].get(month, '-')}:{now[code].get('', '-')}",
            partition_key=partition_key(code, month),
        )
        for code in codes
        for month in changed_months(seen.get(code, {}), now[code])
    ]
    new = [code for code in codes if code not in known]
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[province_partitions.build_add_request(new)] if new else [],
        cursor=json.dumps(now, sort_keys=True),
    )


@dg.sensor(job=national_build, minimum_interval_seconds=300)
def national_build_after_ingestion(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """Builds when ingestion succeeded since the cursor (a run's end time) and is idle."""
    since = float(context.cursor or 0)
    instance = context.instance
    if instance.get_runs(
        dg.RunsFilter(job_name=national_ingestion.name, statuses=_ACTIVE), limit=1
    ):
        return dg.SensorResult(skip_reason="ingestion runs are queued or running")
    done = instance.get_run_records(
        dg.RunsFilter(job_name=national_ingestion.name, statuses=[dg.DagsterRunStatus.SUCCESS]),
        limit=1,
    )
    last = done[0].end_time if done and done[0].end_time else 0.0
    if last <= since:
        return dg.SensorResult(skip_reason="no ingestion since the last build")
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"after-{last}")], cursor=str(last))


@dg.schedule(
    name="national_nightly",
    job=national_build,
    cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    description="Nightly national build on Spark and every province's snapshot, with the "
    "whole-table checks (dbt/selectors.yml full_build).",
)
def national_nightly(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    return dg.RunRequest(tags={CHECKS_TAG: "all"})
