"""Table downloads: XLSX (xlsxwriter) and CSV, with Chinese headers and labels.

Cells a spreadsheet would run as a formula are neutralised (OWASP "CSV injection"): in CSV,
a text cell beginning with = + - @, a tab or a carriage return gets a leading apostrophe
(shown as text by Excel, WPS and LibreOffice); in XLSX every text cell is written as a string
(never a formula, link or number), so it needs no apostrophe.
"""

from __future__ import annotations

import io

import polars as pl
import xlsxwriter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """`text` as a spreadsheet shows it literally."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _neutralised(df: pl.DataFrame) -> pl.DataFrame:
    """Every text cell (and header) through `neutral`."""
    text = [c for c, dtype in df.schema.items() if dtype == pl.Utf8]
    renamed = {c: neutral(c) for c in df.columns if neutral(c) != c}
    return df.with_columns(
        pl.when(pl.col(c).str.contains(r"^[=+\-@\t\r]"))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    ).rename(renamed)


def to_xlsx(df: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    try:
        df.write_excel(workbook, worksheet="数据", autofit=True)
    finally:
        workbook.close()
    return buffer.getvalue()


def to_csv(df: pl.DataFrame) -> bytes:
    # a BOM makes Excel on Chinese Windows read the file as UTF-8, not GBK
    return b"\xef\xbb\xbf" + _neutralised(df).write_csv().encode("utf-8")
