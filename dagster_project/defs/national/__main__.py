"""Run one province's ingestion partitions without the daemon (what the sensor would queue):

    python -m dagster_project.defs.national 640000            # every month landed
    python -m dagster_project.defs.national 640000 2026-01    # the months named

One run per month, in month order, in this process, recorded in $DAGSTER_HOME's instance
(an ephemeral one without DAGSTER_HOME). Provinces run side by side as separate processes.
"""

from __future__ import annotations

import os
import sys

import dagster as dg

from dagster_project.defs.automation import month_digests
from dagster_project.defs.national.partitions import PROVINCE, partition_key
from dagster_project.settings import get_settings


def main(argv: list[str]) -> int:
    from dagster_project.national import defs

    province, months = argv[0], argv[1:]
    settings = get_settings().for_province(province)
    months = months or [m for m in month_digests(settings.landing_dir) if m]
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else None
    instance = instance or dg.DagsterInstance.ephemeral()
    if not instance.has_dynamic_partition(PROVINCE, province):
        instance.add_dynamic_partitions(PROVINCE, [province])
    job = defs.resolve_job_def("national_ingestion")
    failed = []
    for month in sorted(months):
        result = job.execute_in_process(
            partition_key=partition_key(province, month), instance=instance, raise_on_error=False
        )
        print(f"{province} {month}: {'ok' if result.success else 'FAILED'}", flush=True)
        if not result.success:
            failed.append(month)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
