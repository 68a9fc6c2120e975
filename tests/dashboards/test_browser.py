"""Headless Chromium against `streamlit run` on the fixture: a county user logs in, opens
every page, moves a slider and downloads an export. Screenshots go to
test-artifacts/screenshots/, render and interaction times to test-artifacts/browser-timings.json.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.browser import ARGS, ARTIFACTS, CHROMIUM, PAGES, SHOTS, serve, settle
from tests.dashboards.conftest import PASSWORDS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium"),
]


@pytest.fixture
def server(warehouse_dir: Path) -> Iterator[str]:
    with serve(warehouse_dir) as (url, _):
        yield url


def test_county_user_walks_every_page(server: str):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    timings: dict[str, object] = {"user": "wuhua", "pages_ms": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        page.goto(server)
        page.get_by_label("用户名").fill("wuhua")
        page.get_by_label("密码").fill(PASSWORDS["wuhua"])
        page.get_by_role("button", name="登录").click()
        page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
        settle(page)
        for i, title in enumerate(PAGES):
            start = time.perf_counter()
            page.get_by_role("link", name=title).click()
            page.wait_for_selector(f'h2:has-text("{title}")', timeout=60_000)
            settle(page)
            page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stMetric"]')
            timings["pages_ms"][title] = round((time.perf_counter() - start) * 1000)
            assert page.locator('[data-testid="stException"]').count() == 0, title
            page.screenshot(path=str(SHOTS / f"{i + 1}_{title}.png"), full_page=True)

        page.get_by_role("link", name="额度与编配").click()
        settle(page)
        thumb = page.locator('[data-testid="stSlider"]').first.get_by_role("slider")
        thumb.focus()
        start = time.perf_counter()
        thumb.press("ArrowLeft")
        settle(page)
        timings["slider_ms"] = round((time.perf_counter() - start) * 1000)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(SHOTS / "7_slider_moved.png"), full_page=True)

        page.get_by_role("link", name="经费预算").click()
        settle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="下载 XLSX").first.click()
        saved = ARTIFACTS / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.stat().st_size > 0 and saved.read_bytes()[:2] == b"PK"
        timings["download"] = saved.name
        browser.close()
    (ARTIFACTS / "browser-timings.json").write_text(
        json.dumps(timings, ensure_ascii=False, indent=2), encoding="utf-8"
    )
