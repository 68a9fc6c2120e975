"""Great Expectations suites for each source, run on every incoming batch as a dataframe.

The suite is derived from the data contract, so it is a second, independent reading of the
same rules the parser enforces: if parsing or the raw layer ever lets a bad value through,
the check goes red in Dagster. (GX's SQL path on DuckDB is broken upstream; dataframes work.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from dagster_project.contract import Source
from dagster_project.defs.ingestion.warehouse import raw_columns


@dataclass(frozen=True)
class CheckOutcome:
    check_name: str
    passed: bool
    unexpected_count: int | None
    detail: str


def _expectations(gxe: Any, source: Source) -> list[Any]:
    """The suite for `source`'s raw rows, from contract.py."""
    raw = raw_columns(source)
    out: list[Any] = [gxe.ExpectColumnToExist(column=c) for c in raw if not c.startswith("_")]
    for column in source.columns:
        name = "person_key" if column.type == "id_number" else column.name
        if source.name == "incident_staff" and name == "staff_id":
            name = "staff_key"
        if name not in raw:
            continue
        if not column.nullable or column.default is not None or column.type == "id_number":
            out.append(gxe.ExpectColumnValuesToNotBeNull(column=name))
        if column.enum:
            out.append(gxe.ExpectColumnValuesToBeInSet(column=name, value_set=sorted(column.enum)))
        if column.min_value is not None or column.max_value is not None:
            out.append(
                gxe.ExpectColumnValuesToBeBetween(
                    column=name, min_value=column.min_value, max_value=column.max_value
                )
            )
        if column.type in ("code12", "code6"):
            digits = 12 if column.type == "code12" else 6
            out.append(gxe.ExpectColumnValuesToMatchRegex(column=name, regex=rf"^\d{{{digits}}}$"))
    if "person_key" in raw:
        out.append(gxe.ExpectColumnValueLengthsToEqual(column="person_key", value=64))
    key = list(source.key)
    out.append(
        gxe.ExpectCompoundColumnsToBeUnique(column_list=key)
        if len(key) > 1
        else gxe.ExpectColumnValuesToBeUnique(column=key[0])
    )
    return out


def _describe(config: Any) -> str:
    """`expect_column_values_to_not_be_null(person_key)`: the check's name in the UI."""
    kwargs = config.kwargs
    target = kwargs.get("column") or ",".join(kwargs.get("column_list", []))
    return f"{config.type}({target})"


def validate_batch(source: Source, batch: pl.DataFrame) -> list[CheckOutcome]:
    """Run the source's suite on one batch; one outcome per expectation."""
    import great_expectations as gx  # lazy: importing GX costs ~2.5 s
    import great_expectations.expectations as gxe

    frame = batch.with_columns(pl.col(pl.Decimal).cast(pl.Float64))  # GX compares numerically
    context = gx.get_context(mode="ephemeral")
    asset = context.data_sources.add_pandas(f"raw_{source.name}").add_dataframe_asset("batch")
    suite = context.suites.add(gx.ExpectationSuite(name=f"{source.name}_contract"))
    for expectation in _expectations(gxe, source):
        suite.add_expectation(expectation)
    batch_def = asset.add_batch_definition_whole_dataframe("whole")
    result = batch_def.get_batch(batch_parameters={"dataframe": frame.to_pandas()}).validate(suite)
    outcomes = []
    for r in result.results:
        unexpected = r.result.get("unexpected_count") if r.result else None
        outcomes.append(
            CheckOutcome(
                check_name=_describe(r.expectation_config),
                passed=bool(r.success),
                unexpected_count=unexpected,
                detail=str(r.result.get("partial_unexpected_list", [])[:5]) if r.result else "",
            )
        )
    return outcomes
