"""Showing a table: localised headers and code labels, number formats, and its downloads."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dagster_project.settings import Settings
from lib import access_log, export, fmt
from lib.i18n import col, label, lang, t, value
from lib.scope import Scope
from lib.ui import VIEW_SCOPE

_MONEY = {
    "gross_pay",
    "employer_insurance",
    "accident_premium",
    "total_cost",
    "cost_per_head",
    "pay_cost",
    "other_cost",
    "published_total",
    "avg_annual_gross",
    "avg_monthly_min_wage_pay",
    "avg_min_wage_monthly",
    "local_avg_wage",
    "adjustment_cost",
    "pay_gap",
    "target_annual_pay",
    "estimated_shortfall",
}
_RATIO = {
    "utilization",
    "grassroots_share",
    "coverage_rate",
    "ratio_to_local_avg",
    "prior_utilization",
    "utilization_change",
    "headcount_change_pct",
    "monthly_rate",
    "annual_rate",
    "abs_pct_error",
}
_DECIMAL = {
    "aux_per_police",
    "aux_per_10k_population",
    "required_fte",
    "staffing_gap",
    "reactive_fte",
    "proactive_fte",
    "fixed_post_fte",
    "support_fte",
    "prior_required_fte",
    "required_fte_change",
    # the workforce forecast: expected (not whole) people
    "forecast_headcount",
    "forecast_headcount_max",
    "headcount_after_plan_max",
    "forecast_12m",
    "forecast_24m",
    "retirements_12m",
    "contract_exits_12m",
    "attrition_12m",
    "expected_separations",
    "error",
}
# date columns that name a month (shown 2026年10月)
_MONTHS = {"month", "origin_month", "target_month", "window_start", "window_end"}
# integer columns that name a year or a rank, not a count: no thousands separator
_ORDINAL = {"year", "benchmark_year", "level"}
_CODES = {
    "category",
    "tier",
    "funding_level",
    "severity",
    "insurance_type",
    "rate_kind",
    "scope_level",
    "status",
    "source",
    "unit_kind",
    "population_source",
    "fixed_post_basis",
    "wage_source",
}
# code columns whose labels have a catalog prefix of their own (i18n "post.<code>")
_PREFIXED = {"post": "post"}


def localize(df: pl.DataFrame, lang_: str) -> pl.DataFrame:
    """Code values as labels and column names as headers, in `lang_`."""
    coded = [c for c in df.columns if c in _CODES and df.schema[c] == pl.Utf8]
    labelled = df.with_columns(
        pl.col(c).replace({v: value(v, lang_) for v in df[c].drop_nulls().unique()}) for c in coded
    ).with_columns(
        pl.col(c).replace({v: label(prefix, v, lang_) for v in df[c].drop_nulls().unique()})
        for c, prefix in _PREFIXED.items()
        if c in df.columns and df.schema[c] == pl.Utf8
    )
    return labelled.rename({c: col(c, lang_) for c in df.columns})


def _format(name: str, dtype: pl.DataType) -> str | None:
    """The number format of a column (None: Streamlit's default)."""
    if name in _MONEY:
        # never "localized": it shows up to three decimals and drops trailing zeros
        return fmt.MONEY_FORMAT
    if name == "workload_hours":
        return fmt.HOURS_FORMAT
    if name in _RATIO:
        return "percent"
    if name in _DECIMAL:
        return fmt.DECIMAL_FORMAT
    if name in _ORDINAL:
        return "%d"
    if dtype.is_integer():  # every other integer is a count: people, months, rows, residents
        return fmt.COUNT_FORMAT
    return None


def _config(schema: pl.Schema, lang_: str) -> dict[str, object]:
    config: dict[str, object] = {}
    for name, dtype in schema.items():
        header = col(name, lang_)
        if name in _MONTHS:
            config[header] = st.column_config.DateColumn(header, format=fmt.month_column())
        elif (number_format := _format(name, dtype)) is not None:
            config[header] = st.column_config.NumberColumn(header, format=number_format)
    return config


def logged_export(
    scope: Scope | None, table: str, format_: str, rows: int, data: bytes, **detail: object
) -> bytes:
    """`data`, once the export is in the access log (which table or workbook, format, rows,
    by whom, with the scope's bureaus; `detail` adds what else names it, e.g. the file of a
    回执). Every download of the dashboards goes through here: the tables below, the
    整改台账 workbook (lib/casework.py) and the return workbook (views/quality.py)."""
    access_log.open_log(Settings.from_env().access_log_url).append(
        "export",
        scope.actor if scope else None,
        scope.bureaus if scope else (),
        rows=rows,
        detail={"table": table, "format": format_, **detail},
    )
    return data


def _logged(scope: Scope | None, table: str, format_: str, df: pl.DataFrame, data: bytes) -> bytes:
    return logged_export(scope, table, format_, df.height, data)


def show(df: pl.DataFrame, key: str, height: int | None = None) -> None:
    """A table as shown on a page, with XLSX and CSV downloads of exactly these rows."""
    lang_ = lang()
    st.dataframe(
        localize(df, lang_),
        column_config=_config(df.schema, lang_),
        hide_index=True,
        width="stretch",
        height=height if height is not None else "auto",
        placeholder=fmt.DASH,  # suppressed or missing values: "—", not the English "None"
    )
    left, right, _ = st.columns([1, 1, 4])
    zh = localize(df, "zh")
    # the downloads run later, outside this script run: take the reader's scope now
    scope = st.session_state.get(VIEW_SCOPE)
    left.download_button(
        t("export.xlsx"),
        data=lambda: _logged(scope, key, "xlsx", zh, export.to_xlsx(zh)),
        file_name=f"{key}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        on_click="ignore",
    )
    right.download_button(
        t("export.csv"),
        data=lambda: _logged(scope, key, "csv", zh, export.to_csv(zh)),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )
