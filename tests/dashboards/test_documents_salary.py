"""The 薪酬调整测算表's total (issue 14 follow-up): salary_adjustment_rollup's figures for a
prefecture or the province, the bureaus blanked one by one merged on a line before it, or its
money blanked where that line would give a group of 1-4 people away. Hand-worked from the
fixture at 45 % (snapshot_fixture.py): the year's pay (12 months unless said) against 45 % of
the local wage (昆明 118,000: 53,100; 曲靖 97,000: 43,650; province 110,206), employer
insurance 24.65 % rounded per bureau:
    云南省公安厅     34 people, 3 below (temporary staff, 4 months at 4,000 against
                    4/12 x 49,592.70 = 16,530.90): gap 3 x 530.90 = 1,592.70, ins. 392.60
    昆明市公安局     46 people, 15 below (civilians at 50,400): 15 x 2,700 = 40,500.00, 9,983.25
    五华分局         44 people, 3 below (civilians at 49,200): 3 x 3,900 = 11,700.00, 2,884.05
    盘龙分局         44 people, 8 below (civilians at 48,000): 8 x 5,100 = 40,800.00, 10,057.20
    曲靖市公安局     40 people, 2 below (temporary staff, 5 months at 3,500 against
                    5/12 x 43,650 = 18,187.50): 2 x 687.50 = 1,375.00, 338.94
    麒麟分局         40 people, 3 below (the same): 3 x 687.50 = 2,062.50, 508.41
Shown one by one (5+ below, none at 40 %): 昆明市公安局 and 盘龙; the rest are 1-4 people."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from tests.dashboards.conftest import APP
from tests.dashboards.documents_read import paragraphs, scope_of, sheet_rows, table

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib.documents import DOCUMENTS

MONEY = ("工资差额", "单位社保缴费", "调整所需经费")


def _rows(user: str, snapshot: duckdb.DuckDBPyConnection, lang: str = "zh", **options: object):
    return sheet_rows(
        DOCUMENTS["salary_adjustment"].build(scope_of(user, snapshot), lang, **options)
    )


def _money(cells: dict[str, object]) -> tuple[object, ...]:
    return tuple(v if v == "—" else pytest.approx(v, abs=0.005) for v in (cells[h] for h in MONEY))


def test_province_total_with_the_blanked_bureaus_merged(
    app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    """The total is every bureau's: 248 people, 34 below, gap 1,592.70 + 40,500 + 11,700 +
    40,800 + 1,375 + 2,062.50 = 98,030.20, insurance 24,164.45, cost 122,194.65. The four
    blanked (省厅, 五华, 曲靖, 麒麟: 3 + 3 + 2 + 3 = 11 below) go on one line: the total less
    昆明市公安局 and 盘龙 = 16,730.20, 4,124.00, 20,854.20. It may be shown: 11 below, and the
    province less 曲靖's total (shown) leaves 省厅 and 五华, 6 people."""
    rows = _rows("province", snapshot, targets=(45,))
    shown = table(rows)
    total = shown["合计"]
    assert (total["人数"], total["低于目标人数"]) == (248, 34)
    assert _money(total) == _money(
        {"工资差额": 98_030.20, "单位社保缴费": 24_164.45, "调整所需经费": 122_194.65}
    )
    merged = shown["其余 4 个单位（按小单元保护规则不单列，金额合并列示）"]
    assert (merged["人数"], merged["低于目标人数"]) == (34 + 44 + 40 + 40, 11)
    assert _money(merged) == _money(
        {"工资差额": 16_730.20, "单位社保缴费": 4_124.00, "调整所需经费": 20_854.20}
    )
    labels = list(shown)
    assert labels.index("其余 4 个单位（按小单元保护规则不单列，金额合并列示）") == len(labels) - 2
    for name in ("云南省公安厅", "昆明市公安局五华分局", "曲靖市公安局", "曲靖市公安局麒麟分局"):
        assert _money(shown[name]) == ("—",) * 3, name
    assert shown["昆明市公安局"]["调整所需经费"] == pytest.approx(50_483.25, abs=0.005)
    # subtotals stay the lines shown: 昆明 50,483.25 + 50,857.20; 曲靖's two are blank
    assert shown["昆明市公安局小计"]["调整所需经费"] == pytest.approx(101_340.45, abs=0.005)
    assert shown["曲靖市公安局小计"]["调整所需经费"] == "—"
    notes = paragraphs(rows)
    assert any(p.startswith("“其余 N 个单位”行合并列示") for p in notes)
    assert not any(p.startswith("目标 45% 的合计金额不显示") for p in notes)


def test_prefecture_total_of_blanked_bureaus_only(
    app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    """曲靖 at 45 %: both its bureaus are blanked (2 and 3 below), together 5: the total and the
    merged line are the same, 80 people, gap 1,375 + 2,062.50 = 3,437.50, insurance 338.94 +
    508.41 = 847.35, cost 4,284.85."""
    shown = table(_rows("qujing", snapshot, targets=(45,)))
    expected = _money({"工资差额": 3_437.50, "单位社保缴费": 847.35, "调整所需经费": 4_284.85})
    for label in ("合计", "其余 2 个单位（按小单元保护规则不单列，金额合并列示）"):
        assert (shown[label]["人数"], shown[label]["低于目标人数"]) == (80, 5), label
        assert _money(shown[label]) == expected, label


def test_prefecture_total_blanked_when_the_rest_is_small(
    app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    """昆明 at 45 %: only 五华 (3 below) is blanked, so its total less 昆明市公安局 and 盘龙 would
    be 五华's 3 people: the total's money is blanked, its people (134, 15 + 3 + 8 = 26) are
    not, and there is no merged line; the note says why."""
    rows = _rows("kunming", snapshot, targets=(45,))
    shown = table(rows)
    total = shown["合计"]
    assert (total["人数"], total["低于目标人数"]) == (134, 26)
    assert _money(total) == ("—",) * 3
    assert not any(label.startswith("其余") for label in shown)
    assert shown["昆明市公安局盘龙分局"]["工资差额"] == pytest.approx(40_800.00, abs=0.005)
    notes = paragraphs(rows)
    assert any(p.startswith("目标 45% 的合计金额不显示") for p in notes)
    assert not any(p.startswith("“其余 N 个单位”") for p in notes)


def test_nothing_blanked_no_merged_line(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """At 60 % every bureau has 5+ below (昆明's total 2,078,400 in test_documents.py): the
    province's total is the sum of its lines, no merged line, no note on blanks; two targets
    (45, 60) each take their own total: 45 % as above, 60 % = the lines."""
    rows = _rows("province", snapshot, targets=(45, 60))
    shown = table(rows)
    lines = {k: v for k, v in shown.items() if k.startswith(("云南", "昆明", "曲靖"))}
    at_60 = [v for k, v in lines.items() if not k.endswith("小计") and v["目标比例"] == 0.6]
    assert len(at_60) == 6 and all(v["调整所需经费"] != "—" for v in at_60)
    total = shown["目标 60% 合计"]
    assert total["调整所需经费"] == pytest.approx(sum(v["调整所需经费"] for v in at_60), abs=0.01)
    assert shown["目标 45% 合计"]["调整所需经费"] == pytest.approx(122_194.65, abs=0.005)
    labels = list(shown)
    merged = [i for i, k in enumerate(labels) if k.startswith("其余")]
    assert merged == [labels.index("目标 45% 合计") - 1]  # one merged line, at 45 %
    assert not any(p.startswith("“—”") for p in paragraphs(_rows("province", snapshot)))


def test_merged_line_in_english(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    shown = table(_rows("province", snapshot, "en", targets=(45,)))
    assert "Other 4 bureaus (not listed under the small-cell rule, amounts together)" in shown
    assert shown["Total"]["Adjustment cost"] == pytest.approx(122_194.65, abs=0.005)
