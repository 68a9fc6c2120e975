"""Month and day arithmetic on numpy integer arrays.

Months are integer indices (year * 12 + month - 1) and days are integers counted from
1970-01-01, so a whole population's dates move through vectorised numpy arithmetic. All
generated days of the month are kept ≤ 28, so adding whole months never lands on a day that
does not exist (and nobody is born on 29 February).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

_EPOCH_MONTH = 1970 * 12


def month_index(year_month: str) -> int:
    """'2026-10' -> month index."""
    year, month = year_month.split("-")
    return int(year) * 12 + int(month) - 1


def month_label(mi: int) -> str:
    return f"{mi // 12:04d}-{mi % 12 + 1:02d}"


def month_start(mi: IntArray | int) -> IntArray:
    months = (np.asarray(mi, dtype=np.int64) - _EPOCH_MONTH).astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64)


def month_end(mi: IntArray | int) -> IntArray:
    return month_start(np.asarray(mi, dtype=np.int64) + 1) - 1


def days_in_month(mi: IntArray | int) -> IntArray:
    return month_end(mi) - month_start(mi) + 1


def day_month(days: IntArray) -> IntArray:
    """Month index of each day."""
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) + _EPOCH_MONTH


def from_month_day(mi: IntArray | int, day: IntArray | int) -> IntArray:
    """The day `day` (1-based) of month `mi`."""
    return month_start(mi) + np.asarray(day, dtype=np.int64) - 1


def year_start(year: IntArray | int) -> IntArray:
    return month_start(np.asarray(year, dtype=np.int64) * 12)


def year_end(year: IntArray | int) -> IntArray:
    return month_start(np.asarray(year, dtype=np.int64) * 12 + 12) - 1


def to_day(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def to_date(day: int) -> date:
    return date.fromordinal(date(1970, 1, 1).toordinal() + int(day))
