"""Issue 6: 50 concurrent dashboard sessions on 127.0.0.1 while a build and a publish happen,
with zero errors.

A small province (scale 0.02, 4 months) goes through the real Dagster job once; `streamlit
run dashboards/app.py` then serves that snapshot. Under load, one more month lands and the
job runs again: ingestion, `dbt build` and the publish that swaps the snapshot by rename.

What a "session" is here (50 in all, all running at once):

* BROWSER_SESSIONS real Streamlit sessions: pages of one headless Chromium, each in its own
  browser context (own cookies, own websocket, own server-side session), logged in as a
  different demo user and clicking through every page in a loop, moving the planning
  slider on each pass. They are driven from a process of their own (asyncio, a coroutine
  per page) so that the query sessions' GIL does not slow the driver. Every script run
  must finish within RUN_TIMEOUT_S and leave no Streamlit exception box and no page error;
  the snapshot a session sees is read off the 数据质量 page ("快照 <run id>，发布于 …").
  The server's log must hold no traceback.
* QUERY_SESSIONS query sessions: threads of the test process (one each) that do, page after
  page with THINK_S between pages, what a script run of that page does against the data:
  resolve the login's scope (`db.scope_for`), read the publish metadata and the area
  directory as app.py does, then every query the page runs (`lib.queries.*` with the
  page's parameters, widget values drawn at random) through `lib.db.read`: the scope
  rewrite and the per-snapshot connection cache (one connection per snapshot, a cursor per
  query, reopened when publish swaps the file) exactly as in the server. Only the result
  cache (`st.cache_data`) is bypassed, so that every read reaches DuckDB instead of a dict:
  45 sessions of identical cached reads would test nothing. A session fails on any
  exception; it sees the snapshot its `publish_meta` read returns.

The build starts only after every session has finished one full pass over the pages (so
each has seen the first snapshot); sessions then run until the job has ended and every
session has seen the new snapshot, bounded by MAX_AFTER_PUBLISH_S. Per-page latencies under
load go to test-artifacts/load-test.json.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dagster_project.settings import PROJECT_ROOT
from tests.dashboards.browser import (
    ARGS,
    ARTIFACTS,
    CHROMIUM,
    EXCEPTION,
    IDLE,
    PAGES,
    PASSWORDS,
    serve,
)

DASHBOARDS = PROJECT_ROOT / "dashboards"
if str(DASHBOARDS) not in sys.path:
    sys.path.insert(0, str(DASHBOARDS))  # the app imports its helpers as `lib`

SESSIONS = 50
BROWSER_SESSIONS = 3
QUERY_SESSIONS = SESSIONS - BROWSER_SESSIONS
USERS = ("province", "kunming", "wuhua", "finance", "auditor")
JOB_TIMEOUT_S = 420  # one run of the Dagster job on a loaded 2-core machine
WARMUP_TIMEOUT_S = 240  # every session logged in and through every page once
MAX_AFTER_PUBLISH_S = 60  # after the job: until every session has seen the new snapshot
RUN_TIMEOUT_S = 90  # one script run of a page in the browser, under load
THINK_S = 0.5  # pause of a query session between pages (people pause for seconds)
SWITCH_INTERVAL_S = 1e-5
RUN_ID = re.compile(r"快照 (\S+)，")
DAMPING = "调整幅度上限（±%）"

pytestmark = [
    pytest.mark.perf,
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.timeout(900),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium"),
]


@dataclass
class Session:
    name: str
    user: str
    runs: set[str] = field(default_factory=set)  # snapshot run ids seen
    passes: int = 0  # full passes over every page
    pages: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# ── the pipeline ─────────────────────────────────────────────────────────────────────────
def _start_job(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """The Dagster job as `make pipeline` runs it (over every landed month), in its own
    process group."""
    from dagster_project.defs.partitions import landing_months, range_tags

    months = landing_months(Path(env["AUXFORCE_DATA_DIR"]) / "landing")
    with open(log, "ab") as out:
        return subprocess.Popen(
            [
                str(Path(sys.executable).with_name("dagster")),
                "job",
                "execute",
                "-m",
                "dagster_project.definitions",
                "-j",
                "full_pipeline",
                "--tags",
                json.dumps(range_tags(months)),
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop_job(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def _published_run(published: Path) -> str:
    with duckdb.connect(str(published), read_only=True) as con:
        row = con.execute("select run_id from _publish.meta").fetchone()
    assert row is not None
    return str(row[0])


# ── query sessions ───────────────────────────────────────────────────────────────────────
def _page_reads(rng: random.Random) -> dict[str, Callable[[Any], None]]:
    """Per page, the reads one script run of it makes (views/*.py), widgets at random."""
    from lib import proposal, queries

    def overview(scope: Any) -> None:
        queries.monthly_trend(scope)
        queries.utilization_by_year(scope)
        queries.coverage_trend(scope)
        queries.violation_counts(scope)
        queries.headcount_by_bureau(scope)
        queries.bureaus(scope)

    def planning(scope: Any) -> None:
        years = queries.quota_years(scope)
        if not years:
            return
        year = rng.choice(years)
        queries.quota_utilization(scope, year)
        queries.utilization_by_bureau(scope, year)
        queries.bureaus(scope)
        queries.grassroots(scope, year)
        rows = queries.proposal_inputs(scope)
        if rows.is_empty():
            return
        damping = rng.randint(0, 30) / 100
        lo, hi = proposal.bounds(rows["current_quota"], damping)
        total = rng.randint(lo, max(hi, lo))
        weights = (rng.random(), rng.random(), rng.random())
        proposal.recompute(rows, proposal.Params(total, damping, weights, rng.random()))

    def finance(scope: Any) -> None:
        months = queries.cost_months(scope)
        if not months:
            return
        queries.cost_by_funding_level(scope)
        queries.cost_12m_by_bureau(scope)
        queries.bureaus(scope)
        queries.cost_by_bureau(scope, rng.choice(months))
        growth, rate = queries.budget_defaults(scope)
        queries.budget_projection(scope, growth + rng.uniform(-0.05, 0.05), rate)

    def salary(scope: Any) -> None:
        years = queries.salary_years(scope)
        if years:
            queries.salary_benchmark(scope, rng.choice(years))
        queries.pay_ratio_by_bureau(scope)
        queries.bureaus(scope)
        queries.bureau_pay(scope)
        queries.adjustment_cost(scope, rng.randrange(40, 155, 5) / 100)

    def compliance(scope: Any) -> None:
        months = queries.coverage_months(scope)
        if months:
            month = rng.choice(months)
            queries.coverage_by_type(scope, month)
            queries.shortfall(scope, month)
        queries.violations_by_bureau(scope)
        queries.bureaus(scope)
        options = queries.violation_options(scope)
        rules = sorted(set(options["rule_id"].to_list()))
        picked = rng.sample(rules, k=min(len(rules), rng.randint(0, 2)))
        register = queries.violations(scope, picked, [], [], [])
        if not register.is_empty():
            finding = register.row(rng.randrange(register.height), named=True)
            queries.related_findings(scope, finding["person_key"], finding["incident_id"])

    def quality(scope: Any) -> None:
        queries.freshness(scope)
        queries.check_results(scope)
        queries.load_log(scope)
        if scope.unrestricted:
            queries.quarantine(scope, "zh")

    return {
        "overview": overview,
        "planning": planning,
        "finance": finance,
        "salary": salary,
        "compliance": compliance,
        "quality": quality,
    }


def _login_of(user: str) -> tuple[str, str | None]:
    from lib import auth

    config = auth._config()
    entry = config["credentials"]["usernames"][user]
    return entry["roles"][0], (config.get("scope_codes") or {}).get(user)


def _query_session(session: Session, stop: threading.Event, seed: int) -> None:
    from lib import db, queries

    rng = random.Random(seed)
    reads = _page_reads(rng)
    role, code = _login_of(session.user)
    while not stop.is_set():
        for page, run_page in reads.items():
            if stop.is_set():
                return
            start = time.perf_counter()
            try:
                scope = db.scope_for(role, code)  # app.py, on every script run
                meta = queries.publish_meta(scope)
                queries.bureaus(scope)
                queries.divisions(scope)
                run_page(scope)
            except Exception:
                session.errors.append(f"{page}: {traceback.format_exc()}")
                return
            session.runs.add(str(meta["run_id"][0]))
            session.latencies_ms.append((time.perf_counter() - start) * 1000)
            session.pages += 1
            time.sleep(THINK_S)
        session.passes += 1


# ── browser sessions ─────────────────────────────────────────────────────────────────────
# They run in a process of their own: in this one, the GIL held by the query sessions would
# slow the driver down and make the browsers look slower than the server is.
def _report(session: Session, progress: Any) -> None:
    progress[session.name] = asdict(session) | {"runs": sorted(session.runs)}


async def _browser_session(
    browser: Any, url: str, session: Session, stop: Any, progress: Any
) -> None:
    timeout = RUN_TIMEOUT_S * 1000
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout)
    page.on("pageerror", lambda exc: session.errors.append(f"page error: {exc}"))
    # start with 数据质量, which names the snapshot; never the page just shown
    order = (PAGES[-1], *PAGES[:-1])
    try:
        await page.goto(url)
        await page.get_by_label("用户名").fill(session.user)
        await page.get_by_label("密码").fill(PASSWORDS[session.user])
        await page.get_by_role("button", name="登录").click()
        await page.wait_for_selector('[data-testid="stMetric"]')
        while not stop.is_set() and not session.errors:
            for title in order:
                if stop.is_set() or session.errors:
                    break
                await page.wait_for_selector(IDLE)  # a click while a run is on would merge runs
                start = time.perf_counter()
                await page.get_by_role("link", name=title).click()
                # as tests/dashboards/test_browser.py settles: a fast run may never show
                # "running" in the DOM (React batches it away), so no observer here
                await page.wait_for_timeout(150)
                await page.wait_for_selector(IDLE)
                await page.wait_for_selector(f'h2:has-text("{title}")')
                session.latencies_ms.append((time.perf_counter() - start) * 1000)
                session.pages += 1
                boxes = page.locator(EXCEPTION)
                if await boxes.count():
                    session.errors.append(f"{title}: {await boxes.first.inner_text()}")
                if title == "数据质量":
                    caption = await page.get_by_text(RUN_ID).first.inner_text()
                    found = RUN_ID.search(caption)
                    if found is None:
                        session.errors.append(f"no run id in {caption!r}")
                    else:
                        session.runs.add(found.group(1))
                if title == "额度与编配":
                    # the damping bound (10 of 0–30): one step left, then back right
                    thumb = page.get_by_role("slider", name=DAMPING)
                    await thumb.focus()
                    await page.wait_for_selector(IDLE)
                    await thumb.press("ArrowRight" if session.passes % 2 else "ArrowLeft")
                    await page.wait_for_timeout(150)
                    await page.wait_for_selector(IDLE)
                    if await boxes.count():
                        session.errors.append(f"slider: {await boxes.first.inner_text()}")
                _report(session, progress)
            else:
                session.passes += 1
                _report(session, progress)
    except Exception:
        session.errors.append(traceback.format_exc())
    finally:
        _report(session, progress)
        await context.close()


def _browser_process(url: str, users: list[tuple[str, str]], stop: Any, progress: Any) -> None:
    """Entry point of the browser process: one Chromium, a context per session."""

    async def main() -> None:
        from playwright.async_api import async_playwright

        sessions = [Session(name, user) for name, user in users]
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                await asyncio.gather(
                    *(_browser_session(browser, url, s, stop, progress) for s in sessions)
                )
            finally:
                await browser.close()

    try:
        asyncio.run(main())
    except Exception:
        progress["_process"] = traceback.format_exc()


def _browser_sessions(progress: Any, names: list[tuple[str, str]]) -> list[Session]:
    """What the browser process has reported so far."""
    out = []
    for name, user in names:
        got = dict(progress.get(name) or {})
        out.append(
            Session(
                name,
                user,
                runs=set(got.get("runs", ())),
                passes=got.get("passes", 0),
                pages=got.get("pages", 0),
                latencies_ms=list(got.get("latencies_ms", ())),
                errors=list(got.get("errors", ())),
            )
        )
    return out


# ── the test ─────────────────────────────────────────────────────────────────────────────
@pytest.fixture
def small_province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    from dagster_project.synthetic import generate

    env = {
        **os.environ,
        "AUXFORCE_DATA_DIR": str(tmp_path),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "AUXFORCE_PERSON_KEY_SECRET": "load-test-secret",
    }
    (tmp_path / "dagster_home").mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_project" / "dagster.yaml", tmp_path / "dagster_home")
    generate(tmp_path / "landing", seed=5, scale=0.02, months=4, end_month="2026-04")
    job = _start_job(env, tmp_path / "job1.log")
    try:
        assert job.wait(timeout=JOB_TIMEOUT_S) == 0, (tmp_path / "job1.log").read_text()[-3000:]
    finally:
        _stop_job(job)
    # the query sessions run in this process: same snapshot, no result cache
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    from lib import db
    from streamlit.logger import set_log_level

    set_log_level("error")  # "no runtime" and "missing ScriptRunContext" warnings per read
    monkeypatch.setattr(db, "_read_cached", db._read_cached.__wrapped__)
    yield {"root": tmp_path, "env": env, "warehouse": tmp_path / "warehouse"}


def _wait(condition: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


def test_50_sessions_through_a_build_and_publish(small_province: dict[str, Any]) -> None:
    from dagster_project.synthetic import generate

    root: Path = small_province["root"]
    published = small_province["warehouse"] / "published" / "auxforce_published.duckdb"
    first_run = _published_run(published)
    second_run: str | None = None
    started = time.monotonic()
    names = [(f"browser-{i}", USERS[i % len(USERS)]) for i in range(BROWSER_SESSIONS)]
    query_sessions = [Session(f"query-{i}", USERS[i % len(USERS)]) for i in range(QUERY_SESSIONS)]
    mp = multiprocessing.get_context("spawn")
    manager = mp.Manager()
    progress = manager.dict()
    browser_stop = mp.Event()
    stop = threading.Event()
    job: subprocess.Popen[bytes] | None = None
    job_rc: int | None = None
    job_s = 0.0
    server_log = root / "streamlit.log"

    def sessions() -> list[Session]:
        return _browser_sessions(progress, names) + query_sessions

    # switch threads every 10 µs instead of 5 ms, so that interleavings of the query sessions
    # that a server would meet over days happen within the minute
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        with serve(small_province["warehouse"], log=server_log) as (url, server):
            browsers = mp.Process(
                target=_browser_process, args=(url, names, browser_stop, progress), daemon=True
            )
            threads = [
                threading.Thread(target=_query_session, args=(s, stop, i), daemon=True)
                for i, s in enumerate(query_sessions)
            ]
            try:
                browsers.start()
                for thread in threads:
                    thread.start()
                warm = _wait(
                    lambda: (
                        all(s.passes >= 1 or s.errors for s in sessions()) or "_process" in progress
                    ),
                    WARMUP_TIMEOUT_S,
                )
                assert warm, [(s.name, s.pages) for s in sessions() if s.passes < 1]

                # one more month lands; build and publish under load
                generate(root / "landing", seed=5, scale=0.02, months=5, end_month="2026-05")
                job_started = time.monotonic()
                job = _start_job(small_province["env"], root / "job2.log")
                job_rc = job.wait(timeout=JOB_TIMEOUT_S)
                job_s = time.monotonic() - job_started
                second_run = _published_run(published)
                _wait(
                    lambda: all(second_run in s.runs or s.errors for s in sessions()),
                    MAX_AFTER_PUBLISH_S,
                )
            finally:
                stop.set()
                browser_stop.set()
                for thread in threads:
                    thread.join(timeout=RUN_TIMEOUT_S + 30)
                browsers.join(timeout=RUN_TIMEOUT_S + 30)
                if browsers.is_alive():
                    browsers.kill()
                if job is not None:
                    _stop_job(job)
            server_alive = server.poll() is None
        final = sessions()
        process_error = progress.get("_process")
    finally:
        sys.setswitchinterval(switch)
        manager.shutdown()
    total_s = time.monotonic() - started

    report = {
        "sessions": {"browser": BROWSER_SESSIONS, "query": QUERY_SESSIONS},
        "load_phase_s": round(total_s, 1),
        "job_under_load_s": round(job_s, 1),
        "runs": [first_run, second_run],
        "per_session": [
            {
                "name": s.name,
                "user": s.user,
                "pages": s.pages,
                "passes": s.passes,
                "runs_seen": sorted(s.runs),
                "p50_ms": _percentile(s.latencies_ms, 0.5),
                "max_ms": _percentile(s.latencies_ms, 1.0),
                "errors": len(s.errors),
            }
            for s in final
        ],
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load-test.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )

    assert job_rc == 0, (root / "job2.log").read_text(errors="replace")[-3000:]
    assert second_run != first_run
    assert process_error is None, process_error
    errors = {s.name: s.errors for s in final if s.errors}
    assert not errors, errors
    assert not [t.name for t in threads if t.is_alive()], "query sessions did not stop"
    assert browsers.exitcode == 0, f"browser process exit code {browsers.exitcode}"
    assert server_alive, "streamlit died under load"
    log = server_log.read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
    # every session saw the old snapshot and then the new one, never anything else
    unseen = {s.name: sorted(s.runs) for s in final if s.runs != {first_run, second_run}}
    assert not unseen, (first_run, second_run, unseen)


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))])
