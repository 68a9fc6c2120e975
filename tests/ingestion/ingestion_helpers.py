"""Shared by the ingestion tests: the corpus manifest and a `load_file` with test settings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.load_log import FileOutcome
from dagster_project.defs.ingestion.loading import load_file
from dagster_project.defs.ingestion.recheck import recheck_held
from dagster_project.defs.ingestion.warehouse import query_frame

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad_inputs"
MANIFEST: dict[str, Any] = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
TODAY = date.fromisoformat(MANIFEST["today"])
SECRET = MANIFEST["secret"].encode()

# setup name -> base files loaded (in order) on top of org_units
SETUPS: dict[str, tuple[str, ...]] = {
    "": ("org_units",),
    "roster": ("org_units", "roster"),
    "incidents": ("org_units", "incidents"),
}


def load(
    con: duckdb.DuckDBPyConnection, source: str, path: Path, name: str | None = None
) -> FileOutcome:
    """`load_file` with the tests' secret and load day."""
    return load_file(
        con, SOURCES[source], path, name or f"{source}/{path.name}", secret=SECRET, today=TODAY
    )


def recheck(con: duckdb.DuckDBPyConnection, source: str) -> list[FileOutcome]:
    """Re-check the files of `source` holding rows back, with the corpus as landing folder
    (files are named relative to it), as the ingestion assets do after a reference loads."""
    return recheck_held(con, SOURCES[source], CORPUS, SECRET, TODAY)


def snapshot(
    con: duckdb.DuckDBPyConnection, exclude: tuple[str, ...] = ()
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every raw and pii table (but `exclude`), to prove a load changed nothing."""
    tables = query_frame(
        con,
        "select table_schema || '.' || table_name as t from information_schema.tables "
        "where table_schema in ('raw', 'pii') order by 1",
    )["t"].to_list()
    return {
        t: sorted(map(repr, con.execute(f"select * from {t}").fetchall()))
        for t in tables
        if t not in exclude
    }
