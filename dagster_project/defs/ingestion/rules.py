"""Row rules beyond one cell: agreement within a row, and checks against other sources.

Each rule returns issues in the same shape as `parsing.parse_columns` (one row per finding:
_row, column_name, value, rule), so every reason a row is held back lands in one quarantine.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import polars as pl

from dagster_project.contract import PAY_PARTS, Source
from dagster_project.defs.ingestion.parsing import empty_issues


@dataclass(frozen=True)
class Reference:
    """What the warehouse already holds that a new file is checked against."""

    unit_codes: pl.Series  # every unit_code of org_units
    roster_keys: pl.DataFrame  # snapshot_month, person_key
    incidents: pl.DataFrame  # incident_id, incident_month (first day of the reported month)

    def of_month(self, month: str | None) -> Reference:
        """Incidents of one file's month: a monthly staff file goes with its month's incidents
        (docs/data-contract.md); a file whose name names no month may reference any."""
        if month is None:
            return self
        # a date comparison, not a formatted string: this runs once per file of a batch
        reported = pl.col("incident_month") == date.fromisoformat(f"{month}-01")
        return replace(self, incidents=self.incidents.filter(reported))


def _issue(
    frame: pl.DataFrame, mask: pl.Expr, column: str, value: pl.Expr, rule: str
) -> pl.DataFrame:
    return frame.filter(mask).select(
        "_row",
        pl.lit(column).alias("column_name"),
        value.cast(pl.String).alias("value"),
        pl.lit(rule).alias("rule"),
    )


def split_background_check(typed: pl.DataFrame) -> pl.DataFrame:
    """'pass'/'通过' or 'fail'/'不通过' with an optional reason code ('不通过:C03', 'fail(C03)')."""
    text = pl.col("background_check").str.strip_chars()
    parts = text.str.extract_groups(
        r"^(?i)(pass|fail|通过|不通过)\s*[:：(（\-\s]?\s*([^)）]*)[)）]?$"
    )
    verdict = (
        parts.struct.field("1")
        .str.to_lowercase()
        .replace_strict(
            {"pass": "pass", "通过": "pass", "fail": "fail", "不通过": "fail"},
            default=None,
            return_dtype=pl.String,
        )
    )
    reason = parts.struct.field("2").str.strip_chars()
    return typed.with_columns(
        verdict.alias("background_check"),
        pl.when(reason == "").then(None).otherwise(reason).alias("background_reason"),
        text.alias("__raw_background_check"),
    )


def row_rules(source: Source, typed: pl.DataFrame, file_month: str | None) -> pl.DataFrame:
    """Rules that look at one row as a whole."""
    found = [empty_issues()]
    if source.name == "roster":
        found.append(
            _issue(
                typed,
                pl.col("background_check").is_null()
                & pl.col("__raw_background_check").is_not_null(),
                "background_check",
                pl.col("__raw_background_check"),
                "bad_enum",
            )
        )
        found.append(
            _issue(
                typed,
                pl.col("birth_date") != pl.col("__id_birth_date"),
                "birth_date",
                pl.col("birth_date"),
                "id_birth_mismatch",
            )
        )
        found.append(
            _issue(
                typed,
                pl.col("gender") != pl.col("__id_gender"),
                "gender",
                pl.col("gender"),
                "id_gender_mismatch",
            )
        )
    if source.name == "payroll":
        parts = pl.sum_horizontal(pl.col(p).cast(pl.Decimal(18, 2)) for p in PAY_PARTS)
        gap = (pl.col("gross_pay") - parts).abs()
        found.append(_issue(typed, gap > 0.01, "gross_pay", pl.col("gross_pay"), "gross_mismatch"))
    if source.month_column and file_month:
        month = pl.col(source.month_column).cast(pl.Date).dt.strftime("%Y-%m")
        found.append(
            _issue(
                typed,
                month != file_month,
                source.month_column,
                pl.col(source.month_column),
                "month_outside_partition",
            )
        )
    return pl.concat(found)


def reference_rules(source: Source, typed: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    """Rules that need other sources: unknown units, pay for nobody, staff of no incident."""
    found = [empty_issues()]
    names = {c.name for c in source.columns}
    if "unit_code" in names and source.name != "org_units":
        found.append(
            _issue(
                typed,
                pl.col("unit_code").is_not_null()
                & ~pl.col("unit_code").is_in(ref.unit_codes.implode()),
                "unit_code",
                pl.col("unit_code"),
                "unknown_unit",
            )
        )
    if source.name == "payroll":
        # the keys of the file's own months only: the batch's keys (~1 M rows) would be
        # hashed again for each of its files (28 % of payroll ingestion at province scale)
        months = typed["pay_month"].unique().implode()
        keys = ref.roster_keys.filter(pl.col("snapshot_month").is_in(months))
        on_roster = typed.join(
            keys.rename({"snapshot_month": "pay_month"}).with_columns(
                pl.lit(True).alias("__on_roster")
            ),
            on=["pay_month", "person_key"],
            how="left",
        )
        found.append(
            _issue(
                on_roster,
                pl.col("__on_roster").is_null()
                & pl.col("person_key").is_not_null()
                & pl.col("pay_month").is_not_null(),
                "id_number",
                pl.lit("***"),
                "not_on_roster",
            )
        )
    if source.name == "incident_staff":
        found.append(
            _issue(
                typed,
                pl.col("incident_id").is_not_null()
                & ~pl.col("incident_id").is_in(ref.incidents["incident_id"].implode()),
                "incident_id",
                pl.col("incident_id"),
                "unknown_incident",
            )
        )
    return pl.concat(found)


def duplicate_rows(source: Source, good: pl.DataFrame) -> pl.DataFrame:
    """Rows repeating an earlier row's key: the first occurrence loads, the rest wait."""
    key = list(source.key)
    ranked = good.with_columns(
        pl.col("_row").rank("ordinal").over(key).alias("__occurrence"),
        pl.col("_row").min().over(key).alias("__first_row"),
    )
    return _issue(
        ranked,
        pl.col("__occurrence") > 1,
        key[-1],
        pl.concat_str(pl.lit("key of row "), pl.col("__first_row").cast(pl.String)),
        "duplicate_key",
    )
