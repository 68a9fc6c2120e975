"""The national deployment's Dagster definitions (docs/scaling.md):

    AUXFORCE_PROVINCES_DIR=... AUXFORCE_ENGINE=spark dagster dev -m dagster_project.national

Province roots under AUXFORCE_PROVINCES_DIR, one lake, one Spark build; dbt runs on Spark
whatever AUXFORCE_ENGINE says, since only Spark reads every province's lake.
"""

import dagster as dg

from dagster_project.defs.national.automation import (
    national_build_after_ingestion,
    national_nightly,
    province_landings,
)
from dagster_project.defs.national.ingestion import national_ingestion_assets
from dagster_project.defs.national.jobs import national_build, national_ingestion
from dagster_project.defs.national.publish import province_snapshots
from dagster_project.defs.transform.assets import auxforce_dbt_assets
from dagster_project.defs.transform.project import dbt_resource

defs = dg.Definitions(
    assets=[*national_ingestion_assets, auxforce_dbt_assets, province_snapshots],
    jobs=[national_ingestion, national_build],
    sensors=[province_landings, national_build_after_ingestion],
    schedules=[national_nightly],
    resources={"dbt": dbt_resource("spark")},
)
