"""The one job that runs everything: ingestion → dbt build → publish."""

from __future__ import annotations

import dagster as dg

# In one process: DuckDB admits a single writer, so steps must not run side by side.
full_pipeline = dg.define_asset_job(
    "full_pipeline",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Load new landing files, build and test every dbt model, publish the snapshot.",
)
