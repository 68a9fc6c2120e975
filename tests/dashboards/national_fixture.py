"""province_summary for the fixture snapshots (issue 15): the province snapshot holds its own
province's rows; `national_marts` writes the national build's marts file that
dagster_project/defs/publish/provinces.write_national publishes for the ministry, with two
more provinces. Hand-written figures: the pages only show what the mart holds."""

from __future__ import annotations

from pathlib import Path

import duckdb

_COLUMNS = """(province_code varchar, year integer, province_name varchar, bureaus bigint,
    headcount_month date, approved_quota bigint, headcount bigint, utilization double,
    vacancies bigint, bureaus_over_quota bigint, aux_total bigint, aux_grassroots bigint,
    grassroots_share double, cost_months bigint, total_cost decimal(18,2), person_months bigint,
    person_months_with_gap bigint, coverage_rate double, findings bigint, findings_high bigint)"""
# province -> (name, rows of 2025 and 2026 after the name)
ROWS = {
    "530000": [
        "2025, '云南省', 7, date '2025-12-01', 1200, 1150, 0.9583333333333334, 50, 1, 1150, "
        "820, 0.7130434782608696, 12, 61234567.89, 13800, 12, 0.9991304347826087, 40, 11",
        "2026, '云南省', 7, date '2026-10-01', 1250, 1190, 0.952, 60, 2, 1190, 850, "
        "0.7142857142857143, 10, 52345678.90, 11900, 7, 0.9994117647058823, 35, 9",
    ],
}
OTHERS = {
    "640000": [
        "2026, '宁夏回族自治区', 28, date '2026-10-01', 3000, 2700, 0.9, 300, 0, 2700, 2100, "
        "0.7777777777777778, 10, 123456789.01, 27000, 54, 0.998, 120, 30",
    ],
    "630000": [
        "2026, '青海省', 53, date '2026-09-01', 2000, 2100, 1.05, -100, 4, 2100, 1500, "
        "0.7142857142857143, 9, 98765432.10, 18900, 189, 0.99, 250, 80",
    ],
}


def _insert(con: duckdb.DuckDBPyConnection, rows: dict[str, list[str]]) -> None:
    for province, values in rows.items():
        for row in values:
            con.execute(f"insert into marts.province_summary values ('{province}', {row})")


def add_province_summary(con: duckdb.DuckDBPyConnection) -> None:
    """The province snapshot's province_summary: 云南 2025 and 2026."""
    con.execute(f"create table marts.province_summary {_COLUMNS}")
    _insert(con, ROWS)


def national_marts(path: Path) -> Path:
    """A national build's marts file: province_summary of 云南, 宁夏 and 青海 and dim_bureau
    (their province bureaus, and one prefecture bureau the national snapshot leaves out)."""
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        add_province_summary(con)
        _insert(con, OTHERS)
        con.execute(
            """create table marts.dim_bureau as select * from (values
            ('530000000000', '云南省公安厅', 'province', '530000', '530000', '530000'),
            ('640000000000', '宁夏回族自治区公安厅', 'province', '640000', '640000', '640000'),
            ('630000000000', '青海省公安厅', 'province', '630000', '630000', '630000'),
            ('640100000000', '银川市公安局', 'prefecture', '640000', '640100', '640100'))
            t(bureau_code, bureau_name, tier, province_code, prefecture_code, admin_code)"""
        )
    return path
