"""The return workbook (回执) of one landed file, built from the snapshot alone: a summary
sheet with the file's totals, and its held-back rows in the clerk's own layout (the header as
written, each value under its original column letter, the original row number beside), the
offending cells highlighted with the reason in a comment and in a column that prints.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol

from lib import printable
from lib.i18n import col, t, value

if TYPE_CHECKING:
    from lib.scope import Scope

HIGHLIGHT = "#FFFF00"  # 标黄: what a clerk is told to look for
_CELL = re.compile(r"^([A-Z]+)\d+$")
_ROWS_HEADER = 2  # sheet row of the header on the rows sheet (title and note above)
_MAX_WIDTH = 30  # widest data column; longer values wrap
_REASON_WIDTH = 48


def file_name(file: str) -> str:
    """回执_roster_530102_2026-10.xlsx for roster/530102/roster_530102_2026-10.xls."""
    return f"回执_{PurePosixPath(file).stem}.xlsx"


def _column(letter: str) -> int:
    return xl_cell_to_rowcol(f"{letter}1")[1]


def _text(value_: object) -> str:
    if value_ is None:
        return ""
    if isinstance(value_, datetime):
        return f"{value_:%Y-%m-%d %H:%M}"
    return str(value_)


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"valign": "top", "font_size": 10}
        boxed = {**base, "border": 1, "text_wrap": True}
        self.title = book.add_format({**base, "bold": True, "font_size": 16})
        self.note = book.add_format({**base, "text_wrap": True, "italic": True})
        self.header = book.add_format({**boxed, "bold": True, "bg_color": "#D9D9D9"})
        self.cell = book.add_format(boxed)
        self.count = book.add_format({**boxed, "num_format": "#,##0", "align": "left"})
        self.bad = book.add_format({**boxed, "bg_color": HIGHLIGHT, "font_color": "#C00000"})
        self.todo = book.add_format({**base, "text_wrap": True, "bold": True})


def _summary(book: xlsxwriter.Workbook, f: _Formats, file: dict, lang: str) -> None:
    sheet = book.add_worksheet(t("rc.summary_sheet", lang))
    printable.page(sheet, lang, landscape=False)
    held = file["rows_quarantined"] or 0
    month = file["partition"] or ""
    items: list[tuple[str, object]] = [
        (col("file", lang), file["file"]),
        (col("source", lang), value(file["source"], lang)),
        (t("rc.bureau", lang), file["bureau_name"] or ""),
        (col("month", lang), month),
        (col("sheet", lang), file["sheet"] or ""),
        (col("header_rows", lang), file["header_rows"] or ""),
        (col("status", lang), value(file["status"], lang)),
        (col("message", lang), file["message"] or ""),
        (col("rows_read", lang), file["rows_read"]),
        (col("rows_loaded", lang), file["rows_loaded"]),
        (t("rc.rows_held", lang), held),
        (t("rc.rows_layout", lang), file["rows_layout"]),
        (col("loaded_at", lang), _text(file["loaded_at"])),
        (t("rc.published", lang), _text(file["published_at"])),
    ]
    sheet.merge_range(0, 0, 0, 1, t("rc.title", lang), f.title)
    sheet.set_row(0, 28)
    sheet.write_string(2, 0, t("rc.item", lang), f.header)
    sheet.write_string(2, 1, t("rc.value", lang), f.header)
    for i, (label, item) in enumerate(items, start=3):
        sheet.write_string(i, 0, label, f.cell)
        if isinstance(item, int):
            sheet.write_number(i, 1, item, f.count)
        else:
            sheet.write_string(i, 1, _text(item), f.cell)
    if file["status"] == "rejected":
        todo = t("rc.todo_rejected", lang)
    else:
        todo = t("rc.todo_rows" if held else "rc.todo_none", lang)
    last = 3 + len(items) + 1
    sheet.merge_range(last, 0, last, 1, todo, f.todo)
    sheet.set_row(last, 32)
    label_width = max(printable.width(label) for label, _ in items) + 2
    sheet.set_column(0, 0, label_width)
    sheet.set_column(1, 1, min(60, max(20, *(printable.width(v) + 2 for _, v in items))))


def _reasons(issues: pl.DataFrame, fields: dict[str, str], lang: str) -> dict[int, list[tuple]]:
    """row number -> [(column letter or None, reason)]: the letter from the cell reference,
    else from where the layout puts the issue's column."""
    message = "message_zh" if lang == "zh" else "message_en"
    out: dict[int, list[tuple[str | None, str]]] = {}
    for issue in issues.iter_rows(named=True):
        cell = _CELL.match(issue["cell"] or "")
        letter = cell[1] if cell else fields.get(issue["column_name"] or "")
        out.setdefault(issue["row_number"], []).append((letter, issue[message]))
    return out


def _held_rows(
    book: xlsxwriter.Workbook,
    f: _Formats,
    file: dict,
    rows: pl.DataFrame,
    issues: pl.DataFrame,
    lang: str,
) -> None:
    layout = json.loads(file["layout"]) if file["layout"] else {}
    header: dict[str, str] = layout.get("columns", {})
    cells = {r["row_number"]: json.loads(r["cells"]) for r in rows.iter_rows(named=True)}
    reasons = _reasons(issues, layout.get("fields", {}), lang)
    letters = set(header) | {k for c in cells.values() for k in c}
    letters |= {letter for found in reasons.values() for letter, _ in found if letter}
    columns = {letter: _column(letter) for letter in letters}
    row_col = max(columns.values(), default=-1) + 1
    reason_col = row_col + 1

    sheet = book.add_worksheet(t("rc.rows_sheet", lang))
    printable.page(sheet, lang, landscape=True)
    sheet.merge_range(0, 0, 0, reason_col, t("rc.rows_title", lang, file=file["file"]), f.title)
    sheet.set_row(0, 28)
    note = t("rc.rows_note", lang, sheet=file["sheet"] or "", header=file["header_rows"] or "")
    sheet.merge_range(1, 0, 1, reason_col, note, f.note)
    sheet.set_row(1, 30)
    widths = {c: 4 for c in range(reason_col + 1)}
    for letter, c in columns.items():
        sheet.write_string(_ROWS_HEADER, c, header.get(letter, letter), f.header)
        widths[c] = max(widths[c], printable.width(header.get(letter, letter)))
    sheet.write_string(_ROWS_HEADER, row_col, t("rc.row_number", lang), f.header)
    sheet.write_string(_ROWS_HEADER, reason_col, t("rc.reason", lang), f.header)
    widths[row_col] = printable.width(t("rc.row_number", lang))

    for i, number in enumerate(sorted(set(cells) | set(reasons)), start=_ROWS_HEADER + 1):
        found = reasons.get(number, [])
        bad = {letter: reason for letter, reason in found if letter}
        for letter, c in columns.items():
            text = cells.get(number, {}).get(letter) or ""
            sheet.write_string(i, c, text, f.bad if letter in bad else f.cell)
            widths[c] = max(widths[c], printable.width(text))
            if letter in bad:
                sheet.write_comment(i, c, bad[letter], {"x_scale": 2.5, "y_scale": 1.2})
        # a reason without a cell (a duplicate key, a whole row) marks the row number
        whole_row = any(letter is None for letter, _ in found)
        sheet.write_number(i, row_col, number, f.bad if whole_row else f.count)
        widths[row_col] = max(widths[row_col], len(str(number)))
        sep = "：" if lang == "zh" else ": "
        lines = [f"{letter}{number}{sep}{r}" if letter else r for letter, r in found]
        sheet.write_string(i, reason_col, "\n".join(lines), f.cell)
        values = [cells.get(number, {}).get(letter) or "" for letter in columns]
        wrapped = max(
            1,
            sum(printable.lines(line, _REASON_WIDTH) for line in lines),
            *(printable.lines(v, _MAX_WIDTH) for v in values),
        )
        sheet.set_row(i, printable.LINE_HEIGHT * wrapped)
    sheet.ignore_errors({"number_stored_as_text": f"A1:XFD{len(cells) + len(reasons) + 10}"})
    for c, width in widths.items():
        sheet.set_column(c, c, min(_MAX_WIDTH, width + 2))
    sheet.set_column(reason_col, reason_col, _REASON_WIDTH)
    sheet.repeat_rows(_ROWS_HEADER)
    sheet.freeze_panes(_ROWS_HEADER + 1, 0)


def build(file: dict, rows: pl.DataFrame, issues: pl.DataFrame, lang: str = "zh") -> bytes:
    """The workbook for one file version: `file` a row of queries.receipt_files, `rows` of
    receipt_rows and `issues` of receipt_issues."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": f"{t('rc.title', lang)} {file['file']}", "author": "auxforce"})
    formats = _Formats(book)
    _summary(book, formats, file, lang)
    if not rows.is_empty() or not issues.is_empty():
        _held_rows(book, formats, file, rows, issues, lang)
    book.close()
    return buffer.getvalue()


def download(scope: Scope, file: dict, lang: str = "zh") -> bytes:
    """The download of the data-quality page: the workbook of `file` (a row of
    queries.receipt_files) from the held-back rows the scope may read, logged as an export in
    the access log (which file, how many rows held back) like a table download."""
    from lib import queries, tables  # the reader and the log: only where the page downloads

    rows = queries.receipt_rows(scope, file["file"], file["sha256"])
    issues = queries.receipt_issues(scope, file["file"], file["sha256"])
    data = build(file, rows, issues, lang)
    return tables.logged_export(
        scope, "receipt", "xlsx", rows.height, data, file=file["file"], sha256=file["sha256"]
    )
