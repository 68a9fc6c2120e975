"""Reading an approval document back (issue 14): the rows of its one sheet (python-calamine),
its table by row label, its text lines; and the scope of a demo login."""

from __future__ import annotations

import io
import sys

import duckdb
import polars as pl
from python_calamine import CalamineWorkbook

from tests.dashboards.conftest import APP

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib.access_log import Actor
from lib.scope import Scope, resolve

LOGINS = {
    "province": ("province", None),
    "kunming": ("prefecture", "530100"),
    "qujing": ("prefecture", "530300"),
    "wuhua": ("county", "530102"),
}
HEADER_ROW = 4  # title, basis, filer and year, as-of and units, then the table's header


def scope_of(user: str, snapshot: duckdb.DuckDBPyConnection) -> Scope:
    directory = pl.from_arrow(
        snapshot.sql(
            "select bureau_code, tier, prefecture_code, admin_code from marts.dim_bureau"
        ).to_arrow_table()
    )
    return resolve(*LOGINS[user], directory).acting(Actor(user, LOGINS[user][0], "test"))


def sheet_rows(data: bytes) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert len(book.sheet_names) == 1
    return book.get_sheet_by_name(book.sheet_names[0]).to_python()


def table(rows: list[list[object]]) -> dict[str, dict[str, object]]:
    """Each row of the table (lines, subtotals, totals) by its label (bureau and category for
    a line, e.g. '昆明市公安局五华分局/勤务'), as {header: value}."""
    header = [str(h) for h in rows[HEADER_ROW]]
    out: dict[str, dict[str, object]] = {}
    for row in rows[HEADER_ROW + 1 :]:
        if not row[0]:  # the gap before the notes
            break
        cells = dict(zip(header, row, strict=True))
        label = f"{row[0]}/{row[1]}" if header[1] == "类别" and row[1] else str(row[0])
        out[label] = cells
    return out


def lines(rows: list[list[object]]) -> dict[str, dict[str, object]]:
    return {k: v for k, v in table(rows).items() if "/" in k}


def paragraphs(rows: list[list[object]]) -> list[str]:
    """Every line of text in the sheet (a block of notes or articles is one cell)."""
    return [line for row in rows for c in row if isinstance(c, str) for line in c.split("\n")]
