"""The dbt project on Apache Spark (issue 15): every mart equals the DuckDB build row for row.

A small province (plain CSV, 15 months to 2026-03, so 2025 is a closed year and the annual
rules and the salary adjustment cost have rows) is ingested once into DuckDB and the raw lake
(Parquet by table x province x month) Spark reads. Then:

1. `dbt build` of every seed, model, data test and unit test on DuckDB and on Spark; every
   mart and every incremental intermediate table holds the same rows on both (money and other
   DECIMALs, text, dates exactly; DOUBLEs to 1e-9 relative: compare_warehouses.compare with
   builds.DOUBLE_TOLERANCE).
2. Incremental on Spark (insert_overwrite of month partitions): a new month (the province
   regenerated to 2026-04, which re-delivers every month), a corrected month (one roster row
   withdrawn from a 2025-11 file), a vanished month (the roster and payroll of 2026-04
   withdrawn: every file re-sent empty). After each load, Spark builds incrementally and
   DuckDB rebuilds with --full-refresh from the same raw layer; every table must agree, so
   the incremental Spark build equals a full refresh (item 1 shows the engines agree).

Step times go to test-artifacts/spark-timings.json. Run by `make test-spark` (needs the
`spark` dependency group and Java 17).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.spark.builds import Province

pytestmark = [pytest.mark.spark, pytest.mark.timeout(3600)]

SCALE = 0.02
SEED = 11


def _generate(province: Province, months: int, end_month: str) -> None:
    from dagster_project.synthetic import generate

    with province.timed(f"generate {months} months to {end_month}"):
        generate(
            province.landing,
            seed=SEED,
            scale=SCALE,
            months=months,
            end_month=end_month,
            formats="csv",
        )


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Province:
    """Ingested once, then built on both engines with every test."""
    province = Province(tmp_path_factory.mktemp("spark_province"))
    (province.root / "tmp").mkdir()
    _generate(province, 15, "2026-03")
    province.ingest("first")
    province.build("duckdb", "first", with_tests=True)
    province.build("spark", "first", with_tests=True)
    return province


def _months(province: Province, table: str, latest_only: bool = False) -> list[str]:
    """Months of a Spark table (as last read); `latest_only`: those the latest run computed."""
    where = (
        f"where loaded_at_watermark = (select max(loaded_at_watermark) from {table})"
        if latest_only
        else ""
    )
    rows = province.spark_query(f"select distinct strftime(month, '%Y-%m') from {table} {where}")
    return sorted(m for (m,) in rows)


def _step(province: Province, step: str) -> None:
    """Load, build Spark incrementally and DuckDB from scratch; the same rows on both."""
    province.ingest(step)
    province.build("spark", step)
    province.build("duckdb", step, "--full-refresh")
    different = province.differences()
    assert not different, f"{step}: Spark incremental != full refresh: {different}"


def _empty(path: Path) -> None:
    """Re-send a file with its header and no rows, signed by its bureau's clerk (a footer:
    layout, not data), so that the emptied files of several bureaus differ."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, [f"填表人：{path.stem}"]])


def test_every_mart_equals_duckdb(province: Province) -> None:
    different = province.differences()
    assert not different, f"Spark != DuckDB (rows DuckDB, rows Spark, differing): {different}"
    # the comparison saw real data: the closed year's marts and findings have rows
    for table in ("marts.salary_adjustment_cost", "marts.compliance_violations"):
        assert province.spark_query(f"select count(*) from {table}")[0][0] > 0, table
    rules = {r for (r,) in province.spark_query("select rule_id from marts.compliance_violations")}
    assert {"A28_NO_ANNUAL_ASSESSMENT", "A35_OVERTIME_UNCOMPENSATED"} <= rules, rules


def test_incremental_on_spark_matches_full_refresh(province: Province) -> None:
    # a new month (every old month re-delivered with other rows)
    _generate(province, 16, "2026-04")
    _step(province, "new month")
    assert "2026-04" in _months(province, "marts.fct_headcount_monthly", latest_only=True)

    # a corrected month: one roster row withdrawn from a 2025-11 file; only 2025-11 recomputed
    roster_file = next(
        p for p in sorted((province.landing / "roster").glob("*2025-11*.csv")) if p.stat().st_size
    )
    with roster_file.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) > 2
    with roster_file.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows[:-1])
    _step(province, "corrected month")
    for table in (
        "marts.fct_headcount_monthly",
        "marts.workforce_cost_monthly",
        "marts.insurance_coverage",
        "intermediate.int_roster__person_months",
    ):
        assert _months(province, table, latest_only=True) == ["2025-11"], table

    # a vanished month: the roster and payroll of 2026-04 withdrawn; its partitions dropped
    for source in ("roster", "payroll"):
        for path in sorted((province.landing / source).glob("*2026-04*.csv")):
            _empty(path)
    _step(province, "vanished month")
    for table in (
        "marts.fct_headcount_monthly",
        "marts.workforce_cost_monthly",
        "intermediate.int_roster__person_months",
    ):
        months = _months(province, table)
        assert "2026-04" not in months and "2026-03" in months, (table, months)
