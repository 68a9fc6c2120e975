"""Showing a table: localised headers and code labels, number formats, and its downloads."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
import streamlit as st

from lib import export, fmt
from lib.i18n import col, lang, t, value

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
    "local_avg_wage",
    "adjustment_cost",
    "estimated_shortfall",
}
MONEY_FORMAT = "%,.2f"
_RATIO = {"utilization", "grassroots_share", "coverage_rate", "ratio_to_local_avg"}
_DECIMAL = {"aux_per_police", "aux_per_10k_population", "required_fte", "staffing_gap"}
_CODES = {"category", "tier", "funding_level", "severity", "insurance_type", "status"}


def localize(df: pl.DataFrame, lang_: str) -> pl.DataFrame:
    """Code values as labels and column names as headers, in `lang_`."""
    coded = [c for c in df.columns if c in _CODES and df.schema[c] == pl.Utf8]
    labelled = df.with_columns(
        pl.col(c).map_elements(lambda v: value(v, lang_), return_dtype=pl.Utf8) for c in coded
    )
    return labelled.rename({c: col(c, lang_) for c in df.columns})


def _config(columns: Iterable[str], lang_: str) -> dict[str, object]:
    config: dict[str, object] = {}
    for name in columns:
        header = col(name, lang_)
        if name in _MONEY:
            # yuan, always two decimals with thousands separators (never "localized":
            # it shows up to three decimals and drops trailing zeros)
            config[header] = st.column_config.NumberColumn(header, format=MONEY_FORMAT)
        elif name == "workload_hours":
            config[header] = st.column_config.NumberColumn(header, format="%,.1f")
        elif name in _RATIO:
            config[header] = st.column_config.NumberColumn(header, format="percent")
        elif name in _DECIMAL:
            config[header] = st.column_config.NumberColumn(header, format="%.2f")
        elif name == "month":
            config[header] = st.column_config.DateColumn(header, format=fmt.month_column())
        elif name == "year":
            config[header] = st.column_config.NumberColumn(header, format="%d")
    return config


def show(df: pl.DataFrame, key: str, height: int | None = None) -> None:
    """A table as shown on a page, with XLSX and CSV downloads of exactly these rows."""
    lang_ = lang()
    st.dataframe(
        localize(df, lang_),
        column_config=_config(df.columns, lang_),
        hide_index=True,
        width="stretch",
        height=height if height is not None else "auto",
    )
    left, right, _ = st.columns([1, 1, 4])
    zh = localize(df, "zh")
    left.download_button(
        t("export.xlsx"),
        data=lambda: export.to_xlsx(zh),
        file_name=f"{key}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        on_click="ignore",
    )
    right.download_button(
        t("export.csv"),
        data=lambda: export.to_csv(zh),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )
