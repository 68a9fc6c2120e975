"""Every page under every role (AppTest): figures equal the fixture's marts within the role's
scope, and no bureau outside the scope ever appears."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd  # AppTest hands tables over as pandas frames
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboards.conftest import APP, PASSWORDS
from tests.dashboards.snapshot_fixture import (
    ALL_BUREAUS,
    KUNMING,
    PANLONG,
    SCOPE_OF_USER,
    WUHUA,
)

PAGES = ("overview", "planning", "recruitment", "finance", "salary", "compliance", "quality")
CODE = "单位代码"  # header of bureau_code in every table that lists bureaus


def login(user: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.text_input[0].input(user)
    at.text_input[1].input(PASSWORDS[user])
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.session_state["authentication_status"]
    return at


def tables(at: AppTest) -> list:
    return [df.value for df in at.dataframe]


def table_with(at: AppTest, *headers: str):
    found = [df for df in tables(at) if set(headers) <= set(df.columns)]
    assert found, f"no table with columns {headers}"
    return found[0]


def shown_text(at: AppTest) -> str:
    parts = [df.to_csv() for df in tables(at)]
    for kind in ("markdown", "caption", "metric", "header", "subheader", "info", "warning"):
        parts += [f"{getattr(e, 'value', '')}{getattr(e, 'label', '')}" for e in getattr(at, kind)]
    for box in at.selectbox:
        parts += [str(o) for o in box.options]
    for box in at.multiselect:
        parts += [str(o) for o in box.options]
    return "\n".join(parts)


def names_of(snapshot: duckdb.DuckDBPyConnection, codes: tuple[str, ...]) -> set[str]:
    rows = snapshot.execute(
        "select bureau_name from marts.dim_bureau where list_contains(?, bureau_code)",
        [list(codes)],
    ).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("user", list(SCOPE_OF_USER))
def test_every_page_in_scope(user: str, app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    scope = SCOPE_OF_USER[user]
    outside = tuple(b for b in ALL_BUREAUS if b not in scope)
    outside_names = names_of(snapshot, outside)
    at = login(user)
    for page in PAGES:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (user, page, [e.value for e in at.exception])
        for df in tables(at):
            if CODE in df.columns:
                assert set(df[CODE].dropna()) <= set(scope), (user, page)
        text = shown_text(at)
        # 昆明市公安局 is a prefix of 昆明市公安局五华分局: test names that are not part of one
        inside_names = names_of(snapshot, scope)
        testable = {n for n in outside_names if not any(n in m for m in inside_names)}
        leaked = [name for name in testable if name in text]
        assert not leaked, (user, page, leaked)
        _counts_have_separators(at, page)
        check = globals().get(f"_check_{page}")
        if check:
            check(at, user, scope, snapshot)


ORDINALS = {"年度", "对标年度", "层级"}  # integer columns that are not counts


def _counts_have_separators(at: AppTest, page: str) -> None:
    """Every count in a table (people, residents, incidents, rows…) shows 1,234."""
    for element in at.dataframe:
        config = json.loads(element.proto.columns or "{}")
        for header, dtype in element.value.dtypes.items():
            if pd.api.types.is_integer_dtype(dtype) and header not in ORDINALS:
                number_format = config.get(header, {}).get("type_config", {}).get("format")
                assert number_format == "%,d", (page, header, number_format)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _check_overview(at, user, scope, snapshot) -> None:
    (headcount,) = snapshot.execute(
        """select sum(headcount) from marts.workforce_cost_monthly
        where month = (select max(month) from marts.workforce_cost_monthly)
          and list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchone()
    assert _metric(at, "辅警人数") == f"{headcount:,} 人"
    (findings,) = snapshot.execute(
        "select count(*) from marts.compliance_violations where list_contains(?, bureau_code)",
        [list(scope)],
    ).fetchone()
    assert _metric(at, "违规线索") == f"{findings:,} 条"
    (approved, heads) = snapshot.execute(
        """select sum(approved_quota), sum(headcount) from marts.quota_utilization
        where year = 2026 and list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchone()
    assert _metric(at, "额度使用率") == f"{heads / approved * 100:.1f}%"


def _check_planning(at, user, scope, snapshot) -> None:
    shown = table_with(at, "核准额度（人）")
    expected = snapshot.execute(
        """select bureau_code, category, approved_quota, headcount from marts.quota_utilization
        where year = 2026 and list_contains(?, bureau_code) order by all""",
        [list(scope)],
    ).fetchall()
    category = {"文职": "civilian", "勤务": "duty"}
    got = sorted(
        (r[CODE], category[r["类别"]], r["核准额度（人）"], r["人数（人）"])
        for _, r in shown.iterrows()
    )
    assert got == [tuple(r) for r in expected]
    live = table_with(at, "重算建议额度")
    (published,) = snapshot.execute(
        """select sum(proposed_quota) from marts.quota_proposal
        where list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchone()
    assert live["重算建议额度"].sum() == published  # default total = the published proposal
    _check_workload_chart(at, user, scope, snapshot)
    _check_year_over_year(at, scope, snapshot)
    _check_need(at, scope, snapshot)
    _check_posts_units_and_flows(at, user, scope, snapshot)


def _check_year_over_year(at, scope, snapshot) -> None:
    """Last year beside this year: the quota table's prior and change columns are
    planning_year_over_year's."""
    shown = table_with(at, "核准额度（人）", "上年核准额度（人）", "人数增减（人）")
    expected = snapshot.execute(
        """select bureau_code, category, prior_approved_quota, approved_quota_change,
            prior_headcount, headcount_change
        from marts.planning_year_over_year
        where year = 2026 and list_contains(?, bureau_code) order by all""",
        [list(scope)],
    ).fetchall()
    category = {"文职": "civilian", "勤务": "duty"}
    got = sorted(
        (
            r[CODE],
            category[r["类别"]],
            r["上年核准额度（人）"],
            r["额度增减（人）"],
            r["上年人数（人）"],
            r["人数增减（人）"],
        )
        for _, r in shown.iterrows()
    )
    assert got == [tuple(r) for r in expected]


def _check_need(at, scope, snapshot) -> None:
    """The need with its components beside headcount and quota (staffing_need), last year's
    need beside, and the estimate flags as words next to the figures they qualify."""
    shown = table_with(at, "接处警（人）", "主动巡防（人）", "固定岗位（人）", "文职保障（人）")
    expected = snapshot.execute(
        """select n.bureau_code, n.category, n.reactive_fte, n.proactive_fte, n.fixed_post_fte,
            n.support_fte, n.required_fte, y.prior_required_fte, n.headcount, n.approved_quota
        from marts.staffing_need n
        left join marts.planning_year_over_year y using (bureau_code, year, category)
        where n.year = 2026 and list_contains(?, n.bureau_code) order by all""",
        [list(scope)],
    ).fetchall()
    category = {"文职": "civilian", "勤务": "duty"}
    columns = ("接处警（人）", "主动巡防（人）", "固定岗位（人）", "文职保障（人）")
    columns += ("测算需求（人）",)
    got = sorted(
        (
            r[CODE],
            category[r["类别"]],
            *(r[c] for c in columns),
            r["上年测算需求（人）"],
            r["人数（人）"],
            r["核准额度（人）"],
        )
        for _, r in shown.iterrows()
    )
    assert len(got) == len(expected)
    for row, want in zip(got, expected, strict=True):
        assert row[:2] == want[:2]
        assert row[2:] == pytest.approx(want[2:])
    assert set(shown["固定岗位口径"]) == {"按岗位配置假设测算"}
    counties = shown[shown["人口口径"].notna()]
    estimated = set(counties[counties["人口口径"] == "估算"][CODE])
    assert estimated == ({"530302000000"} & set(scope))  # 麒麟's population is an estimate
    assert "按岗位配置假设测算" in shown_text(at)


def _check_posts_units_and_flows(at, user, scope, snapshot) -> None:
    """Headcount by post and level sums to the headcount of the year; a county view lists its
    stations; hires and separations by month are charted from workforce_flows_monthly."""
    by_post = table_with(at, "岗位", "1级", "8级")
    (heads,) = snapshot.execute(
        """select sum(headcount) from marts.headcount_by_unit
        where month = date '2026-10-01' and list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchone()
    assert by_post["人数（人）"].sum() == heads
    assert "治安巡逻" in set(by_post["岗位"])  # post codes as the contract's labels
    units = [df for df in tables(at) if "机构名称" in df.columns]
    if user == "wuhua":
        assert set(units[0]["机构名称"]) >= {"五华分局护国派出所", "五华分局华山派出所"}
    else:
        assert not units
    (flows,) = [
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if any(d.get("name") == "入职（人）" for d in json.loads(c.proto.spec)["data"])
    ]
    hires = next(d for d in flows["data"] if d["name"] == "入职（人）")
    (expected,) = snapshot.execute(
        """select sum(hires) from marts.workforce_flows_monthly
        where list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchone()
    assert sum(hires["y"]) == expected


def _check_workload_chart(at, user, scope, snapshot) -> None:
    """Actual against needed staff: one bar pair per prefecture when the scope spans
    several, else per county bureau; the sums equal grassroots_allocation's."""
    (chart,) = [
        spec
        for spec in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
        if spec["data"][0].get("orientation") == "h"
    ]
    by_prefecture = user in {"province", "finance", "auditor"}
    area = "d.name" if by_prefecture else "b.bureau_name"
    expected = snapshot.execute(
        f"""select {area}, sum(g.aux_total)::double, sum(g.required_fte)
        from marts.grassroots_allocation g join marts.dim_bureau b using (bureau_code)
        join reference.ref_divisions d on d.admin_code = g.prefecture_code
        where g.year = 2026 and list_contains(?, g.bureau_code) group by all""",
        [list(scope)],
    ).fetchall()
    actual, need = chart["data"]
    got = {name: (a, n) for name, a, n in zip(actual["y"], actual["x"], need["x"], strict=True)}
    assert got.keys() == {name for name, *_ in expected}
    for name, *figures in expected:
        assert got[name] == pytest.approx(tuple(figures)), name
    gaps = [a - n for a, n in got.values()]
    assert gaps == sorted(gaps)  # largest shortfall first


def _check_finance(at, user, scope, snapshot) -> None:
    shown = table_with(at, "人均成本（元）")
    (total,) = snapshot.execute(
        """select sum(total_cost)::double from marts.workforce_cost_monthly
        where month = date '2026-10-01' and list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchone()
    assert shown["总成本（元）"].sum() == pytest.approx(total)
    (budget,) = snapshot.execute(
        """select sum(total_cost)::double from marts.budget_projection
        where list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchone()
    budget_table = table_with(at, "发布预算（元）")
    # default inputs are the published assumptions: the recomputed budget equals the mart
    assert budget_table["总成本（元）"].sum() == pytest.approx(budget, abs=1.0)


def _check_salary(at, user, scope, snapshot) -> None:
    pay = table_with(at, "人均年收入（元）", CODE)
    small = pay[(pay[CODE] == WUHUA) & (pay["类别"] == "文职")]
    if WUHUA in scope:
        # 五华 has 3 civilian staff: their average is shown to the auditor only
        assert small["人均年收入（元）"].isna().all() == (user != "auditor")
    benchmark = [df for df in tables(at) if "对标年度" in df.columns]
    by_level = [df for df in tables(at) if "层级" in df.columns]
    _check_adjustment(at, user, scope, snapshot)
    if user == "wuhua":
        assert not benchmark and not by_level  # a county login sees no prefecture aggregate
        return
    # the province bureau is its own prefecture_code 530000, as in the real marts
    prefectures = ["530100"] if user == "kunming" else ["530000", "530100", "530300"]
    assert set(benchmark[0]["州市代码"]) == set(prefectures)
    assert _pay_rows(benchmark[0], ("州市代码", "类别")) == _mart_pay(
        snapshot, "salary_benchmark", "prefecture_code, category", prefectures
    )
    got = _pay_rows(by_level[0], ("州市代码", "类别", "层级"))
    expected = _mart_pay(
        snapshot, "salary_benchmark_by_level", "prefecture_code, category, level", prefectures
    )
    if user != "auditor":
        # 五华's 3 civilians (level 3) are under five people; 盘龙's level 4, the next
        # smallest, goes with them, or the pair could be taken from 昆明's civilian total
        for level in (3, 4):
            key = ("530100", "civilian", level)
            expected[key] = (expected[key][0], None)
    assert got == expected


def _check_adjustment(at, user, scope, snapshot) -> None:
    """The adjustment cost at the default target (60 %) is salary_adjustment_cost's rows of
    the scope, blanked where one to four people are below the target (auditor excepted)."""
    shown = table_with(at, "调整所需年度经费（元）", CODE)
    rows = snapshot.execute(
        """select bureau_code, people_below_target, adjustment_cost::double
        from marts.salary_adjustment_cost
        where target_pct = 60 and year = 2025 and list_contains(?, bureau_code)""",
        [list(scope)],
    ).fetchall()
    expected = {
        code: None if 0 < below < 5 and user != "auditor" else cost for code, below, cost in rows
    }
    got = {
        r[CODE]: None if pd.isna(r["调整所需年度经费（元）"]) else r["调整所需年度经费（元）"]
        for _, r in shown.iterrows()
    }
    assert got == expected


def _pay_rows(df, keys: tuple[str, ...]) -> dict[tuple, tuple]:
    """(people, average annual pay or None) by key, category codes instead of labels."""
    category = {"文职": "civilian", "勤务": "duty"}
    return {
        tuple(category.get(r[k], r[k]) for k in keys): (
            r["人数（人）"],
            None if pd.isna(r["人均年收入（元）"]) else r["人均年收入（元）"],
        )
        for _, r in df.iterrows()
    }


def _mart_pay(snapshot, mart: str, keys: str, prefectures: list[str]) -> dict[tuple, tuple]:
    rows = snapshot.execute(
        f"""select {keys}, people, avg_annual_gross::double from marts.{mart}
        where year = 2026 and list_contains(?, prefecture_code)""",
        [prefectures],
    ).fetchall()
    return {tuple(r[:-2]): (r[-2], r[-1]) for r in rows}


def _check_compliance(at, user, scope, snapshot) -> None:
    expected = snapshot.execute(
        "select count(*) from marts.compliance_violations where list_contains(?, bureau_code)",
        [list(scope)],
    ).fetchone()[0]
    register = table_with(at, "风险等级", "期间")
    assert len(register) == expected
    assert ("姓名" in register.columns) == (user == "auditor")


def _check_quality(at, user, scope, snapshot) -> None:
    """Every file listed is one of the scope's bureaus' (by the admin code in its path); only
    province-wide logins see files that name no bureau (org_units/org_units.csv)."""
    codes = {
        r[0]
        for r in snapshot.execute(
            "select admin_code from marts.dim_bureau where list_contains(?, bureau_code)",
            [list(scope)],
        ).fetchall()
    }
    shown = {f for df in tables(at) if "文件" in df.columns for f in df["文件"].dropna()}
    assert shown, user
    province_wide = user in {"province", "finance", "auditor"}
    for file in shown:
        parts = file.split("/")
        assert parts[1] in codes if len(parts) > 2 else province_wide, (user, file)


def test_register_filter_and_drill_down(app_env: Path):
    at = login("auditor")
    at.switch_page("views/compliance.py").run()
    at.multiselect(key="f_rule.zh").select("A16_NO_VALID_CONTRACT").run()
    register = table_with(at, "风险等级", "期间")
    assert list(register["规则"]) == ["无有效劳动合同"]  # the rule's title, not its id
    assert list(register["姓名"]) == ["张三"]
    evidence = table_with(at, "项目")
    shown = dict(zip(evidence["项目"], evidence["值"], strict=True))
    assert shown == {"合同终止日": "2026-08-31"}


def test_area_narrows_to_one_prefecture(app_env: Path):
    at = login("province")
    at.sidebar.selectbox(key="area").select("530300").run()
    at.switch_page("views/planning.py").run()
    assert set(table_with(at, "核准额度（人）")[CODE]) == {"530300000000", "530302000000"}


def test_area_drills_down_to_a_county_and_its_stations(app_env: Path):
    """Province → prefecture → county → unit: each pick narrows the scope; a county picked
    shows its stations by post and level."""
    at = login("province")
    at.sidebar.selectbox(key="area").select("530100").run()
    at.switch_page("views/planning.py").run()
    assert set(table_with(at, "核准额度（人）")[CODE]) == {KUNMING, WUHUA, PANLONG}
    assert not [df for df in tables(at) if "机构名称" in df.columns]
    at.sidebar.selectbox(key="area_county").select(PANLONG).run()
    assert not at.exception
    assert set(table_with(at, "核准额度（人）")[CODE]) == {PANLONG}
    units = table_with(at, "机构名称", "岗位")
    stations = {"盘龙分局拓东派出所", "盘龙分局鼓楼派出所"}
    assert set(units["机构名称"]) == {"昆明市公安局盘龙分局", *stations}
    assert "盘龙分局" in "".join(s.value for s in at.subheader)
    # a prefecture login starts at its prefecture: the county level is the next pick
    at = login("kunming")
    at.switch_page("views/planning.py").run()
    assert set(at.sidebar.selectbox(key="area_county").options) == {
        "昆明市公安局五华分局",
        "昆明市公安局盘龙分局",
    }


def test_planning_in_english_has_no_raw_names(app_env: Path):
    """Every header of the planning page's tables is a label, in English too."""
    for lang in ("zh", "en"):
        at = login("wuhua")
        at.sidebar.radio(key="lang").set_value(lang).run()
        at.switch_page("views/planning.py").run()
        assert not at.exception
        headers = {h for df in tables(at) for h in df.columns}
        raw = {h for h in headers if "_" in h}
        assert not raw, (lang, raw)
        if lang == "en":
            assert "Incident workload (FTE)" in headers
            assert "assumed post configuration" in shown_text(at)


def test_slider_recomputes_proposal(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """The proposal shares the province total over the whole province: the province login's
    rows sum to the total set; a prefecture login sees its bureaus' part of that same run."""
    totals = {}
    for user in ("province", "kunming"):
        at = login(user)
        at.switch_page("views/planning.py").run()
        at.slider(key="damping").set_value(20).run()
        total = at.slider(key="total")
        target = total.min + 1
        total.set_value(target).run()
        assert not at.exception
        live = table_with(at, "重算建议额度")
        assert set(live[CODE]) == set(SCOPE_OF_USER[user])
        keys = zip(live[CODE], live["类别"], strict=True)
        totals[user] = dict(zip(keys, live["重算建议额度"], strict=True))
    assert sum(totals["province"].values()) == target
    assert all(totals["province"][key] == quota for key, quota in totals["kunming"].items())


def test_english_switch(app_env: Path):
    at = login("province")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert any(m.label == "Headcount" for m in at.metric)
    at.switch_page("views/finance.py").run()
    assert any("Total cost (yuan)" in df.columns for df in tables(at))


def test_new_snapshot_is_picked_up(app_env: Path, tmp_path: Path, monkeypatch):
    # a copy of the warehouse, so the session-wide fixture stays as it is
    warehouse = tmp_path / "wh"
    shutil.copytree(app_env, warehouse)
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(warehouse))
    at = login("province")
    before = next(m.value for m in at.metric if m.label == "违规线索")
    published = warehouse / "published" / "auxforce_published.duckdb"
    staged = published.with_suffix(".new")
    shutil.copy(published, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute(
            """insert into marts.compliance_violations
            select * replace ('A29_EQUIPMENT_NOT_RETURNED' as rule_id)
            from marts.compliance_violations limit 1"""
        )
    staged.replace(published)  # the publish step's atomic swap
    at.run()
    after = next(m.value for m in at.metric if m.label == "违规线索")
    assert int(after.split()[0]) == int(before.split()[0]) + 1
