"""The data window: the roster months generated and the as-of date they imply."""

from __future__ import annotations

from dataclasses import dataclass

from dagster_project.synthetic.calendar import month_end, month_index, month_start


@dataclass(frozen=True)
class Window:
    first_mi: int
    last_mi: int

    @classmethod
    def ending(cls, end_month: str, months: int) -> Window:
        last = month_index(end_month)
        return cls(first_mi=last - months + 1, last_mi=last)

    @property
    def months(self) -> range:
        return range(self.first_mi, self.last_mi + 1)

    @property
    def first_day(self) -> int:
        return int(month_start(self.first_mi))

    @property
    def as_of(self) -> int:
        """Last day of the latest roster month."""
        return int(month_end(self.last_mi))

    @property
    def years(self) -> range:
        return range(self.first_mi // 12, self.last_mi // 12 + 1)

    def closed_years(self) -> list[int]:
        """Years with all 12 months in the window and the assessment grace (31 March) passed."""
        return [
            y
            for y in self.years
            if y * 12 >= self.first_mi
            and y * 12 + 11 <= self.last_mi
            and self.as_of >= int(month_start(y * 12 + 14)) + 30  # (Y+1)-03-31
        ]
