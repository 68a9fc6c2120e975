"""Validate what one ingestion run loaded and keep the verdict in `raw._check_results`."""

from __future__ import annotations

from datetime import datetime

import dagster as dg
import duckdb

from dagster_project.contract import Source
from dagster_project.defs.ingestion.load_log import FileOutcome
from dagster_project.defs.ingestion.warehouse import query_frame
from dagster_project.defs.publish.gate import ensure_gate_tables, record_holds
from dagster_project.defs.quality.gx_suites import CheckOutcome, validate_batch
from dagster_project.settings import get_settings

# GX validates through pandas in memory: past this many rows a reproducible sample stands in.
MAX_ROWS_VALIDATED = 200_000


def check_name(source: Source) -> str:
    return f"gx_{source.name}_contract"


def check_spec(source: Source) -> dg.AssetCheckSpec:
    """Blocking: a failed suite stops the rest of the run (dbt, publish) and the publish
    gate (publish/gate.py) keeps holding later runs while the batch is loaded."""
    return dg.AssetCheckSpec(
        check_name(source),
        asset=dg.AssetKey(["raw", source.name]),
        description="Great Expectations suite from the data contract, run on the rows this "
        "run loaded; a failure holds the publish.",
        blocking=True,
    )


def check_new_batch(
    con: duckdb.DuckDBPyConnection, source: Source, outcomes: list[FileOutcome]
) -> dg.AssetCheckResult:
    loaded = [o for o in outcomes if o.status == "loaded" and o.rows_loaded]
    if not loaded:
        return dg.AssetCheckResult(
            check_name=check_name(source),
            passed=True,
            metadata={"rows_checked": 0, "note": "no new rows in this run"},
        )
    shas = [o.sha256 for o in loaded]
    batch = query_frame(
        con,
        f"select * exclude (_extra, _file, _sha256, _row, _loaded_at) from raw.{source.name} "
        f"where _sha256 in (select unnest(?::varchar[])) "
        f"using sample reservoir({MAX_ROWS_VALIDATED} rows) repeatable (42)",
        [shas],
    )
    results: list[CheckOutcome] = validate_batch(source, batch)
    now = datetime.now()
    files = ", ".join(o.file for o in loaded[:20]) + (" …" if len(loaded) > 20 else "")
    con.executemany(
        "insert into raw._check_results values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                source.name,
                files,
                r.check_name,
                r.passed,
                batch.height,
                r.unexpected_count,
                r.detail,
                now,
            ]
            for r in results
        ],
    )
    ensure_gate_tables(con)
    con.executemany(
        "insert into raw._check_batch_files values (?, ?, ?, ?)",
        [[source.name, now, o.file, o.sha256] for o in loaded],
    )
    failed = [r for r in results if not r.passed]
    if failed:
        # the publish step of this run will not start: the hold is told from here
        record_holds(con, get_settings())
    return dg.AssetCheckResult(
        check_name=check_name(source),
        passed=not failed,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "rows_checked": batch.height,
            "expectations": len(results),
            "failed": dg.MetadataValue.md(
                "\n".join(
                    f"- {r.check_name}: {r.unexpected_count} unexpected {r.detail}" for r in failed
                )
                or "none"
            ),
        },
    )
