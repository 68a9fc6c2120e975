"""Issue 13 (AppTest): the register and the rule catalogue in an inspector's words, for the
auditor and the province roles: rule titles instead of rule ids, evidence keys and code values
as Chinese labels, the landing file and row of each finding (来源文件 / 行号), closed findings,
the article texts of the regulation; English when the user switches language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboards.test_app import login, table_with

RULE_IDS = ("A6_OVER_QUOTA", "A16_NO_VALID_CONTRACT", "A27_NO_PRESERVICE_TRAINING")


@pytest.mark.parametrize("user", ["auditor", "province"])
def test_register_in_chinese(app_env: Path, user: str) -> None:
    at = login(user)
    at.switch_page("views/compliance.py").run()
    assert not at.exception, at.exception
    register = table_with(at, "风险等级", "期间", "来源文件 / 行号")
    assert "无有效劳动合同" in set(register["规则"])
    assert "未经岗前培训上岗" in set(register["规则"])
    assert not set(register["规则"]) & set(RULE_IDS)  # titles, not codes
    assert set(register["风险等级"]) <= {"高", "中"}
    assert "养老保险" in set(register["细项"])  # A34 detail as its label
    rows = register["来源文件 / 行号"].dropna()
    assert rows.str.contains("花名册").all() and rows.str.contains("行").all()
    # closed findings stay listed, with why they closed
    closed = table_with(at, "关闭时间", "关闭原因")
    assert set(closed["关闭原因"]) == {"数据已更正"}

    f_rule = at.multiselect(key="f_rule.zh")
    assert "无有效劳动合同" in f_rule.options  # the filter offers titles

    # drill down to the finding resting on records before the data window
    f_rule.select("A27_NO_PRESERVICE_TRAINING").run()
    evidence = table_with(at, "项目", "值")
    shown = dict(zip(evidence["项目"], evidence["值"], strict=True))
    assert shown["入职日期"] == "2019-03-10"
    assert shown["依据数据窗口前的记录"] == "是"
    assert any("数据窗口之前" in w.value for w in at.warning)
    source = table_with(at, "来源文件", "行号")
    assert list(source["来源文件"]) == [
        "530000/roster_530000_2026-10.xlsx",
        "530000/incident_staff_530000_2024-11.csv",
    ]
    assert list(source["行号"]) == ["31", "118"]
    assert any("岗前培训" in m.value for m in at.markdown)  # the text of Art. 27

    assert ("姓名" in register.columns) == (user == "auditor")


@pytest.mark.parametrize("user", ["auditor", "province"])
def test_rule_catalogue_in_chinese(app_env: Path, user: str) -> None:
    at = login(user)
    at.switch_page("views/rules.py").run()
    assert not at.exception, at.exception
    catalogue = table_with(at, "规则名称", "触发条件", "阈值", "条款")
    assert len(catalogue) == 18
    assert "辅警单独执法" in set(catalogue["规则名称"])
    assert set(catalogue["风险等级"]) == {"高", "中"}
    text = "".join(e.label for e in at.expander)
    assert "第八条" in text and "第三十四条" in text
    markdown = "".join(m.value for m in at.markdown)
    assert "不得单独执法" in markdown  # the text of Art. 8


def test_register_in_english(app_env: Path) -> None:
    at = login("auditor")
    at.switch_page("views/rules.py").run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    catalogue = table_with(at, "What fires it", "Thresholds")
    assert "Enforcement incident with auxiliaries and no police officer" in set(catalogue["Title"])
    at.switch_page("views/compliance.py").run()
    assert not at.exception, at.exception
    register = table_with(at, "Severity", "Period")
    assert "In service without a valid labour contract" in set(register["Rule"])
    assert set(register["Severity"]) <= {"high", "medium"}
