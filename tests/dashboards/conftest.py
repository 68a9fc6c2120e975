"""Dashboard tests read a fixture snapshot in a temporary warehouse dir, never data/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.dashboards.snapshot_fixture import write_snapshot

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
PASSWORDS = {
    "province": "Province#2026",
    "kunming": "Kunming#2026",
    "wuhua": "Wuhua#2026",
    "finance": "Finance#2026",
    "auditor": "Auditor#2026",
}


@pytest.fixture(scope="session")
def warehouse_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("warehouse")
    write_snapshot(root / "published" / "auxforce_published.duckdb")
    return root


@pytest.fixture(scope="session")
def snapshot(warehouse_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(
        str(warehouse_dir / "published" / "auxforce_published.duckdb"), read_only=True
    )
    yield con
    con.close()


@pytest.fixture
def app_env(warehouse_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(warehouse_dir))
    return warehouse_dir


@pytest.fixture
def server(warehouse_dir: Path) -> Iterator[str]:
    """The dashboards served over the fixture snapshot, for the browser tests (its URL)."""
    from tests.dashboards.browser import serve  # browser.py imports this module

    with serve(warehouse_dir) as (url, _):
        yield url
