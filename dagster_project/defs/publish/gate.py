"""The publish gate: a failed contract check holds the publish while its batch is loaded.

The blocking asset check stops the run that loaded a bad batch, but the batch is already
committed to raw, so a later run with no new files would publish it. The gate therefore
reads the warehouse, not the run. Rule: a batch of a source whose contract check failed
holds the publish while any row it loaded is still in `raw.<source>` (rows leave when a
corrected file replaces the file under the same name, or later rows replace them by key;
a batch that fails again holds in its own right) and no operator has cleared the source
since. Clearing means accepting the data as loaded:

    python -m dagster_project.defs.publish.gate                     # list what holds
    python -m dagster_project.defs.publish.gate --clear roster --note "checked with the bureau"

Run it while no pipeline run is writing (DuckDB admits one writer).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from itertools import groupby

import duckdb

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.warehouse import connect, ensure_tables
from dagster_project.defs.publish.status import FailedCheck, Hold, write_status
from dagster_project.settings import Settings, get_settings

# The files each checked batch loaded, by content hash: what identifies its rows in raw.
BATCH_FILES_DDL = """
create table if not exists raw._check_batch_files (
    source varchar not null,
    checked_at timestamp not null,
    file varchar not null,
    sha256 varchar not null
)"""

CLEARANCES_DDL = """
create table if not exists raw._check_clearances (
    source varchar not null,
    cleared_at timestamp not null,
    note varchar
)"""


def ensure_gate_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(BATCH_FILES_DDL)
    con.execute(CLEARANCES_DDL)


def standing_holds(con: duckdb.DuckDBPyConnection) -> list[Hold]:
    """Every failed batch that still holds the publish, oldest first."""
    ensure_gate_tables(con)
    failed = con.execute(
        "select source, checked_at, check_name, unexpected_count, coalesce(detail, '') "
        "from raw._check_results r where not passed and not exists (select 1 from "
        "raw._check_clearances c where c.source = r.source and c.cleared_at >= r.checked_at) "
        "order by checked_at, source, check_name"
    ).fetchall()
    holds = []
    for (source, checked_at), rows in groupby(failed, key=lambda r: (r[0], r[1])):
        # the table name comes from the contract, never from the data
        files = con.execute(
            f"select file from raw._check_batch_files f where source = ? and checked_at = ? "
            f"and exists (select 1 from raw.{SOURCES[source].name} t "
            f"where t._sha256 = f.sha256) order by file",
            [source, checked_at],
        ).fetchall()
        if files:
            holds.append(
                Hold(
                    source=source,
                    source_zh=SOURCES[source].zh,
                    checked_at=checked_at,
                    files=tuple(f[0] for f in files),
                    failed_checks=tuple(FailedCheck(r[2], r[3], r[4]) for r in rows),
                )
            )
    return holds


def record_holds(con: duckdb.DuckDBPyConnection, settings: Settings) -> list[Hold]:
    """Evaluate the gate and, if anything holds, say so in the status file."""
    holds = standing_holds(con)
    if holds:
        write_status(settings.publish_status_path, settings.published_path, holds)
    return holds


def describe(holds: list[Hold]) -> str:
    """One line per hold, for the run log and the Dagster UI."""
    return "\n".join(
        f"{h.source_zh} {h.source} ({h.checked_at:%Y-%m-%d %H:%M}): "
        f"{', '.join(h.files)}: {'; '.join(c.check for c in h.failed_checks)}"
        for h in holds
    )


def clear(con: duckdb.DuckDBPyConnection, source: str, note: str | None) -> None:
    """Accept every failed batch of `source` checked until now."""
    ensure_gate_tables(con)
    con.execute(
        "insert into raw._check_clearances values (?, ?, ?)", [source, datetime.now(), note]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="发布闸门：列出或解除因校验未通过而暂停的发布")
    parser.add_argument("--clear", choices=sorted(SOURCES), help="accept this source as loaded")
    parser.add_argument("--note", help="why it is accepted (kept with the clearance)")
    args = parser.parse_args()
    settings = get_settings()
    with connect(settings) as con:
        ensure_tables(con)
        if args.clear:
            clear(con, args.clear, args.note)
        holds = standing_holds(con)
    print(describe(holds) or "nothing holds the publish; the next run publishes")


if __name__ == "__main__":
    main()
