"""One Dagster asset per landing source: new files → `raw.<source>`, with a load log.

The same assets serve one province's root (partitioned by month, this module's
`ingestion_assets`) and the national deployment (partitioned by province × month,
defs/national/): `ingestion_assets_for` takes the partitions and how a run finds its
province's settings and months.
"""

from datetime import date
from typing import Protocol

import dagster as dg

from dagster_project.contract import LOAD_ORDER, SOURCES, Source
from dagster_project.defs.ingestion.lake import Lake
from dagster_project.defs.ingestion.load_log import summarise
from dagster_project.defs.ingestion.loading import load_source, log_unassigned
from dagster_project.defs.ingestion.recheck import recheck_held
from dagster_project.defs.ingestion.warehouse import connect, ensure_tables
from dagster_project.defs.partitions import monthly_partitions, months_of_run
from dagster_project.defs.quality.batch_checks import check_new_batch, check_spec
from dagster_project.identity import load_secret
from dagster_project.settings import Settings, get_settings

# Cross-source checks read these sources, so they load first.
UPSTREAM: dict[str, tuple[str, ...]] = {
    "quotas": ("org_units",),
    "police_strength": ("org_units",),
    "roster": ("org_units",),
    "payroll": ("roster",),
    "incidents": ("org_units",),
    "incident_staff": ("incidents",),
}


class RunTarget(Protocol):
    """Where a run loads: the settings of its root, and the months of a monthly source."""

    def settings(self, context: dg.AssetExecutionContext) -> Settings: ...

    def months(self, context: dg.AssetExecutionContext) -> set[str]: ...


class ThisRoot:
    """One province's root: the environment's settings, the months of the run's range."""

    def settings(self, context: dg.AssetExecutionContext) -> Settings:
        return get_settings()

    def months(self, context: dg.AssetExecutionContext) -> set[str]:
        return months_of_run(context)


def _ingestion_asset(
    source: Source,
    partitions: dg.PartitionsDefinition | None,
    policy: dg.BackfillPolicy | None,
    target: RunTarget,
) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", source.name],
        group_name="ingestion",
        kinds={"polars", "duckdb", "parquet"},
        deps=[dg.AssetKey(["raw", up]) for up in UPSTREAM.get(source.name, ())],
        description=f"{source.zh} ({source.name}): {source.description} Landing folder "
        f"`landing/{source.name}/`; bad rows go to raw._quarantine, every file to raw._load_log; "
        "the lake partitions it touched are rewritten (docs/raw-layer.md).",
        partitions_def=partitions,
        backfill_policy=policy,
        check_specs=[check_spec(source)],
    )
    def _load(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        settings = target.settings(context)
        months = target.months(context) if source.month_column else None
        secret = load_secret(settings.secret_file)
        lake = Lake.of(settings)
        with connect(settings) as con:
            ensure_tables(con)
            # rows held for a reference that has arrived since are settled first
            outcomes = recheck_held(
                con, source, settings.landing_dir, secret, date.today(), lake_out=lake
            )
            outcomes += load_source(
                con,
                source,
                settings.landing_dir,
                secret,
                date.today(),
                months,
                lake_out=lake,
                province=settings.province_code,
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


def _unassigned_asset(
    partitions: dg.PartitionsDefinition | None, target: RunTarget
) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", "unassigned_files"],
        group_name="ingestion",
        kinds={"duckdb"},
        partitions_def=partitions,
        description="Files in the landing folder that sit in no source folder: each gets a "
        "load-log row (source 'unassigned', rejected) telling the clerk where it belongs.",
    )
    def unassigned_files(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
        settings = target.settings(context)
        with connect(settings) as con:
            ensure_tables(con)
            outcomes = log_unassigned(con, settings.landing_dir, Lake.of(settings))
        for o in outcomes:
            context.log.warning(f"{o.file}: {o.message}")
        return dg.MaterializeResult(metadata={"files": dg.MetadataValue.int(len(outcomes))})

    return unassigned_files


def ingestion_assets_for(
    monthly: dg.PartitionsDefinition | None,
    other: dg.PartitionsDefinition | None,
    policy: dg.BackfillPolicy | None,
    target: RunTarget,
) -> list[dg.AssetsDefinition]:
    """The unassigned-files asset and one asset per source: monthly sources partitioned by
    `monthly` (with `policy`), the others by `other`."""
    return [
        _unassigned_asset(other, target),
        *(
            _ingestion_asset(s, monthly, policy, target)
            if s.month_column
            else _ingestion_asset(s, other, None, target)
            for s in (SOURCES[name] for name in LOAD_ORDER)
        ),
    ]


# One province's root: one run loads a range of months in one process (partitions.py).
ingestion_assets = ingestion_assets_for(
    monthly_partitions, None, dg.BackfillPolicy.single_run(), ThisRoot()
)
