"""Issue 12, one formula per figure: the pages' what-ifs run the marts' own SQL, shipped into
the snapshot as table macros (dagster_project/defs/publish/whatif.py, from dbt/macros/whatif/),
and the scoped reader hands a user only the scope's rows of a province-wide computation."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from dagster_project.defs.publish.whatif import MACRO_DIR, WHATIFS, render
from tests.dashboards.conftest import APP
from tests.dashboards.snapshot_fixture import ALL_BUREAUS, SCOPE_OF_USER, WUHUA
from tests.dashboards.whatif_checks import (
    assert_equals_published,
    assert_sliders_keep_invariants,
    published_parameters,
    whatif,
)

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import db, queries
from lib.scope import Scope, resolve

LOGINS = {
    "province": ("province", None),
    "kunming": ("prefecture", "530100"),
    "wuhua": ("county", "530102"),
    "auditor": ("auditor", None),
}


def _scope(user: str, snapshot: duckdb.DuckDBPyConnection) -> Scope:
    directory = pl.from_arrow(
        snapshot.sql(
            "select bureau_code, tier, prefecture_code, admin_code from marts.dim_bureau"
        ).to_arrow_table()
    )
    return resolve(*LOGINS[user], directory)


def test_macros_are_the_dbt_macros():
    """The snapshot's functions are rendered from the files dbt builds the marts with: every
    what-if names a dbt macro that its mart's model calls."""
    models = Path(MACRO_DIR).parents[1] / "models" / "marts"
    for w in WHATIFS:
        assert f"{{% macro {w.macro}(inputs, params" in (MACRO_DIR / w.macro_file).read_text()
        mart = w.name.removesuffix("_whatif")
        (model,) = models.rglob(f"{mart}.sql")
        assert f"{w.macro}(" in model.read_text()
        assert render(w).startswith(f"create or replace macro marts.{w.name}(")


def test_proposal_whatif_is_the_published_mart(snapshot: duckdb.DuckDBPyConnection):
    assert_equals_published(snapshot)


def test_proposal_sliders_keep_the_marts_invariants(snapshot: duckdb.DuckDBPyConnection):
    assert_sliders_keep_invariants(snapshot)


@pytest.mark.parametrize("user", list(LOGINS))
def test_scope_sees_its_rows_of_the_province_computation(
    user: str, app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    """Computed over the whole province, then filtered: a county user gets its own rows,
    with the figures the province-wide run gives them, and no other bureau's."""
    scope = _scope(user, snapshot)
    moved = {**published_parameters(snapshot), "damping_bound": 0.2, "grassroots_weight": 1.0}
    live = queries.proposal_whatif(scope, **moved)
    expected_codes = set(SCOPE_OF_USER.get(user, ALL_BUREAUS))
    assert set(live["bureau_code"]) == expected_codes
    province = whatif(snapshot, **moved)
    mine = province.filter(pl.col("bureau_code").is_in(list(expected_codes)))
    got = live.sort("bureau_code", "category")
    assert got["live_quota"].to_list() == mine["proposed_quota"].to_list()
    assert got["current_quota"].to_list() == mine["current_quota"].to_list()
    # the reader filters every relation it reads the macro's rows through
    raw = db.read(scope, "select bureau_code from quota_proposal_whatif", **moved)
    assert set(raw["bureau_code"]) == expected_codes


def test_pages_cannot_call_the_macro_unscoped(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    scope = _scope("wuhua", snapshot)
    with pytest.raises(ValueError):
        db.read(scope, "select * from marts.quota_proposal_whatif(300, 0.1, 0.5, 0, 0, 0, 1)")
    # unqualified, it is a table function call, which the reader refuses (only the reader
    # calls the macro, with the page's parameters)
    with pytest.raises(db.UnsafeQuery):
        db.read(scope, "select * from quota_proposal_whatif(300, 0.1, 0.5, 0, 0, 0, 1)")


def test_budget_whatif_is_the_published_mart(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    scope = _scope("province", snapshot)
    growth, rate = queries.budget_defaults(scope)
    live = queries.budget_projection(scope, growth, rate)
    mart = pl.from_arrow(
        snapshot.sql(
            """select bureau_code, pay_cost::double as pay_cost,
                employer_insurance::double as employer_insurance,
                total_cost::double as total_cost
            from marts.budget_projection order by bureau_code"""
        ).to_arrow_table()
    )
    assert live.select(mart.columns).equals(mart)
    # another growth: pay follows base_monthly_gross × (1 + growth) × 12 per planned head
    more = queries.budget_projection(scope, growth + 0.05, rate)
    base = snapshot.execute(
        """select bureau_code, planned_headcount * base_monthly_gross::double * 12 as per_growth
        from marts.budget_projection order by bureau_code"""
    ).fetchall()
    for (code, per_growth), got in zip(base, more["pay_cost"].to_list(), strict=True):
        assert got == pytest.approx(per_growth * (1 + growth + 0.05), abs=0.01), code


def test_small_adjustment_groups_are_blanked(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """One to four people below the target: their bureau's cost would give their pay away."""
    # 五华's 3 civilians earn 4,100 a month: below 45 % of 昆明's 118,000 a year, its 41 duty
    # staff above (snapshot_fixture.py)
    target = 45
    ((below,),) = snapshot.execute(
        """select people_below_target from marts.salary_adjustment_cost
        where bureau_code = ? and target_pct = ?""",
        [WUHUA, target],
    ).fetchall()
    assert below == 3
    wuhua = queries.adjustment_cost(_scope("wuhua", snapshot), target)
    auditor = queries.adjustment_cost(_scope("auditor", snapshot), target)
    assert wuhua["adjustment_cost"].is_null().all()
    assert auditor.filter(pl.col("bureau_code") == WUHUA)["adjustment_cost"].is_not_null().all()
