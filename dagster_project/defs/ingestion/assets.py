"""One Dagster asset per landing source: new files → `raw.<source>`, with a load log."""

from datetime import date

import dagster as dg

from dagster_project.contract import LOAD_ORDER, SOURCES, Source
from dagster_project.defs.ingestion.lake import Lake
from dagster_project.defs.ingestion.loading import load_source, log_unassigned, summarise
from dagster_project.defs.ingestion.recheck import recheck_held
from dagster_project.defs.ingestion.warehouse import connect, ensure_tables
from dagster_project.defs.partitions import monthly_partitions, months_of_run
from dagster_project.defs.quality.batch_checks import check_new_batch, check_spec
from dagster_project.identity import load_secret
from dagster_project.settings import get_settings

# Cross-source checks read these sources, so they load first.
UPSTREAM: dict[str, tuple[str, ...]] = {
    "quotas": ("org_units",),
    "police_strength": ("org_units",),
    "roster": ("org_units",),
    "payroll": ("roster",),
    "incidents": ("org_units",),
    "incident_staff": ("incidents",),
}


def _ingestion_asset(source: Source) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", source.name],
        group_name="ingestion",
        kinds={"polars", "duckdb", "parquet"},
        deps=[dg.AssetKey(["raw", up]) for up in UPSTREAM.get(source.name, ())],
        description=f"{source.zh} ({source.name}): {source.description} Landing folder "
        f"`landing/{source.name}/`; bad rows go to raw._quarantine, every file to raw._load_log; "
        "the lake partitions it touched are rewritten (docs/raw-layer.md).",
        partitions_def=monthly_partitions if source.month_column else None,
        backfill_policy=dg.BackfillPolicy.single_run() if source.month_column else None,
        check_specs=[check_spec(source)],
    )
    def _load(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        settings = get_settings()
        secret = load_secret(settings.secret_file)
        lake = Lake.of(settings)
        with connect(settings) as con:
            ensure_tables(con)
            months = months_of_run(context) if source.month_column else None
            # rows held for a reference that has arrived since are settled first
            outcomes = recheck_held(
                con, source, settings.landing_dir, secret, date.today(), lake_out=lake
            )
            outcomes += load_source(
                con, source, settings.landing_dir, secret, date.today(), months, lake_out=lake
            )
            row = con.execute(f"select count(*) from raw.{source.name}").fetchone()
            check = check_new_batch(con, source, outcomes)
        for o in outcomes:
            if o.status == "rejected":
                context.log.warning(f"{o.file} rejected: {o.message}")
            elif o.status == "loaded":
                context.log.info(
                    f"{o.file}: read {o.rows_read}, loaded {o.rows_loaded}, "
                    f"quarantined {o.rows_quarantined}"
                )
        totals = summarise(outcomes)
        return dg.MaterializeResult(
            check_results=[check],
            metadata={
                **{k: dg.MetadataValue.int(v) for k, v in totals.items()},
                "table_rows": dg.MetadataValue.int(row[0] if row else 0),
                "rejected_files": dg.MetadataValue.md(
                    "\n".join(
                        f"- `{o.file}`: {o.message}" for o in outcomes if o.status == "rejected"
                    )
                    or "none"
                ),
            },
        )

    return _load


@dg.asset(
    key=["raw", "unassigned_files"],
    group_name="ingestion",
    kinds={"duckdb"},
    description="Files in the landing folder that sit in no source folder: each gets a "
    "load-log row (source 'unassigned', rejected) telling the clerk where it belongs.",
)
def unassigned_files(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    settings = get_settings()
    with connect(settings) as con:
        ensure_tables(con)
        outcomes = log_unassigned(con, settings.landing_dir, Lake.of(settings))
    for o in outcomes:
        context.log.warning(f"{o.file}: {o.message}")
    return dg.MaterializeResult(metadata={"files": dg.MetadataValue.int(len(outcomes))})


ingestion_assets = [
    unassigned_files,
    *(_ingestion_asset(SOURCES[name]) for name in LOAD_ORDER),
]
