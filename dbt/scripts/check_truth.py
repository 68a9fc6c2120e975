"""Compare marts.compliance_violations with the generator's truth manifest.

    uv run python dbt/scripts/check_truth.py WAREHOUSE.duckdb LANDING/_truth/violations.csv

The truth names people by id_number; pii.persons of the warehouse maps them to person_key.
Exits 1 when a finding is missing or extra.
"""

from __future__ import annotations

import sys

import duckdb

KEY = "rule_id, person_key, incident_id, unit_code, period, detail"

if __name__ == "__main__":
    warehouse, truth_csv = sys.argv[1], sys.argv[2]
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as w (read_only)")
    con.execute(
        f"""
        create temp table truth as
        select t.rule_id, p.person_key, nullif(t.incident_id, '') as incident_id,
               nullif(t.unit_code, '') as unit_code, nullif(t.period, '') as period,
               nullif(t.detail, '') as detail
        from read_csv('{truth_csv}', all_varchar = true) as t
        left join w.pii.persons as p on p.id_number = t.id_number
        """
    )
    con.execute(f"create temp table found as select {KEY} from w.marts.compliance_violations")
    missing = con.execute(f"select {KEY} from truth except all select {KEY} from found").fetchall()
    extra = con.execute(f"select {KEY} from found except all select {KEY} from truth").fetchall()
    n_truth = con.execute("select count(*) from truth").fetchone()[0]
    n_found = n_truth - len(missing) + len(extra)
    print(f"truth={n_truth} found={n_found} missing={len(missing)} extra={len(extra)}")
    for row in (missing + extra)[:10]:
        print("  ", row)
    sys.exit(1 if missing or extra else 0)
