"""Files parsed in worker processes (parsed_files.py) give the warehouse one process gives.

A small province in the formats bureaus export (GBK CSV, XLSX, Parquet), plus a file no
reader can open and a byte-identical copy of another file, is loaded twice: every file
parsed in the main process (workers=1), and every file sent to two worker processes (the
size threshold set to 0). Every raw table, the quarantine, the held rows, pii and the load
log (without load times) must be equal, the unreadable file rejected with the same message.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dagster_project.contract import LOAD_ORDER, SOURCES
from dagster_project.defs.ingestion import parsed_files
from dagster_project.defs.ingestion.loading import load_source
from dagster_project.defs.ingestion.warehouse import ensure_tables
from dagster_project.synthetic import generate
from tests.pipeline.test_arrival_order import raw_differences

SECRET = b"parallel-parsing-secret"
TODAY = date(2026, 2, 20)

pytestmark = pytest.mark.timeout(300)


def _load(landing: Path, warehouse: Path, workers: int) -> None:
    with duckdb.connect(str(warehouse)) as con:
        ensure_tables(con)
        for name in LOAD_ORDER:
            load_source(
                con, SOURCES[name], landing, SECRET, TODAY, batch_rows=20_000, workers=workers
            )


def test_worker_processes_load_what_one_process_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    landing = tmp_path / "landing"
    generate(landing, seed=5, scale=0.01, months=2, end_month="2026-01", formats="mixed")
    payroll = sorted((landing / "payroll").iterdir())
    (landing / "payroll" / "工资_损坏_2026-01.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    shutil.copy(payroll[0], landing / "payroll" / f"copy_of_{payroll[0].name}")

    _load(landing, tmp_path / "one.duckdb", workers=1)
    assert not parsed_files._POOL
    monkeypatch.setattr(parsed_files, "PARALLEL_MIN_BYTES", 0)
    _load(landing, tmp_path / "two.duckdb", workers=2)
    assert 2 in parsed_files._POOL  # the files did go to worker processes

    with duckdb.connect() as con:
        con.execute(f"attach '{tmp_path / 'one.duckdb'}' as f (read_only)")
        con.execute(f"attach '{tmp_path / 'two.duckdb'}' as r (read_only)")
        problems = raw_differences(con)
        assert not problems, problems
        # the unreadable file and the pair of identical files: same status and message
        same = con.execute(
            "select f.file, (f.status, f.message) is not distinct from (r.status, r.message) "
            "from f.raw._load_log f join r.raw._load_log r using (file, sha256) "
            "where f.file like 'payroll/%损坏%' or f.sha256 = (select sha256 from "
            f"f.raw._load_log where file = 'payroll/{payroll[0].name}')"
        ).fetchall()
        assert len(same) == 3 and all(ok for _, ok in same), same
        statuses = sorted(
            con.execute(
                "select status from r.raw._load_log where file like 'payroll/%损坏%' "
                "or file like 'payroll/%' || ? ",
                [payroll[0].name],
            ).fetchall()
        )
        assert statuses == [("loaded",), ("rejected",), ("skipped",)], statuses
        for name in LOAD_ORDER:
            count = con.execute(f"select count(*) from r.raw.{name}").fetchone()
            assert count and count[0] > 0, name


# What `dagster job execute -m dagster_project.definitions` leaves: the code imported from the
# working directory, which is then no longer on sys.path (dagster removes it after loading).
_CLI_LIKE = """
import sys
sys.path.insert(0, sys.argv[1])
from dagster_project.defs.ingestion import parsed_files
sys.path.remove(sys.argv[1])
got = list(parsed_files.parse_in_order([parsed_files.ParseJob(
    "org_units", __import__("pathlib").Path("x.csv"), "org_units/x.csv", "0" * 64,
    b"not,a,roster\\n" * 30000, b"secret", __import__("datetime").date(2026, 1, 1), "530000",
)], workers=2))
print(type(got[0]).__name__)
"""


def test_workers_import_the_project_when_the_parent_found_it_by_working_directory(
    tmp_path: Path,
) -> None:
    """The province-scale bench's first run died here: the spawned workers raised
    ModuleNotFoundError, the pool broke, and every large source failed."""
    import subprocess
    import sys

    from dagster_project.settings import PROJECT_ROOT

    out = subprocess.run(
        [sys.executable, "-c", _CLI_LIKE, str(PROJECT_ROOT)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() in {"ParsedFile", "Unreadable"}, out.stdout
