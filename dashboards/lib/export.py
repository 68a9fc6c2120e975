"""Table downloads: XLSX (xlsxwriter) and CSV, with Chinese headers and labels."""

from __future__ import annotations

import io

import polars as pl


def to_xlsx(df: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.write_excel(buffer, worksheet="数据", autofit=True)
    return buffer.getvalue()


def to_csv(df: pl.DataFrame) -> bytes:
    # a BOM makes Excel on Chinese Windows read the file as UTF-8, not GBK
    return b"\xef\xbb\xbf" + df.write_csv().encode("utf-8")
