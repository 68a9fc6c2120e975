"""The same province delivered as GBK/XLSX/Parquet/Chinese headers or as plain CSV loads the same.

Both landings come from one seed; only encodings, headers, labels and date spellings differ.
Every raw table must hold identical rows apart from lineage columns (file names differ).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from dagster_project.contract import LOAD_ORDER, SOURCES
from dagster_project.defs.ingestion.loading import load_source
from dagster_project.defs.ingestion.warehouse import ensure_tables

SECRET = b"formats-test-secret"
# Small: every prefecture's delivery format appears at any scale; two loads must stay cheap.
SEED, SCALE, MONTHS, END_MONTH = 3, 0.05, 4, "2026-04"
LINEAGE = "_file, _sha256, _loaded_at, _extra"


def _load(landing: Path, warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse)) as con:
        ensure_tables(con)
        outcomes = {
            name: load_source(con, SOURCES[name], landing, SECRET, date(2026, 11, 27))
            for name in LOAD_ORDER
        }
    return {name: sum(o.status == "rejected" for o in out) for name, out in outcomes.items()}


def test_mixed_formats_load_like_plain_csv(tmp_path: Path) -> None:
    from dagster_project.synthetic import generate

    mixed, plain_files = tmp_path / "mixed", tmp_path / "plain"
    generate(mixed, seed=SEED, scale=SCALE, months=MONTHS, end_month=END_MONTH, formats="mixed")
    generate(plain_files, seed=SEED, scale=SCALE, months=MONTHS, end_month=END_MONTH, formats="csv")
    suffixes = {p.suffix for p in mixed.rglob("*") if p.is_file() and "_truth" not in p.parts}
    assert {".csv", ".xlsx", ".parquet"} <= suffixes
    assert _load(mixed, tmp_path / "mixed.duckdb") == dict.fromkeys(LOAD_ORDER, 0)
    assert _load(plain_files, tmp_path / "plain.duckdb") == dict.fromkeys(LOAD_ORDER, 0)
    with duckdb.connect(str(tmp_path / "mixed.duckdb")) as con:
        con.execute(f"attach '{tmp_path / 'plain.duckdb'}' as plain (read_only)")
        for name in LOAD_ORDER:
            for a, b in (("raw", "plain.raw"), ("plain.raw", "raw")):
                diff = con.execute(
                    f"select count(*) from (select * exclude ({LINEAGE}, _row) from {a}.{name} "
                    f"except all select * exclude ({LINEAGE}, _row) from {b}.{name})"
                ).fetchone()
                assert diff == (0,), f"{name}: {diff[0]} rows of {a} missing from {b}"
            count = con.execute(f"select count(*) from raw.{name}").fetchone()
            assert count is not None and count[0] > 0, name
