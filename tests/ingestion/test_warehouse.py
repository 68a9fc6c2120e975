"""Warehouses built by an earlier version are brought up to the current raw layout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
from ingestion_helpers import CORPUS, load

from dagster_project.defs.ingestion.warehouse import ensure_tables


def test_incident_month_is_added_and_filled(
    make_warehouse: Callable[[str], duckdb.DuckDBPyConnection],
) -> None:
    con = make_warehouse("incidents")
    outcome = load(con, "incident_staff", CORPUS / "incident_staff" / "incident_staff_2026-10.csv")
    assert outcome.rows_loaded == 3
    con.execute("alter table raw.incident_staff drop column incident_month")

    ensure_tables(con)

    months = con.execute(
        "select incident_id, incident_month from raw.incident_staff order by all"
    ).fetchall()
    assert len(months) == 3
    assert {m for _, m in months} == {date(2026, 10, 1)}
    ensure_tables(con)  # a second call finds the column and changes nothing
    assert con.execute("select count(*) from raw.incident_staff").fetchone() == (3,)
