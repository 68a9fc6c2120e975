"""Fixtures for ingestion tests: throw-away DuckDB warehouses with reference data loaded.

Building a warehouse (DDL + org_units) costs far more than copying one, so each kind is
built once per session and copied per test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from ingestion_helpers import CORPUS, MANIFEST, SETUPS, load

from dagster_project.defs.ingestion.warehouse import ensure_tables


def _build(path: Path, bases: tuple[str, ...]) -> None:
    con = duckdb.connect(str(path))
    try:
        ensure_tables(con)
        for base in bases:
            outcome = load(con, base, CORPUS / MANIFEST["base"][base])
            assert outcome.status == "loaded" and outcome.rows_quarantined == 0, outcome
    finally:
        con.close()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("warehouse_templates")
    out = {}
    for key, bases in SETUPS.items():
        out[key] = root / f"template_{key or 'org'}.duckdb"
        _build(out[key], bases)
    return out


@pytest.fixture
def make_warehouse(
    tmp_path: Path, _templates: dict[str, Path]
) -> Iterator[Callable[[str], duckdb.DuckDBPyConnection]]:
    """`make_warehouse(setup)`: a fresh warehouse with org_units (+ roster or incidents)."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def make(setup: str = "") -> duckdb.DuckDBPyConnection:
        target = tmp_path / f"warehouse_{len(opened)}.duckdb"
        shutil.copyfile(_templates[setup], target)
        con = duckdb.connect(str(target))
        opened.append(con)
        return con

    yield make
    for con in opened:
        con.close()


@pytest.fixture
def warehouse(make_warehouse: Callable[[str], duckdb.DuckDBPyConnection]):
    """A fresh warehouse: raw tables created, the base org_units loaded."""
    return make_warehouse("")
