"""整改台账 page (AppTest, SQLite store in a temporary folder): an inspector assigns a finding,
the county bureau answers its own case, the inspector closes it; a change made meanwhile by
someone else gives the Chinese conflict message and overwrites nothing; the workbook export
is formatted; other roles only read."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboards.conftest import APP
from tests.dashboards.snapshot_fixture import ALL_BUREAUS, WUHUA
from tests.dashboards.test_app import login

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import casework
from lib.cases import Actor, local_today, open_repository

PAGE = "views/casework.py"
A34 = "未缴纳社会保险"  # the title of A34_INSURANCE_MISSING in the rule catalogue


@pytest.fixture
def cases_url(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("AUXFORCE_CASES_URL", url)
    return url


def open_page(user: str) -> AppTest:
    at = login(user)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, (label, [b.label for b in at.button])
    return found[0]


def messages(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in getattr(at, kind)]


def assign_first_wuhua_finding(at: AppTest) -> str:
    pick = at.selectbox(key="cw_assign_pick")
    # findings are offered by their rule's title (the catalogue's), not its id
    index = next(i for i, o in enumerate(pick.options) if "五华分局" in o and A34 in o)
    pick.set_value(index)
    at.text_input(key="cw_assign_note").input("补缴养老保险并提交凭证")
    button(at, "交办").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return index


def test_assign_answer_close(cases_url: str):
    at = open_page("auditor")
    assert at.header[0].value == "整改台账"
    assign_first_wuhua_finding(at)
    assert any("已交办" in m for m in messages(at, "success")), messages(at, "success")
    [case] = open_repository(cases_url).cases()
    assert (case.status, case.bureau_code, case.rule_id) == (
        "pending",
        WUHUA,
        "A34_INSURANCE_MISSING",
    )
    # the assigned finding is no longer offered
    assert not any(A34 in o and "五华" in o for o in at.selectbox(key="cw_assign_pick").options)

    county = open_page("wuhua")
    assert "五华分局" in county.dataframe[0].value.to_csv()
    assert not [b for b in county.button if b.label == "交办"]  # bureaus do not assign
    county.text_area(key="cw_answer_note").input("已补缴 2026 年 10 月养老保险")
    button(county, "提交反馈").click().run()
    assert "整改情况已提交。" in messages(county, "success")

    at = open_page("auditor")
    at.text_area(key="cw_verify_note").input("凭证核查属实")
    button(at, "销号").click().run()
    assert "已销号。" in messages(at, "success")
    repo = open_repository(cases_url)
    assert repo.get(case.case_id).status == "closed"
    assert [e.action for e in repo.events(case.case_id)] == ["assign", "answer", "close"]
    history = at.dataframe[1].value
    assert list(history["操作"]) == ["立案交办", "反馈整改情况", "核查销号"]


def test_conflict_message_and_nothing_lost(cases_url: str):
    at = open_page("auditor")
    assign_first_wuhua_finding(at)
    county = open_page("wuhua")  # the bureau loads version 1
    county.text_area(key="cw_answer_note").input("第二次提交")
    # meanwhile another clerk of the bureau answers the same case
    repo = open_repository(cases_url)
    [case] = repo.cases()
    repo.answer(Actor("wuhua2", "county", frozenset({WUHUA})), case.case_id, 1, "第一次提交")
    button(county, "提交反馈").click().run()
    assert "该案件已被他人更新，请刷新后重试。" in messages(county, "error")
    assert [e.note for e in repo.events(case.case_id)] == ["补缴养老保险并提交凭证", "第一次提交"]
    # the page now shows the new state: nothing left to answer
    assert county.caption and "本账号对该案件仅可查看。" in messages(county, "caption")


@pytest.mark.parametrize("user", ["finance", "kunming"])
def test_others_read_only(cases_url: str, user: str):
    repo = open_repository(cases_url)
    auditor = Actor("auditor", "auditor", frozenset(ALL_BUREAUS))
    repo.assign(
        auditor,
        {
            "finding_id": "x1",
            "rule_id": "A16_NO_VALID_CONTRACT",
            "bureau_code": WUHUA,
            "bureau_name": "昆明市公安局五华分局",
        },
        local_today() + timedelta(days=10),
    )
    at = open_page(user)
    labels = {b.label for b in at.button}
    assert not labels & {"交办", "销号", "重新整改"}
    if user == "finance":
        assert "提交反馈" not in labels and "本账号对该案件仅可查看。" in messages(at, "caption")
    else:  # a prefecture answers its counties' cases
        assert "提交反馈" in labels


def test_english_and_overdue(cases_url: str):
    repo = open_repository(cases_url)
    auditor = Actor("auditor", "auditor", frozenset(ALL_BUREAUS))
    repo.assign(
        auditor,
        {
            "finding_id": "late",
            "rule_id": "A16_NO_VALID_CONTRACT",
            "bureau_code": WUHUA,
            "bureau_name": "昆明市公安局五华分局",
        },
        local_today() - timedelta(days=5),
    )
    at = open_page("wuhua")
    table = at.dataframe[0].value
    assert list(table["逾期"]) == ["逾期"] and list(table["逾期天数"]) == [5]
    at.radio(key="lang").set_value("en").run()
    assert at.header[0].value == "Rectification"
    assert list(at.dataframe[0].value["Overdue"]) == ["Overdue"]


def test_workbook(cases_url: str):
    repo = open_repository(cases_url)
    auditor = Actor("auditor", "auditor", frozenset(ALL_BUREAUS))
    today = date(2026, 11, 30)
    c = repo.assign(
        auditor,
        {
            "finding_id": "9f86d081884c7d659a2feaa0c55ad015",
            "rule_id": "A34_INSURANCE_MISSING",
            "article": "第34条",
            "severity": "high",
            "bureau_code": WUHUA,
            "bureau_name": "昆明市公安局五华分局",
            "period": "2026-10",
            "person_key": "pk_wh_002",
        },
        today - timedelta(days=4),
    )
    data = casework.workbook(repo.cases(), repo.events(), "省厅督察审计", today, "zh")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["整改台账"]
    assert sheet["A1"].value == "违规线索整改台账"
    assert sheet["A2"].value == "填报单位：省厅督察审计"
    assert "2026年11月30日" in str([cell.value for cell in sheet[2]])
    header = [cell.value for cell in sheet[4]]
    assert header[:3] == ["序号", "案件编号", "责任单位"]
    row = {h: cell.value for h, cell in zip(header, sheet[5], strict=True)}
    assert row["序号"] == 1 and row["版本"] == 1 and row["逾期天数"] == 4  # numbers as numbers
    assert row["整改期限"].date() == c.deadline  # a date, not text
    assert row["状态"] == "待整改" and row["风险等级"] == "高"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.column_dimensions["B"].width >= 20
    history = book["处理记录"]
    assert [cell.value for cell in history[5]][5] == "立案交办"
