"""Issue 12 on a real build (the session province, scale 1.0, through the Dagster job):

(a) the quota proposal what-if the snapshot ships (marts.quota_proposal_whatif, the mart's own
    SQL) equals the published quota_proposal row for row at the published parameters, and keeps
    the mart's invariants when a slider moves;
(b) the published budget (budget_projection, Art. 5/7/33/34) and salary adjustment cost
    (salary_adjustment_cost, Art. 33) equal an independent polars computation from the payroll
    and roster facts and the formulas documented in the marts' yml. The expected figures are
    written here from those facts; nothing below calls the models' SQL.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml

from tests.dashboards.whatif_checks import assert_equals_published, assert_sliders_keep_invariants
from tests.pipeline.conftest import Province

VARS = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "dbt" / "dbt_project.yml").read_text()
)["vars"]
CENT = 0.011  # two independent roundings to the cent


def _money(x: pl.Expr) -> pl.Expr:
    """Yuan as the project publishes money (macros/cross_db money(): DECIMAL(38,4), then
    rounded to the cent), half away from zero: base_monthly_gross is published so."""
    four = (x * 10_000 + 0.5).floor() / 10_000
    return (four * 100 + 0.5).floor() / 100


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    return pl.from_arrow(con.sql(sql).to_arrow_table())


@pytest.fixture(scope="module")
def warehouse(province: Province):
    con = duckdb.connect(str(province.warehouse), read_only=True)
    yield con
    con.close()


def test_proposal_whatif_equals_the_published_mart(province: Province):
    with duckdb.connect(str(province.published), read_only=True) as con:
        assert_equals_published(con)
        assert_sliders_keep_invariants(con)


def _employer_rate(rates: pl.DataFrame, year: int) -> tuple[int, float, float | None, float | None]:
    """Σ employer rates of the latest rates year ≤ year (maternity 0 when merged into medical),
    with that year's contribution base floor and ceiling."""
    rates_year = rates.filter(pl.col("year") <= year)["year"].max()
    rows = rates.filter(pl.col("year") == rates_year)
    merged = rows.filter(
        (pl.col("insurance_type") == "maternity") & pl.col("merged_into_medical").fill_null(False)
    ).height
    total = sum(
        float(r["employer_rate"] or 0)
        for r in rows.iter_rows(named=True)
        if not (r["insurance_type"] == "maternity" and merged)
    )
    floor, ceiling = rows["base_floor"].max(), rows["base_ceiling"].max()
    return rates_year, total, floor and float(floor), ceiling and float(ceiling)


def test_budget_equals_an_independent_computation(warehouse: duckdb.DuckDBPyConnection):
    proposal = _frame(
        warehouse, "select bureau_code, year, proposed_quota from marts.quota_proposal"
    )
    budget_year = proposal["year"].max()
    planned = proposal.group_by("bureau_code").agg(planned=pl.col("proposed_quota").sum())
    months = (
        _frame(warehouse, "select distinct month from intermediate.int_roster__person_months")
        .sort("month", descending=True)
        .head(12)
    )
    roster = _frame(
        warehouse,
        "select person_key, month, bureau_code from intermediate.int_roster__person_months",
    )
    pay = (
        _frame(
            warehouse,
            """select person_key, pay_month as month, gross_pay::double as gross
        from staging.stg_payroll__monthly_pay""",
        )
        .join(months, on="month")
        .join(roster, on=["person_key", "month"])
    )
    province_gross = pay["gross"].mean()
    gross = pay.group_by("bureau_code").agg(gross=pl.col("gross").mean())
    rates = _frame(warehouse, "select * from reference.ref_insurance_rates")
    _, rate, floor, ceiling = _employer_rate(rates, budget_year)
    growth = VARS["salary_growth"]
    expected = (
        planned.join(gross, on="bureau_code", how="left")
        .with_columns(monthly=_money(pl.col("gross").fill_null(province_gross)) * (1 + growth))
        .with_columns(
            base=pl.col("monthly").clip(floor if floor is not None else None, ceiling),
        )
        .with_columns(
            pay_cost=pl.col("planned") * pl.col("monthly") * 12,
            employer_insurance=pl.col("planned") * 12 * pl.col("base") * rate,
            accident_premium=pl.col("planned") * float(VARS["accident_premium_per_head"]),
            other_cost=pl.col("planned") * float(VARS["other_cost_per_head"]),
        )
        .with_columns(
            total_cost=pl.sum_horizontal(
                "pay_cost", "employer_insurance", "accident_premium", "other_cost"
            )
        )
        .sort("bureau_code")
    )
    published = _frame(
        warehouse,
        """select bureau_code, pay_cost::double as pay_cost,
            employer_insurance::double as employer_insurance,
            accident_premium::double as accident_premium, other_cost::double as other_cost,
            total_cost::double as total_cost
        from marts.budget_projection order by bureau_code""",
    )
    assert published["bureau_code"].to_list() == expected["bureau_code"].to_list()
    for column in ("pay_cost", "employer_insurance", "accident_premium", "other_cost"):
        diff = (published[column] - expected[column]).abs().max()
        assert diff <= CENT, column
    assert (published["total_cost"] - expected["total_cost"]).abs().max() <= 4 * CENT


def test_adjustment_cost_is_per_person(warehouse: duckdb.DuckDBPyConnection):
    years = _frame(warehouse, "select year, is_closed from intermediate.int_roster__years")
    review = years.filter(pl.col("is_closed"))["year"].max()
    assert review is not None
    months = _frame(
        warehouse,
        f"""select person_key, month, bureau_code, prefecture_code
        from intermediate.int_roster__person_months where is_in_service and year = {review}""",
    )
    pay = _frame(
        warehouse,
        """select person_key, pay_month as month, gross_pay::double as gross
        from staging.stg_payroll__monthly_pay""",
    )
    wage = _frame(
        warehouse,
        f"""select prefecture_code, local_avg_wage::double as wage
        from intermediate.int_compensation__local_wage_benchmark where year = {review}""",
    )
    _, rate, _, _ = _employer_rate(
        _frame(warehouse, "select * from reference.ref_insurance_rates"), review
    )
    people = (
        months.join(pay, on=["person_key", "month"], how="inner")
        .group_by("bureau_code", "prefecture_code", "person_key")
        .agg(paid_months=pl.len(), gross=pl.col("gross").sum())
        .join(wage, on="prefecture_code", how="left")
    )
    grid = VARS["adjustment_target_pcts"]
    targets = pl.DataFrame(
        {"target_pct": list(range(grid["lowest"], grid["highest"] + 1, grid["step"]))},
        schema={"target_pct": pl.Int32},
    )
    gaps = people.join(targets, how="cross").with_columns(
        gap=(
            pl.col("target_pct") / 100 * pl.col("wage") * pl.col("paid_months") / 12
            - pl.col("gross")
        ).clip(lower_bound=0)
    )
    expected = (
        gaps.group_by("bureau_code", "target_pct")
        .agg(
            people=pl.len(),
            below=(pl.col("gap") > 0).sum(),
            pay_gap=pl.col("gap").sum(),
        )
        .with_columns(employer_insurance=pl.col("pay_gap") * rate)
        .with_columns(adjustment_cost=pl.col("pay_gap") + pl.col("employer_insurance"))
        .sort("bureau_code", "target_pct")
    )
    published = _frame(
        warehouse,
        f"""select bureau_code, target_pct, people, people_below_target as below,
            pay_gap::double as pay_gap, employer_insurance::double as employer_insurance,
            adjustment_cost::double as adjustment_cost
        from marts.salary_adjustment_cost where year = {review}
        order by bureau_code, target_pct""",
    )
    assert published.select("bureau_code", "target_pct").equals(
        expected.select("bureau_code", "target_pct")
    )
    assert published["people"].to_list() == expected["people"].to_list()
    assert published["below"].to_list() == expected["below"].to_list()
    for column, tolerance in (
        ("pay_gap", CENT),
        ("employer_insurance", CENT),
        ("adjustment_cost", 2 * CENT),
    ):
        assert (published[column] - expected[column]).abs().max() <= tolerance, column
    # per person, not per group average: somewhere a group's average is above the target and
    # still some of its people are below it, and they cost money
    averaged = (
        gaps.group_by("bureau_code", "target_pct")
        .agg(
            average=(pl.col("gross").sum() / pl.col("paid_months").sum() * 12),
            target=(pl.col("target_pct").first() / 100 * pl.col("wage").first()),
            cost=pl.col("gap").sum(),
        )
        .filter((pl.col("average") >= pl.col("target")) & (pl.col("cost") > 0))
    )
    assert averaged.height > 0
