"""整改台账 in headless Chromium against `streamlit run` on the fixture, each user in a browser
context of its own: the inspector (auditor) assigns a finding of 五华分局, the county user
wuhua answers it, the inspector verifies and closes it, then downloads the register.
Screenshots of the case list after each step go to test-artifacts/screenshots/casework_*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from tests.dashboards.browser import ARGS, ARTIFACTS, CHROMIUM, EXCEPTION, IDLE, SHOTS, login, serve
from tests.dashboards.browser import open_page as open_link

pytestmark = [
    pytest.mark.browser,
]
TITLE = "整改台账"
VIEWPORT = {"width": 1440, "height": 1800}


def _after(page, action, text: str) -> None:
    """Do `action`, then wait until `text` is shown and the run has ended."""
    action()
    page.get_by_text(text).first.wait_for(timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert page.locator(EXCEPTION).count() == 0


def test_assign_answer_close(warehouse_dir: Path, tmp_path: Path, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("AUXFORCE_CASES_URL", f"sqlite:///{tmp_path / 'cases' / 'cases.db'}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serve(warehouse_dir) as (url, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        inspector = browser.new_context(viewport=VIEWPORT, accept_downloads=True).new_page()
        login(inspector, url, "auditor")
        open_link(inspector, TITLE)
        assert inspector.locator(EXCEPTION).count() == 0

        # assign the A34 finding (by its title) of 五华分局 with the default deadline
        inspector.get_by_label("违规线索（未立案）").click()
        inspector.get_by_role("option", name=re.compile(r"未缴纳社会保险.*五华分局")).click()
        inspector.get_by_label("整改要求").fill("补缴养老保险并提交缴费凭证")
        _after(
            inspector,
            inspector.get_by_role("button", name="交办").click,
            "已交办 昆明市公安局五华分局",
        )
        cases = inspector.locator('[data-testid="stDataFrame"]').first
        cases.wait_for(state="visible", timeout=30_000)
        inspector.screenshot(path=str(SHOTS / "casework_1_assigned.png"))

        county = browser.new_context(viewport=VIEWPORT).new_page()
        login(county, url, "wuhua")
        open_link(county, TITLE)
        assert county.get_by_role("button", name="交办").count() == 0  # bureaus do not assign
        county.get_by_label("整改情况").fill("已为李四补缴 2026 年 10 月养老保险，凭证已上传。")
        _after(county, county.get_by_role("button", name="提交反馈").click, "整改情况已提交。")
        county.screenshot(path=str(SHOTS / "casework_2_answered.png"))

        _after(inspector, inspector.get_by_role("button", name="刷新").click, "已反馈")
        inspector.get_by_label("核查意见").fill("缴费凭证核查属实，予以销号。")
        _after(
            inspector, inspector.get_by_role("button", name="销号", exact=True).click, "已销号。"
        )
        inspector.screenshot(path=str(SHOTS / "casework_3_closed.png"))
        history = inspector.locator('[data-testid="stDataFrame"]').nth(1)
        history.wait_for(state="visible", timeout=30_000)

        with inspector.expect_download() as download:
            inspector.get_by_role("button", name="下载整改台账（XLSX）").click()
        saved = ARTIFACTS / download.value.suggested_filename
        download.value.save_as(saved)
        sheet = openpyxl.load_workbook(saved)["整改台账"]
        header = [c.value for c in sheet[4]]
        row = {h: c.value for h, c in zip(header, sheet[5], strict=True)}
        assert row["状态"] == "已销号" and row["版本"] == 3
        assert row["责任单位"] == "昆明市公安局五华分局"
        browser.close()
