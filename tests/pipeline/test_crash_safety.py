"""SIGKILL the pipeline during ingestion, mid dbt build and mid publish; nothing is corrupted.

After every kill: the published snapshot is the last good one (complete, readable), the load
log agrees with the raw tables row for row, and the next run completes.
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

# A log line of the run at which the kill lands.
KILL_POINTS = {
    "ingestion": '"raw__payroll"',
    "dbt": 'STEP_START - Started execution of step "auxforce_dbt"',
    "publish": '"published__snapshot"',
}


def _job(env: dict[str, str], kill_at: str | None) -> int:
    """Run the Dagster job as `make pipeline` does; kill its process group at `kill_at`."""
    proc = subprocess.Popen(
        job_command(Path(env["AUXFORCE_DATA_DIR"]) / "landing"),
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
    """Every raw row comes from a committed, logged file; quarantine matches the log exactly."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        latest = con.execute(
            "select source, sha256, rows_loaded, rows_quarantined from raw._load_log "
            "where status = 'loaded' qualify row_number() over (partition by file "
            "order by loaded_at desc) = 1"
        ).fetchall()
        logged = {sha for _, sha, _, _ in latest}
        for source, sha, loaded, quarantined in latest:
            in_raw = con.execute(
                f"select count(*) from raw.{source} where _sha256 = ?", [sha]
            ).fetchone()
            held = con.execute(
                "select count(distinct row_number) from raw._quarantine where sha256 = ?", [sha]
            ).fetchone()
            assert in_raw is not None and in_raw[0] <= loaded  # later keys may replace rows
            assert held == (quarantined,)
        for source in {s for s, *_ in latest}:
            orphans = con.execute(
                f"select count(*) from raw.{source} where _sha256 not in "
                "(select unnest(?::varchar[]))",
                [sorted(logged)],
            ).fetchone()
            assert orphans == (0,), f"{source}: rows from a file the log does not hold"


@pytest.mark.slow
def test_kills_leave_last_good_snapshot(tmp_path: Path) -> None:
    from dagster_project.synthetic import generate

    env = {
        **os.environ,
        "AUXFORCE_DATA_DIR": str(tmp_path),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "AUXFORCE_PERSON_KEY_SECRET": "crash-test-secret",
    }
    (tmp_path / "dagster_home").mkdir()
    landing = tmp_path / "landing"
    warehouse = tmp_path / "warehouse" / "auxforce.duckdb"
    published = tmp_path / "warehouse" / "published" / "auxforce_published.duckdb"
    generate(landing, seed=11, scale=0.02, months=4, end_month="2026-04")

    # Killed during ingestion before anything was ever published: no snapshot, log consistent.
    assert _job(env, KILL_POINTS["ingestion"]) == -9
    assert _snapshot_run_id(published) is None
    _log_agrees(warehouse)
    assert _job(env, None) == 0
    good = _snapshot_run_id(published)
    assert good is not None

    # New files land; kills mid dbt and mid publish keep the last good snapshot serving.
    generate(landing, seed=11, scale=0.02, months=5, end_month="2026-05")
    for point in ("dbt", "publish"):
        assert _job(env, KILL_POINTS[point]) == -9
        current = _snapshot_run_id(published)
        assert current == good or point == "publish"  # publish may have finished its rename
        good = current
        _log_agrees(warehouse)
    assert _job(env, None) == 0
    assert _snapshot_run_id(published) not in (None, good)
    assert not list(published.parent.glob(".*.tmp"))
