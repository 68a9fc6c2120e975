"""Which dbt build a run makes (dagster_project/defs/transform/checks.py, dbt/selectors.yml)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dagster_project.defs.transform.checks import (
    CHECKS_TAG,
    FULL_BUILD,
    MONTH_BUILD,
    choose_selector,
    last_full_build,
    record_full_build,
)
from dagster_project.settings import PROJECT_ROOT, Settings

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    base = Settings.from_env()
    return replace(base, warehouse_dir=tmp_path / "warehouse", engine="duckdb", dbt_checks="auto")


def test_first_build_is_full(settings: Settings) -> None:
    assert choose_selector({}, settings, NOW)[0] == FULL_BUILD


def test_recent_full_build_makes_a_month_build(settings: Settings) -> None:
    record_full_build(settings, NOW - timedelta(hours=23, minutes=59))
    assert choose_selector({}, settings, NOW)[0] == MONTH_BUILD


def test_full_build_older_than_the_limit_is_due_again(settings: Settings) -> None:
    record_full_build(settings, NOW - timedelta(hours=24, minutes=1))
    selector, why = choose_selector({}, settings, NOW)
    assert selector == FULL_BUILD
    assert "more than 1 day" in why


def test_limit_comes_from_the_setting(settings: Settings) -> None:
    record_full_build(settings, NOW - timedelta(hours=2))
    assert choose_selector({}, replace(settings, full_checks_max_age_hours=1), NOW)[0] == FULL_BUILD


def test_tag_overrides_the_record_and_the_setting(settings: Settings) -> None:
    record_full_build(settings, NOW - timedelta(minutes=5))
    assert choose_selector({CHECKS_TAG: "all"}, settings, NOW)[0] == FULL_BUILD
    month = replace(settings, dbt_checks="all")
    assert choose_selector({CHECKS_TAG: "month"}, month, NOW) == (
        MONTH_BUILD,
        f"run tag {CHECKS_TAG}=month",
    )


def test_setting_forces_a_month_build_without_a_record(settings: Settings) -> None:
    assert choose_selector({}, replace(settings, dbt_checks="month"), NOW)[0] == MONTH_BUILD
    assert last_full_build(settings) is None  # forcing wrote nothing


def test_unknown_tag_value_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="auxforce/checks='nightly'"):
        choose_selector({CHECKS_TAG: "nightly"}, settings, NOW)


def test_unreadable_record_counts_as_no_full_build(settings: Settings) -> None:
    settings.full_build_record_path.parent.mkdir(parents=True)
    settings.full_build_record_path.write_text("{half")
    assert last_full_build(settings) is None
    settings.full_build_record_path.write_text(json.dumps({"selector": FULL_BUILD}))
    assert last_full_build(settings) is None


def test_record_lives_with_the_engine_state(settings: Settings, tmp_path: Path) -> None:
    spark = replace(settings, engine="spark", spark_dir=tmp_path / "spark")
    record_full_build(spark, NOW)
    assert (tmp_path / "spark" / "last_full_build.json").exists()
    assert last_full_build(spark) == NOW
    assert last_full_build(settings) is None  # DuckDB's warehouse has its own


def _listed(selector: str, target: Path) -> list[dict[str, object]]:
    dbt = PROJECT_ROOT / ".venv" / "bin" / "dbt"
    out = subprocess.run(
        [str(dbt), "ls", "--selector", selector, "--project-dir", "dbt", "--profiles-dir", "dbt",
         "--target-path", str(target), "--log-path", str(target), "-q", "--output", "json",
         "--output-keys", "resource_type original_file_path tags"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_month_build_leaves_out_exactly_the_whole_table_checks(tmp_path: Path) -> None:
    full, month = _listed(FULL_BUILD, tmp_path), _listed(MONTH_BUILD, tmp_path)
    kinds = {r["resource_type"] for r in full}
    assert {"model", "seed", "test", "unit_test"} <= kinds

    def count(rows: list[dict[str, object]], kind: str) -> int:
        return sum(r["resource_type"] == kind for r in rows)

    for kind in ("model", "seed"):
        assert count(month, kind) == count(full, kind) > 0
    assert count(month, "unit_test") == 0
    tests = [r for r in month if r["resource_type"] == "test"]
    staging = [r for r in tests if str(r["original_file_path"]).startswith("models/staging")]
    # the only staging tests left are the two staff re-checks bounded to newly loaded months
    assert len(staging) == 2
    assert all("rechecks_new_loads" in r["tags"] for r in staging)  # type: ignore[operator]
    marts = [r for r in full if str(r["original_file_path"]).startswith("models/marts")]
    assert all(r in month for r in marts if r["resource_type"] == "test")
