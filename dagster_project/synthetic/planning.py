"""Quotas (Art. 6, 10) and police strength per unit and year.

Quotas cover every bureau × year × category in the window; approved is at least the
headcount of the year (the headcount on the year's latest roster month, per owning bureau)
except where A6_OVER_QUOTA is planted, and exactly equal to it for a few edge cases.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from dagster_project.synthetic.calendar import from_month_day
from dagster_project.synthetic.organisation import approving_body
from dagster_project.synthetic.people import People
from dagster_project.synthetic.rates import ViolationRates
from dagster_project.synthetic.truth import Truth
from dagster_project.synthetic.window import Window

CATEGORIES = ("civilian", "duty")


def headcounts(people: People, units: pl.DataFrame, window: Window) -> pl.DataFrame:
    """bureau_code, year, category, headcount (active + suspended on the year's last month)."""
    bureau = units["bureau_code"].to_numpy()
    frames = []
    for y in window.years:
        mi = min(y * 12 + 11, window.last_mi)
        held = people.on_roster(mi) & (people.sep_mi != mi)
        frames.append(
            pl.DataFrame(
                {
                    "bureau_code": bureau[people.unit[held]],
                    "year": y,
                    "category": np.where(people.duty[held], "duty", "civilian"),
                }
            )
        )
    return pl.concat(frames).group_by("bureau_code", "year", "category").len("headcount")


def quotas(
    rng: np.random.Generator,
    people: People,
    units: pl.DataFrame,
    window: Window,
    rates: ViolationRates,
    truth: Truth,
    prefecture_names: dict[str, str],
) -> pl.DataFrame:
    bureaus = units.filter(pl.col("tier") != "station").select("unit_code", "tier", "partition")
    keys = bureaus.join(pl.DataFrame({"year": list(window.years)}), how="cross").join(
        pl.DataFrame({"category": CATEGORIES}), how="cross"
    )
    counts = headcounts(people, units, window).rename({"bureau_code": "unit_code"})
    keys = (
        keys.join(counts, on=["unit_code", "year", "category"], how="left")
        .with_columns(pl.col("headcount").fill_null(0))
        .sort("unit_code", "year", "category")
    )

    hc = keys["headcount"].to_numpy()
    slack = np.ceil(hc * rng.uniform(0.03, 0.15, len(hc))).astype(np.int64) + rng.integers(
        0, 3, len(hc)
    )
    approved = hc + slack
    staffed = np.flatnonzero(hc >= 1)
    over = rng.choice(staffed, size=rates.count(rates.over_quota, len(staffed)), replace=False)
    approved[over] = hc[over] - 1 - rng.integers(0, np.maximum(hc[over] // 10, 1))
    rest = np.setdiff1d(staffed, over)
    full = rng.choice(rest, size=min(rates.edge_cases, len(rest)), replace=False)
    approved[full] = hc[full]
    for k in over:
        row = keys.row(int(k), named=True)
        truth.other("A6_OVER_QUOTA", row["unit_code"], str(row["year"]), row["category"])
    for k in full:
        row = keys.row(int(k), named=True)
        truth.edge(
            "quota_exactly_full",
            "A6_OVER_QUOTA",
            None,
            str(row["year"]),
            f"{row['unit_code']} {row['category']}: headcount = approved, not over",
        )

    year = keys["year"].to_numpy()
    approved_on = from_month_day(year * 12 - 1, rng.integers(10, 29, len(year)))
    return keys.with_columns(
        requested=pl.Series(approved + rng.integers(0, np.maximum(approved // 10, 1) + 1)),
        approved=pl.Series(approved),
        approved_on=pl.Series(approved_on).cast(pl.Int32).cast(pl.Date),
        approved_by=pl.Series(
            [
                approving_body(t, prefecture_names.get(p, ""), prefecture_names[p[:2] + "0000"])
                for t, p in zip(keys["tier"], keys["partition"], strict=True)
            ]
        ),
    ).select("unit_code", "year", "category", "requested", "approved", "approved_on", "approved_by")


def police_strength(
    rng: np.random.Generator, units: pl.DataFrame, window: Window, expected_aux: np.ndarray
) -> pl.DataFrame:
    """Police per unit and year: about 1 officer per 1-1.5 auxiliaries in stations, more in
    organs; a slow drift from year to year."""
    organ = (units["unit_kind"] == "organ").to_numpy()
    ratio = np.where(organ, rng.uniform(0.5, 1.0, len(organ)), rng.uniform(1.0, 1.5, len(organ)))
    base = np.maximum(1, np.round(expected_aux / ratio)) + np.where(organ, 3, 0)
    frames = []
    for k, y in enumerate(window.years):
        drift = 1 + 0.02 * k * rng.uniform(-1, 1, len(base))
        frames.append(
            pl.DataFrame(
                {
                    "unit_code": units["unit_code"],
                    "year": y,
                    "police_count": np.maximum(1, np.round(base * drift)).astype(np.int64),
                }
            )
        )
    return pl.concat(frames)
