"""What every workbook the dashboards hand out for printing shares (the return workbook 回执 of
lib/receipt.py, the approval documents of lib/documents/): print widths of CJK text, the lines
a wrapped cell takes, and the page setup (A4, one page wide, page numbers in the footer).
"""

from __future__ import annotations

import unicodedata

from xlsxwriter.worksheet import Worksheet

A4 = 9  # xlsxwriter's paper index: <pageSetup paperSize="9">
LINE_HEIGHT = 14  # points per line of 10 pt text: LibreOffice keeps a wrapped row's height


def width(text: object) -> int:
    """Print width in character cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def lines(text: str, column_width: float) -> int:
    """Lines `text` wraps to in a column of that width (its padding taken off); each line of
    `text` wraps on its own."""
    room = max(1, int(column_width) - 2)
    return sum(max(1, -(-width(line) // room)) for line in str(text).split("\n"))


def page(sheet: Worksheet, lang: str, landscape: bool) -> None:
    """A4, one page wide and as many long as needed, centred, 第 N 页 in the footer."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    footer = "&C第 &P 页，共 &N 页" if lang == "zh" else "&CPage &P of &N"
    sheet.set_footer(footer)
