"""The national simulation on this machine (issue 15), through the national Dagster
definitions (dagster_project/national.py): three real provinces (云南 530000, 宁夏 640000,
青海 630000; small scale, plain CSV) generated each into its root under
AUXFORCE_PROVINCES_DIR; each province's province × month partitions run by its own process,
the three side by side (one DuckDB file per province, one shared lake); the national build
job runs every dbt model, data and unit test on Spark over the lake and publishes every
province's snapshot and the national summary. Every mart of Spark's build equals row for row
the DuckDB builds of the same data, one build per province with their rows together
(tests/spark/test_province_union.py proves that equals one DuckDB build of all provinces);
each province's snapshot holds its own province only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dagster_project.contract import SOURCES
from dagster_project.engines.spark_tables import copy_to_duckdb
from dagster_project.settings import PROJECT_ROOT
from tests.pipeline import small_builds
from tests.pipeline.job import dbt_build
from tests.spark.builds import DOUBLE_TOLERANCE, _compare_module

pytestmark = [pytest.mark.national, pytest.mark.timeout(3600)]

PROVINCES = ("530000", "640000", "630000")
SCALE, SEED, MONTHS, END_MONTH = 0.02, 11, 13, "2026-01"
NATIONAL_YAML = PROJECT_ROOT / "dagster_project" / "defs" / "national" / "dagster.yaml"


def _env(tmp: Path, root: Path | None = None) -> dict[str, str]:
    env = small_builds.env(root or tmp)
    env.update(
        AUXFORCE_PROVINCES_DIR=str(tmp / "provinces"),
        AUXFORCE_LAKE_DIR=str(tmp / "lake"),
        AUXFORCE_SPARK_DIR=str(tmp / "spark"),
        AUXFORCE_NATIONAL_DIR=str(tmp / "national"),
        DAGSTER_HOME=str(tmp / "dagster_home"),
    )
    if root:
        env.update(AUXFORCE_PROVINCE=root.name)
    return env


def _finished(proc: subprocess.Popen) -> str:
    out, _ = proc.communicate()
    assert proc.returncode == 0, out[-4000:] if out else proc.returncode
    return out or ""


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_three_provinces_through_the_national_jobs_equal_their_duckdb_builds(
    tmp_path: Path,
) -> None:
    from dagster_project.synthetic import generate

    (tmp_path / "dagster_home").mkdir()
    shutil.copy(NATIONAL_YAML, tmp_path / "dagster_home" / "dagster.yaml")
    # the instance's storage created once, as a deployment's is before its workers start
    # (three processes creating a new SQLite storage at once race on its schema version)
    dg.DagsterInstance.from_config(str(tmp_path / "dagster_home")).dispose()
    roots = {code: tmp_path / "provinces" / code for code in PROVINCES}
    for code, root in roots.items():
        (root / "tmp").mkdir(parents=True)
        generate(
            root / "landing",
            seed=SEED,
            scale=SCALE,
            months=MONTHS,
            end_month=END_MONTH,
            formats="csv",
            province=code,
        )

    # every province's partitions at once, each province in its own process
    workers = [
        _run([sys.executable, "-m", "dagster_project.defs.national", code], _env(tmp_path))
        for code in PROVINCES
    ]
    for proc in workers:
        assert _finished(proc).count(": ok") == MONTHS
    lake = tmp_path / "lake"
    assert sorted(p.name for p in (lake / "roster").iterdir()) == sorted(
        f"province={code}" for code in PROVINCES
    )
    for code, root in roots.items():
        with duckdb.connect(str(small_builds.warehouse(root)), read_only=True) as con:
            logged = {f for (f,) in con.execute("select file from raw._load_log").fetchall()}
        delivered = {
            f"{p.parent.name}/{p.name}"
            for p in (root / "landing").glob("*/*")
            if p.parent.name in SOURCES
        }
        assert delivered <= logged, (code, sorted(delivered - logged)[:5])

    # the DuckDB build of each province, then the national job: Spark over the lake
    for root in roots.values():
        _finished(dbt_build(root, _env(tmp_path, root), "duckdb"))
    _finished(
        _run(
            [
                str(Path(sys.executable).with_name("dagster")),
                "job",
                "execute",
                "-m",
                "dagster_project.national",
                "-j",
                "national_build",
            ],
            _env(tmp_path),
        )
    )

    together = tmp_path / "duckdb_provinces.duckdb"
    with duckdb.connect(str(together)) as con:
        for code, root in roots.items():
            con.execute(f"attach '{small_builds.warehouse(root)}' as p{code} (read_only)")
        con.execute("create schema marts")
        for (table,) in con.execute(
            f"select table_name from information_schema.tables where table_catalog = "
            f"'p{PROVINCES[0]}' and table_schema = 'marts' and table_type = 'BASE TABLE'"
        ).fetchall():
            rows = " union all ".join(f"select * from p{code}.marts.{table}" for code in PROVINCES)
            con.execute(f"create table marts.{table} as {rows}")
    spark_copy = tmp_path / "spark_marts.duckdb"
    copy_to_duckdb(tmp_path / "spark" / "warehouse", spark_copy, ("marts",))

    result = _compare_module().compare(str(together), str(spark_copy), tolerance=DOUBLE_TOLERANCE)
    assert len(result) >= 29, sorted(result)
    assert {t: r for t, r in result.items() if r[2] or r[0] != r[1]} == {}

    # each province's snapshot: its own bureaus only; the ministry's: every province's row
    for code, root in roots.items():
        published = root / "warehouse" / "published" / "auxforce_published.duckdb"
        with duckdb.connect(str(published), read_only=True) as con:
            own = con.execute(
                "select distinct province_code from marts.dim_bureau order by 1"
            ).fetchall()
            logged = con.execute("select count(*) from quality.load_log").fetchone()
        assert own == [(code,)]
        assert logged is not None and logged[0] > 0
    national = tmp_path / "national" / "published" / "auxforce_published.duckdb"
    with duckdb.connect(str(national), read_only=True) as con:
        summary = con.execute(
            "select distinct province_code from marts.province_summary order by 1"
        ).fetchall()
    assert [s for (s,) in summary] == sorted(PROVINCES)
