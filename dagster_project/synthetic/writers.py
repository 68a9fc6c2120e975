"""Landing files in the formats bureaus really send (docs/data-contract.md, raw-layer.md).

Frames arrive with English contract columns in logical types: text as String, money as
integer cents (Int64), hours as Float64, dates as Date, months as 'YYYY-MM', timestamps as
Datetime, booleans as Boolean. A `FileStyle` turns them into UTF-8 CSV (with or without a
BOM), GB18030 CSV with Chinese headers, Chinese enum labels and Chinese date formats, XLSX
with real date cells, or Parquet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from dagster_project.contract import SOURCES

MONEY = "money"


@dataclass(frozen=True)
class FileStyle:
    kind: str  # csv | xlsx | parquet
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | gb18030
    chinese: bool = False  # Chinese headers and enum labels
    date_format: str = "%Y-%m-%d"

    @property
    def extension(self) -> str:
        return self.kind

    @property
    def first_row(self) -> int:
        """The row a clerk sees the first data row on: below the header, none in Parquet."""
        return 1 if self.kind == "parquet" else 2


@dataclass(frozen=True)
class Placement:
    """Where the rows of a written frame landed: `files` (paths below DIR/<source>/), and for
    each row of the frame the index of its file and the row a clerk sees it on (1-based,
    title and header rows counted), as `raw._quarantine.row_number` names it."""

    files: list[str]
    file_of: np.ndarray
    row_of: np.ndarray

    @classmethod
    def single(cls, file: str, height: int, first_row: int) -> Placement:
        return cls([file], np.zeros(height, dtype=np.int64), np.arange(height) + first_row)

    def locate(self, index: int) -> tuple[str, int]:
        """(file, sheet row) of the frame's row `index` (0-based)."""
        return self.files[int(self.file_of[index])], int(self.row_of[index])


UTF8 = FileStyle("csv")
PARQUET = FileStyle("parquet")
# A deterministic handful of prefectures deliver what their office software exports.
_MIXED_STYLES = {
    "530500": FileStyle("csv", "gb18030", chinese=True, date_format="%Y年%m月%d日"),
    "532600": FileStyle("csv", "gb18030", chinese=True, date_format="%Y年%m月%d日"),
    "532300": FileStyle("csv", "gb18030", chinese=True, date_format="%Y/%m/%d"),
    "533300": FileStyle("xlsx", chinese=True),
    "533400": FileStyle("xlsx"),
    "530300": FileStyle("csv", "utf-8-sig"),
    "532900": FileStyle("csv", "utf-8-sig"),
}
_PARQUET_SOURCES = {"incidents", "incident_staff"}
FIXED_TIME = datetime(2024, 7, 1)  # workbook metadata, so the bytes do not depend on today


def style_partners(prefectures: list[str], demo_prefectures: list[str]) -> dict[str, str]:
    """Another province's prefectures deliver what the demo province's prefecture of the same
    rank does (code order, cycling), so every province has the same mix of office formats;
    the demo province's own prefectures are their own partners."""
    demo = sorted(demo_prefectures)
    return {p: demo[i % len(demo)] for i, p in enumerate(sorted(prefectures))}


def style_for(source: str, partition: str, formats: str, partners: dict[str, str]) -> FileStyle:
    if formats == "csv":
        return UTF8
    if source in _PARQUET_SOURCES:
        return PARQUET
    return _MIXED_STYLES.get(partners.get(partition, partition), UTF8)


def _money_text(col: str) -> pl.Expr:
    c = pl.col(col)
    cents = c.abs()
    text = pl.concat_str(
        [
            pl.when(c < 0).then(pl.lit("-")).otherwise(pl.lit("")),
            (cents // 100).cast(pl.String),
            pl.lit("."),
            (cents % 100).cast(pl.String).str.zfill(2),
        ]
    )
    return pl.when(c.is_null()).then(None).otherwise(text).alias(col)


def background_text(chinese: bool) -> pl.Expr:
    """'pass' / 'fail(C03)' as written in English files, '通过' / '不通过:C03' in Chinese ones."""
    c = pl.col("background_check")
    if not chinese:
        return c
    return (
        pl.when(c == "pass")
        .then(pl.lit("通过"))
        .otherwise(pl.lit("不通过:") + c.str.extract(r"\((\w+)\)"))
    )


def render(frame: pl.DataFrame, source: str, style: FileStyle) -> pl.DataFrame:
    """The frame as the file will hold it (values, then headers)."""
    columns = {c.name: c for c in SOURCES[source].columns}
    exprs = []
    for name in frame.columns:
        col = columns[name]
        expr = pl.col(name)
        if col.type == MONEY:
            # round: polars divides by multiplying with the reciprocal, and 4912.44 would be
            # stored as 4912.440000000001, which no clerk types and ingestion rightly refuses
            expr = (pl.col(name) / 100).round(2) if style.kind != "csv" else _money_text(name)
        elif style.kind == "csv" and col.type == "date":
            expr = pl.col(name).dt.strftime(style.date_format)
        elif style.kind == "csv" and col.type == "timestamp":
            expr = pl.col(name).dt.strftime("%Y-%m-%d %H:%M:%S")
        elif style.kind == "csv" and col.type == "bool":
            expr = pl.when(pl.col(name)).then(pl.lit("true")).otherwise(pl.lit("false"))
        elif style.kind == "csv" and col.type == "number":
            expr = pl.col(name).cast(pl.String)
        elif style.chinese and col.enum is not None:
            expr = pl.col(name).replace_strict(col.enum, default=pl.col(name))
        elif name == "background_check":
            expr = background_text(style.chinese)
        exprs.append(expr.alias(name))
    out = frame.select(exprs)
    if style.chinese:
        out = out.rename({n: columns[n].zh for n in out.columns})
    return out


def write(frame: pl.DataFrame, source: str, path: Path, style: FileStyle) -> Path:
    """Write `frame` to `path` + the style's extension; returns the file's path."""
    path = path.with_suffix(f".{style.extension}")
    path.parent.mkdir(parents=True, exist_ok=True)
    out = render(frame, source, style)
    if style.kind == "parquet":
        out.write_parquet(path, statistics=False)
    elif style.kind == "xlsx":
        workbook = xlsxwriter.Workbook(path)
        workbook.set_properties({"created": FIXED_TIME})
        out.write_excel(
            workbook,
            worksheet="Sheet1",
            autofilter=False,
            dtype_formats={pl.Date: "yyyy-mm-dd", pl.Float64: "0.00"},
        )
        workbook.close()
    elif style.encoding == "gb18030":
        path.write_bytes(out.write_csv(line_terminator="\r\n").encode("gb18030"))
    else:
        out.write_csv(path, include_bom=style.encoding == "utf-8-sig")
    return path
