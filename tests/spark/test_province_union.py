"""The union property of the dbt project (issue 15, provinces as a dimension): built over the
raw tables of two provinces at once, every mart holds exactly the rows of the two provinces'
builds alone, row for row (money, counts and text exactly; DOUBLEs to 1e-9 relative). A
province-wide figure computed over every province at once (a total, a rate, a scope, a
ranking) breaks it.

On DuckDB (the property is the models', not the engine's; tests/spark/test_spark_build.py
shows Spark's marts equal DuckDB's): Yunnan 530000 generated small (15 months to 2026-03, so
2025 is a closed year), Ningxia 640000 re-coded from it with other numbers
(tests/spark/provinces.py), and the two in one warehouse. Three builds of a few minutes on
this machine: it runs in `make test-spark`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.pipeline import small_builds
from tests.spark import provinces
from tests.spark.builds import DOUBLE_TOLERANCE, _compare_module

pytestmark = [pytest.mark.spark, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("province_union")
    roots = provinces.prepare(root, months=15, end_month="2026-03", scale=0.02, seed=11)
    provinces.build_all(roots)
    warehouses = {name: small_builds.warehouse(path) for name, path in roots.items()}
    warehouses["a+b"] = root / "a_plus_b.duckdb"
    provinces.union_of([warehouses["a"], warehouses["b"]], warehouses["a+b"])
    return warehouses


def _province_codes(warehouse: Path, table: str) -> set[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(f"select distinct province_code from marts.{table}").fetchall()
    return {c for (c,) in rows}


def test_every_mart_of_both_equals_the_union_of_each(built: dict[str, Path]) -> None:
    result = _compare_module().compare(
        str(built["a+b"]), str(built["ab"]), tolerance=DOUBLE_TOLERANCE
    )
    assert len(result) >= 25, result
    differing = {t: r for t, r in result.items() if r[2] != 0 or r[0] != r[1]}
    assert not differing, differing


def test_each_mart_carries_its_province(built: dict[str, Path]) -> None:
    with duckdb.connect(str(built["ab"]), read_only=True) as con:
        marts = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts' and table_type = 'BASE TABLE'"
            ).fetchall()
        ]
    assert marts
    for table in marts:
        assert _province_codes(built["a"], table) <= {"530000"}, table
        assert _province_codes(built["b"], table) <= {"640000"}, table
        assert _province_codes(built["ab"], table) == (
            _province_codes(built["a"], table) | _province_codes(built["b"], table)
        ), table


def test_the_second_province_is_not_a_copy(built: dict[str, Path]) -> None:
    """B's shifted numbers reach its marts: the same bureau (re-coded) has other figures, so
    the comparison above could see a figure of one province land in the other's rows."""
    query = """select {bureau}, year, category, approved_quota, required_fte
        from marts.planning_year_over_year order by all"""
    with duckdb.connect(str(built["a"]), read_only=True) as con:
        a_rows = con.execute(query.format(bureau="bureau_code")).fetchall()
    with duckdb.connect(str(built["b"]), read_only=True) as con:
        b_rows = con.execute(
            query.format(bureau="regexp_replace(bureau_code, '^64', '53')")
        ).fetchall()
    assert len(a_rows) == len(b_rows) > 0
    assert sum(a != b for a, b in zip(a_rows, b_rows, strict=True)) > len(a_rows) // 4
