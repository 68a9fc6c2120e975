"""dbt models, seeds and tests as Dagster assets and asset checks."""

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from dagster_project.defs.transform.checks import FULL_BUILD, choose_selector, record_full_build
from dagster_project.defs.transform.project import ensure_manifest
from dagster_project.settings import get_settings


class AuxforceDbtTranslator(DagsterDbtTranslator):
    """Groups dbt nodes by layer so the lineage view reads left to right."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        """staging / intermediate / marts_<audience> / reference (seeds), from the folder."""
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        layer = fqn[1] if len(fqn) > 2 else "models"
        if layer == "marts" and len(fqn) > 3:
            return f"marts_{fqn[2]}"
        return layer


@dbt_assets(
    manifest=ensure_manifest(),
    dagster_dbt_translator=AuxforceDbtTranslator(),
    name="auxforce_dbt",
)
def auxforce_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    # On Spark, dbt's on-run-start registers the raw lake ingestion wrote (docs/raw-layer.md).
    if context.is_subset:  # assets picked by hand: dagster-dbt selects them and their tests
        yield from dbt.cli(["build"], context=context).stream()
        return
    settings = get_settings()
    selector, why = choose_selector(context.run.tags, settings)
    context.log.info(f"dbt build --selector {selector}: {why} (dbt/selectors.yml)")
    yield from dbt.cli(["build", "--selector", selector], context=context).stream()
    if selector == FULL_BUILD:  # stream() raised if any node failed
        record_full_build(settings, datetime.now(UTC))
