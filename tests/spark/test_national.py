"""The national simulation on this machine (issue 15): three real provinces (云南 530000,
宁夏 640000, 青海 630000; small scale, plain CSV) generated each into its own root, ingested
side by side (one process and one DuckDB file per province, one shared lake), built by Spark
at once over the lake with every data and unit test, and every mart of Spark's build equal row
for row to the DuckDB builds of the same data: one build per province, their rows together
(tests/spark/test_province_union.py proves that equals one DuckDB build over all provinces).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dagster_project.engines.spark_tables import copy_to_duckdb
from tests.pipeline import small_builds
from tests.pipeline.job import dbt_build
from tests.spark.builds import DOUBLE_TOLERANCE, _compare_module

# its own marker and target (`make test-national`): not yet in CI's Spark step (docs/scaling.md)
pytestmark = [pytest.mark.national, pytest.mark.timeout(3600)]

PROVINCES = ("530000", "640000", "630000")
SCALE, SEED, MONTHS, END_MONTH = 0.02, 11, 13, "2026-01"


def _env(root: Path, province: str, lake: Path, spark: Path, engine: str) -> dict[str, str]:
    env = small_builds.env(root)
    env.update(
        AUXFORCE_PROVINCE=province,
        AUXFORCE_LAKE_DIR=str(lake),
        AUXFORCE_SPARK_DIR=str(spark),
        AUXFORCE_ENGINE=engine,
    )
    return env


def _built(proc: subprocess.Popen) -> None:
    out, _ = proc.communicate()
    assert proc.returncode == 0, out[-4000:] if out else proc.returncode


def test_three_provinces_on_spark_equal_their_duckdb_builds(tmp_path: Path) -> None:
    from dagster_project.synthetic import generate

    lake, spark = tmp_path / "lake", tmp_path / "spark"
    roots = {code: tmp_path / code for code in PROVINCES}
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

    # every province's ingestion at once, each into its own DuckDB and the one lake
    ingestions = [
        subprocess.Popen(
            [sys.executable, "-m", "dagster_project.defs.ingestion", str(root / "landing")],
            env=_env(root, code, lake, spark, "duckdb"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for code, root in roots.items()
    ]
    for proc in ingestions:
        _built(proc)
    assert sorted(p.name for p in (lake / "roster").iterdir()) == sorted(
        f"province={code}" for code in PROVINCES
    )

    for code, root in roots.items():
        _built(dbt_build(root, _env(root, code, lake, spark, "duckdb"), "duckdb"))
    first = roots[PROVINCES[0]]
    _built(
        dbt_build(first, _env(first, PROVINCES[0], lake, spark, "spark"), "spark", with_tests=True)
    )

    # DuckDB's rows of every province together, beside Spark's build of them all
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
    copy_to_duckdb(spark / "warehouse", spark_copy, ("marts",))

    result = _compare_module().compare(str(together), str(spark_copy), tolerance=DOUBLE_TOLERANCE)
    assert len(result) >= 29, sorted(result)
    assert {t: r for t, r in result.items() if r[2] or r[0] != r[1]} == {}
    with duckdb.connect(str(spark_copy), read_only=True) as con:
        provinces = con.execute(
            "select province_code, count(*) from marts.dim_bureau group by 1 order by 1"
        ).fetchall()
        summary = con.execute(
            "select distinct province_code from marts.province_summary order by 1"
        ).fetchall()
    # each province's own bureaus, and its row of the national summary
    assert [p for p, _ in provinces] == sorted(PROVINCES)
    assert all(n > 1 for _, n in provinces)
    assert [s for (s,) in summary] == sorted(PROVINCES)
