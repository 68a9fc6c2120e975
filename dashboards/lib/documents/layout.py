"""The sheet of an approval document (报批材料), the same for all four: title, who files
(填报单位), year, data as of and units above; the lines with subtotals and totals; notes, the
articles relied on and a signature block (经办人 / 审核人 / 单位负责人 / 日期) below. Printed on A4,
one page wide, the table's header repeated on every page. Numbers are written as numbers
(people as integers, money with two decimals and a thousands separator), text as text, never
a formula."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from lib import printable
from lib.documents.text import tr

Kind = Literal["text", "people", "money", "decimal", "percent"]
RowKind = Literal["line", "subtotal", "total"]
_NUMBER_FORMATS: dict[str, str] = {
    "people": "#,##0",
    "money": "#,##0.00",
    "decimal": "#,##0.0",
    "percent": "0%",
}
# Named so that LibreOffice takes the Simplified Chinese face of Debian's fonts-noto-cjk (make
# browser-deps installs it) for every script, not whichever face its fallback finds; an office
# without the font shows its own default (宋体, 等线).
FONT = "Noto Sans CJK SC"
_SHADE = {"line": None, "subtotal": "#F2F2F2", "total": "#D9D9D9"}
_HEADER_ROW = 4  # title, basis, filer and year, data as of and units, then the header
# Column widths count digits of the 11 pt default font; cells print 10 pt text, of which
# LibreOffice fits about a quarter more on a line than printable.width's count says.
_FIT = 1.25
_PORTRAIT = 95  # the widest table (in column width units) that prints on A4 upright at 100 %


@dataclass(frozen=True)
class Column:
    key: str  # of the row values
    header: str
    kind: Kind = "text"
    max_width: int = 24  # text wraps past it


@dataclass(frozen=True)
class Row:
    values: Mapping[str, object]
    kind: RowKind = "line"


@dataclass(frozen=True)
class Sheet:
    name: str  # worksheet name
    title: str
    filer: str  # 填报单位: the approving level's bureau
    year: str
    as_of: str
    units: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    subtitle: str | None = None
    notes: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


def sums(rows: Iterable[Mapping[str, object]], keys: Sequence[str]) -> dict[str, object]:
    """Plain sums of the values shown under `keys` (blanks left out; all blank: blank)."""
    rows = list(rows)
    out: dict[str, object] = {}
    for key in keys:
        shown = [r[key] for r in rows if r.get(key) is not None]
        out[key] = sum(shown) if shown else None
    return out


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": 10, "valign": "top"}
        self.book, self.base = book, base
        self.title = book.add_format({**base, "bold": True, "font_size": 16, "align": "center"})
        self.subtitle = book.add_format({**base, "align": "center"})
        self.meta = book.add_format(base)
        self.meta_right = book.add_format({**base, "align": "right"})
        self.header = book.add_format(
            {
                **base,
                "bold": True,
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "bg_color": "#D9D9D9",
            }
        )
        self.note = book.add_format({**base, "text_wrap": True})
        # fragments of a rich string (a block's heading and body): font only
        self.bold_text = book.add_format({"font_name": FONT, "font_size": 10, "bold": True})
        self.plain_text = book.add_format({"font_name": FONT, "font_size": 10})
        # the row of signatures: its text at the bottom, room to sign above
        self.signatures = book.add_format({**base, "text_wrap": True, "valign": "bottom"})
        self._cells: dict[tuple[str, str, bool], Format] = {}

    def cell(self, kind: Kind, row: RowKind, dash: bool = False) -> Format:
        key = (kind, row, dash)
        if key not in self._cells:
            spec: dict[str, object] = {**self.base, "border": 1, "valign": "vcenter"}
            if kind == "text":
                spec["text_wrap"] = True
            elif dash:
                spec["align"] = "center"
            else:
                spec["num_format"] = _NUMBER_FORMATS[kind]
            if row != "line":
                spec.update(bold=True, bg_color=_SHADE[row])
            self._cells[key] = self.book.add_format(spec)
        return self._cells[key]


def _shown(value: object, kind: Kind) -> str:
    """The value as printed, for column widths and wrapped lines."""
    if value is None:
        return "—"
    if kind == "text":
        return str(value)
    spec = {"people": ",.0f", "money": ",.2f", "decimal": ",.1f", "percent": ".0%"}[kind]
    return format(float(value), spec)  # type: ignore[arg-type]


def _widths(sheet: Sheet) -> list[int]:
    out = []
    for c in sheet.columns:
        content = max(
            (printable.width(_shown(r.values.get(c.key), c.kind)) for r in sheet.rows), default=0
        )
        header = min(printable.width(c.header), 12)  # a long header wraps onto two lines
        out.append(max(6, min(c.max_width, max(content, header) + 2)))
    return out


def _write_row(ws: Worksheet, f: _Formats, r: int, sheet: Sheet, row: Row, widths: list[int]):
    height = 1
    for c, column in enumerate(sheet.columns):
        v = row.values.get(column.key)
        if column.key not in row.values:  # not a figure of this row (an average on a total)
            ws.write_blank(r, c, None, f.cell(column.kind, row.kind))
        elif column.kind == "text":
            ws.write_string(r, c, "" if v is None else str(v), f.cell("text", row.kind))
            height = max(height, printable.lines("" if v is None else str(v), widths[c] * _FIT))
        elif v is None:
            ws.write_string(r, c, "—", f.cell(column.kind, row.kind, dash=True))
        else:
            ws.write_number(r, c, float(v), f.cell(column.kind, row.kind))  # type: ignore[arg-type]
    if height > 1:
        ws.set_row(r, printable.LINE_HEIGHT * height + 2)


def _block(ws: Worksheet, f: _Formats, r: int, heading: str, texts, n: int, room: int) -> int:
    """A heading and its paragraphs in one cell across the table, as high as they wrap: a row
    does not split over pages, so the heading never ends a page without its text."""
    body = "\n".join(texts)
    ws.merge_range(r, 0, r, n - 1, "", f.note)
    ws.write_rich_string(r, 0, f.bold_text, heading, f.plain_text, "\n" + body, f.note)
    ws.set_row(r, printable.LINE_HEIGHT * (1 + printable.lines(body, room * _FIT)) + 4)
    return r + 2


def _signatures(ws: Worksheet, f: _Formats, r: int, n: int, room: int, lang: str) -> int:
    """经办人 / 审核人 / 单位负责人 / 日期, each with a line to sign on, in one row (a row does
    not split over pages): on one line when the table is wide enough, else two."""
    line = "＿" * 8
    pairs = [f"{tr(k, lang)}{line}" for k in ("preparer", "reviewer", "head")]
    pairs.append(tr("date", lang) + tr("date_line", lang))
    gap = "　　"
    text = gap.join(pairs)
    if printable.width(text) > room * _FIT:  # two lines, a blank one between to sign on
        text = f"{gap.join(pairs[:2])}\n\n{gap.join(pairs[2:])}"
    ws.merge_range(r, 0, r, n - 1, text, f.signatures)
    ws.set_row(r, printable.LINE_HEIGHT * (text.count("\n") + 2) + 8)
    return r


def _sheet(book: xlsxwriter.Workbook, f: _Formats, sheet: Sheet, lang: str) -> None:
    n = len(sheet.columns)
    assert n >= 4, "a document needs room for its signature block"
    ws = book.add_worksheet(sheet.name)
    widths = _widths(sheet)
    printable.page(ws, lang, landscape=sum(widths) > _PORTRAIT)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    half = n // 2
    ws.merge_range(0, 0, 0, n - 1, sheet.title, f.title)
    ws.set_row(0, 26)
    ws.merge_range(1, 0, 1, n - 1, sheet.subtitle or "", f.subtitle)
    ws.merge_range(2, 0, 2, half - 1, sheet.filer, f.meta)
    ws.merge_range(2, half, 2, n - 1, sheet.year, f.meta_right)
    ws.merge_range(3, 0, 3, half - 1, sheet.as_of, f.meta)
    ws.merge_range(3, half, 3, n - 1, sheet.units, f.meta_right)
    header_lines = max(
        printable.lines(c.header, w) for c, w in zip(sheet.columns, widths, strict=True)
    )
    for c, column in enumerate(sheet.columns):
        ws.write_string(_HEADER_ROW, c, column.header, f.header)
    ws.set_row(_HEADER_ROW, printable.LINE_HEIGHT * header_lines + 4)
    r = _HEADER_ROW
    for row in sheet.rows:
        r += 1
        _write_row(ws, f, r, sheet, row, widths)
    room = sum(widths)
    r += 2
    if sheet.notes:
        r = _block(ws, f, r, tr("notes", lang), sheet.notes, n, room)
    if sheet.articles:
        r = _block(ws, f, r, tr("articles", lang), sheet.articles, n, room)
    last = _signatures(ws, f, r, n, room, lang)
    ws.print_area(0, 0, last, n - 1)
    ws.repeat_rows(_HEADER_ROW)
    ws.freeze_panes(_HEADER_ROW + 1, 0)


def workbook(sheets: Sequence[Sheet], lang: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties({"title": sheets[0].title, "author": "auxforce"})
    formats = _Formats(book)
    for sheet in sheets:
        _sheet(book, formats, sheet, lang)
    book.close()
    return buffer.getvalue()
