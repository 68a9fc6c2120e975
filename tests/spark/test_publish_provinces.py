"""Publishing a national build (dagster_project/defs/publish/provinces.py): Spark's warehouse
folder holds every province's marts; each province gets a snapshot of its own rows, and the
ministry the national summary.

A small province is built on DuckDB, and its marts and reference tables are written in the
folder layout of Spark's warehouse (`<schema>.db/<table>/*.parquet`, the layout
engines/spark_tables.py reads), with every mart row a second time under another province
(640000), as a build over two provinces' lake holds them, and the divisions seed with a
second province's rows. The province's snapshot published
from that folder must equal, table for table, the snapshot a DuckDB build publishes; the
national summary must hold both provinces. (test_spark_build.py builds on Spark itself.)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from dagster_project.defs.publish.provinces import NATIONAL, publish_spark_build
from dagster_project.defs.publish.snapshot import write_snapshot
from dagster_project.settings import Settings
from tests.pipeline import small_builds
from tests.spark.builds import _compare_module

pytestmark = [pytest.mark.spark, pytest.mark.timeout(1800)]
OTHER = "640000"


def _spark_layout(warehouse: Path, out: Path) -> None:
    """`warehouse`'s marts and reference as Spark's warehouse folder, the marts twice: as
    they are and under province OTHER."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'reference') and table_type = 'BASE TABLE'"
        ).fetchall()
        for schema, table in tables:
            folder = out / f"{schema}.db" / table
            folder.mkdir(parents=True)
            columns = {
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ?",
                    [schema, table],
                ).fetchall()
            }
            rows = f"select * from {schema}.{table}"
            if schema == "marts" and "province_code" in columns:
                other = f"select * replace ('{OTHER}' as province_code) from {schema}.{table}"
                rows += f" union all {other}"
            if table == "ref_divisions":  # a seed holding two provinces' divisions
                recoded = "'64' || substr(admin_code, 3) as admin_code"
                rows += f" union all select * replace ({recoded}) from {schema}.{table}"
            con.execute(f"copy ({rows}) to '{folder / 'part-00000.parquet'}' (format parquet)")


def _yunnan_rows(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """Yunnan's rows of a reference table that holds several provinces' (the seeds hold 宁夏's
    and 青海's too): a province's snapshot keeps its own; quality and names are its own."""
    columns = {
        c
        for (c,) in con.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = 'a' and table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()
    }
    if schema != "reference":
        return ""
    if "province_code" in columns:
        return " where province_code = '530000'"
    for code in ("admin_code", "prefecture_code"):
        if code in columns:
            return f" where {code} like '53%'"
    return ""


def test_each_province_gets_its_own_rows_and_the_ministry_all(tmp_path: Path) -> None:
    root = tmp_path / "province"
    small_builds.generate_province(root)
    small_builds.ingest(root)
    small_builds.build(root, "full", select=("*",))
    warehouse = small_builds.warehouse(root)
    _spark_layout(warehouse, tmp_path / "spark_warehouse")

    own = replace(Settings.from_env(), warehouse_dir=warehouse.parent)
    national = replace(own, warehouse_dir=tmp_path / "national")
    counts = publish_spark_build(
        tmp_path / "spark_warehouse", {"530000": own}, national, "run-national"
    )
    assert set(counts) == {"530000", NATIONAL}

    duckdb_published = tmp_path / "duckdb_published.duckdb"
    write_snapshot(warehouse, duckdb_published, "run-duckdb")
    differences = _compare_module().compare(str(duckdb_published), str(own.published_path))
    assert differences, "nothing compared"
    assert {t: d for t, d in differences.items() if d[2] or d[0] != d[1]} == {}
    # and the rest of the snapshot: reference data, data quality, names, the what-if macros
    with duckdb.connect() as con:
        con.execute(f"attach '{duckdb_published}' as a (read_only)")
        con.execute(f"attach '{own.published_path}' as b (read_only)")
        for schema in ("reference", "quality", "pii"):
            tables = con.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'a' and table_schema = ?",
                [schema],
            ).fetchall()
            assert tables, schema
            for (table,) in tables:
                name = f"{schema}.{table}"
                mine = f"select * from a.{name}{_yunnan_rows(con, schema, table)}"
                one_sided = con.execute(
                    f"select count(*) from (({mine} except all from b.{name}) "
                    f"union all (from b.{name} except all {mine}))"
                ).fetchone()
                assert one_sided == (0,), name
    with duckdb.connect(str(own.published_path), read_only=True) as con:
        assert con.execute(
            "select distinct province_code from marts.quota_utilization"
        ).fetchall() == [("530000",)]
        assert con.execute("select run_id from _publish.meta").fetchone() == ("run-national",)
        # the what-if macros run over the province's rows
        whatif = "select * from marts.quota_proposal_whatif(300, 0.1, 0.5, 0, 0, 0, 1)"
        assert con.execute(f"select count(*) from ({whatif})").fetchone()[0] > 0
    with duckdb.connect(str(national.published_path), read_only=True) as con:
        provinces = con.execute(
            "select province_code, count(*) from marts.province_summary group by 1 order by 1"
        ).fetchall()
        assert [p for p, _ in provinces] == ["530000", OTHER]
        assert provinces[0][1] == provinces[1][1] > 0
