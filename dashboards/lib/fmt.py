"""Number and date formats: counts, 元 and 万元 with thousands separators, months as 2025年10月.

Text goes through the functions; tables and sliders (which format in the browser) take the
printf formats below, so a figure reads the same wherever it is shown."""

from __future__ import annotations

import datetime as dt

from lib.i18n import lang

_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DASH = "—"
# Streamlit printf formats (sprintf.js with its "," flag for thousands separators)
COUNT_FORMAT = "%,d"
MONEY_FORMAT = "%,.2f"  # yuan: always two decimals
DECIMAL_FORMAT = "%,.2f"
HOURS_FORMAT = "%,.1f"


def yuan(value: float | None) -> str:
    if value is None:
        return DASH
    return f"{value:,.2f} 元" if lang() == "zh" else f"¥{value:,.2f}"


def wan(value: float | None) -> str:
    """Large sums in 万元 (10,000 yuan), two decimals."""
    if value is None:
        return DASH
    return f"{value / 10_000:,.2f} 万元" if lang() == "zh" else f"¥{value / 10_000:,.2f} × 10k"


def wan_number(value: float | None) -> str:
    """A sum in 万元 without the unit, for tiles whose label carries it."""
    return DASH if value is None else f"{value / 10_000:,.2f}"


def number(value: float | None) -> str:
    """A count without a unit, for messages that carry their own: 1,234."""
    return DASH if value is None else f"{value:,.0f}"


def count(value: float | None, unit_zh: str = "人") -> str:
    if value is None:
        return DASH
    return f"{number(value)} {unit_zh}" if lang() == "zh" else number(value)


def pct(value: float | None, digits: int = 1) -> str:
    return DASH if value is None else f"{value * 100:.{digits}f}%"


def signed_pct(value: float | None) -> str | None:
    return None if value is None else f"{value * 100:+.1f}%"


def month(value: dt.date) -> str:
    if lang() == "zh":
        return f"{value.year}年{value.month}月"
    return f"{_MONTHS_EN[value.month - 1]} {value.year}"


def timestamp(value: dt.datetime | None) -> str:
    if value is None:
        return DASH
    if lang() == "zh":
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return f"{value:%Y-%m-%d %H:%M}"


def month_axis() -> str:
    """d3 tick format for month axes of charts."""
    return "%Y年%-m月" if lang() == "zh" else "%b %Y"


def month_column() -> str:
    """moment.js format for month columns of tables."""
    return "YYYY年M月" if lang() == "zh" else "MMM YYYY"


def parse_period(period: str) -> dt.date:
    """First day of a `YYYY-MM` period of the violation register."""
    year, month_ = period.split("-")
    return dt.date(int(year), int(month_), 1)
