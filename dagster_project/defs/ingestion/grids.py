"""Sheets as grids of text cells: delimited text files and workbooks (calamine).

A grid keeps where it sits in the sheet (first row and column) and its merged ranges, so
row numbers and cell references are those the clerk sees in Excel or WPS, and a two-row
header can be read through its merged group cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import polars as pl

from dagster_project.defs.ingestion.headers import HEADER_SCAN_ROWS, Merged
from dagster_project.defs.ingestion.rejection import FileRejected

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")


@dataclass(frozen=True)
class Grid:
    frame: pl.DataFrame  # text cells, one String column per sheet column, in sheet order
    first_row: int  # sheet row number (1-based) of the frame's first row
    first_col: int  # sheet column index (0-based) of the frame's first column
    sheet: str | None
    encoding: str
    fill_groups: bool  # text files carry no merges: a group cell spans the blanks beside it
    merged: list[Merged] = field(default_factory=list)  # in frame coordinates

    def head_rows(self) -> list[list[str | None]]:
        head = self.frame.head(HEADER_SCAN_ROWS + 1).rows()
        return [[_blank_none(v) for v in row] for row in head]


def _blank_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# ── delimited text ─────────────────────────────────────────────────────────────────────────
def _decode(data: bytes) -> tuple[str, str]:
    # A BOM declares UTF-8: bytes after it that are not UTF-8 are a mislabelled file.
    candidates = ("utf-8-sig",) if data.startswith(b"\xef\xbb\xbf") else ("utf-8", "gb18030")
    for encoding in candidates[:-1]:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(candidates[-1]), candidates[-1]
    except UnicodeDecodeError as exc:
        raise FileRejected(
            f"无法识别文件编码：已尝试 {'、'.join(candidates).upper()}，"
            f"第 {exc.start} 字节处无法解码。"
            "请用 Excel 或 WPS 另存为“CSV UTF-8”后重新报送。",
            f"Unknown text encoding: tried {' and '.join(candidates).upper()}; "
            f"byte {exc.start} cannot be "
            "decoded. Save the file as 'CSV UTF-8' and deliver it again.",
        ) from exc


def _table_start(lines: list[str], separator: str) -> int:
    """The first of the first lines that is as wide as the table (in fields).

    A title or 填报单位 line written without trailing separators would otherwise fix the
    column count at one and cut every row below it to one column; one written with them
    (as Excel exports a merged title) is read and passed over by the header search.
    """
    head = list(
        csv.reader(io.StringIO("\n".join(lines[: HEADER_SCAN_ROWS + 1])), delimiter=separator)
    )
    widths = [len(row) if any(c.strip() for c in row) else 0 for row in head]
    return widths.index(max(widths)) if widths else 0


def _separator(lines: list[str], suffix: str) -> str:
    """Comma, unless a .txt export's first lines hold more tabs (or semicolons)."""
    if suffix != ".txt":
        return ","
    sample = "\n".join(lines[: HEADER_SCAN_ROWS + 1])
    return max((",", "\t", ";", "|"), key=sample.count)


def csv_grid(data: bytes, suffix: str) -> list[Grid]:
    text, encoding = _decode(data)
    if not text.strip():
        raise FileRejected(
            "文件为空，没有表头也没有数据。", "The file is empty: no header, no rows."
        )
    lines = text.splitlines()
    separator = _separator(lines, suffix)
    skip = _table_start(lines, separator)
    try:
        frame = pl.read_csv(
            io.StringIO(text),
            separator=separator,
            skip_rows=skip,
            has_header=False,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.PolarsError as exc:
        raise FileRejected(
            f"CSV 格式无法解析（{type(exc).__name__}）。请检查分隔符是否为英文逗号、引号是否成对。",
            f"The CSV cannot be parsed ({type(exc).__name__}): check that fields are separated "
            "by commas and quotes are balanced.",
        ) from exc
    frame = frame.rename({c: f"c{j}" for j, c in enumerate(frame.columns)})
    return [Grid(frame, skip + 1, 0, None, encoding, fill_groups=True)]


# ── workbooks ──────────────────────────────────────────────────────────────────────────────
def _cell_text(value: object) -> str | None:
    """A workbook cell as the text a clerk sees typed (dates ISO, whole numbers plain)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # 15 significant digits, as Excel and WPS show a number: 737.8 is stored as
        # 737.8000000000001. An ID typed as a number has lost digits and shows so
        # (5.30102199001011e+17), which the ID rule names.
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _sheet_grid(sheet: object, encoding: str) -> Grid:
    rows = sheet.to_python(skip_empty_area=False)  # from A1, so indices are sheet positions
    width = max((len(r) for r in rows), default=0)
    columns = {f"c{j}": [None] * len(rows) for j in range(width)}
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            columns[f"c{c}"][r] = _cell_text(v)
    frame = pl.DataFrame(columns, schema={c: pl.String for c in columns})
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return Grid(frame, 1, 0, sheet.name, encoding, False, merged)


def workbook_grids(data: bytes, suffix: str) -> list[Grid]:
    """Every visible sheet of a workbook (.xlsx, .xlsm, .xls, WPS .et)."""
    import python_calamine  # lazy: only workbook deliveries need the Rust reader

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        metas = [
            m
            for m in book.sheets_metadata
            if m.visible == python_calamine.SheetVisibleEnum.Visible
            and m.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        return [_sheet_grid(book.get_sheet_by_name(m.name), suffix.lstrip(".")) for m in metas]
    except Exception as exc:  # calamine raises its own hierarchy for every broken workbook
        raise FileRejected(
            f"Excel 文件无法读取（{type(exc).__name__}）：请确认文件是未加密、未损坏的 "
            ".xlsx、.xls 或 WPS .et 工作簿。",
            f"The Excel file cannot be read ({type(exc).__name__}): it must be an "
            "unencrypted, undamaged .xlsx, .xls or WPS .et workbook.",
        ) from exc
