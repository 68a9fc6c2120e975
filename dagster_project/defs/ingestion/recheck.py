"""Rows held back for want of a reference are settled again when the reference arrives.

A payroll file that lands a run before its month's roster, staff rows before their
incidents, a unit's rows before org_units names the unit: each is quarantined at first.
When the reference source later loads rows of the same month (org_units: any), the held
file is read again from the landing folder and settled again, so the warehouse after any
arrival order of the same files is the same (docs/office-files.md).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb

from dagster_project.contract import Source
from dagster_project.defs.ingestion.lake import Lake
from dagster_project.defs.ingestion.load_log import FileOutcome
from dagster_project.defs.ingestion.loading import load_paths
from dagster_project.settings import get_settings

# a cross-source rule → the source whose arrival can lift it
REFERENCE_OF_RULE = {
    "unknown_unit": "org_units",
    "not_on_roster": "roster",
    "unknown_incident": "incidents",
}
RECHECK_NOTE = "重新核对（参照数据已到）/ Re-checked (reference data arrived)"


def _bounds(alias: str) -> tuple[str, str]:
    """SQL for the first and last month of a load-log partition ('2026-10' or 'lo..hi')."""
    part = f"{alias}.partition"
    return (
        f"split_part({part}, '..', 1)",
        f"coalesce(nullif(split_part({part}, '..', 2), ''), {part})",
    )


def _held_files_sql() -> str:
    reference = "case h.rule " + " ".join(
        f"when '{rule}' then '{src}'" for rule, src in REFERENCE_OF_RULE.items()
    )
    (l_lo, l_hi), (r_lo, r_hi) = _bounds("l"), _bounds("r")
    return f"""
with latest as (
    select file, sha256, partition, loaded_at, status,
        row_number() over (partition by file order by loaded_at desc) as newest
    from raw._load_log where source = $source
),
held as (
    select distinct file, rule from raw._quarantine
    where source = $source and rule in (select unnest($rules::varchar[]))
)
select distinct l.file, l.sha256 from latest l join held h using (file)
where l.newest = 1 and l.status = 'loaded' and exists (
    select 1 from raw._load_log r
    where r.status = 'loaded' and r.rows_loaded > 0 and r.loaded_at > l.loaded_at
        and r.source = {reference} end
        and (r.source = 'org_units' or l.partition is null or r.partition is null
            or ({r_lo} <= {l_hi} and {l_lo} <= {r_hi}))
)
order by l.file"""


def recheck_held(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    landing_dir: Path,
    secret: bytes,
    today: date,
    batch_rows: int | None = None,
    lake_out: Lake | None = None,
) -> list[FileOutcome]:
    """Settle again every file of `source` with rows held for a reference that has since
    loaded; a file no longer in the landing folder as it was loaded is left as it is."""
    found = con.execute(
        _held_files_sql(), {"source": source.name, "rules": list(REFERENCE_OF_RULE)}
    ).fetchall()
    paths = []
    for name, sha256 in found:
        path = landing_dir / name
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
            paths.append((path, name))
    if not paths:
        return []
    rows = batch_rows or get_settings().ingest_batch_rows
    return load_paths(con, source, paths, secret, today, rows, note=RECHECK_NOTE, lake_out=lake_out)
