"""A page run reads one snapshot throughout: a publish that swaps the file between two reads
of a page must not give the page's second read the new snapshot (the small load test found
数据质量 taking its sources from one snapshot and their deliveries from the next, and failing
on an empty table)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from tests.dashboards.conftest import APP

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import db

COUNT = "select count(*) as n from compliance_violations"


def _publish_one_more_violation(published: Path) -> None:
    staged = published.with_suffix(".new")
    shutil.copy(published, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute(
            """insert into marts.compliance_violations
            select * from marts.compliance_violations limit 1"""
        )
    staged.replace(published)  # the publish step's atomic swap


def test_a_scope_reads_the_snapshot_it_was_resolved_from(
    warehouse_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    warehouse = tmp_path / "wh"
    shutil.copytree(warehouse_dir, warehouse)
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(warehouse))
    before = db.scope_for("province", None)
    n_before = db.read(before, COUNT)["n"][0]

    _publish_one_more_violation(warehouse / "published" / "auxforce_published.duckdb")

    after = db.scope_for("province", None)
    assert db.read(after, COUNT)["n"][0] == n_before + 1
    # the scope of the run that started before the swap still reads its own snapshot,
    # after the new one has been opened (and has evicted the old from the connection cache)
    assert db.read(before, COUNT)["n"][0] == n_before
    assert db.read(before.narrowed(set(before.bureaus), set()), COUNT)["n"][0] == n_before
