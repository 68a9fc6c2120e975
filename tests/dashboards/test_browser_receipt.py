"""Headless Chromium: the county user 五华 opens 数据质量, is offered only its own files and
downloads the return workbook (回执) of its October roster. The workbook and a screenshot go
to test-artifacts/."""

from __future__ import annotations

import openpyxl
import pytest

from tests.dashboards.browser import ARGS, ARTIFACTS, CHROMIUM, EXCEPTION, SHOTS, login, open_page

pytestmark = [
    pytest.mark.browser,
]


def test_county_user_downloads_its_receipt(server: str):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        login(page, server, "wuhua")
        open_page(page, "数据质量")
        assert page.locator(EXCEPTION).count() == 0

        # the files on offer: 五华's own (530102) and nobody else's
        page.get_by_role("combobox", name="文件").click()
        offered = page.get_by_role("option").all_inner_texts()
        page.keyboard.press("Escape")
        assert len(offered) == 6, offered
        assert all("/530102/" in option for option in offered), offered
        page.screenshot(path=str(SHOTS / "quality_receipt.png"), full_page=True)

        with page.expect_download() as download:
            page.get_by_role("button", name="下载回执（XLSX）").click()
        saved = ARTIFACTS / download.value.suggested_filename
        download.value.save_as(saved)
        browser.close()

    assert saved.name == "回执_roster_530102_2026-10.xlsx"
    book = openpyxl.load_workbook(saved)
    summary = {r[0]: r[1] for r in book["回执"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert summary["报送单位"] == "昆明市公安局五华分局"
    held = book["退回行"]
    assert [held.cell(r, 7).value for r in (4, 5)] == [17, 30]
