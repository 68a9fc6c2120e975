"""Headless Chromium against `streamlit run` on the fixture: a county user logs in, opens
every page, moves a slider and downloads an export. Screenshots go to
test-artifacts/screenshots/, render and interaction times (tests/dashboards/browser.py
`timed`; recorded, not held to targets: tests/pipeline/test_dashboards_at_demo_scale.py
does that at demo scale) to test-artifacts/browser-timings.json.
"""

from __future__ import annotations

import json
import re

import openpyxl
import pytest

from tests.dashboards.browser import (
    ARGS,
    ARTIFACTS,
    CHROMIUM,
    EXCEPTION,
    PAGES,
    SHOTS,
    login,
    move_slider,
    open_page,
)

pytestmark = [
    pytest.mark.browser,
]


def test_county_user_walks_every_page(server: str):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    timings: dict[str, object] = {"user": "wuhua", "pages_ms": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        timings["login_ms"] = round(login(page, server, "wuhua"))
        # from the last page, so that the first one is opened by its link too
        for title in (*PAGES[1:], PAGES[0]):
            timings["pages_ms"][title] = round(open_page(page, title))
            assert page.locator(EXCEPTION).count() == 0, title
            page.screenshot(path=str(SHOTS / f"{PAGES.index(title) + 1}_{title}.png"))

        open_page(page, "额度与编配")
        timings["slider_ms"] = round(move_slider(page, "额度与编配", "调整幅度上限（±%）"))
        assert page.locator(EXCEPTION).count() == 0
        page.screenshot(path=str(SHOTS / "7_slider_moved.png"))

        open_page(page, "经费预算")
        with page.expect_download() as download:
            page.get_by_role("button", name="下载 XLSX").first.click()
        saved = ARTIFACTS / download.value.suggested_filename
        download.value.save_as(saved)
        sheet = openpyxl.load_workbook(saved, read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        # Chinese headers, and the rows the page showed under them
        assert all(re.search(r"[\u4e00-\u9fff]", str(h)) for h in rows[0]), rows[0]
        assert len(rows) > 1
        timings["download"] = saved.name
        browser.close()
    (ARTIFACTS / "browser-timings.json").write_text(
        json.dumps(timings, ensure_ascii=False, indent=2), encoding="utf-8"
    )
