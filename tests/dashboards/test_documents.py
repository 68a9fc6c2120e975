"""The approval documents (issue 14, 报批材料) read back from their workbooks: header block,
lines of the scope's bureaus only, totals hand-worked from the fixture rows (and, for the
招聘计划表, equal to the rollup mart), numbers stored as numbers, the articles, the signature
block, the print setup in the XML, the logged download and the command line."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from dagster_project.settings import Settings
from tests.dashboards.conftest import APP
from tests.dashboards.documents_read import (
    HEADER_ROW,
    lines,
    paragraphs,
    scope_of,
    sheet_rows,
    table,
)
from tests.dashboards.snapshot_fixture import KUNMING, PANLONG, WUHUA

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import access_log
from lib.documents import DOCUMENTS

AS_OF = "数据截至：2026年10月花名册（数据快照 2026-11-03 08:10 发布）"
KUNMING_NAMES = {"昆明市公安局", "昆明市公安局五华分局", "昆明市公安局盘龙分局"}


def build(key: str, user: str, snapshot: duckdb.DuckDBPyConnection, **options: object) -> bytes:
    return DOCUMENTS[key].build(scope_of(user, snapshot), "zh", **options)


def assert_header(rows: list[list[object]], title: str, filer: str, year: int, units: str):
    assert rows[0][0] == title
    assert rows[2][0] == f"填报单位（盖章）：{filer}"
    assert f"年度：{year}" in rows[2]
    assert rows[3][0] == AS_OF
    assert f"计量单位：{units}" in rows[3]


def assert_signatures(rows: list[list[object]]) -> None:
    """The last row: 经办人 / 审核人 / 单位负责人 / 日期, each with a line to sign on."""
    signatures = str(rows[-1][0])
    for label in ("经办人：＿", "审核人：＿", "单位负责人：＿", "日期：＿＿＿＿年＿＿月＿＿日"):
        assert label in signatures, label


def test_quota_request_of_a_prefecture(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    rows = sheet_rows(build("quota_request", "kunming", snapshot))
    assert_header(rows, "2027年度警务辅助人员用人额度申报表", "昆明市公安局", 2027, "人")
    shown = table(rows)
    # its own bureaus only: 昆明 and its two counties, civilian and duty each
    assert {k.split("/")[0] for k in lines(rows)} == KUNMING_NAMES
    assert len(lines(rows)) == 6
    wuhua = shown["昆明市公安局五华分局/勤务"]
    assert (wuhua["现核定额度"], wuhua["在岗人数"], wuhua["建议核定数"], wuhua["增减"]) == (
        38,
        41,
        41,
        3,
    )
    assert wuhua["理由"].startswith("增幅受动态调整幅度限制：按上限 41 人")
    assert shown["昆明市公安局盘龙分局/勤务"]["本级申报数"] == "—"  # 盘龙 filed no request
    people = ("现核定额度", "在岗人数", "建议核定数", "增减")
    assert all(float(cells[h]).is_integer() for cells in shown.values() for h in people)
    # 现核定 17+33+5+38+10+38, 在岗 15+31+3+41+8+36, 申报 18+35+6+44+11 (盘龙 duty none),
    # 建议 16+32+5+41+11+41, 增减 -1-1+0+3+1+3
    total = shown["合计"]
    assert [total[h] for h in ("现核定额度", "在岗人数", "本级申报数", "建议核定数", "增减")] == [
        141,
        134,
        114,
        146,
        5,
    ]
    assert (shown["其中：文职"]["建议核定数"], shown["其中：勤务"]["建议核定数"]) == (32, 114)
    text = paragraphs(rows)
    assert "说明：" in text and "依据条款：" in text
    assert any(c.startswith("第六条　") and "用人额度管理制度" in c for c in text)
    assert "本级申报数为“—”的：未报送 2027 年度申报额度。" in text
    assert_signatures(rows)


def test_totals_equal_the_marts(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    shown = table(sheet_rows(build("quota_request", "kunming", snapshot)))
    proposed = snapshot.sql(
        f"""select sum(proposed_quota) from marts.quota_request
        where bureau_code in ('{KUNMING}', '{WUHUA}', '{PANLONG}')"""
    ).fetchall()[0][0]
    assert shown["合计"]["建议核定数"] == proposed == 146


@pytest.mark.parametrize(
    ("basis", "quarters", "year_total", "cap"),
    [("approved", [5, 3, 1, 1], 10, 141), ("proposed", [6, 3, 1, 1], 11, 146)],
)
def test_recruitment_plan_totals_from_the_rollup(
    app_env: Path,
    snapshot: duckdb.DuckDBPyConnection,
    basis: str,
    quarters: list[int],
    year_total: int,
    cap: int,
):
    """昆明's plan, hand-worked from documents_fixture.py: Q1 = 1+1 (昆明) + 1+0 (五华) + 1+1
    (盘龙, 2 on the proposed basis), Q2 = 0+1 + 1+0 + 0+1, Q3 = 1 (盘龙 civilian), Q4 = 1
    (昆明 civilian); caps the 2026 approved quotas (or the proposed ones)."""
    rows = sheet_rows(build("recruitment_plan", "kunming", snapshot, basis=basis))
    assert_header(rows, "2027年度警务辅助人员招聘计划表", "昆明市公安局", 2027, "人")
    named = {"approved": "核定额度", "proposed": "建议核定额度（用人额度申报表）"}[basis]
    assert rows[1][0] == f"额度口径：{named}"
    shown = table(rows)
    assert {k.split("/")[0] for k in lines(rows)} == KUNMING_NAMES
    total = shown["合计"]
    assert [total[f"{q}季度"] for q in "一二三四"] == quarters
    assert (total["全年计划招聘"], total["用人额度"], total["转下年度"]) == (year_total, cap, 0)
    rollup = snapshot.sql(
        f"""select quarter, planned_hires, cap_quota, unmet from marts.recruitment_plan_rollup
        where scope_level = 'prefecture' and scope_code = '530100' and category = 'all'
            and quota_basis = '{basis}' order by quarter"""
    ).fetchall()
    assert [r[1] for r in rollup] == [year_total, *quarters]
    assert (rollup[0][2], rollup[0][3]) == (cap, 0)
    # civilian 1+1+1 | 0+1+0 | 0+0+1 | 1+0+0, the rest duty
    civilian = shown["其中：文职"]
    assert [civilian[f"{q}季度"] for q in "一二三四"] == [3, 1, 1, 1]
    assert shown["其中：勤务"]["全年计划招聘"] == year_total - 6
    over = shown["昆明市公安局五华分局/勤务"]
    if basis == "approved":
        assert over["理由"] == "预测人数超出用人额度，暂停招聘"
    assert over["学历要求"] == "高中（中专）及以上"
    assert shown["昆明市公安局五华分局/文职"]["学历要求"] == "大专及以上"
    text = paragraphs(rows)
    assert any(c.startswith("第十条　公安机关应当在用人额度内提出招聘计划") for c in text)
    assert any(c.startswith("第十三条　……（五）勤务警务辅助人员应当具有高中以上") for c in text)
    assert_signatures(rows)


def test_recruitment_plan_of_the_province(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """Province: 昆明 10 and 曲靖 9 (Q1 1+1+1+2, Q2 1 deferred by 麒麟, Q3 1+1, Q4 1, one
    unmet) as subtotals, the province bureau's 4 beside them: 23 (12, 5, 4, 2), caps 259."""
    rows = sheet_rows(build("recruitment_plan", "province", snapshot))
    assert_header(rows, "2027年度警务辅助人员招聘计划表", "云南省公安厅", 2027, "人")
    shown = table(rows)
    assert len(lines(rows)) == 12
    assert shown["昆明市公安局小计"]["全年计划招聘"] == 10
    assert (shown["曲靖市公安局小计"]["全年计划招聘"], shown["曲靖市公安局小计"]["转下年度"]) == (
        9,
        1,
    )
    assert "云南省公安厅小计" not in shown  # one bureau: no subtotal
    total = shown["合计"]
    assert [total[f"{q}季度"] for q in "一二三四"] == [12, 5, 4, 2]
    assert (total["全年计划招聘"], total["用人额度"], total["转下年度"]) == (23, 259, 1)
    rollup = snapshot.sql(
        """select planned_hires, cap_quota, unmet from marts.recruitment_plan_rollup
        where scope_level = 'province' and category = 'all' and quarter = 0
            and quota_basis = 'approved'"""
    ).fetchall()[0]
    assert rollup == (23, 259, 1)
    # only the province bureau's quota is carried forward in the fixture: said on its lines
    assert shown["云南省公安厅/文职"]["理由"].startswith("沿用2026年核定额度。")
    assert not shown["曲靖市公安局/文职"]["理由"].startswith("沿用")
    assert shown["曲靖市公安局麒麟分局/勤务"]["理由"] == (
        "一季度：本季度岗前培训名额已满，未满足部分顺延至下季度；"
        "二、三季度：在用人额度内补足预测减员；四季度：本季度无新增空缺，无需招聘"
    )


def test_a_county_sums_its_own_lines(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """五华 (no rollup level for a county): civilian 1 1 0 0, duty over quota 0 0 0 0."""
    rows = sheet_rows(build("recruitment_plan", "wuhua", snapshot))
    assert rows[2][0] == "填报单位（盖章）：昆明市公安局五华分局"
    shown = table(rows)
    assert set(lines(rows)) == {"昆明市公安局五华分局/文职", "昆明市公安局五华分局/勤务"}
    total = shown["合计"]
    assert [total[f"{q}季度"] for q in "一二三四"] == [1, 1, 0, 0]
    assert (total["全年计划招聘"], total["用人额度"]) == (2, 5 + 38)


def test_budget_of_a_prefecture(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """Pay = planned x monthly base x 1.03 x 12: 昆明 48 x 4,600.00 (16 x 4,200 + 32 x 4,800
    over 48) = 2,729,088.00; 五华 46 x 4,634.78 = 2,635,150.52; 盘龙 52 x 4,473.08 =
    2,874,937.98; accident 146 x 180, other 146 x 3,000."""
    rows = sheet_rows(build("budget", "kunming", snapshot))
    assert_header(rows, "2027年度警务辅助人员经费预算表", "昆明市公安局", 2027, "人、元")
    shown = table(rows)
    assert set(shown) == KUNMING_NAMES | {"合计"}
    assert shown["昆明市公安局"]["工资"] == pytest.approx(2_729_088.00, abs=0.005)
    total = shown["合计"]
    assert total["计划人数"] == 146
    assert total["工资"] == pytest.approx(8_239_176.50, abs=0.005)
    assert (total["意外伤害保险"], total["其他经费"]) == (26_280, 438_000)
    assert total["人均经费"] == ""  # an average is not summed
    text = " ".join(c for row in rows for c in row if isinstance(c, str))
    assert "上调 3.0%" in text and "单位社保费率 24.65%" in text
    assert "第五条　" in text and "第三十四条　" in text
    assert_signatures(rows)


def test_salary_adjustment_of_a_prefecture(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """Target 60 % of 昆明's 118,000 = 70,800 a year. 昆明: civilians 15 x (70,800 − 50,400) +
    duty 30 x (70,800 − 57,600) + the duty person of 2 months (11,800 − 9,600) = 704,200;
    五华 3 x 21,600 + 40 x 14,400 + 2,400 = 643,200; 盘龙 8 x 22,800 + 35 x 15,600 + 2,600 =
    731,000; employer insurance 24.65 % of each, rounded per bureau."""
    rows = sheet_rows(build("salary_adjustment", "kunming", snapshot))
    assert_header(
        rows, "警务辅助人员薪酬调整测算表（2025年度工资）", "昆明市公安局", 2025, "人、元"
    )
    shown = table(rows)
    assert shown["昆明市公安局"]["工资差额"] == 704_200
    assert shown["昆明市公安局"]["目标年工资"] == 70_800
    total = shown["合计"]
    assert (total["人数"], total["低于目标人数"]) == (134, 134)
    assert total["工资差额"] == 2_078_400
    assert total["单位社保缴费"] == pytest.approx(173_585.30 + 158_548.80 + 180_191.50, abs=0.005)
    assert total["目标比例"] == pytest.approx(0.6)
    two = table(sheet_rows(build("salary_adjustment", "kunming", snapshot, targets=(60, 100))))
    assert two["目标 60% 合计"]["工资差额"] == 2_078_400
    assert "目标 100% 合计" in two


TEXT_COLUMNS = {"单位", "类别", "经费保障层级", "理由", "学历要求"}


def test_blanked_amounts_print_as_a_dash(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """At 45 % of 118,000 = 53,100 a year only 五华's 3 civilians (49,200) are below: the
    reader blanks the amounts of a cell of 1-4 people, the document says why."""
    rows = sheet_rows(build("salary_adjustment", "wuhua", snapshot, targets=(45,)))
    line = table(rows)["昆明市公安局五华分局"]
    assert (line["低于目标人数"], line["工资差额"], line["调整所需经费"]) == (3, "—", "—")
    assert table(rows)["合计"]["调整所需经费"] == "—"
    assert any(p.startswith("“—”：低于目标的人数为 1–4 人") for p in paragraphs(rows))


def test_numbers_are_numbers(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """Figures are number cells (blank or "—" where there is none), text columns strings."""
    for key in DOCUMENTS:
        for label, cells in table(sheet_rows(build(key, "kunming", snapshot))).items():
            figures = [v for h, v in cells.items() if h not in TEXT_COLUMNS]
            assert all(isinstance(v, float) or v in ("", "—") for v in figures), (key, label)
            assert all(isinstance(v, str) for h, v in cells.items() if h in TEXT_COLUMNS)


def test_print_setup_in_the_xml(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    for key in DOCUMENTS:
        with zipfile.ZipFile(io.BytesIO(build(key, "kunming", snapshot))) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
            workbook = book.read("xl/workbook.xml").decode()
        assert re.search(r'<pageSetup paperSize="9"[^>]*orientation="landscape"', sheet), key
        # one page wide, as long as needed (fitToWidth 1 is the default, so not written)
        assert '<pageSetUpPr fitToPage="1"/>' in sheet and 'fitToHeight="0"' in sheet, key
        assert "&amp;C第 &amp;P 页，共 &amp;N 页" in sheet, key
        assert "<f>" not in sheet, key  # no formula anywhere
        assert re.search(r'<definedName name="_xlnm.Print_Area" localSheetId="0">', workbook)
        assert re.search(r"_xlnm.Print_Titles[^<]*>[^<]*!\$5:\$5<", workbook), key


def test_a_county_reads_only_its_bureau(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    for key in DOCUMENTS:
        rows = sheet_rows(build(key, "wuhua", snapshot))
        labels = set(table(rows))
        names = {label.split("/")[0] for label in labels} - {"合计", "其中：文职", "其中：勤务"}
        assert names == {"昆明市公安局五华分局"}, key


def test_english(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    scope = scope_of("kunming", snapshot)
    rows = sheet_rows(DOCUMENTS["recruitment_plan"].build(scope, "en"))
    assert rows[0][0] == "Auxiliary police recruitment plan 2027"
    assert rows[2][0] == "Filed by: 昆明市公安局"
    assert rows[HEADER_ROW][:3] == ["Bureau", "Category", "Quota cap"]
    assert "civilian" in [r[1] for r in rows]
    name = DOCUMENTS["recruitment_plan"].file_name(scope, "en")
    assert name == "Recruitment_plan_2027_530100_approved.xlsx"
    for key, document in DOCUMENTS.items():  # every header and label in English
        rows = sheet_rows(document.build(scope, "en"))
        assert rows[0][0].startswith("Auxiliary police"), key
        cjk = re.compile(r"[\u4e00-\u9fff]")
        assert not any(cjk.search(str(h)) for h in rows[HEADER_ROW]), key
        assert {"Total", "Notes:", "Articles relied on:"} <= set(paragraphs(rows)), key


def test_file_names(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    scope = scope_of("kunming", snapshot)
    names = {key: d.file_name(scope) for key, d in DOCUMENTS.items()}
    assert names == {
        "quota_request": "用人额度申报表_2027_530100_昆明市公安局.xlsx",
        "recruitment_plan": "招聘计划表_2027_530100_昆明市公安局_核定额度.xlsx",
        "budget": "经费预算表_2027_530100_昆明市公安局.xlsx",
        "salary_adjustment": "薪酬调整测算表_2025_530100_昆明市公安局_目标60%.xlsx",
    }
    proposed = DOCUMENTS["recruitment_plan"].file_name(scope, basis="proposed")
    assert proposed.endswith("_建议额度.xlsx")


def test_download_is_logged(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    scope = scope_of("kunming", snapshot)
    data = DOCUMENTS["recruitment_plan"].download(scope, "zh", basis="proposed")
    assert data[:2] == b"PK"
    log = access_log.open_log(Settings.from_env().access_log_url)
    entry = next(e for e in log.entries(username="kunming") if e.kind == "export")
    assert entry.detail == {
        "table": "document_recruitment_plan",
        "format": "xlsx",
        "filer": KUNMING,
        "options": {"basis": "proposed"},
    }
    assert entry.rows == 6 and set(entry.bureaus) == {KUNMING, WUHUA, PANLONG}


def test_command_line_writes_the_province(app_env: Path, tmp_path: Path):
    from dashboards import documents as cli

    assert cli.run(["--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    # the province and its two prefectures, four documents each
    assert len(written) == 12
    filers = {"530000": "云南省公安厅", "530100": "昆明市公安局", "530300": "曲靖市公安局"}
    for admin, name in filers.items():
        assert f"招聘计划表_2027_{admin}_{name}_核定额度.xlsx" in written
    book = tmp_path / "招聘计划表_2027_530300_曲靖市公安局_核定额度.xlsx"
    qujing = table(sheet_rows(book.read_bytes()))
    assert qujing["合计"]["全年计划招聘"] == 9
    assert {k.split("/")[0] for k in qujing if "/" in k} == {"曲靖市公安局", "曲靖市公安局麒麟分局"}
