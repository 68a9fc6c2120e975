"""Find a source's header in a sheet as clerks lay it out, and tell layout rows from data.

A sheet arrives as a grid of text cells. The header may sit below title and 填报单位 lines
and may span two rows, a group cell merged over its sub-headers (额度 over 申报额度 /
核准额度). Header text is normalised before it is matched against the contract's
spellings, so 姓  名, 基本工资（元） and full-width letters need no synonym of their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import polars as pl

from dagster_project.contract import FOOTER_LABELS, TOTAL_ROW_LABELS

HEADER_SCAN_ROWS = 15
_UNIT_SUFFIX = re.compile(r"[(\[【][^()\[\]【】]{1,8}[)\]】]$")
_MARKERS = re.compile(r"^[*※]+|[*※]+$")
_SPACES = re.compile(r"\s+")

Merged = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


def normalise_header(text: str) -> str:
    """What a header cell is matched by: NFKC, no spaces, no trailing unit in brackets
    ((元), [人]), no required-markers (*), lower case."""
    plain = _SPACES.sub("", unicodedata.normalize("NFKC", text).replace("\ufeff", ""))
    plain = _MARKERS.sub("", plain.strip('"'))
    return _UNIT_SUFFIX.sub("", plain).lower()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as Excel and WPS name it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Header:
    """Where the header of a sheet is and what each of its columns is called."""

    first: int  # grid row of the header's first row (0-based)
    depth: int  # 1 or 2 rows
    labels: tuple[str | None, ...]  # per grid column: the header text as written, or None
    targets: tuple[str | None, ...]  # per grid column: the contract column it names
    score: int  # distinct contract columns named

    @property
    def body_start(self) -> int:
        return self.first + self.depth


def _filled(rows: list[list[str | None]], merged: list[Merged], fill_groups: bool) -> list[list]:
    """The scanned rows with every merged range's value spread over the range; for text
    files, which carry no merges, a group cell spreads right over the blanks beside it."""
    out = [list(r) for r in rows]
    for r0, c0, r1, c1 in merged:
        if r0 >= len(out):
            continue
        value = out[r0][c0] if c0 < len(out[r0]) else None
        for r in range(r0, min(r1, len(out) - 1) + 1):
            for c in range(c0, min(c1, len(out[r]) - 1) + 1):
                out[r][c] = value
    if fill_groups:
        for row in out:
            for c in range(1, len(row)):
                if row[c] is None and row[c - 1] is not None:
                    row[c] = row[c - 1]
    return out


def _name(top: str | None, bottom: str | None, aliases: dict[str, str]) -> tuple[str | None, str]:
    """(contract column, label) of one column of a two-row header: the sub-header names it;
    where it alone names nothing, group + sub-header (养老保险 + 单位 → 养老保险单位)."""
    candidates = [c for c in (bottom, (top or "") + (bottom or "") if top != bottom else None, top)]
    candidates = [c for c in candidates if c]
    for text in candidates:
        target = aliases.get(normalise_header(text))
        if target:
            return target, text
    return None, bottom or top or ""


def _score(targets: list[str | None]) -> int:
    return len({t for t in targets if t})


def find_header(
    rows: list[list[str | None]],
    merged: list[Merged],
    aliases: dict[str, str],
    fill_groups: bool,
) -> Header | None:
    """The one- or two-row header among the first rows that names most contract columns
    (ties: one row before two, earlier before later); None if no row names any."""
    best: Header | None = None
    singles = [
        [aliases.get(normalise_header(c)) if c else None for c in row]
        for row in rows[:HEADER_SCAN_ROWS]
    ]
    for i, targets in enumerate(singles):
        score = _score(targets)
        if score and (best is None or score > best.score):
            labels = tuple(c if c else None for c in rows[i])
            best = Header(i, 1, labels, tuple(targets), score)
    filled = _filled(rows[: HEADER_SCAN_ROWS + 1], merged, fill_groups)
    for i in range(min(len(filled) - 1, HEADER_SCAN_ROWS)):
        top, bottom = filled[i], filled[i + 1]
        width = max(len(top), len(bottom))
        pairs = [
            _name(
                top[c] if c < len(top) else None,
                bottom[c] if c < len(bottom) else None,
                aliases,
            )
            for c in range(width)
        ]
        targets = [t for t, _ in pairs]
        score = _score(targets)
        if score and (best is None or score > best.score):
            labels = tuple(label or None for _, label in pairs)
            best = Header(i, 2, labels, tuple(targets), score)
    return best


def _spaced(label: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in label)


# any cell holding a layout label (spaces allowed between its characters, 合  计): rows
# without one are data, and most rows are, so the exact test below runs on few rows
_LABEL_ANYWHERE = "|".join(_spaced(label) for label in (*TOTAL_ROW_LABELS, *FOOTER_LABELS))
_FOOTER_START = "^(" + "|".join(sorted(FOOTER_LABELS, key=len, reverse=True)) + ")([:：]|$)"


def _exact_layout(frame: pl.DataFrame) -> pl.Expr:
    """A total label among the row's first three non-empty cells, or a footer label
    starting its first one (cells compared in NFKC, without spaces)."""
    text = [
        pl.col(c).cast(pl.String).str.normalize("NFKC").str.replace_all(r"\s", "")
        for c in frame.columns
    ]
    cells = pl.concat_list(pl.when(t == "").then(None).otherwise(t) for t in text)
    cells = cells.list.drop_nulls()
    total = cells.list.head(3).list.eval(pl.element().is_in(TOTAL_ROW_LABELS)).list.any()
    footer = cells.list.first().str.contains(_FOOTER_START)
    return total.fill_null(False) | footer.fill_null(False)


def layout_rows(frame: pl.DataFrame) -> pl.Series:
    """True for a total row (合计, 小计 … among its first three non-empty cells) or a
    signature/contact footer (its first non-empty cell starts with 填表人, 联系电话 …)."""
    if not frame.columns or not frame.height:
        return pl.Series([False] * frame.height, dtype=pl.Boolean)
    candidate = frame.select(
        pl.any_horizontal(
            pl.col(c).cast(pl.String).str.contains(_LABEL_ANYWHERE).fill_null(False)
            for c in frame.columns
        )
    ).to_series()
    found = pl.Series([False] * frame.height, dtype=pl.Boolean)
    if candidate.any():
        rows = candidate.arg_true()
        exact = frame[rows].select(_exact_layout(frame)).to_series()
        found = found.scatter(rows, exact)
    return found
