"""Finding history over three builds (issue 13): a finding keeps its id across builds, and a
finding the data no longer raises is closed, stays queryable, and survives --full-refresh.

1. a small province (3 months, plain CSV): load, build;
2. the clerk corrects the roster file of the latest month: the row an A15 finding names in
   evidence_rows (file and spreadsheet row) gets background_check pass; load, build: that
   finding is closed (closed_at = build 2, close_reason data_corrected, last_seen = build 1),
   every other finding of build 1 is still open with first_seen = build 1;
3. build again with --full-refresh: the history is not wiped (full_refresh: false); the
   closed finding keeps its closure, open findings get last_seen = build 3.

Also proves evidence to the row: the file and row of the finding hold that person's failed
check. Ingestion CLI and dbt (seeds and models only) run as subprocesses, as in
test_incremental_dbt.py.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.pipeline.job import dbt_build

SCALE = 0.03
SEED = 11
SECRET = "history-test-secret"

pytestmark = pytest.mark.timeout(300)


def _env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        AUXFORCE_DATA_DIR=str(root),
        AUXFORCE_PERSON_KEY_SECRET=SECRET,
        AUXFORCE_WAREHOUSE_PATH=str(root / "warehouse" / "auxforce.duckdb"),
        AUXFORCE_DUCKDB_TEMP_DIR=str(root / "tmp"),
        AUXFORCE_DUCKDB_MEMORY_LIMIT="2GB",
    )
    return env


def _ingest(root: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "dagster_project.defs.ingestion", str(root / "landing")],
        env=_env(root),
        check=True,
        capture_output=True,
    )


def _build(root: Path, name: str, *extra: str) -> None:
    proc = dbt_build(root, _env(root), name, "--select", "+compliance_finding_history", *extra)
    out, _ = proc.communicate()
    assert proc.returncode == 0, out[-3000:]


def _query(root: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(root / "warehouse" / "auxforce.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _history(root: Path) -> dict[str, tuple]:
    rows = _query(
        root,
        """select finding_id, first_seen, last_seen, closed_at, close_reason, status
        from marts.compliance_finding_history""",
    )
    return {r[0]: r[1:] for r in rows}


def _correct_row(path: Path, row: int, column: str, new: str) -> str:
    """Set `column` of spreadsheet row `row` (the header is row 1) of a CSV; the old value."""
    with path.open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f))
    header = records[0]
    old = records[row - 1][header.index(column)]
    records[row - 1][header.index(column)] = new
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(records)
    return old


def test_history_over_three_builds_with_a_correction(tmp_path: Path) -> None:
    from dagster_project.synthetic import generate

    root = tmp_path
    landing = root / "landing"
    generate(landing, seed=SEED, scale=SCALE, months=3, end_month="2026-01", formats="csv")

    # 1. first build
    _ingest(root)
    _build(root, "1")
    first = _history(root)
    assert first and all(h[4] == "open" for h in first.values())
    (built_1,) = {h[0] for h in first.values()}
    findings = _query(
        root,
        """select finding_id, evidence_rows from marts.compliance_violations
        where rule_id = 'A15_DISQUALIFIED_HIRE' order by finding_id""",
    )
    assert findings, "the generator plants A15 findings"
    target, evidence_rows = findings[0]
    (roster_row,) = [r for r in json.loads(evidence_rows) if r["source"] == "roster"]
    assert roster_row["file"].endswith("2026-01.csv"), roster_row  # the latest roster month

    # 2. the clerk corrects that row of the latest roster file (same name: replaces it)
    roster_file = landing / roster_row["file"]  # path below the landing folder
    old = _correct_row(roster_file, roster_row["row"], "background_check", "pass")
    assert old.startswith("fail"), old  # the row the finding names holds the failed check
    _ingest(root)
    _build(root, "2")
    second = _history(root)
    assert set(second) == set(first)
    first_seen, last_seen, closed_at, reason, status = second[target]
    assert (first_seen, last_seen, reason, status) == (built_1, built_1, "data_corrected", "closed")
    assert closed_at > built_1
    built_2 = closed_at
    for finding_id, (f_seen, l_seen, c_at, _, st) in second.items():
        if finding_id != target:
            assert (f_seen, l_seen, c_at, st) == (built_1, built_2, None, "open"), finding_id
    # the closed finding stays queryable with its evidence as it stood
    (kept,) = _query(
        root,
        "select evidence_rows from marts.compliance_finding_history where finding_id = ?",
        [target],
    )
    assert kept[0] == evidence_rows

    # 3. build again, with --full-refresh: history is kept, not rebuilt
    _build(root, "3", "--full-refresh")
    third = _history(root)
    assert third[target] == second[target]
    open_rows = [h for fid, h in third.items() if fid != target]
    (built_3,) = {h[1] for h in open_rows}
    assert built_3 > built_2
    assert all(h[0] == built_1 and h[2] is None and h[4] == "open" for h in open_rows)
