"""Issue 5: at demo scale, every page's first render under 1.5 s and each slider interaction
under 300 ms, measured in headless Chromium for the county user (wuhua) and the province
user.

`streamlit run` serves a copy of the snapshot the pipeline published for the demo province
(the session fixture `province`: scale 1.0, 24 months), so that the test can swap in fresh
copies without touching the fixture. How it measures (tests/dashboards/browser.py `timed`):
by the browser's clock, from the click on a page's link (or the key press on a slider) until
the script run has finished and the page is rendered (header shown, every chart drawn, a
table or metric present), polled every 2 ms and on every DOM change.

- First render: the user logs in (login_ms is recorded, not held to the target: it includes
  bcrypt and streamlit-authenticator's fixed 0.7 s cookie wait). Then, three rounds: the
  snapshot is swapped for a fresh copy exactly as publish swaps it (a new file renamed into
  place), which makes every cached query and the connection cold again, and every page is
  opened once, each round starting at another page. A page's figure is the median of its
  three cold renders: a server that is busy for a moment (this is a 2-core machine, often
  running other jobs) or a one-off of the process's first run weighs on one of them only.
  Map figures are cached by their values and stay warm across the rounds.
- Sliders: the damping bound of 额度与编配's live quota proposal (a fragment: reruns that
  section and recomputes the proposal) and the target of 薪酬对标's adjustment cost (reruns
  the page) each move three steps; the figure is the median of the three.

The 1-minute load average is recorded beside each user's timings in
test-artifacts/browser-timings-demo.json; screenshots go to test-artifacts/screenshots/demo_*.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

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
    serve,
)
from tests.pipeline.conftest import Province

if TYPE_CHECKING:
    from playwright.sync_api import Page

FIRST_RENDER_MS = 1500
SLIDER_MS = 300
ROUNDS = 3
# (page, slider label): three steps left of the defaults stay in range (damping 10 of 0–30,
# target 60 of 40–150 by 5)
SLIDERS = (("额度与编配", "调整幅度上限（±%）"), ("薪酬对标", "目标：当地平均工资的 %"))
TIMINGS = ARTIFACTS / "browser-timings-demo.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
]


@pytest.fixture(scope="module")
def served(
    province: Province, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """(url, published file) of `streamlit run` over a private copy of the snapshot."""
    root = tmp_path_factory.mktemp("served")
    published = root / "published" / province.published.name
    published.parent.mkdir()
    shutil.copyfile(province.published, published)
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(root, log=ARTIFACTS / "streamlit-demo.log") as (url, _):
        yield url, published


@pytest.fixture(scope="module")
def timings() -> Iterator[dict[str, dict[str, object]]]:
    found: dict[str, dict[str, object]] = {}
    yield found
    TIMINGS.write_text(json.dumps(found, ensure_ascii=False, indent=2), encoding="utf-8")


def republish(published: Path) -> None:
    """Swap in a fresh copy the way publish does (rename): the dashboards see a new snapshot
    (new inode and mtime), so every query cache and the connection start cold."""
    staged = published.with_suffix(".new")
    shutil.copyfile(published, staged)
    staged.replace(published)


def _screenshots(page: Page, user: str, title: str) -> None:
    """The page as first seen, and the parts issue 5 asked to be readable at demo scale."""
    # After the timing: the data grids paint their canvas a moment after the run ends, and a
    # screenshot is evidence of what a person sees, so let them paint.
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"demo_{user}_{PAGES.index(title) + 1}.png"))
    parts = {
        "额度与编配": (".st-key-workload_need", "workload"),
        "薪酬对标": (".st-key-salary_by_level", "by_level"),
    }
    if title in parts and page.locator(parts[title][0]).count():  # a county sees no by-level
        selector, name = parts[title]
        page.locator(selector).screenshot(path=str(SHOTS / f"demo_{user}_{name}.png"))


@pytest.mark.parametrize("user", ["wuhua", "province"])
def test_first_renders_and_sliders_within_targets(
    user: str, served: tuple[str, Path], timings: dict[str, dict[str, object]]
) -> None:
    from playwright.sync_api import sync_playwright

    url, published = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    renders: dict[str, list[float]] = {title: [] for title in PAGES}
    moves: dict[str, list[float]] = {}
    login_ms: float | None = None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            login_ms = login(page, url, user)
            for round_ in range(ROUNDS):
                republish(published)
                for title in PAGES[round_ + 1 :] + PAGES[: round_ + 1]:
                    renders[title].append(open_page(page, title))
                    assert page.locator(EXCEPTION).count() == 0, (user, title)
                    if round_ == 0:
                        _screenshots(page, user, title)
            for title, label in SLIDERS:
                open_page(page, title)
                thumb = page.get_by_role("slider", name=label)
                values = [int(thumb.input_value())]
                moves[label] = []
                for _ in range(ROUNDS):
                    moves[label].append(move_slider(page, title, label))
                    values.append(int(thumb.input_value()))
                assert values == sorted(set(values), reverse=True), values  # moved every time
                assert page.locator(EXCEPTION).count() == 0, (user, label)
                page.screenshot(path=str(SHOTS / f"demo_{user}_slider_{len(moves)}.png"))
        finally:
            browser.close()
            timings[user] = {
                "load_average_1min": os.getloadavg()[0],
                "targets_ms": {"first_render": FIRST_RENDER_MS, "slider": SLIDER_MS},
                "method": f"median of {ROUNDS}",
                "login_ms": None if login_ms is None else round(login_ms),
                "first_render_ms": {t: [round(v) for v in ms] for t, ms in renders.items()},
                "slider_ms": {k: [round(v) for v in ms] for k, ms in moves.items()},
            }

    medians = {title: statistics.median(ms) for title, ms in renders.items()}
    slow = {title: round(ms) for title, ms in medians.items() if ms >= FIRST_RENDER_MS}
    assert not slow, f"{user}: first render over {FIRST_RENDER_MS} ms: {slow} ({renders})"
    assert len(moves) == len(SLIDERS)
    sluggish = {k: ms for k, ms in moves.items() if statistics.median(ms) >= SLIDER_MS}
    assert not sluggish, f"{user}: slider moves over {SLIDER_MS} ms: {sluggish}"
