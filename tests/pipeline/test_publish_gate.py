"""A failed contract check holds the publish (issue 11): in the run that loaded the bad batch
(blocking asset check) and in later runs with no new files (the gate reads the warehouse),
until a corrected file replaces the batch. The last good snapshot keeps serving, unchanged,
and published/status.json says what failed, in which files, and since when.

The suite gets one rule the parser lacks (an approved quota of at most QUOTA_CAP): as
shipped, the suite is a second reading of the parser's rules, so no file the parser accepts
fails it; the added rule stands in for a gap between the two. It is in place for every run,
so the data decides which batch fails.

A small province; the first publish runs ingestion and publish without dbt (the snapshot's
marts do not matter here, and dbt is most of a run's time); the release is a whole job.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pytest

from dagster_project.contract import LOAD_ORDER
from dagster_project.defs.quality import gx_suites
from dagster_project.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.timeout(600)

QUOTA_CAP = 100_000
QUOTAS_FILE = "quotas_2026.csv"
CHECK = "gx_quotas_contract"
PUBLISH_STEP = "published__snapshot"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    from dagster_project.synthetic import generate

    monkeypatch.setenv("AUXFORCE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    monkeypatch.setenv("AUXFORCE_PERSON_KEY_SECRET", "publish-gate-test-secret")
    settings = Settings.from_env()
    for key, value in settings.dbt_env().items():  # the dbt resource may predate this env
        monkeypatch.setenv(key, value)
    (tmp_path / "dagster_home").mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_project" / "dagster.yaml", tmp_path / "dagster_home")
    generate(settings.landing_dir, seed=11, scale=0.02, months=2, end_month="2026-10")
    original = gx_suites._expectations

    def with_quota_cap(gxe: Any, source: Any) -> list[Any]:
        extra = [gxe.ExpectColumnValuesToBeBetween(column="approved", max_value=QUOTA_CAP)]
        return original(gxe, source) + (extra if source.name == "quotas" else [])

    monkeypatch.setattr(gx_suites, "_expectations", with_quota_cap)
    return settings


def _run(settings: Settings, *keys: str) -> dg.ExecuteInProcessResult:
    """One run of full_pipeline over the landed months, of the assets `keys` or all."""
    from dagster_project.definitions import defs
    from dagster_project.defs.partitions import landing_months, range_tags

    return defs.resolve_job_def("full_pipeline").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        tags=range_tags(landing_months(settings.landing_dir)),
        asset_selection=[dg.AssetKey.from_user_string(k) for k in keys] or None,
        raise_on_error=False,
    )


def _set_first_approved(settings: Settings, value: int) -> int:
    """Redeliver the quotas file under its name with the first row's approved quota set to
    `value`; the value it had."""
    path = settings.landing_dir / "quotas" / QUOTAS_FILE
    raw = path.read_bytes()
    encoding = "utf-8" if raw.startswith(b"unit_code") else "gbk"
    lines = raw.decode(encoding).splitlines()
    header = lines[0].split(",")
    assert "approved" in header, header  # the generator's English headers
    row = lines[1].split(",")
    before = int(row[header.index("approved")])
    row[header.index("approved")] = str(value)
    lines[1] = ",".join(row)
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return before


def _fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_ino, stat.st_mtime_ns


def _meta(path: Path) -> tuple[str, str]:
    with duckdb.connect(str(path), read_only=True) as con:
        at, run_id = con.execute("select published_at, run_id from _publish.meta").fetchone()
    return at.isoformat(timespec="seconds"), run_id


def _status(settings: Settings) -> dict[str, Any]:
    return json.loads(settings.publish_status_path.read_text(encoding="utf-8"))


def _check_passed(result: dg.ExecuteInProcessResult) -> bool:
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == CHECK]
    return evaluation.passed


def _started(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.step_key for e in result.all_events if e.event_type_value == "STEP_START"}


def test_failed_check_holds_publish_until_corrected(settings: Settings) -> None:
    published = settings.published_path
    # 1. a good first delivery, published
    assert _run(settings, *(f"raw/{name}" for name in LOAD_ORDER)).success
    assert _run(settings, "published/snapshot").success
    good = _fingerprint(published)
    good_meta = _meta(published)
    assert _status(settings)["state"] == "published"

    # 2. a redelivered quotas file the parser accepts and the suite does not: the blocking
    # check stops dbt and publish in this run
    original = _set_first_approved(settings, QUOTA_CAP * 10)
    result = _run(settings)
    assert not result.success
    assert not _check_passed(result)
    blocked = result.failure_data_for_node("raw__quotas")
    assert blocked is not None and "blocking asset check" in blocked.error.message
    # downstream of a failed step, Dagster does not start a step (no skip event either)
    assert not {"auxforce_dbt", PUBLISH_STEP} & _started(result)
    _assert_held(settings, good, good_meta)

    # 3. a later run with no new file: the bad rows are still in raw, so the gate refuses
    result = _run(settings, "published/snapshot")
    assert not result.success
    failure = result.failure_data_for_node(PUBLISH_STEP)
    assert failure is not None and failure.error is not None
    assert "发布已暂停" in failure.error.message and QUOTAS_FILE in failure.error.message
    _assert_held(settings, good, good_meta)

    # 4. the corrected file under the same name replaces the batch: the whole job publishes
    # (the original bytes would not do: a file whose hash was loaded before is skipped)
    _set_first_approved(settings, original + 1)
    result = _run(settings)
    assert result.success and _check_passed(result)
    assert _fingerprint(published) != good
    assert _meta(published)[1] == result.run_id
    status = _status(settings)
    assert status["state"] == "published" and status["holds"] == []
    assert status["run_id"] == result.run_id


def _assert_held(settings: Settings, good: tuple[str, int, int], good_meta: tuple) -> None:
    """The last good snapshot serves, untouched and readable; the status says why."""
    published = settings.published_path
    assert _fingerprint(published) == good
    assert _meta(published) == good_meta
    assert not list(published.parent.glob(f".{published.name}.*.tmp"))
    status = _status(settings)
    assert status["state"] == "held"
    assert status["published_at"] == good_meta[0] and status["run_id"] == good_meta[1]
    (hold,) = status["holds"]
    assert hold["source"] == "quotas" and hold["source_zh"] == "用人额度"
    assert hold["files"] == [f"quotas/{QUOTAS_FILE}"]  # as the load log names it
    assert [c["check"] for c in hold["failed_checks"]] == [
        "expect_column_values_to_be_between(approved)"
    ]
