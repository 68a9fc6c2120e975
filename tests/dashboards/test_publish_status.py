"""While a failed contract check holds the publish, every page says so above its content
(from published/status.json, written by the pipeline's own writer), in Chinese and English;
once a publish goes through, the banner is gone."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dagster_project.defs.publish.status import FailedCheck, Hold, write_status
from tests.dashboards.test_app import PAGES, login

HOLD = Hold(
    source="quotas",
    source_zh="用人额度",
    checked_at=datetime(2026, 11, 4, 2, 5),
    files=("quotas/quotas_2026.csv",),
    failed_checks=(FailedCheck("expect_column_values_to_be_between(approved)", 1, "[999999]"),),
)


def _warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


@pytest.fixture
def held_warehouse(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # a copy of the warehouse, so the session-wide fixture keeps no status file
    warehouse = tmp_path / "wh"
    shutil.copytree(app_env, warehouse)
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(warehouse))
    published = warehouse / "published"
    write_status(published / "status.json", published / "auxforce_published.duckdb", [HOLD])
    return warehouse


def test_banner_on_every_page_while_held(held_warehouse: Path) -> None:
    at = login("province")
    for page in PAGES:
        at.switch_page(f"views/{page}.py").run()  # page errors are test_app.py's business
        text = _warnings(at)
        # the fixture snapshot's _publish.meta says 2026-11-03 08:10
        assert (
            "数据发布已暂停：用人额度数据校验未通过，仪表盘显示的是 2026年11月3日 08:10 "
            "发布的上一版数据。" in text
        ), page
        assert "`quotas/quotas_2026.csv`" in text and "expect_column_values_to_be_between" in text
    at.sidebar.radio(key="lang").set_value("en").run()
    assert (
        "Publishing is on hold: the data checks of quotas failed; the dashboards show the "
        "previous data, published 2026-11-03 08:10." in _warnings(at)
    )


def test_no_banner_once_published(held_warehouse: Path) -> None:
    published = held_warehouse / "published"
    write_status(published / "status.json", published / "auxforce_published.duckdb", [])
    at = login("province")
    assert "数据发布已暂停" not in _warnings(at)
