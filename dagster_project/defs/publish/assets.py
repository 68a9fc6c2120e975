"""The publish asset: runs after every dbt model and test of the build has passed, and only
while no failed contract check holds it (gate.py)."""

import dagster as dg

from dagster_project.defs.ingestion.warehouse import connect
from dagster_project.defs.publish.gate import describe, record_holds
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
    "auditor role) names, swapped in atomically for the dashboards. Held while a failed "
    "contract check's batch is still loaded; published/status.json says why.",
)
def published_snapshot(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    settings = get_settings()
    if settings.engine != "duckdb":
        # the snapshot copies DuckDB's marts; publishing Spark's comes with issue 15's
        # snapshots per province (dagster_project/engines/spark_tables.py reads them)
        raise dg.Failure(
            description="发布暂不支持 Spark 构建 / publishing a Spark build is not done yet "
            f"(AUXFORCE_ENGINE={settings.engine}); the last snapshot keeps serving.",
            allow_retries=False,
        )
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
    counts = write_snapshot(settings.warehouse_path, settings.published_path, context.run.run_id)
    write_status(settings.publish_status_path, settings.published_path, [])
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(settings.published_path)),
            "tables": dg.MetadataValue.int(len(counts)),
            "rows": dg.MetadataValue.json(counts),
        }
    )
