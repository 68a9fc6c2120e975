"""Order independence (issue 11): the same landing files give the same raw tables and marts
whatever order the sources arrive in.

A small generated province is delivered twice, one source per run: forward (org_units,
quotas, … incident_staff) and reverse (incident_staff, … org_units). Each run does what the
ingestion assets of the full job do for every source, in load order: re-check the files
holding rows for a reference that has arrived since (`recheck_held`), then load the new
files (`load_source`). In reverse order payroll arrives before its roster, staff before
their incidents and every file before org_units, so nearly everything is held first and
released by later runs.

Compared: every raw table but `_loaded_at` (lineage `_file`, `_sha256`, `_row` included:
the files are the same), quarantine without its timestamp, the held rows, pii.persons, and
the last load-log row of each file without time and message (reverse order logs extra
re-check rows); then `dbt build` (seeds and models) on both, and every mart and incremental
intermediate table (dbt/scripts/compare_warehouses.py).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dagster_project.contract import LOAD_ORDER, SOURCES
from dagster_project.defs.ingestion.loading import load_source
from dagster_project.defs.ingestion.recheck import recheck_held
from dagster_project.defs.ingestion.warehouse import ensure_tables
from dagster_project.settings import PROJECT_ROOT
from tests.pipeline.job import dbt_build

DBT_DIR = PROJECT_ROOT / "dbt"
SECRET = b"arrival-order-secret"
SEED, SCALE, MONTHS, END_MONTH = 11, 0.03, 3, "2026-01"
TODAY = date(2026, 2, 20)

pytestmark = pytest.mark.timeout(300)


def _deliver(files: Path, root: Path, arrival: tuple[str, ...]) -> Path:
    """Load `files` into a warehouse of its own, one source's folder arriving per run."""
    landing = root / "landing"
    landing.mkdir(parents=True)
    warehouse = root / "auxforce.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        ensure_tables(con)
        for arrived in arrival:
            shutil.copytree(files / arrived, landing / arrived)
            for name in LOAD_ORDER:  # one run of the ingestion assets, in dependency order
                source = SOURCES[name]
                recheck_held(con, source, landing, SECRET, TODAY)
                load_source(con, source, landing, SECRET, TODAY, batch_rows=50_000)
    return warehouse


# table -> columns left out of the comparison (the time of loading)
COMPARED = {
    **{f"raw.{name}": "_loaded_at" for name in LOAD_ORDER},
    "raw._quarantine": "quarantined_at",
    "raw._quarantine_rows": None,
    "pii.persons": None,
}


def _different(con: duckdb.DuckDBPyConnection, table: str, exclude: str | None) -> list[str]:
    cols = f"* exclude ({exclude})" if exclude else "*"
    out = []
    for a, b in (("f", "r"), ("r", "f")):
        n = con.execute(
            f"select count(*) from (select {cols} from {a}.{table} "
            f"except all select {cols} from {b}.{table})"
        ).fetchone()
        if n and n[0]:
            out.append(f"{table}: {n[0]} rows of {a} not in {b}")
    return out


LAST_LOG = """
select file, sha256, source, partition, rows_read, rows_loaded, rows_quarantined,
    rows_layout, status, sheet, header_rows, admin_code
from {db}.raw._load_log
qualify row_number() over (partition by file, sha256 order by loaded_at desc) = 1
"""


def raw_differences(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What differs between warehouses attached as f and r: every compared raw table, and
    the last load-log row of each file."""
    problems = [p for t, ex in COMPARED.items() for p in _different(con, t, ex)]
    for a, b in (("f", "r"), ("r", "f")):
        n = con.execute(
            f"select count(*) from ({LAST_LOG.format(db=a)} except all {LAST_LOG.format(db=b)})"
        ).fetchone()
        if n and n[0]:
            problems.append(f"load log: {n[0]} last rows of {a} not in {b}")
    return problems


def _compare_raw(forward: Path, reverse: Path) -> None:
    with duckdb.connect() as con:
        con.execute(f"attach '{forward}' as f (read_only)")
        con.execute(f"attach '{reverse}' as r (read_only)")
        problems = raw_differences(con)
        assert not problems, problems
        # the comparison has something to compare, and reverse order did re-check
        for name in LOAD_ORDER:
            count = con.execute(f"select count(*) from f.raw.{name}").fetchone()
            assert count and count[0] > 0, name
        rechecked = con.execute(
            "select count(*) from r.raw._load_log where message like '%重新核对%'"
        ).fetchone()
        assert rechecked and rechecked[0] > 0


def _dbt(root: Path, warehouse: Path, name: str) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        AUXFORCE_DATA_DIR=str(root),
        AUXFORCE_PERSON_KEY_SECRET=SECRET.decode(),
        AUXFORCE_WAREHOUSE_PATH=str(warehouse),
        AUXFORCE_DUCKDB_TEMP_DIR=str(root / f"tmp_{name}"),
        AUXFORCE_DUCKDB_MEMORY_LIMIT="1GB",
        AUXFORCE_DUCKDB_THREADS="1",
    )
    return dbt_build(root, env, name)


# marts that report when files were loaded: compared without that column
LOAD_TIMES = {"marts.delivery_status": "last_loaded_at"}


def _compare_marts(forward: Path, reverse: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "compare_warehouses", DBT_DIR / "scripts" / "compare_warehouses.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # the finding history stamps the load time of the data, which the order changes
    result = module.compare(str(forward), str(reverse), frozenset(module.LOAD_TIMES))
    assert "marts.fct_headcount_monthly" in result
    different = {
        name: r
        for name, r in result.items()
        if (r[2] != 0 or r[0] != r[1]) and name not in LOAD_TIMES
    }
    assert not different, f"forward != reverse (rows a, rows b, differing): {different}"
    with duckdb.connect() as con:
        con.execute(f"attach '{forward}' as f (read_only)")
        con.execute(f"attach '{reverse}' as r (read_only)")
        problems = [p for t, ex in LOAD_TIMES.items() for p in _different(con, t, ex)]
        assert not problems, problems


def test_arrival_order_does_not_matter(tmp_path: Path) -> None:
    from dagster_project.synthetic import generate

    files = tmp_path / "files"
    generate(files, seed=SEED, scale=SCALE, months=MONTHS, end_month=END_MONTH, formats="mixed")
    forward = _deliver(files, tmp_path / "forward", LOAD_ORDER)
    reverse = _deliver(files, tmp_path / "reverse", tuple(reversed(LOAD_ORDER)))
    _compare_raw(forward, reverse)

    builds = [_dbt(tmp_path, forward, "forward"), _dbt(tmp_path, reverse, "reverse")]
    for proc in builds:
        out, _ = proc.communicate()
        assert proc.returncode == 0, out[-3000:]
    _compare_marts(forward, reverse)
