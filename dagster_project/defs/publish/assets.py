"""The publish asset: runs after every dbt model and test of the build has passed."""

import dagster as dg

from dagster_project.defs.publish.snapshot import write_snapshot
from dagster_project.defs.transform.assets import auxforce_dbt_assets
from dagster_project.settings import get_settings


@dg.asset(
    key=["published", "snapshot"],
    group_name="publish",
    kinds={"duckdb"},
    deps=[auxforce_dbt_assets],
    description="Read-only snapshot of marts, reference data, data quality and (for the "
    "auditor role) names, swapped in atomically for the dashboards.",
)
def published_snapshot(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    settings = get_settings()
    counts = write_snapshot(settings.warehouse_path, settings.published_path, context.run.run_id)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(settings.published_path)),
            "tables": dg.MetadataValue.int(len(counts)),
            "rows": dg.MetadataValue.json(counts),
        }
    )
