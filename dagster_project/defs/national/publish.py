"""After the national Spark build: each province's snapshot and the national summary.

Every province root is published from the one build (publish/provinces.py), except a
province whose publish is held (a failed contract check of a batch still loaded, as on one
root) or whose warehouse an ingestion run holds right now (DuckDB's single writer): its
last snapshot keeps serving and the asset says which and why; the next build publishes it.
"""

from dataclasses import replace

import dagster as dg
import duckdb

from dagster_project.defs.ingestion.warehouse import connect
from dagster_project.defs.national.partitions import province_roots
from dagster_project.defs.publish.gate import describe, record_holds
from dagster_project.defs.publish.provinces import NATIONAL, publish_spark_build
from dagster_project.defs.publish.status import write_status
from dagster_project.defs.transform.assets import auxforce_dbt_assets
from dagster_project.settings import Settings, get_settings


def _unpublishable(own: Settings) -> str | None:
    """Why province root `own` cannot be published now, or None."""
    if not own.warehouse_path.exists():
        return "尚无入库数据 / nothing ingested yet"
    try:
        with connect(own) as con:
            holds = record_holds(con, own)
    except duckdb.IOException:
        return "入库进行中，下次构建发布 / an ingestion run holds its warehouse; next build"
    return f"发布已暂停 / publish held:\n{describe(holds)}" if holds else None


@dg.asset(
    key=["published", "provinces"],
    group_name="publish",
    kinds={"duckdb", "spark"},
    deps=[auxforce_dbt_assets],
    description="After the national Spark build: every province root's read-only snapshot "
    "(its marts, reference rows and own bookkeeping) and the ministry's national summary, "
    "each swapped in atomically. A held or busy province keeps its last snapshot.",
)
def province_snapshots(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    settings = get_settings()
    roots = {code: settings.for_province(code) for code in province_roots(settings)}
    skipped = {code: why for code, own in roots.items() if (why := _unpublishable(own))}
    ready = {code: own for code, own in roots.items() if code not in skipped}
    for code, why in skipped.items():
        context.log.warning(f"{code} not published: {why}")
    counts = publish_spark_build(
        settings.spark_dir / "warehouse",
        ready,
        replace(settings, warehouse_dir=settings.national_dir),
        context.run.run_id,
    )
    for own in ready.values():
        write_status(own.publish_status_path, own.published_path, [])
    return dg.MaterializeResult(
        metadata={
            "published": dg.MetadataValue.json(sorted(ready)),
            "skipped": dg.MetadataValue.json(skipped),
            "tables": dg.MetadataValue.json({k: len(v) for k, v in counts.items()}),
            "national_rows": dg.MetadataValue.int(
                sum(counts[NATIONAL].values()) if NATIONAL in counts else 0
            ),
        }
    )
