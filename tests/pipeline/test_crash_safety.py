"""SIGKILL the pipeline during ingestion, mid dbt build and mid publish; nothing is corrupted.

After every kill: the published snapshot is the last good one (complete, readable), the load
log agrees with the raw tables row for row, and the next run completes. `make test` runs it
on a small generated province; `make bench` again at province scale (`-m province`, on the
prepared root of tests/province.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from dagster_project.settings import PROJECT_ROOT
from tests.pipeline.job import job_command
from tests.province import pipeline_env, province_root

# A log line of the run at which the kill lands.
KILL_POINTS = {
    "ingestion": '"raw__payroll"',
    "dbt": 'STEP_START - Started execution of step "auxforce_dbt"',
    "publish": '"published__snapshot"',
}


def _job(env: dict[str, str], kill_at: str | None) -> int:
    """Run the Dagster job as `make pipeline` does; kill its process group at `kill_at`."""
    proc = subprocess.Popen(
        job_command(env),
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if kill_at and kill_at in line:
            time.sleep(0.5 if "dbt" in kill_at else 0.0)  # let dbt start writing tables
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return -9
    return proc.wait()


def _snapshot_run_id(published: Path) -> str | None:
    if not published.exists():
        return None
    with duckdb.connect(str(published), read_only=True) as con:
        tables = {
            r[0]
            for r in con.execute(
                "select schema_name || '.' || table_name from duckdb_tables()"
            ).fetchall()
        }
        assert {"marts.quota_utilization", "marts.compliance_violations"} <= tables
        row = con.execute("select run_id from _publish.meta").fetchone()
        return row[0] if row else None


def _log_agrees(warehouse: Path) -> None:
    """Every raw row comes from a committed, logged file; quarantine matches the log exactly.

    One grouped count per raw table and one over the quarantine: a count per file would be
    4,000 scans of tables of tens of millions of rows at province scale.
    """
    with duckdb.connect(str(warehouse), read_only=True) as con:
        latest = con.execute(
            "select source, sha256, rows_loaded, rows_quarantined from raw._load_log "
            "where status = 'loaded' qualify row_number() over (partition by file "
            "order by loaded_at desc) = 1"
        ).fetchall()
        logged = {sha for _, sha, _, _ in latest}
        held = dict(
            con.execute(
                "select sha256, count(distinct row_number) from raw._quarantine group by all"
            ).fetchall()
        )
        for source in {s for s, *_ in latest}:
            in_raw = dict(
                con.execute(f"select _sha256, count(*) from raw.{source} group by all").fetchall()
            )
            orphans = set(in_raw) - logged
            assert not orphans, f"{source}: rows from files the log does not hold: {orphans}"
            for _, sha, loaded, quarantined in (row for row in latest if row[0] == source):
                assert in_raw.get(sha, 0) <= loaded, (source, sha)  # later keys may replace rows
                assert held.get(sha, 0) == quarantined, (source, sha)


def _kills_then_completes(env: dict[str, str], points: tuple[str, ...]) -> None:
    """Kill the job at each of `points` in turn, then run it to the end. After every kill the
    published snapshot is the last good one and the load log agrees with the raw tables; the
    run to the end publishes a new snapshot."""
    root = Path(env["AUXFORCE_DATA_DIR"])
    warehouse = root / "warehouse" / "auxforce.duckdb"
    published = root / "warehouse" / "published" / "auxforce_published.duckdb"
    good = _snapshot_run_id(published)  # None: nothing published yet
    for point in points:
        assert _job(env, KILL_POINTS[point]) == -9, f"the job ended before {point}"
        current = _snapshot_run_id(published)
        assert current == good or point == "publish"  # publish may have finished its rename
        good = current
        _log_agrees(warehouse)
    assert _job(env, None) == 0
    assert _snapshot_run_id(published) not in (None, good)
    assert not list(published.parent.glob(".*.tmp"))


@pytest.mark.slow
@pytest.mark.demo
def test_kills_leave_last_good_snapshot(tmp_path: Path) -> None:
    from dagster_project.synthetic import generate

    env = pipeline_env(tmp_path, "crash-test-secret")
    (tmp_path / "dagster_home").mkdir()
    landing = tmp_path / "landing"
    generate(landing, seed=11, scale=0.02, months=4, end_month="2026-04")
    # killed during ingestion before anything was ever published: no snapshot
    _kills_then_completes(env, ("ingestion",))
    # new files land; kills mid dbt and mid publish keep the last good snapshot serving
    generate(landing, seed=11, scale=0.02, months=5, end_month="2026-05")
    _kills_then_completes(env, ("dbt", "publish"))


@pytest.mark.slow
@pytest.mark.province
@pytest.mark.timeout(3600)
def test_kills_leave_last_good_snapshot_at_province_scale() -> None:
    """The prepared province root (tests/province.py): its pending month, killed at each
    point, on top of a published province-scale warehouse."""
    _, env = province_root()
    _kills_then_completes(env, tuple(KILL_POINTS))
