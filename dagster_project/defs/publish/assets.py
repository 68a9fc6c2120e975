"""The publish asset: runs after every dbt model and test of the build has passed, and only
while no failed contract check holds it (gate.py)."""

from dataclasses import replace

import dagster as dg

from dagster_project.defs.ingestion.warehouse import connect
from dagster_project.defs.publish.gate import describe, record_holds
from dagster_project.defs.publish.provinces import publish_spark_build
from dagster_project.defs.publish.snapshot import write_snapshot
from dagster_project.defs.publish.status import write_status
from dagster_project.defs.transform.assets import auxforce_dbt_assets
from dagster_project.settings import get_settings


@dg.asset(
    key=["published", "snapshot"],
    group_name="publish",
    kinds={"duckdb"},
    deps=[auxforce_dbt_assets],
    description="Read-only snapshot of marts, reference data, data quality and (for the "
    "auditor role) names, swapped in atomically for the dashboards (after a Spark build: "
    "this province's marts of it, and the national summary). Held while a failed "
    "contract check's batch is still loaded; published/status.json says why.",
)
def published_snapshot(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    settings = get_settings()
    with connect(settings) as con:
        holds = record_holds(con, settings)
    if holds:
        # the last good snapshot keeps serving; the run fails so the hold is seen
        raise dg.Failure(
            description="发布已暂停：以下批次的数据校验未通过 / publish held: failed "
            f"contract checks of batches still loaded:\n{describe(holds)}",
            metadata={"holds": dg.MetadataValue.md(describe(holds))},
            allow_retries=False,
        )
    if settings.engine == "spark":
        # Spark's marts of this root's province, and the national summary (provinces.py)
        national = replace(settings, warehouse_dir=settings.national_dir)
        counts = publish_spark_build(
            settings.spark_dir / "warehouse",
            {settings.province_code: settings},
            national,
            context.run.run_id,
        )[settings.province_code]
    else:
        counts = write_snapshot(
            settings.warehouse_path, settings.published_path, context.run.run_id
        )
    write_status(settings.publish_status_path, settings.published_path, [])
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(settings.published_path)),
            "tables": dg.MetadataValue.int(len(counts)),
            "rows": dg.MetadataValue.json(counts),
        }
    )
