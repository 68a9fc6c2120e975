"""Shared helpers to drive the dashboards in headless Chromium: serve a warehouse dir with
`streamlit run`, log in, open a page or move a slider and time it, so every browser test
waits (and measures) the same way.
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
    "IDLE",
    "PAGES",
    "PASSWORDS",
    "RECORDER_JS",
    "SHOTS",
    "login",
    "move_slider",
    "open_page",
    "serve",
    "timed",
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
PAGES = (
    "总览",
    "额度与编配",
    "人员预测与招聘计划",
    "经费预算",
    "薪酬对标",
    "保险与合规",
    "数据质量",
)
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


# Installed in every document before the app's own scripts (page.add_init_script). Stamps
# the first click or key press after `arm` with the event's own time; reads every message
# the server sends for the end of a script run; and polls whether the page is rendered
# (every 2 ms, on every DOM change and on every message). Nothing hangs on seeing the app's
# "running" state: a short run (a slider's fragment) can start and end between two React
# commits, so the DOM never shows it. Times are the browser's clock (performance.now), so
# the driver's own latency is not counted.
RECORDER_JS = """(() => {
    const a = window.__aux = {input: null, finished: null, done: null, title: null};
    // ForwardMsg field 6 is script_finished, a varint status; 2 (FINISHED_EARLY_FOR_RERUN)
    // means that another run follows. Scans the message's top-level fields only.
    const finishedStatus = (buffer) => {
        const b = new Uint8Array(buffer);
        let i = 0;
        const varint = () => {
            let value = 0, scale = 1, byte;
            do { byte = b[i++]; value += (byte & 127) * scale; scale *= 128; }
            while (byte & 128 && i < b.length);
            return value;
        };
        while (i < b.length) {
            const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
            if (wire === 0) { const v = varint(); if (field === 6) return v; }
            else if (wire === 2) { const length = varint(); i += length; }
            else if (wire === 1) i += 8;
            else if (wire === 5) i += 4;
            else return null;
        }
        return null;
    };
    const state = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        return app ? app.getAttribute('data-test-script-state') : null;
    };
    // the app is idle and shows the page: its header, every chart drawn, data shown
    const rendered = () => state() === 'notRunning'
        && [...document.querySelectorAll('h2')].some((h) => h.textContent.includes(a.title))
        && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .every((c) => c.querySelector('.main-svg'))
        && document.querySelector('[data-testid="stDataFrame"], [data-testid="stMetric"]');
    const poll = () => {
        if (a.finished !== null && a.done === null && rendered()) a.done = performance.now();
    };
    const stamp = (e) => { if (a.title !== null && a.input === null) a.input = e.timeStamp; };
    document.addEventListener('click', stamp, true);
    document.addEventListener('keydown', stamp, true);
    const Native = window.WebSocket;
    // registered before the app's own listener, so a message is seen as it arrives
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', (e) => {
                if (a.input === null || !(e.data instanceof ArrayBuffer)) return;
                const status = finishedStatus(e.data);
                if (status !== null && status !== 2) a.finished = performance.now();
                setTimeout(poll, 0);
            });
        }
    };
    a.arm = (title) => Object.assign(a, {input: null, finished: null, done: null, title});
    a.elapsed = () => (a.done === null ? null : {ms: a.done - a.input});
    setInterval(poll, 2);
    new MutationObserver(poll).observe(document,
        {attributes: true, childList: true, subtree: true});
})();"""


def timed(page: Page, action: Callable[[], None], title: str, timeout_ms: float = 60_000) -> float:
    """Milliseconds by the browser's clock from the click or key press that `action` makes
    until page `title` is rendered after the script run it started: the server has sent
    the run's end (not an early end for a rerun), then the app is idle (script state
    notRunning), the page's header is shown, every plotly chart is drawn and a table or
    metric is present. Polled, never a one-shot event, so a run that React renders in one
    commit, or an app element mounted anew, cannot be missed."""
    page.evaluate("(title) => window.__aux.arm(title)", title)
    action()
    handle = page.wait_for_function("() => window.__aux.elapsed()", timeout=timeout_ms, polling=20)
    return float(handle.json_value()["ms"])


def login(page: Page, url: str, user: str, timeout_ms: float = 60_000) -> float:
    """Open the app, log in as `user` (a demo login) and wait for the landing page (总览);
    returns the milliseconds from the click on 登录 until it is rendered. That includes
    bcrypt and streamlit-authenticator's fixed 0.7 s wait for its cookie, then the st.rerun
    that renders the page (the browser never sees the app idle in between)."""
    page.add_init_script(RECORDER_JS)
    page.goto(url)
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(PASSWORDS[user])
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    return timed(
        page, page.get_by_role("button", name="登录").click, PAGES[0], timeout_ms=timeout_ms
    )


def open_page(page: Page, title: str, timeout_ms: float = 60_000) -> float:
    """Click the page's link in the sidebar; milliseconds until it is rendered (`timed`)."""
    page.wait_for_selector(IDLE, timeout=timeout_ms)  # a click during a run would merge runs
    return timed(page, page.get_by_role("link", name=title).click, title, timeout_ms=timeout_ms)


def move_slider(page: Page, title: str, label: str, key: str = "ArrowLeft") -> float:
    """Press `key` on the slider `label` of page `title`; milliseconds until the run it
    starts has finished and the page is rendered (`timed`)."""
    page.wait_for_selector(IDLE)
    thumb = page.get_by_role("slider", name=label)
    thumb.focus()
    return timed(page, lambda: thumb.press(key), title)
