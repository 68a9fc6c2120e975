"""compare_warehouses.compare with a tolerance (tests/spark/ compares DuckDB with Spark so):
rows pair on every non-DOUBLE column; DOUBLEs within (relative, absolute); DECIMALs exact."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

from dagster_project.settings import PROJECT_ROOT

spec = importlib.util.spec_from_file_location(
    "compare_warehouses", PROJECT_ROOT / "dbt" / "scripts" / "compare_warehouses.py"
)
compare_warehouses = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_warehouses)

ROWS = [("a", 1.50, 0.25), ("b", 2.00, 1000.0), ("b", 2.00, None)]


def _warehouse(path: Path, rows: list[tuple]) -> str:
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.t (k varchar, money decimal(18, 2), ratio double)")
        con.executemany("insert into marts.t values (?, ?, ?)", rows)
    return str(path)


def _differing(tmp_path: Path, other: list[tuple]) -> int:
    a = _warehouse(tmp_path / "a.duckdb", ROWS)
    b = _warehouse(tmp_path / "b.duckdb", other)
    return compare_warehouses.compare(a, b, tolerance=(1e-9, 1.5e-9))["marts.t"][2]


def test_doubles_within_tolerance_are_equal(tmp_path: Path) -> None:
    # 1000 x (1 + 5e-10): 5e-10 relative; 0.25 + 1e-9: 1e-9 absolute (4e-9 relative)
    close = [("b", 2.00, None), ("b", 2.00, 1000.0000005), ("a", 1.50, 0.250000001)]
    assert _differing(tmp_path, close) == 0


def test_doubles_beyond_tolerance_differ(tmp_path: Path) -> None:
    # 1000.000002: 2e-9 relative; 0.250000002: 2e-9 absolute; each row fails on both sides
    assert _differing(tmp_path, [ROWS[0], ("b", 2.00, 1000.000002), ROWS[2]]) == 2
    assert _differing(tmp_path, [("a", 1.50, 0.250000002), *ROWS[1:]]) == 2


def test_decimals_nulls_and_missing_rows_are_exact(tmp_path: Path) -> None:
    assert _differing(tmp_path, [("a", 1.51, 0.25), *ROWS[1:]]) == 2  # a cent off
    assert _differing(tmp_path, [*ROWS[:2], ("b", 2.00, 0.0)]) == 2  # null vs 0
    assert _differing(tmp_path, ROWS[:2]) == 1  # a row missing
