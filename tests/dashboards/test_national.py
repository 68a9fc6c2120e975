"""The ministry's 全国概览 over the national summary snapshot (issue 15): publish.provinces
writes it from a national build's marts (province_summary of every province, their province
bureaus); the ministry login sees every province, a login bound below a province none."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dagster_project.defs.publish.provinces import OWN_TABLES, write_national
from dagster_project.defs.publish.snapshot import PII_TABLES, QUALITY_TABLES
from tests.dashboards.conftest import APP
from tests.dashboards.national_fixture import national_marts

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import db

MINISTRY_PASSWORD = "Ministry#2026"  # dashboards/README.md


@pytest.fixture
def national(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    warehouse = tmp_path / "national"
    published = warehouse / "published" / "auxforce_published.duckdb"
    write_national(national_marts(tmp_path / "national_build.duckdb"), published, "run-national-1")
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(warehouse))
    return published


def test_the_national_snapshot_holds_the_summary_only(national: Path):
    with duckdb.connect(str(national), read_only=True) as con:
        tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() order by 1"
        ).fetchall()
        bureaus = con.execute("select bureau_code from marts.dim_bureau order by 1").fetchall()
        run = con.execute("select run_id from _publish.meta").fetchone()
    assert [t[0] for t in tables] == [
        "_publish.meta",
        "marts.dim_bureau",
        "marts.province_summary",
    ]
    # the province bureaus only: 银川市公安局 (a prefecture bureau) stays out
    assert [b[0] for b in bureaus] == ["530000000000", "630000000000", "640000000000"]
    assert run == ("run-national-1",)


def test_ministry_sees_every_province(national: Path):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.text_input[0].input("ministry")
    at.text_input[1].input(MINISTRY_PASSWORD)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["全国概览"]
    # the newest year first; the fixture's figures (national_fixture.py), summed by hand
    assert at.selectbox(key="national_year").value == 2026
    tiles = {m.label: m.value for m in at.metric}
    assert tiles == {
        "省份": "3 个",
        "核准额度合计": "6,250 人",  # 1,250 + 3,000 + 2,000
        "在岗人数合计": "5,990 人",  # 1,190 + 2,700 + 2,100
        "违规线索合计": "405 条",  # 35 + 120 + 250
    }
    (table,) = [df.value for df in at.dataframe]
    assert table["省份"].tolist() == ["云南省", "青海省", "宁夏回族自治区"]  # by code
    assert table["使用率"].tolist() == [0.952, 1.05, 0.9]


def test_below_a_province_the_summary_is_empty(national: Path):
    """The summary is province-grain: a scope that does not cover a whole province reads no
    row of it, whatever page SQL asks (lib/db.py, province_summary by scope_provinces)."""
    sql = "select province_code from province_summary where year = 2026 order by 1"
    ministry = db.scope_for("ministry", None)
    assert ministry.provinces == ("530000", "630000", "640000")
    assert db.read(ministry, sql)["province_code"].to_list() == ["530000", "630000", "640000"]
    prefecture = db.scope_for("prefecture", "640100")
    assert prefecture.provinces == ()
    assert db.read(prefecture, sql).is_empty()


def test_a_province_snapshot_takes_its_bookkeeping_from_its_own_warehouse():
    """publish.provinces copies, from a province's ingestion warehouse, exactly what
    write_snapshot reads beyond marts and reference."""
    read = {q.split(" from wh.")[1] for q in (*QUALITY_TABLES.values(), *PII_TABLES.values())}
    assert read == set(OWN_TABLES)
