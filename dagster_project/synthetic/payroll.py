"""A month's payroll for the people on its roster, in integer cents.

Clean by construction: a full month's pay parts other than overtime and hazard pay start at
2,300 yuan base pay, above every minimum wage in the seed; the contribution base is the
standard monthly wage clamped to the year's floor and ceiling; each contribution is
rate × base rounded half up to the cent; overtime is paid or fully compensated with time
off. Partial months (mid-month hire or exit) are prorated by days worked, and a hire month
carries no insurance (it starts the next month): low pay there is not a violation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from dagster_project.contract import CONTRIBUTIONS, PAY_PARTS
from dagster_project.synthetic.calendar import IntArray, days_in_month, month_end, month_start
from dagster_project.synthetic.people import People
from dagster_project.synthetic.reference import INSURANCE_TYPES, Reference

_HAZARD = {"high": 400_00, "medium": 200_00, "low": 0}
_CLASS_UPLIFT = np.array([0, 500_00, 250_00, 0], dtype=np.int64)  # by minimum-wage class


@dataclass
class PayPlans:
    """(person, month) -> plant kind; see `apply_plans` for the kinds."""

    kinds: dict[tuple[int, int], str] = field(default_factory=dict)

    def for_month(self, mi: int) -> dict[int, str]:
        return {p: k for (p, m), k in self.kinds.items() if m == mi}


def _round_rate(base: IntArray, bp: int) -> IntArray:
    return (base * bp + 5000) // 10000


def contributions(base: IntArray, ref: Reference, year: int) -> dict[str, IntArray]:
    rates = ref.insurance_year(year)
    er = dict(rates.employer_bp)
    if rates.maternity_merged:  # collected within medical insurance
        er["medical"] += er["maternity"]
        er["maternity"] = 0
    out = {f"{t}_er": _round_rate(base, er[t]) for t in INSURANCE_TYPES}
    for t in ("pension", "medical", "unemployment"):
        out[f"{t}_ee"] = _round_rate(base, rates.employee_bp[t])
    return out


def month_payroll(
    rng: np.random.Generator,
    people: People,
    idx: IntArray,
    mi: int,
    ref: Reference,
    wage_class: IntArray,
    danger: np.ndarray,
    post_factor: np.ndarray,
) -> dict[str, np.ndarray]:
    """Pay columns (cents, hours, nullable base as -1) for the roster people `idx`."""
    start, end, dim = int(month_start(mi)), int(month_end(mi)), int(days_in_month(mi))
    hire, sep = people.hire[idx], people.sep[idx]
    hire_partial = hire > start
    sep_now = people.sep_mi[idx] == mi
    worked = np.minimum(sep, end) - np.maximum(hire, start) + 1
    partial = hire_partial | sep_now
    susp = people.suspended(mi)[idx]
    n = len(idx)

    base = 2300_00 + _CLASS_UPLIFT[wage_class[idx]] + np.where(people.duty[idx], 100_00, 0)
    level = people.level_at(idx, mi) * 120_00
    post = np.round(post_factor[people.post[idx]] * 300_00).astype(np.int64)
    hazard = np.array([_HAZARD[d] for d in danger[people.post[idx]]], dtype=np.int64)
    standard = base + level + post + hazard + 600_00
    perf = rng.integers(300_00, 900_01, n)
    other = np.where(rng.random(n) < 0.5, 100_00, 0)
    perf, hazard, other = (np.where(susp, 0, x) for x in (perf, hazard, other))
    base, level, post, hazard, perf = (
        np.where(partial, x * worked // dim, x) for x in (base, level, post, hazard, perf)
    )
    other = np.where(partial, 0, other)

    full = ~partial & ~susp
    has_ot = full & people.duty[idx] & (rng.random(n) < 0.3)
    hours = np.where(has_ot, rng.integers(8, 61, n), 0) / 2
    paid = has_ot & (rng.random(n) < 0.65)
    ot_pay = np.where(paid, np.round(hours * (base / 174) * 1.5), 0).astype(np.int64)
    comp = np.where(has_ot & ~paid, hours + rng.integers(0, 5, n) / 2, 0.0)

    year = mi // 12
    rates = ref.insurance_year(year)
    contribution_base = np.clip(
        (standard + 50) // 100 * 100, rates.floor_cents, rates.ceiling_cents
    )
    cols: dict[str, np.ndarray] = {
        "base_pay": base,
        "level_pay": level,
        "post_allowance": post,
        "hazard_allowance": hazard,
        "performance_pay": perf,
        "overtime_pay": ot_pay,
        "other_pay": other,
        "overtime_hours": hours,
        "comp_time_hours": comp,
        "contribution_base": contribution_base,
        **contributions(contribution_base, ref, year),
    }
    # Insurance starts the month after a mid-month hire.
    for name in ("contribution_base", *(c for c in cols if c.endswith(("_er", "_ee")))):
        cols[name] = np.where(hire_partial, -1 if name == "contribution_base" else 0, cols[name])
    return cols


def gross(cols: dict[str, np.ndarray]) -> np.ndarray:
    parts = (
        "base_pay",
        "level_pay",
        "post_allowance",
        "hazard_allowance",
        "performance_pay",
        "overtime_pay",
        "other_pay",
    )
    return sum((cols[p] for p in parts), np.zeros(len(cols["base_pay"]), dtype=np.int64))


def apply_plans(
    rng: np.random.Generator,
    cols: dict[str, np.ndarray],
    idx: IntArray,
    plans: dict[int, str],
    mi: int,
    ref: Reference,
    min_wage: IntArray,
) -> np.ndarray:
    """Plant this month's pay violations in place; returns the mask of rows to drop.

    Kinds: below_min / min_exact (non-overtime parts just under / exactly at the minimum,
    hazard pay raised so gross looks normal), no_row, zero_<type> / null_<type> (one
    employer contribution 0 or empty), base_below_floor, overtime_unpaid, overtime_comp_equal
    (edge: pay 0 but comp time = hours), negative_value and gross_mismatch (bad input rows).
    """
    drop = np.zeros(len(idx), dtype=bool)
    position = {int(p): k for k, p in enumerate(idx)}
    year = mi // 12
    floor = ref.insurance_year(year).floor_cents
    for person, kind in plans.items():
        k = position[person]
        if kind in ("below_min", "min_exact"):
            short = 0 if kind == "min_exact" else int(rng.integers(1, 300)) * 100
            for part in ("level_pay", "performance_pay", "other_pay"):
                cols[part][k] = 0
            cols["base_pay"][k] = min_wage[k] - short - cols["post_allowance"][k]
            cols["hazard_allowance"][k] += 800_00
        elif kind == "no_row":
            drop[k] = True
        elif kind.startswith(("zero_", "null_")):
            cols[f"{kind[5:]}_er"][k] = 0 if kind.startswith("zero_") else -1
        elif kind == "base_below_floor":
            cols["contribution_base"][k] = floor - int(rng.integers(1, 15)) * 100_00
            for name, values in contributions(
                cols["contribution_base"][k : k + 1], ref, year
            ).items():
                cols[name][k] = values[0]
        elif kind in ("overtime_unpaid", "overtime_comp_equal"):
            hours = float(rng.integers(8, 61)) / 2
            cols["overtime_hours"][k] = hours
            cols["overtime_pay"][k] = 0
            cols["comp_time_hours"][k] = (
                hours
                if kind == "overtime_comp_equal"
                else (float(rng.integers(0, int(hours * 2))) / 2)
            )
        elif kind == "negative_value":
            cols["other_pay"][k] = -50_00
    return drop


def payroll_frame(
    cols: dict[str, np.ndarray], ids: np.ndarray, month: str, mismatch: np.ndarray
) -> pl.DataFrame:
    """Contract-ordered frame; -1 marks an empty money cell."""
    total = gross(cols) + np.where(mismatch, 100_00, 0)
    money = {
        c: pl.Series(c, v, dtype=pl.Int64)
        for c, v in cols.items()
        if c not in ("overtime_hours", "comp_time_hours")
    }
    nullable = ("contribution_base", *(c for c in cols if c.endswith(("_er", "_ee"))))
    frame = pl.DataFrame(
        {
            "pay_month": [month] * len(ids),
            "id_number": ids,
            **{c: money[c] for c in PAY_PARTS},
            "overtime_hours": cols["overtime_hours"],
            "comp_time_hours": cols["comp_time_hours"],
            "gross_pay": pl.Series(total, dtype=pl.Int64),
            **{c: money[c] for c in ("contribution_base", *CONTRIBUTIONS)},
        }
    )
    return frame.with_columns(
        pl.when(pl.col(c) == -1).then(None).otherwise(pl.col(c)).alias(c) for c in nullable
    )
