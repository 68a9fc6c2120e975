"""Headless Chromium: the prefecture user 昆明 opens 人员预测与招聘计划, sees the forecast, the
backtest figures and the plan of its own bureaus only, and downloads its 招聘计划表: filed by
昆明市公安局, with 昆明's three bureaus and nobody else's (issue 14). The workbook and a
screenshot go to test-artifacts/."""

from __future__ import annotations

import openpyxl
import pytest

from tests.dashboards.browser import (
    ARGS,
    ARTIFACTS,
    CHROMIUM,
    EXCEPTION,
    IDLE,
    SHOTS,
    login,
    open_page,
)

pytestmark = [pytest.mark.browser]

KUNMING_BUREAUS = {"昆明市公安局", "昆明市公安局五华分局", "昆明市公安局盘龙分局"}
OTHERS = ("云南省公安厅", "曲靖市公安局", "曲靖市公安局麒麟分局")


def test_prefecture_user_downloads_its_recruitment_plan(server: str):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1100}, accept_downloads=True)
        login(page, server, "kunming")
        open_page(page, "人员预测与招聘计划")
        assert page.locator(EXCEPTION).count() == 0
        # the fixture's backtest figures (forecast_fixture.py): MAPE 4.2 %, bias +0.8 %
        assert "4.2% / +0.8%" in page.locator(".st-key-backtest").inner_text()
        plan = page.locator(".st-key-plan")
        plan.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "recruitment_kunming.png"), full_page=True)

        button = page.get_by_role("button", name="下载招聘计划表")
        button.scroll_into_view_if_needed()
        with page.expect_download() as download:
            button.click()
        saved = ARTIFACTS / download.value.suggested_filename
        download.value.save_as(saved)
        browser.close()

    assert saved.name.startswith("招聘计划表_2027_530100_昆明市公安局"), saved.name
    sheet = openpyxl.load_workbook(saved).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any("填报单位" in c and "昆明市公安局" in c for c in cells), cells[:10]
    # the data lines: a bureau name in column A followed by its category
    names = {
        row[0]
        for row in sheet.iter_rows(values_only=True)
        if row[0] and len(row) > 1 and row[1] in ("文职", "勤务")
    }
    assert names == KUNMING_BUREAUS, names
    assert not [c for c in cells if any(other in c for other in OTHERS)]


def test_choice_survives_a_language_switch(server: str):
    """The plan's 额度口径 chosen in Chinese is still chosen in English: Streamlit keeps a
    radio's value as its label, so a language switch left no option checked (and the
    default shown) until the widgets were keyed per language (lib/ui.translated)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1100})
        login(page, server, "province")
        open_page(page, "人员预测与招聘计划")
        basis = page.locator(".st-key-plan [data-testid='stRadio']")
        basis.get_by_text("建议额度").click()
        page.wait_for_selector(IDLE)
        page.get_by_text("English").click()
        page.get_by_role("heading", name="Forecast and recruitment").wait_for()
        page.wait_for_selector(IDLE)
        checked = basis.locator("label:has(input:checked)").all_inner_texts()
        browser.close()
    assert checked == ["proposed quota"], checked
