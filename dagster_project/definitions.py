"""Assembles the Dagster definitions; nothing else lives here."""

import dagster as dg

from dagster_project.defs.automation import daily_pipeline, new_landing_files
from dagster_project.defs.ingestion.assets import ingestion_assets
from dagster_project.defs.jobs import full_pipeline
from dagster_project.defs.publish.assets import published_snapshot
from dagster_project.defs.transform.assets import auxforce_dbt_assets
from dagster_project.defs.transform.project import dbt_resource

defs = dg.Definitions(
    assets=[*ingestion_assets, auxforce_dbt_assets, published_snapshot],
    jobs=[full_pipeline],
    sensors=[new_landing_files],
    schedules=[daily_pipeline],
    resources={"dbt": dbt_resource()},
)
