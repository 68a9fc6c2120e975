"""The practical floor: one bare DuckDB query over the landing facts, no pipeline around it.

Per unit and month: incidents, enforcement incidents, handling hours, auxiliary attendances
and auxiliary staff-hours (incidents ⋈ incident_staff, both Parquet), joined to the roster
headcount of that unit-month (the roster CSVs DuckDB reads natively). This is the
work of the heaviest marts (incident workload per unit-month against headcount) without
validation, person keys, quarantine, tests or publishing.

Usage: python scripts/bench/floor.py LANDING_DIR [--threads N] [--memory-limit 4GB]
Prints one JSON line: seconds, output rows and the inputs read.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import duckdb


def roster_csvs(landing: Path) -> tuple[list[str], list[str]]:
    """UTF-8 roster CSVs with English headers (with or without BOM), and the files left out
    (GBK-encoded with Chinese headers, and XLSX: DuckDB needs the `encodings` and `excel`
    extensions for those, which are not installed offline)."""
    used: list[str] = []
    skipped: list[str] = []
    for path in sorted((landing / "roster").iterdir()):
        if path.suffix.lower() != ".csv":
            skipped.append(path.name)
            continue
        head = path.read_bytes()[:64].removeprefix(b"\xef\xbb\xbf")
        (used if head.startswith(b"snapshot_month,") else skipped).append(path.name)
    return [str(landing / "roster" / name) for name in used], skipped


FLOOR_SQL = """
with inc as (
    select incident_id, unit_code, date_trunc('month', reported_at)::date as month,
        enforcement, handling_minutes
    from read_parquet($incidents)
),
aux_per_incident as (
    select incident_id, count(*) as n
    from read_parquet($staff)
    where staff_type = 'auxiliary'
    group by incident_id
),
work as (
    select i.unit_code, i.month,
        count(*) as incidents,
        count(*) filter (where i.enforcement) as enforcement_incidents,
        sum(i.handling_minutes) / 60.0 as handling_hours,
        sum(coalesce(a.n, 0)) as aux_attendances,
        sum(coalesce(a.n, 0) * i.handling_minutes) / 60.0 as aux_staff_hours
    from inc i left join aux_per_incident a using (incident_id)
    group by all
),
heads as (
    select unit_code, strptime(snapshot_month, '%Y-%m')::date as month,
        count(*) filter (where status <> 'separated') as headcount
    from read_csv($roster, header = true, all_varchar = true, union_by_name = true)
    group by all
)
select coalesce(w.unit_code, h.unit_code) as unit_code, coalesce(w.month, h.month) as month,
    w.incidents, w.enforcement_incidents, w.handling_hours, w.aux_attendances,
    w.aux_staff_hours, h.headcount,
    w.aux_staff_hours / nullif(h.headcount, 0) as aux_staff_hours_per_head
from work w full join heads h on w.unit_code = h.unit_code and w.month = h.month
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("landing", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="4GB")
    args = parser.parse_args()
    landing: Path = args.landing
    roster, skipped = roster_csvs(landing)
    con = duckdb.connect(":memory:")
    con.execute(f"set threads = {int(args.threads)}")
    con.execute(f"set memory_limit = '{args.memory_limit}'")
    started = time.perf_counter()
    rows = con.execute(
        f"select count(*), sum(incidents), sum(aux_attendances), sum(headcount) from ({FLOOR_SQL})",
        {
            "incidents": str(landing / "incidents" / "*.parquet"),
            "staff": str(landing / "incident_staff" / "*.parquet"),
            "roster": roster,
        },
    ).fetchone()
    seconds = time.perf_counter() - started
    assert rows is not None
    print(
        json.dumps(
            {
                "seconds": round(seconds, 3),
                "output_rows": rows[0],
                "incidents": rows[1],
                "aux_attendances": rows[2],
                "headcount_unit_months": rows[3],
                "roster_files_used": len(roster),
                "roster_files_skipped": len(skipped),
            }
        )
    )


if __name__ == "__main__":
    main()
