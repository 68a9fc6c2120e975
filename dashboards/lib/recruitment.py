"""The queries of 人员预测与招聘计划 (views/recruitment.py): the workforce forecast, its
separation rates and backtest, and the recruitment plan, all read through the scoped reader.
Every figure is a mart's (workforce_forecast, workforce_separation_rates,
workforce_forecast_backtest, workforce_forecast_accuracy, recruitment_plan,
recruitment_plan_rollup); the sums below add a mart's additive counts over the bureaus the
reader may see, nothing else."""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.db import read
from lib.scope import Scope

BASES = ("approved", "proposed")  # recruitment_plan.quota_basis
HORIZONS = (12, 24)  # months ahead the bureau table shows


def as_of(scope: Scope) -> dt.date | None:
    df = read(scope, "select max(as_of_month) as as_of from workforce_forecast")
    return df["as_of"][0] if df.height else None


def forecast_by_month(scope: Scope) -> pl.DataFrame:
    """Expected headcount per month and category over the scope's bureaus (horizon 0 = actual)."""
    return read(
        scope,
        """select month, horizon_months, category,
            sum(forecast_headcount) as forecast_headcount,
            sum(expected_separations) as expected_separations
        from workforce_forecast group by month, horizon_months, category
        order by month, category""",
    )


def forecast_by_bureau(scope: Scope) -> pl.DataFrame:
    """Per bureau and category: headcount now, expected in 12 and 24 months, and the
    expected separations of the first 12 months by cause."""
    return read(
        scope,
        """select bureau_name, bureau_tier as tier, category,
            max(start_headcount) as start_headcount,
            sum(forecast_headcount) filter (where horizon_months = 12) as forecast_12m,
            sum(forecast_headcount) filter (where horizon_months = 24) as forecast_24m,
            sum(expected_retirements) filter (where horizon_months between 1 and 12)
                as retirements_12m,
            sum(expected_contract_exits) filter (where horizon_months between 1 and 12)
                as contract_exits_12m,
            sum(expected_attrition) filter (where horizon_months between 1 and 12)
                as attrition_12m,
            bureau_code
        from workforce_forecast
        group by bureau_code, bureau_name, bureau_tier, category
        order by bureau_code, category""",
    )


def separation_rates(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select category, rate_kind, tenure_band, person_months, contract_ends, separations,
            monthly_rate, annual_rate, window_start, window_end
        from workforce_separation_rates order by rate_kind, category, tenure_band""",
    )


def accuracy(scope: Scope) -> pl.DataFrame:
    """The province's backtest figures (MAPE, bias) per category and overall."""
    return read(scope, "select * from workforce_forecast_accuracy order by category")


def backtest(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select origin_month, target_month, bureau_name, category, origin_headcount,
            forecast_headcount, actual_retained, actual_headcount, error, abs_pct_error,
            bureau_code
        from workforce_forecast_backtest
        where origin_month = (select max(origin_month) from workforce_forecast_backtest)
        order by bureau_code, category""",
    )


def plan_year(scope: Scope) -> int | None:
    df = read(scope, "select max(plan_year) as plan_year from recruitment_plan")
    return df["plan_year"][0] if df.height else None


def plan_lines(scope: Scope, basis: str, lang: str) -> pl.DataFrame:
    """The plan per bureau and category, one column per quarter (the mart's rows pivoted),
    its reasons and education requirement in `lang` (the mart has both languages)."""
    en = "_en" if lang == "en" else ""
    rows = read(
        scope,
        f"""select bureau_code, bureau_name, bureau_tier as tier, category, quarter,
            cap_quota, forecast_headcount_max, planned_hires, headcount_after_plan_max,
            cap_reason{en} as cap_reason, education_requirement{en} as education_requirement,
            priority_rank
        from recruitment_plan where quota_basis = $basis
        order by priority_rank, bureau_code, category, quarter""",
        basis=basis,
    )
    if rows.is_empty():
        return rows
    quarters = rows.pivot(
        on="quarter", index=["bureau_code", "category"], values="planned_hires"
    ).rename({str(q): f"q{q}_hires" for q in range(1, 5)}, strict=False)
    year_end = rows.filter(pl.col("quarter") == pl.col("quarter").max()).select(
        "bureau_code", "category", "headcount_after_plan_max"
    )
    reasons = rows.group_by("bureau_code", "category", maintain_order=True).agg(
        pl.col("cap_reason").unique(maintain_order=True).str.join("；")
    )
    first = rows.filter(pl.col("quarter") == 1).select(
        "bureau_code",
        "bureau_name",
        "tier",
        "category",
        "cap_quota",
        "forecast_headcount_max",
        "education_requirement",
        "priority_rank",
    )
    return (
        first.join(quarters, on=["bureau_code", "category"])
        .join(year_end, on=["bureau_code", "category"])
        .join(reasons, on=["bureau_code", "category"])
        .select(
            "bureau_name",
            "tier",
            "category",
            "cap_quota",
            "forecast_headcount_max",
            *(f"q{q}_hires" for q in range(1, 5)),
            "headcount_after_plan_max",
            "cap_reason",
            "education_requirement",
            "bureau_code",
        )
    )


def plan_totals(scope: Scope, basis: str) -> pl.DataFrame:
    """The plan's totals for the scope's prefectures (or the province), from the rollup mart."""
    return read(
        scope,
        """select scope_name, scope_level, category, quarter, cap_quota, requested_hires,
            planned_hires, unmet, scope_code
        from recruitment_plan_rollup where quota_basis = $basis
        order by scope_level desc, scope_code, category, quarter""",
        basis=basis,
    )
