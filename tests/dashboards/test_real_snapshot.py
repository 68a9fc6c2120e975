"""Every page under the province and the county (五华) login against a real published
snapshot: `AUXFORCE_REAL_SNAPSHOT_DIR` names a warehouse dir (with
published/auxforce_published.duckdb); without it the fixture snapshot stands in (never
skipped). Also checks that the fixture has the real columns and types of every relation the
dashboards read."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from tests.dashboards.test_app import PAGES, login

# the relations of dashboards/lib/db.py `_RELATIONS`
READ = (
    *(
        f"marts.{name}"
        for name in (
            "dim_bureau",
            "quota_utilization",
            "grassroots_allocation",
            "quota_proposal",
            "quota_proposal_inputs",
            "quota_proposal_parameters",
            "salary_adjustment_cost",
            "salary_adjustment_rollup",  # issue 14: the 薪酬调整测算表's totals
            "workforce_cost_monthly",
            "budget_projection",
            "insurance_coverage",
            "compliance_violations",
            "salary_benchmark",
            "salary_benchmark_by_level",
            "delivery_status",
            "staffing_need",
            "planning_year_over_year",
            "headcount_by_unit",
            "workforce_flows_monthly",
            # issue 14: what the approval documents read
            "quota_request",
            "recruitment_plan",
            "recruitment_plan_rollup",
            # issue 14: the workforce forecast page
            "workforce_forecast",
            "workforce_separation_rates",
            "workforce_forecast_backtest",
            "workforce_forecast_accuracy",
            # issue 15: the province's row of the national summary
            "province_summary",
        )
    ),
    "pii.person_names",
    "quality.quarantine",
    "quality.quarantine_rows",
    "quality.load_log",
    "quality.check_results",
    "reference.ref_divisions",
    "reference.ref_average_wage",
    "reference.ref_regulation_articles",
    "_publish.meta",
)
SNAPSHOT = Path("published") / "auxforce_published.duckdb"
_COLUMNS = """select table_schema || '.' || table_name, column_name, data_type
from information_schema.columns where table_catalog = current_database()
order by table_schema, table_name, ordinal_position"""


def _real_dir(fallback: Path) -> Path:
    given = os.environ.get("AUXFORCE_REAL_SNAPSHOT_DIR")
    return Path(given) if given else fallback


def _columns(path: Path) -> dict[str, list[tuple[str, str]]]:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(_COLUMNS).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, name, type_ in rows:
        out.setdefault(table, []).append((name, type_))
    return out


@pytest.mark.parametrize("user", ["province", "wuhua"])
def test_every_page_on_real_snapshot(
    user: str, warehouse_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(_real_dir(warehouse_dir)))
    at = login(user)
    for page in PAGES:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (user, page, [e.value for e in at.exception])


def test_fixture_has_the_real_columns(warehouse_dir: Path):
    real = _columns(_real_dir(warehouse_dir) / SNAPSHOT)
    fixture = _columns(warehouse_dir / SNAPSHOT)
    for table in READ:
        assert fixture.get(table) == real.get(table), table
