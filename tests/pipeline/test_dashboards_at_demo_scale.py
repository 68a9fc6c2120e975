"""Issue 5: at demo scale, every page's first render under 1.5 s and each slider interaction
under 300 ms, measured in headless Chromium.

`streamlit run` serves the snapshot the pipeline published for the demo province (the
session fixture `province`: scale 1.0, 24 months). The province user and the county user
(wuhua) each log in and open every page once. A page's first render is the time, by the
browser's clock, from the click on the page's link until the script run it started has
finished, the data cache being cold for that user's scope. The landing page 总览 renders
in the run that follows the login run (st.rerun() after bcrypt and streamlit-authenticator's
fixed 0.7 s cookie wait): its first render is that run, start to end; the whole login,
click to rendered 总览, is recorded as login_ms and not held to the page target. Then the
damping slider of 额度与编配's live quota proposal moves three steps, each timed the same
way (each reruns the page and recomputes the proposal). Timings go to
test-artifacts/browser-timings-demo.json, screenshots to test-artifacts/screenshots/demo_*.png.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.browser import (
    ARGS,
    ARTIFACTS,
    CHROMIUM,
    EXCEPTION,
    PAGES,
    SHOTS,
    login_timed,
    serve,
    settle,
    timed_run,
)
from tests.pipeline.conftest import Province

FIRST_RENDER_MS = 1500
SLIDER_MS = 300
SLIDER_MOVES = 3
DAMPING = "调整幅度上限（±%）"  # 10 by default: three steps left stay inside 0–30
TIMINGS = ARTIFACTS / "browser-timings-demo.json"

pytestmark = [
    pytest.mark.perf,
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium"),
]


@pytest.fixture(scope="module")
def demo_url(province: Province) -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(province.published.parent.parent, log=ARTIFACTS / "streamlit-demo.log") as (
        url,
        _,
    ):
        yield url


@pytest.fixture(scope="module")
def timings() -> Iterator[dict[str, dict[str, object]]]:
    found: dict[str, dict[str, object]] = {}
    yield found
    TIMINGS.write_text(json.dumps(found, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.mark.parametrize("user", ["province", "wuhua"])
def test_first_renders_and_slider_within_targets(
    user: str, demo_url: str, timings: dict[str, dict[str, object]]
) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    pages_ms: dict[str, float] = {}
    slider_ms: list[float] = []
    timings[user] = {"targets_ms": {"first_render": FIRST_RENDER_MS, "slider": SLIDER_MS}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            login_ms, pages_ms[PAGES[0]] = login_timed(page, demo_url, user)
            timings[user]["login_ms"] = round(login_ms)
            for i, title in enumerate(PAGES):
                if i:
                    link = page.get_by_role("link", name=title)
                    pages_ms[title] = timed_run(page, link.click)
                page.wait_for_selector(f'h2:has-text("{title}")')
                page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stMetric"]')
                assert page.locator(EXCEPTION).count() == 0, (user, title)
                page.screenshot(path=str(SHOTS / f"demo_{user}_{i + 1}.png"), full_page=True)

            page.get_by_role("link", name="额度与编配").click()
            settle(page)
            thumb = page.get_by_role("slider", name=DAMPING)
            thumb.focus()
            before = int(thumb.input_value())
            for _ in range(SLIDER_MOVES):
                slider_ms.append(timed_run(page, lambda: thumb.press("ArrowLeft")))
            assert int(thumb.input_value()) == before - SLIDER_MOVES  # it did move each time
            assert page.locator(EXCEPTION).count() == 0, (user, "slider")
            page.screenshot(path=str(SHOTS / f"demo_{user}_slider.png"), full_page=True)
        finally:
            browser.close()
            timings[user].update(
                pages_ms={k: round(v) for k, v in pages_ms.items()},
                slider_ms=[round(v) for v in slider_ms],
            )

    slow = {title: round(ms) for title, ms in pages_ms.items() if ms >= FIRST_RENDER_MS}
    assert not slow, f"{user}: first render over {FIRST_RENDER_MS} ms: {slow}"
    assert len(pages_ms) == len(PAGES)
    assert len(slider_ms) == SLIDER_MOVES
    assert max(slider_ms) < SLIDER_MS, f"{user}: slider moves took {slider_ms} ms"
