"""incident_staff rows carry the month of their incident (docs/raw-layer.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import duckdb
from ingestion_helpers import CORPUS, load

from dagster_project.defs.ingestion.warehouse import ensure_tables

STAFF = CORPUS / "incident_staff" / "incident_staff_2026-10.csv"  # incidents 1 (x2) and 3


def test_incident_month_is_added_and_filled(
    make_warehouse: Callable[[str], duckdb.DuckDBPyConnection],
) -> None:
    """A warehouse built before the column existed gets it, filled from the incidents."""
    con = make_warehouse("incidents")
    assert load(con, "incident_staff", STAFF).rows_loaded == 3
    con.execute("alter table raw.incident_staff drop column incident_month")

    ensure_tables(con)

    months = con.execute("select incident_month from raw.incident_staff").fetchall()
    assert months == [(date(2026, 10, 1),)] * 3
    ensure_tables(con)  # a second call finds the column and changes nothing
    assert con.execute("select count(*) from raw.incident_staff").fetchone() == (3,)


def test_incident_moved_to_another_month_takes_its_staff(
    make_warehouse: Callable[[str], duckdb.DuckDBPyConnection], tmp_path: Path
) -> None:
    """A correction that moves an incident to November replaces its October row, and its
    October staff rows go with it: raw holds each incident id once, and only staff of its
    own month."""
    con = make_warehouse("incidents")
    assert load(con, "incident_staff", STAFF).rows_loaded == 3
    moved = tmp_path / "incidents_2026-11.csv"
    moved.write_text(
        "incident_id,unit_code,reported_at,incident_type,enforcement,handling_minutes\n"
        "J2026100001,530102010000,2026-11-02 09:00:00,dispute,true,30\n",
        encoding="utf-8",
    )

    assert load(con, "incidents", moved).rows_loaded == 1

    assert con.execute(
        "select count(*), min(reported_at) from raw.incidents where incident_id = 'J2026100001'"
    ).fetchone() == (1, datetime(2026, 11, 2, 9))
    staff = con.execute("select incident_id, incident_month from raw.incident_staff").fetchall()
    assert staff == [("J2026100003", date(2026, 10, 1))]
