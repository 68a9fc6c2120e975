"""The national jobs: a province × month's ingestion, and the Spark build with its publish."""

import dagster as dg

# One run, one province and month, in one process (its DuckDB file has one writer); runs of
# different provinces run side by side.
national_ingestion = dg.define_asset_job(
    "national_ingestion",
    selection=dg.AssetSelection.groups("ingestion"),
    executor_def=dg.in_process_executor,
    description="一个省份一个月份的入库 / load one province's files of one month into its "
    "warehouse and the lake.",
)

national_build = dg.define_asset_job(
    "national_build",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("ingestion"),
    executor_def=dg.in_process_executor,
    description="全国构建 / every dbt model and test on Spark over the lake, then every "
    "province's snapshot and the national summary.",
)
