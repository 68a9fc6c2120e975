"""A small province built the quick way, for tests of what happens over several builds
(test_finding_history.py, test_casework_over_builds.py): generate plain CSV landing files,
load them with the ingestion CLI, build `+compliance_finding_history` with dbt (seeds and
models only), correct a cell of a landing file the way a clerk re-sends it, and read the
warehouse. Ingestion and dbt run as subprocesses, as in test_incremental_dbt.py."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.pipeline.job import dbt_build

SCALE = 0.03
SEED = 11
MONTHS = 3
END_MONTH = "2026-01"
SECRET = "history-test-secret"


def generate_province(root: Path) -> Path:
    """The landing folder of a small province (3 months to 2026-01, plain CSV)."""
    from dagster_project.synthetic import generate

    landing = root / "landing"
    generate(landing, seed=SEED, scale=SCALE, months=MONTHS, end_month=END_MONTH, formats="csv")
    return landing


def env(root: Path) -> dict[str, str]:
    values = dict(os.environ)
    values.update(
        AUXFORCE_DATA_DIR=str(root),
        AUXFORCE_PERSON_KEY_SECRET=SECRET,
        AUXFORCE_WAREHOUSE_PATH=str(root / "warehouse" / "auxforce.duckdb"),
        AUXFORCE_DUCKDB_TEMP_DIR=str(root / "tmp"),
        AUXFORCE_DUCKDB_MEMORY_LIMIT="2GB",
    )
    return values


def warehouse(root: Path) -> Path:
    return root / "warehouse" / "auxforce.duckdb"


def ingest(root: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "dagster_project.defs.ingestion", str(root / "landing")],
        env=env(root),
        check=True,
        capture_output=True,
    )


def build(
    root: Path, name: str, *extra: str, select: tuple[str, ...] = ("+compliance_finding_history",)
) -> None:
    """dbt build of compliance_finding_history (or `select`) and everything it rests on."""
    proc = dbt_build(root, env(root), name, "--select", *select, *extra)
    out, _ = proc.communicate()
    assert proc.returncode == 0, out[-3000:]


def query(root: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse(root)), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def history(root: Path) -> dict[str, tuple]:
    """finding_id -> (first_seen, last_seen, closed_at, close_reason, status)."""
    rows = query(
        root,
        """select finding_id, first_seen, last_seen, closed_at, close_reason, status
        from marts.compliance_finding_history""",
    )
    return {r[0]: r[1:] for r in rows}


def correct_row(path: Path, row: int, column: str, new: str) -> str:
    """Set `column` of spreadsheet row `row` (the header is row 1) of a CSV; the old value."""
    with path.open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f))
    header = records[0]
    old = records[row - 1][header.index(column)]
    records[row - 1][header.index(column)] = new
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(records)
    return old
