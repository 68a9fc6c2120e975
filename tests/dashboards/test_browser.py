"""Headless Chromium against `streamlit run` on the fixture: a county user logs in, opens
every page, moves a slider and downloads an export. Screenshots go to
test-artifacts/screenshots/, render and interaction times to test-artifacts/browser-timings.json.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.conftest import APP, PASSWORDS

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SHOTS = ARTIFACTS / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = ("总览", "额度与编配", "经费预算", "薪酬对标", "保险与合规", "数据质量")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(warehouse_dir: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "AUXFORCE_WAREHOUSE_DIR": str(warehouse_dir)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


def _settle(page) -> None:
    """Wait until the script run that the last action started has finished."""
    page.wait_for_timeout(150)  # let the frontend flip to "running" first
    page.wait_for_selector(IDLE, timeout=60_000)


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
        _settle(page)
        for i, title in enumerate(PAGES):
            start = time.perf_counter()
            page.get_by_role("link", name=title).click()
            page.wait_for_selector(f'h2:has-text("{title}")', timeout=60_000)
            _settle(page)
            page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stMetric"]')
            timings["pages_ms"][title] = round((time.perf_counter() - start) * 1000)
            assert page.locator('[data-testid="stException"]').count() == 0, title
            page.screenshot(path=str(SHOTS / f"{i + 1}_{title}.png"), full_page=True)

        page.get_by_role("link", name="额度与编配").click()
        _settle(page)
        thumb = page.locator('[data-testid="stSlider"]').first.get_by_role("slider")
        thumb.focus()
        start = time.perf_counter()
        thumb.press("ArrowLeft")
        _settle(page)
        timings["slider_ms"] = round((time.perf_counter() - start) * 1000)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(SHOTS / "7_slider_moved.png"), full_page=True)

        page.get_by_role("link", name="经费预算").click()
        _settle(page)
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
