"""`make documents` on the demo province (issue 14; `make test-demo`): the command line writes
the province's four approval documents and each prefecture's, and their totals equal the
published snapshot's marts: the 招聘计划表's and the 薪酬调整测算表's the rollups' rows (every
bureau, the blanked ones merged on one line), the others' the sums of the mart rows the scope
holds (money blanked by the reader's small-cell rule left out)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.dashboards.documents_read import sheet_rows, table
from tests.pipeline.conftest import Province


@pytest.fixture(scope="module")
def written(province: Province, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dashboards import documents

    out = tmp_path_factory.mktemp("documents")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AUXFORCE_WAREHOUSE_DIR", str(province.published.parent.parent))
        assert documents.run(["--out", str(out)]) == 0
    return out


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    return con.sql(sql).fetchall()[0]


def test_a_set_per_level(province: Province, written: Path):
    with duckdb.connect(str(province.published), read_only=True) as con:
        filers = con.sql(
            "select admin_code, bureau_name from marts.dim_bureau "
            "where tier in ('province', 'prefecture')"
        ).fetchall()
    names = {p.name for p in written.glob("*.xlsx")}
    assert len(names) == 4 * len(filers) == 4 * 17
    for admin, name in filers:
        assert f"用人额度申报表_2027_{admin}_{name}.xlsx" in names


def test_totals_equal_the_published_marts(province: Province, written: Path):
    with duckdb.connect(str(province.published), read_only=True) as con:
        plan = {
            (code, quarter): (planned, cap, unmet)
            for code, quarter, planned, cap, unmet in con.sql(
                """select scope_code, quarter, planned_hires, cap_quota, unmet
                from marts.recruitment_plan_rollup
                where quota_basis = 'approved' and category = 'all'"""
            ).fetchall()
        }
        prefectures = con.sql(
            "select prefecture_code, admin_code, bureau_name from marts.dim_bureau "
            "where tier in ('province', 'prefecture')"
        ).fetchall()
        for code, admin, name in prefectures:
            book = written / f"招聘计划表_2027_{admin}_{name}_核定额度.xlsx"
            shown = table(sheet_rows(book.read_bytes()))
            total = shown["合计"]
            assert (total["全年计划招聘"], total["用人额度"], total["转下年度"]) == plan[
                (code, 0)
            ], name
            assert [total[f"{q}季度"] for q in "一二三四"] == [
                plan[(code, q)][0] for q in (1, 2, 3, 4)
            ]
        # the province's request and budget: every bureau of the province
        request = table(
            sheet_rows((written / "用人额度申报表_2027_530000_云南省公安厅.xlsx").read_bytes())
        )
        assert (
            request["合计"]["建议核定数"]
            == _one(con, "select sum(proposed_quota) from marts.quota_request")[0]
        )
        assert (
            request["合计"]["现核定额度"]
            == _one(con, "select sum(current_quota) from marts.quota_request")[0]
        )
        budget = table(
            sheet_rows((written / "经费预算表_2027_530000_云南省公安厅.xlsx").read_bytes())
        )
        shown_pay = _one(
            con,
            "select sum(pay_cost), sum(planned_headcount) from marts.budget_projection "
            "where current_headcount not between 1 and 4",
        )
        assert budget["合计"]["工资"] == pytest.approx(float(shown_pay[0]), abs=0.01)
        assert (
            budget["合计"]["计划人数"]
            == _one(con, "select sum(planned_headcount) from marts.budget_projection")[0]
        )
        salary = table(
            sheet_rows(
                (written / "薪酬调整测算表_2025_530000_云南省公安厅_目标60%.xlsx").read_bytes()
            )
        )
        cost = dict(
            con.sql(
                "select d.bureau_name, s.adjustment_cost from marts.salary_adjustment_cost s "
                "join marts.dim_bureau d using (bureau_code) where s.target_pct = 60"
            ).fetchall()
        )
        for code, admin, name in prefectures:  # each level's total: its rollup row or "—"
            book = written / f"薪酬调整测算表_2025_{admin}_{name}_目标60%.xlsx"
            total = table(sheet_rows(book.read_bytes()))["合计"]["调整所需经费"]
            ((level_total,),) = con.execute(
                "select adjustment_cost from marts.salary_adjustment_rollup "
                "where scope_code = ? and target_pct = 60",
                [code],
            ).fetchall()
            assert total == "—" or total == pytest.approx(float(level_total), abs=0.005), name
        rollup, every_bureau = _one(
            con,
            """select r.adjustment_cost, (select sum(adjustment_cost)
                from marts.salary_adjustment_cost where target_pct = 60)
            from marts.salary_adjustment_rollup r
            where r.scope_level = 'province' and r.target_pct = 60""",
        )
    # the total is every bureau's (rollup = Σ of all 146 lines, blanked ones too)
    assert rollup == every_bureau
    assert salary["合计"]["调整所需经费"] == pytest.approx(float(rollup), abs=0.005)
    merged = [k for k in salary if k.startswith("其余")]
    bureaus = {
        k: v for k, v in salary.items() if k not in ("合计", *merged) and not k.endswith("小计")
    }
    assert set(bureaus) == set(cost)  # all 146 bureaus, each once
    for name, cells in bureaus.items():  # a blanked amount ("—") is the reader's, not lost
        assert cells["调整所需经费"] == "—" or cells["调整所需经费"] == pytest.approx(
            float(cost[name]), abs=0.005
        ), name
    # the blanked bureaus on one line: the total less the lines shown, their number in it
    blanked = {name for name, cells in bureaus.items() if cells["调整所需经费"] == "—"}
    shown = sum(float(cost[name]) for name in set(bureaus) - blanked)
    assert merged == [f"其余 {len(blanked)} 个单位（按小单元保护规则不单列，金额合并列示）"]
    assert salary[merged[0]]["调整所需经费"] == pytest.approx(float(rollup) - shown, abs=0.01)
    assert salary[merged[0]]["调整所需经费"] == pytest.approx(
        sum(float(cost[name]) for name in blanked), abs=0.01
    )
