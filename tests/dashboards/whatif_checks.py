"""Checks of the snapshot's quota proposal what-if (marts.quota_proposal_whatif), shared by the
fixture test (tests/dashboards/test_whatif.py) and the real-build test
(tests/pipeline/test_whatif_real.py): at the published parameters it is the published mart row
for row, and when a slider moves it keeps the mart's own invariants (the singular tests in
dbt/tests/planning/)."""

from __future__ import annotations

import math

import duckdb
import polars as pl

PARAMETERS = (
    "province_total",
    "damping_bound",
    "grassroots_weight",
    "w_population",
    "w_incidents",
    "w_workload",
    "w_current",
)
_CALL = f"select * from marts.quota_proposal_whatif({', '.join('$' + p for p in PARAMETERS)})"
KEY = ("bureau_code", "year", "category")


def published_parameters(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    (row,) = con.execute(
        f"select {', '.join(PARAMETERS)} from marts.quota_proposal_parameters"
    ).fetchall()
    return dict(zip(PARAMETERS, row, strict=True))


def whatif(con: duckdb.DuckDBPyConnection, **parameters: float | None) -> pl.DataFrame:
    return pl.from_arrow(con.sql(_CALL, params=parameters).to_arrow_table()).sort(KEY)


def assert_equals_published(con: duckdb.DuckDBPyConnection) -> None:
    """Row for row and column for column: integers exactly, doubles to 1e-9 relative."""
    live = whatif(con, **published_parameters(con))
    mart = pl.from_arrow(con.sql("select * from marts.quota_proposal").to_arrow_table()).sort(KEY)
    assert live.columns == mart.columns
    assert live.height == mart.height > 0
    for column in mart.columns:
        got, expected = live[column].to_list(), mart[column].to_list()
        if mart.schema[column] == pl.Float64:
            assert all(
                (a is None and b is None) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
                for a, b in zip(got, expected, strict=True)
            ), column
        else:
            assert got == expected, column


def assert_invariants(live: pl.DataFrame, total: int, damping: float) -> None:
    """Σ proposed = the total asked for (when the bounds allow it); every key within its
    damping bound; within a category, more need never gets fewer need-based places."""
    assert live["province_total"].unique().to_list() == [total]
    lo, hi = live["total_lower_bound"][0], live["total_upper_bound"][0]
    if lo <= total <= hi:
        assert live["proposed_quota"].sum() == total
    assert (live["proposed_quota"] >= live["lower_bound"]).all()
    assert (live["proposed_quota"] <= live["upper_bound"]).all()
    assert (
        (live["change"].abs() <= damping * live["current_quota"] + 1e-9)
        & (live["proposed_quota"] >= 0)
    ).all()
    pairs = live.join(live, on="category", suffix="_other").filter(
        pl.col("need_share") > pl.col("need_share_other")
    )
    assert (pairs["need_based_quota"] >= pairs["need_based_quota_other"] - 1e-9).all()


def assert_sliders_keep_invariants(con: duckdb.DuckDBPyConnection) -> None:
    """Move each slider over its range; the invariants hold at every setting, and raising the
    total (all else equal) never lowers any key's damped quota."""
    published = published_parameters(con)
    settings = [
        {**published, "damping_bound": d, "grassroots_weight": g}
        for d in (0.0, 0.05, 0.1, 0.3)
        for g in (0.0, 1.0)
    ]
    settings += [
        {**published, "w_population": 1.0, "w_incidents": 0.0, "w_workload": 0.0, "w_current": 0.0},
        {**published, "w_population": 0.0, "w_incidents": 0.5, "w_workload": 0.5, "w_current": 0.0},
    ]
    for setting in settings:
        reach = whatif(con, **setting)
        lo, hi = reach["total_lower_bound"][0], reach["total_upper_bound"][0]
        previous = None
        for total in sorted({lo, (lo + hi) // 2, int(published["province_total"]), hi}):
            live = whatif(con, **{**setting, "province_total": total})
            assert_invariants(live, total, setting["damping_bound"])
            damped = live["damped_quota"]
            if previous is not None:
                assert (damped >= previous - 1e-6).all(), (setting, total)
            previous = damped
