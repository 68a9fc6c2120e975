"""Headers and cells spelled the way clerks type them (the clerk style, `clerk.py`).

Every choice is a function of the file's stem, the column and the row, so the same seed gives
the same files, and across a province every synonym and spelling of the contract appears.
docs/office-files.md says how ingestion reads each back to the value of the tidy files.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from dagster_project.contract import PAY_PARTS, SOURCES, Column

T = TypeVar("T")
Cell = str | int | float | date | None
SERIAL = "序号"  # the running number clerks put in column A; ingestion keeps it in _extra

# Two-row headers: a group cell merged over its columns' sub-headers. A sub-header of None is
# the column's own label; 单位 / 个人 name a column only together with their group.
GROUPS: dict[str, dict[str, dict[str, str | None]]] = {
    "payroll": {
        "应发项目": dict.fromkeys(PAY_PARTS),
        "养老保险": {"pension_er": "单位", "pension_ee": "个人"},
        "医疗保险": {"medical_er": "单位", "medical_ee": "个人"},
        "生育保险": {"maternity_er": "单位"},
        "失业保险": {"unemployment_er": "单位", "unemployment_ee": "个人"},
        "工伤保险": {"injury_er": "单位"},
    },
    "roster": {"合同": {"contract_start": "起始日期", "contract_end": "终止日期"}},
    "quotas": {"额度": {"requested": None, "approved": None}},
    "accident_insurance": {"保险期间": {"start_date": None, "end_date": None}},
}
_UNITS = {"money": ("（元）", "(元)", ""), "number": ("（小时）", "")}
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_NUMERALS = "零一二三四五六七八九"
_DATE_CELL_FORMATS = ("yyyy-mm-dd", "yyyy/m/d", 'yyyy"年"m"月"d"日"')
_DATE_TEXT_FORMATS = ("%Y%m%d", "%Y年%-m月%-d日", "%Y/%-m/%-d", "%Y-%m-%d")
MONTH_CELL_FORMAT = 'yyyy"年"m"月"'


def pick(options: Sequence[T], *key: object) -> T:
    """A deterministic choice among `options` for `key` (crc32: stable across runs)."""
    return options[zlib.crc32("/".join(map(str, key)).encode()) % len(options)]


def _label(col: Column, stem: str) -> str:
    """The column's header as a clerk writes it: a synonym, spaced, with a unit, starred."""
    text = pick((col.zh, *col.synonyms), stem, col.name)
    if col.type in _UNITS:
        text += pick(_UNITS[col.type], stem, col.name, "unit")
    elif len(text) == 2:
        text = pick((text, f"{text[0]}  {text[1]}"), stem, col.name, "space")
    if col.required and pick((False, True), stem, "star"):
        text = "*" + text
    return text


def header(
    source: str, columns: Sequence[str], stem: str, two_rows: bool
) -> list[tuple[str | None, str]]:
    """(group or None, label) per column, the running number first."""
    groups = GROUPS.get(source, {}) if two_rows else {}
    member = {c: (g, sub) for g, subs in groups.items() for c, sub in subs.items()}
    out: list[tuple[str | None, str]] = [(None, SERIAL)]
    for name in columns:
        label = _label(SOURCES[source].column(name), stem)
        group, sub = member.get(name, (None, None))
        out.append((group, sub or label))
    return out


def _full_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def _level(n: int, row: int, csv: bool) -> Cell:
    """Levels 1-8 as typed: ２, 三级, 3级, or the plain number."""
    spellings = (_full_width(str(n)), f"{_NUMERALS[n]}级", f"{n}级", str(n) if csv else n)
    return spellings[row % len(spellings)]


def _id(number: str, row: int, encoding: str | None) -> str:
    """ID numbers as exports leave them: a leading tab (HR systems, to keep Excel from turning
    them into numbers), ideographic spaces or an apostrophe, a lower-case x."""
    if number.endswith("X") and row % 2:
        number = number[:-1] + "x"
    if encoding == "gb18030":
        return "\t" + number
    if encoding is not None:
        return ("　" + number, number + "　", "'" + number, number)[row % 4]
    return (number, "\t" + number, number + " ")[row % 3]


def _first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


def speller(col: Column, stem: str, encoding: str | None) -> Callable[[Any, int], Cell]:
    """cell(value, row) for one column; `encoding` is None in workbooks (typed cells)."""
    spell = _spell(col, stem, encoding)
    return lambda v, r: None if v is None else spell(v, r)


def _spell(col: Column, stem: str, encoding: str | None) -> Callable[[Any, int], Cell]:
    csv = encoding is not None
    if col.enum is not None:
        spelled = {
            code: (zh, *(s for s, c in (col.value_synonyms or {}).items() if c == code))
            for code, zh in col.enum.items()
        }
        return lambda v, r: spelled[v][r % len(spelled[v])]
    match col.type:
        case "id_number":
            return lambda v, r: _id(v, r, encoding)
        case "bool":
            return lambda v, r: "√" if v else "×"
        case "int" if col.name == "level":
            return lambda v, r: _level(v, r, csv)
        case "month" if csv:
            month = pick(("%Y%m", "%Y年%-m月"), stem)
            return lambda v, r: _first_day(v).strftime(month)
        case "month":
            return lambda v, r: _first_day(v)
        case "date" if csv or col.name == "birth_date":
            day = pick(_DATE_TEXT_FORMATS, stem, col.name) if csv else "%Y%m%d"
            return lambda v, r: v.strftime(day)
        case "money" if csv:
            return lambda v, r: f"{v:.2f}"
        case "number" if csv:
            return lambda v, r: _full_width(str(v))
    return lambda v, r: v


def has_groups(source: str, columns: Sequence[str]) -> bool:
    return any(c in columns for subs in GROUPS.get(source, {}).values() for c in subs)


def cell_format(col: Column, stem: str) -> str | None:
    """A workbook column's number format: dates shown as people set them, money with
    thousands, ID numbers and codes as Text (a number cell would lose an ID's digits)."""
    match col.type:
        case "month":
            return MONTH_CELL_FORMAT
        case "date" if col.name != "birth_date":
            return pick(_DATE_CELL_FORMATS, stem, col.name)
        case "money":
            return "#,##0.00"
        case "id_number" | "code12" | "code6":
            return "@"
    return None
