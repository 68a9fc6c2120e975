"""The data-quality page in a clerk's words: columns as the contract names them in Chinese,
check names (`expect_column_values_to_not_be_null(person_key)`) as sentences, deliveries as
a bureau × month grid of 已报送 / 未报送 / 被退回."""

from __future__ import annotations

import re

import polars as pl

from dagster_project.contract import SOURCES
from lib import fmt
from lib.i18n import MESSAGES, t

_CHECK = re.compile(r"^(\w+)\((.*)\)$")
# raw columns that stand for a contract column under another name
_DERIVED = ("person_key", "staff_key")


def column_label(source: str, column: str | None, lang: str) -> str:
    """`身份证号` for roster's id column in Chinese; the column's own name in English."""
    if not column:
        return ""
    if lang != "zh":
        return column
    if column in _DERIVED:
        return t(f"chk.{column}", lang)
    contract = SOURCES.get(source)
    found = [c.zh for c in contract.columns if c.name == column] if contract else []
    return found[0] if found else column


def check_label(source: str, check_name: str, lang: str) -> str:
    """A GX check name as a sentence; the name itself when it is not of a known kind."""
    match = _CHECK.match(check_name)
    if not match or f"chk.{match[1]}" not in MESSAGES:
        return check_name
    separator = "、" if lang == "zh" else ", "
    columns = separator.join(column_label(source, c, lang) for c in match[2].split(","))
    return t(f"chk.{match[1]}", lang, column=columns)


def with_labels(df: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Check and column names of a frame with a `source` column, in words."""
    for name, label in (("check_name", check_label), ("column_name", column_label)):
        if name not in df.columns:
            continue
        # one label per distinct pair: quarantine lists can be long
        pairs = df.select("source", name).unique()
        words = [label(source, value, lang) for source, value in pairs.iter_rows()]
        mapping = pairs.with_columns(pl.Series("_words", words, dtype=pl.String))
        df = (
            df.join(
                mapping, on=["source", name], how="left", nulls_equal=True, maintain_order="left"
            )
            .with_columns(pl.col("_words").alias(name))
            .drop("_words")
        )
    return df


def delivery_grid(df: pl.DataFrame, lang: str, months: int = 12) -> pl.DataFrame:
    """queries.delivery_status (bureau × month, long) as one row per bureau and one column
    per month of the last `months`, each cell the status in words."""
    shown = sorted(df["month"].unique().to_list())[-months:]
    labels = {m: fmt.month(m) for m in shown}
    words = {s: t(f"ds.{s}", lang) for s in ("delivered", "missing", "rejected")}
    grid = (
        df.filter(pl.col("month").is_in(shown))
        .with_columns(
            pl.col("month").replace_strict(labels, return_dtype=pl.String),
            pl.col("status").replace_strict(words, return_dtype=pl.String),
        )
        .pivot(on="month", index=["bureau_name", "bureau_code"], values="status")
        .sort("bureau_code")
    )
    present = [labels[m] for m in shown if labels[m] in grid.columns]
    return grid.select("bureau_name", *present, "bureau_code")
