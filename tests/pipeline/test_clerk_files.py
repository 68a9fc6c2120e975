"""The same province as clerks deliver it gives the marts of its tidy files, exactly (issue 11).

One seed, written twice: plain UTF-8 CSV, and the clerk style (`synthetic/clerk.py`: .xls
converted by LibreOffice, WPS .et, .xlsx and GB18030 / BOM CSV; title and 填报单位 lines, two-row
headers with merged group cells, header synonyms and spellings, 合计 and signature rows,
full-width digits, Chinese numerals, value synonyms, compact dates, √/×, IDs with tabs and
ideographic spaces, subfolders, 昆明's roster and payroll one file per county bureau). Each
goes through the real Dagster job (ingestion, dbt build, publish) in a process of its own;
the two run side by side.

Compared: every table of schema marts and every incremental intermediate table
(dbt/scripts/compare_warehouses.py), leaving out only bookkeeping that legitimately differs
because the files differ: the columns `loaded_at_watermark` (when a row's month was loaded),
`evidence_rows` (the files and sheet rows a finding rests on) and the finding history's load
times, and the table `marts.delivery_status` (files delivered per bureau and month: 昆明's
counties deliver files of their own only in the clerk landing). DOUBLE columns are compared to 9
significant digits (float sums depend on the order rows arrive in); every other column exactly.
The planted bad rows must be quarantined at the sheet row the truth manifest names, in both.
"""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from dagster_project.contract import LOAD_ORDER
from dagster_project.settings import PROJECT_ROOT
from tests.pipeline.job import job_command
from tests.province import pipeline_env

# Small: every prefecture's layout appears at any scale, and 2025-12..2026-03 spans a year.
SEED, SCALE, MONTHS, END_MONTH = 3, 0.05, 4, "2026-03"
SECRET = "clerk-files-test-secret"  # one secret: person keys must agree between the two
BOOKKEEPING_TABLES = {"marts.delivery_status"}
CORE_MARTS = (
    "marts.fct_headcount_monthly",
    "marts.quota_utilization",
    "marts.workforce_cost_monthly",
    "marts.salary_benchmark",
    "marts.compliance_violations",
    "marts.insurance_coverage",
)

pytestmark = [pytest.mark.slow, pytest.mark.long, pytest.mark.timeout(600)]


def _build(root: Path, formats: str) -> subprocess.Popen:
    """Generate `formats` files under root/landing and start the job on them; its output
    goes to root/job.log (a pipe would fill and stall it while the other one runs)."""
    from dagster_project.synthetic import generate

    generate(
        root / "landing",
        seed=SEED,
        scale=SCALE,
        months=MONTHS,
        end_month=END_MONTH,
        formats=formats,
    )
    (root / "dagster_home").mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_project" / "dagster.yaml", root / "dagster_home")
    env = pipeline_env(root, SECRET)
    with (root / "job.log").open("w") as log:
        return subprocess.Popen(
            job_command(env), cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )


@pytest.fixture(scope="module")
def roots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    roots = {f: tmp_path_factory.mktemp(f) for f in ("csv", "clerk")}
    jobs = {f: _build(root, f) for f, root in roots.items()}
    for formats, job in jobs.items():
        log = (roots[formats] / "job.log").read_text() if job.wait() else ""
        assert job.returncode == 0, f"{formats}: {log[-4000:]}"
    return roots


def _warehouse(root: Path) -> str:
    return str(root / "warehouse" / "auxforce.duckdb")


def test_clerk_landing_has_what_clerks_send(roots: dict[str, Path]) -> None:
    landing = roots["clerk"] / "landing"
    files = [p.relative_to(landing) for p in landing.rglob("*") if p.is_file()]
    assert {".xls", ".et", ".xlsx", ".csv", ".parquet"} <= {p.suffix for p in files}
    counties = {p.name for p in files if p.parts[:2] == ("roster", "530100")}
    # 昆明's county bureaus send their own (the prefecture's own units may have nobody at
    # this scale in a month, so its file is not required)
    county_files = {n for n in counties if not n.startswith("roster_530100_")}
    assert "roster_530102_2026-03.xls" in county_files and len(county_files) >= 3, counties
    with duckdb.connect(_warehouse(roots["clerk"]), read_only=True) as con:
        log = con.execute(
            "select count(*) filter (where status <> 'loaded'), sum(rows_layout), "
            "count(*) filter (where header_rows like '%-%'), "
            "count(*) filter (where admin_code = '530102') from raw._load_log "
            "where source <> 'unassigned'"  # the generator's _truth/ beside the sources
        ).fetchone()
    assert log is not None
    rejected, layout_rows, two_row_headers, wuhua = log
    assert rejected == 0 and layout_rows > 0 and two_row_headers > 0 and wuhua > 0, log


@pytest.mark.parametrize("formats", ["csv", "clerk"])
def test_planted_rows_are_held_at_the_manifest_row(roots: dict[str, Path], formats: str) -> None:
    root = roots[formats]
    manifest = json.loads((root / "landing" / "_truth" / "manifest.json").read_text("utf-8"))
    planted = {(f"{q['source']}/{q['file']}", q["row"], q["rule"]) for q in manifest["quarantine"]}
    with duckdb.connect(_warehouse(root), read_only=True) as con:
        held = set(con.execute("select file, row_number, rule from raw._quarantine").fetchall())
    assert planted and held == planted, (sorted(held - planted)[:5], sorted(planted - held)[:5])


def test_clerk_marts_equal_tidy_marts(roots: dict[str, Path]) -> None:
    compare = runpy.run_path(str(PROJECT_ROOT / "dbt" / "scripts" / "compare_warehouses.py"))
    # lineage differs by layout: a finding's evidence rows name other files and sheet rows,
    # and the history stamps when the data was loaded
    lineage = frozenset({"evidence_rows", *compare["LOAD_TIMES"]})
    result = compare["compare"](_warehouse(roots["csv"]), _warehouse(roots["clerk"]), lineage)
    different = {
        t: r for t, r in result.items() if t not in BOOKKEEPING_TABLES and (r[2] or r[0] != r[1])
    }
    assert not different, f"tidy != clerk (rows tidy, rows clerk, differing): {different}"
    # something was compared: the marts of each audience hold rows at this scale
    for table in CORE_MARTS:
        assert result[table][0] > 0, table
    with duckdb.connect(_warehouse(roots["clerk"]), read_only=True) as con:
        for name in LOAD_ORDER:
            count = con.execute(f"select count(*) from raw.{name}").fetchone()
            assert count is not None and count[0] > 0, name
