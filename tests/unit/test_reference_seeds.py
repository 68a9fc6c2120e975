"""The reference seeds (issue 12): every row names its source, estimates say so, county
populations are published county figures that add up to their prefecture, every division has
a minimum-wage class, and the average wage covers every prefecture and year the marts read.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from functools import cache

import pytest

from dagster_project.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt" / "seeds"
CHECKED = ("ref_divisions", "ref_average_wage", "ref_min_wage", "ref_min_wage_class")
PROVINCE = "530000"
# Years of the roster months the marts benchmark: the 60-month bench window starts 2021-11
# (ref_min_wage's earliest estimate exists for it), the demo ends at AUXFORCE_END_MONTH
# (2026-10 by default).
MART_YEARS = range(2021, 2027)
# County totals may differ from the prefecture's bulletin by rounding or boundary changes.
SUM_TOLERANCE = 0.03


@cache
def rows(seed: str) -> tuple[dict[str, str], ...]:
    """The demo province's rows: the seeds also hold the other simulated provinces' (merged
    from reference/provinces/), each row's province in its province_code or first code."""
    with (SEEDS / f"{seed}.csv").open(encoding="utf-8", newline="") as f:
        return tuple(
            r
            for r in csv.DictReader(f)
            if (r.get("province_code") or next(iter(r.values())))[:2] == PROVINCE[:2]
        )


def is_true(value: str) -> bool:
    assert value in ("true", "false"), f"is_estimate must be true or false, not {value!r}"
    return value == "true"


def divisions(level: str) -> list[dict[str, str]]:
    return [r for r in rows("ref_divisions") if r["level"] == level]


@pytest.mark.parametrize("seed", CHECKED)
def test_every_row_names_its_source(seed: str) -> None:
    missing = [i for i, r in enumerate(rows(seed), start=2) if not r["source"].strip()]
    assert rows(seed), f"{seed} is empty"
    assert not missing, f"{seed}: no source on lines {missing}"


@pytest.mark.parametrize("seed", CHECKED)
def test_estimate_flag_matches_source(seed: str) -> None:
    """A source that says estimate has is_estimate true, and an estimate says so in source."""
    wrong = [
        (i, r["is_estimate"], r["source"][:80])
        for i, r in enumerate(rows(seed), start=2)
        if ("estimate" in r["source"].lower()) != is_true(r["is_estimate"])
    ]
    assert not wrong, f"{seed}: is_estimate disagrees with source on {wrong}"


def test_county_populations_differ_within_each_prefecture() -> None:
    by_prefecture: dict[str, set[int]] = defaultdict(set)
    for county in divisions("county"):
        by_prefecture[county["parent_code"]].add(int(county["population"]))
    even = [code for code, values in by_prefecture.items() if len(values) == 1]
    assert not even, f"every county of {even} has the same population (an even split)"


def test_counties_sum_to_their_prefecture_and_prefectures_to_the_province() -> None:
    totals: dict[str, int] = defaultdict(int)
    for county in divisions("county"):
        totals[county["parent_code"]] += int(county["population"])
    parents = divisions("prefecture") + divisions("province")
    for prefecture in divisions("prefecture"):
        totals[prefecture["parent_code"]] += int(prefecture["population"])
    assert {p["admin_code"] for p in parents} == set(totals)
    off = {
        p["admin_code"]: (totals[p["admin_code"]], int(p["population"]))
        for p in parents
        if abs(totals[p["admin_code"]] - int(p["population"]))
        > SUM_TOLERANCE * int(p["population"])
    }
    assert not off, f"parts ≠ whole beyond {SUM_TOLERANCE:.0%} (sum, published): {off}"


def test_county_population_is_published() -> None:
    """The 2020 county tabulation covers all 129 counties; none is left an estimate."""
    counties = divisions("county")
    assert len(counties) == 129
    assert all(int(c["population"]) > 0 for c in counties)
    assert [c["admin_code"] for c in counties if is_true(c["is_estimate"])] == []


def test_every_division_has_a_min_wage_class() -> None:
    classes = {r["admin_code"]: int(r["wage_class"]) for r in rows("ref_min_wage_class")}
    codes = [r["admin_code"] for r in rows("ref_divisions")]
    assert [c for c in codes if c not in classes] == []
    assert set(classes.values()) <= {1, 2, 3}
    assert set(classes) == set(codes), "a class for a code that is not a division"


def test_min_wage_in_force_for_every_class_over_the_mart_window() -> None:
    first: dict[int, date] = {}
    for r in rows("ref_min_wage"):
        since = date.fromisoformat(r["valid_from"])
        wage_class = int(r["wage_class"])
        first[wage_class] = min(first.get(wage_class, since), since)
        assert float(r["monthly_amount"]) > 0 and float(r["hourly_amount"]) > 0
    assert set(first) == {1, 2, 3}
    assert all(d <= date(MART_YEARS[0], 1, 1) for d in first.values()), first


def benchmark(wages: list[dict[str, str]], prefecture: str, year: int) -> dict[str, str] | None:
    """The row int_compensation__local_wage_benchmark picks: own prefecture first, then the
    province; within each the latest year ≤ year."""
    candidates = [
        w
        for w in wages
        if w["prefecture_code"] in (prefecture, PROVINCE) and int(w["year"]) <= year
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda w: (w["prefecture_code"] == prefecture, int(w["year"])))


def test_average_wage_covers_every_prefecture_and_mart_year() -> None:
    wages = [w for w in rows("ref_average_wage") if w["scope"] == "urban_non_private_in_post"]
    assert len(wages) == len(rows("ref_average_wage"))
    keys = [(w["prefecture_code"], w["year"]) for w in wages]
    assert len(keys) == len(set(keys)), "duplicate prefecture × year"
    assert all(int(w["avg_annual_wage"]) > 0 for w in wages)
    province_years = {int(w["year"]) for w in wages if w["prefecture_code"] == PROVINCE}
    prefectures = [p["admin_code"] for p in divisions("prefecture")]
    assert {w["prefecture_code"] for w in wages} == {PROVINCE, *prefectures}
    for prefecture in [PROVINCE, *prefectures]:
        own_years = {int(w["year"]) for w in wages if w["prefecture_code"] == prefecture}
        # a row from the first mart year, and one for the latest published province year
        assert {MART_YEARS[0], max(province_years)} <= own_years, prefecture
        for year in MART_YEARS:
            picked = benchmark(wages, prefecture, year)
            assert picked is not None, (prefecture, year)
            assert picked["prefecture_code"] == prefecture, (prefecture, year, "fell back")
            assert int(picked["year"]) == max(y for y in own_years if y <= year)


def test_estimated_wages_follow_the_province_figure_of_their_year() -> None:
    """An estimate is the province figure of the same year × a factor the source states."""
    wages = rows("ref_average_wage")
    province = {
        w["year"]: int(w["avg_annual_wage"]) for w in wages if w["prefecture_code"] == PROVINCE
    }
    for w in wages:
        if is_true(w["is_estimate"]):
            assert w["prefecture_code"] != PROVINCE
            assert str(province[w["year"]]) in w["source"], w["source"]
            assert 0.5 < int(w["avg_annual_wage"]) / province[w["year"]] < 2.0


def test_average_wage_has_every_province_year_for_every_prefecture() -> None:
    """Each prefecture has a row for every year the province has one in the mart window, so a
    mart year never falls back to an older prefecture year while the province has its own."""
    wages = rows("ref_average_wage")
    province_years = {int(w["year"]) for w in wages if w["prefecture_code"] == PROVINCE}
    wanted = {y for y in province_years if y >= MART_YEARS[0]}
    for prefecture in divisions("prefecture"):
        code = prefecture["admin_code"]
        own = {int(w["year"]) for w in wages if w["prefecture_code"] == code}
        assert wanted <= own, (code, sorted(wanted - own))


def test_estimates_use_the_nearest_published_year_of_their_prefecture() -> None:
    """Where a prefecture has published figures, an estimate is the province figure of its year
    × the prefecture / province ratio of the nearest published year (the later one on a tie)."""
    wages = rows("ref_average_wage")
    province = {
        int(w["year"]): int(w["avg_annual_wage"]) for w in wages if w["prefecture_code"] == PROVINCE
    }
    published: dict[str, dict[int, int]] = defaultdict(dict)
    for w in wages:
        if w["prefecture_code"] != PROVINCE and not is_true(w["is_estimate"]):
            published[w["prefecture_code"]][int(w["year"])] = int(w["avg_annual_wage"])
    assert published, "no published prefecture figure at all"
    for w in wages:
        code, year = w["prefecture_code"], int(w["year"])
        if not is_true(w["is_estimate"]) or code not in published:
            continue
        anchor = min(published[code], key=lambda y: (abs(y - year), -y))
        expected = round(province[year] * published[code][anchor] / province[anchor])
        assert int(w["avg_annual_wage"]) == expected, (code, year, anchor)
        assert f"{anchor} in-post {published[code][anchor]}" in w["source"], w["source"]
