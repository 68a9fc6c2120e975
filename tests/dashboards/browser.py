"""Shared helpers to drive the dashboards in headless Chromium: serve a warehouse dir with
`streamlit run`, log in, open a page and time it. Reuses the constants and the settle/port
helpers of tests/dashboards/test_browser.py so every browser test waits the same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tests.dashboards.conftest import APP, PASSWORDS

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = [
    "ARGS",
    "ARTIFACTS",
    "CHROMIUM",
    "EXCEPTION",
    "FINISHED_JS",
    "IDLE",
    "PAGES",
    "PASSWORDS",
    "SHOTS",
    "WATCH_JS",
    "login",
    "login_timed",
    "open_page",
    "serve",
    "settle",
    "timed_run",
]

EXCEPTION = '[data-testid="stException"]'
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settle(page: Page) -> None:
    """Wait until the script run that the last action started has finished."""
    page.wait_for_timeout(150)  # let the frontend flip to "running" first
    page.wait_for_selector(IDLE, timeout=60_000)


@contextmanager
def serve(
    warehouse_dir: Path, log: Path | None = None, startup_s: float = 60.0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`streamlit run dashboards/app.py` on a free 127.0.0.1 port over `warehouse_dir`;
    yields (url, process). The server is terminated (then killed) on exit."""
    port = _free_port()
    env = {**os.environ, "AUXFORCE_WAREHOUSE_DIR": str(warehouse_dir)}
    out = open(log, "wb") if log is not None else subprocess.DEVNULL  # noqa: SIM115
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
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode} before serving")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not listen on {port} within {startup_s} s")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        if log is not None:
            out.close()  # type: ignore[union-attr]


def login(page: Page, url: str, user: str, timeout_ms: float = 60_000) -> None:
    """Open the app and log in as `user` (a demo login); returns once the first page is idle."""
    page.goto(url)
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(PASSWORDS[user])
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector('[data-testid="stMetric"]', timeout=timeout_ms)
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout_ms)


def open_page(page: Page, title: str, timeout_ms: float = 60_000) -> float:
    """Click the page's link and wait for its script run to finish and a table or metric to
    show; returns the elapsed milliseconds."""
    start = time.perf_counter()
    page.get_by_role("link", name=title).click()
    page.wait_for_selector(f'h2:has-text("{title}")', timeout=timeout_ms)
    page.wait_for_timeout(150)  # let the frontend flip to "running" first
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_selector(
        '[data-testid="stDataFrame"], [data-testid="stMetric"]', timeout=timeout_ms
    )
    return (time.perf_counter() - start) * 1000


WATCH_JS = """() => {
    window.__runs = [];
    if (window.__observer) window.__observer.disconnect();
    // the whole document, not one element: the app element may be mounted anew
    window.__observer = new MutationObserver((records) => records.forEach((r) =>
        window.__runs.push([performance.now(), r.target.getAttribute('data-test-script-state')])));
    window.__observer.observe(document.body,
        {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
    return performance.now();
}"""
# a script run that started after t0 and has finished: "running" then "notRunning"
FINISHED_JS = """(t0) => {
    const runs = window.__runs.filter(([t, _]) => t >= t0);
    const started = runs.findIndex(([_, s]) => s === 'running');
    if (started < 0) return null;
    const done = runs.slice(started).find(([_, s]) => s === 'notRunning');
    return done ? done[0] : null;
}"""


def timed_run(page: Page, action: Callable[[], None], timeout_ms: float = 60_000) -> float:
    """Milliseconds, by the browser's clock, from just before `action` (a click, a key press)
    until the script run it triggers has finished: a MutationObserver on the app's
    script-state attribute records "running" and then "notRunning"."""
    t0 = page.evaluate(WATCH_JS)
    action()
    handle = page.wait_for_function(FINISHED_JS, arg=t0, timeout=timeout_ms, polling=20)
    return float(handle.json_value()) - t0


PAGE_AFTER_LOGIN_JS = """(t0) => {
    // the login run, then the run it asked for (st.rerun): the landing page's first render;
    // later runs (the cookie component reporting back) are not part of it
    const runs = window.__runs.filter(([t, _]) => t >= t0);
    const states = runs.map(([_, s]) => s);
    const loginEnd = states.indexOf('notRunning');
    const start = states.indexOf('running', loginEnd + 1);
    const end = states.indexOf('notRunning', start + 1);
    return loginEnd >= 0 && start > loginEnd && end > start ? [runs[start][0], runs[end][0]]
        : null;
}"""


def login_timed(page: Page, url: str, user: str, timeout_ms: float = 60_000) -> tuple[float, float]:
    """Log in as `user`; returns (login_ms, first_page_ms) by the browser's clock. The click
    on 登录 starts the login run (bcrypt, and streamlit-authenticator's fixed 0.7 s wait for
    its cookie), which ends with st.rerun(); the next run renders the landing page.
    login_ms: from the click until the app is idle with the page shown; first_page_ms: the
    landing page's run alone, from its start to its end."""
    page.goto(url)
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(PASSWORDS[user])
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    t0 = page.evaluate(WATCH_JS)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector('[data-testid="stMetric"]', timeout=timeout_ms)
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    start, end = page.evaluate(PAGE_AFTER_LOGIN_JS, t0)
    return float(page.evaluate("performance.now()")) - t0, float(end) - float(start)
