"""The national deployment's Dagster definitions (dagster_project/national.py): provinces as
partitions of province × month, each run loading one province's month into its own root.

Two small provinces (云南 530000, 宁夏 640000; 2 months to 2026-01, plain CSV) land under
AUXFORCE_PROVINCES_DIR. The sensor turns the folders into `province` partitions and the landed
months into runs; one run of 宁夏 × 2025-12 loads that month of 宁夏 only; a touched file is one
new run, a new province folder one new partition.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml

from dagster_project.contract import SOURCES
from dagster_project.defs.national.automation import (
    national_build_after_ingestion,
    province_landings,
)
from dagster_project.defs.national.partitions import PROVINCE_TAG, partition_key
from dagster_project.defs.national.publish import _unpublishable
from dagster_project.national import defs
from dagster_project.settings import PROJECT_ROOT, get_settings

YUNNAN, NINGXIA, QINGHAI = "530000", "640000", "630000"
MONTHS = ("2025-12", "2026-01")


def _generate(root: Path, province: str) -> None:
    from dagster_project.synthetic import generate

    generate(
        root / province / "landing",
        seed=5,
        scale=0.01,
        months=len(MONTHS),
        end_month=MONTHS[-1],
        formats="csv",
        province=province,
    )


@pytest.fixture
def provinces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "provinces"
    for code in (YUNNAN, NINGXIA):
        _generate(root, code)
    for name, value in {
        "AUXFORCE_DATA_DIR": tmp_path,
        "AUXFORCE_PROVINCES_DIR": root,
        "AUXFORCE_LAKE_DIR": tmp_path / "lake",
        "AUXFORCE_PERSON_KEY_SECRET": "national-test-secret",
        "AUXFORCE_DUCKDB_MEMORY_LIMIT": "1GB",
    }.items():
        monkeypatch.setenv(name, str(value))
    return root


def _requests(result: dg.SensorResult) -> set[tuple[str, str]]:
    return {
        (key.keys_by_dimension["province"], key.keys_by_dimension["month"][:7])
        for key in (r.partition_key for r in result.run_requests or [])
        if isinstance(key, dg.MultiPartitionKey)
    }


def _tick(instance: dg.DagsterInstance, cursor: str | None) -> dg.SensorResult:
    result = province_landings(dg.build_sensor_context(instance=instance, cursor=cursor))
    assert isinstance(result, dg.SensorResult)
    return result


def test_sensor_turns_folders_into_partitions_and_changed_months_into_runs(
    provinces: Path,
) -> None:
    instance = dg.DagsterInstance.ephemeral()
    first = _tick(instance, None)
    assert [r.partition_keys for r in first.dynamic_partitions_requests or []] == [
        [YUNNAN, NINGXIA]
    ]
    assert _requests(first) == {(p, m) for p in (YUNNAN, NINGXIA) for m in MONTHS}
    instance.add_dynamic_partitions("province", [YUNNAN, NINGXIA])

    # nothing changed: no run
    assert _requests(_tick(instance, first.cursor)) == set()

    # a bureau re-sends one month's file: one run, that province and month
    resent = sorted((provinces / YUNNAN / "landing" / "roster").glob("*2025-12*"))[0]
    resent.write_bytes(resent.read_bytes())
    os.utime(resent, ns=(resent.stat().st_atime_ns, resent.stat().st_mtime_ns + 10**9))
    second = _tick(instance, first.cursor)
    assert _requests(second) == {(YUNNAN, "2025-12")}
    assert not second.dynamic_partitions_requests

    # a province's folder appears: one new partition, and its months
    _generate(provinces, QINGHAI)
    third = _tick(instance, second.cursor)
    assert [r.partition_keys for r in third.dynamic_partitions_requests or []] == [[QINGHAI]]
    assert _requests(third) == {(QINGHAI, m) for m in MONTHS}


def _months(warehouse: Path, table: str, column: str) -> set[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(f"select distinct strftime({column}, '%Y-%m') from raw.{table}")
        return {m for (m,) in rows.fetchall()}


def test_one_run_loads_one_province_and_one_month(provinces: Path, tmp_path: Path) -> None:
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("province", [YUNNAN, NINGXIA])
    result = defs.resolve_job_def("national_ingestion").execute_in_process(
        partition_key=partition_key(NINGXIA, "2025-12"), instance=instance, raise_on_error=False
    )
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    assert result.dagster_run.tags[PROVINCE_TAG] == NINGXIA

    ningxia = get_settings().for_province(NINGXIA)
    assert ningxia.warehouse_path == provinces / NINGXIA / "warehouse" / "auxforce.duckdb"
    assert not get_settings().for_province(YUNNAN).warehouse_path.exists()
    assert _months(ningxia.warehouse_path, "roster", "snapshot_month") == {"2025-12"}
    assert _months(ningxia.warehouse_path, "payroll", "pay_month") == {"2025-12"}
    with duckdb.connect(str(ningxia.warehouse_path), read_only=True) as con:
        units = con.execute(
            "select count(*), count(*) filter (unit_code like '64%') from raw.org_units"
        ).fetchone()
        logged = {f for (f,) in con.execute("select file from raw._load_log").fetchall()}
    assert units is not None and units[0] > 0 and units[0] == units[1]
    landed = {
        f"{p.parent.name}/{p.name}": SOURCES[p.parent.name]
        for p in ningxia.landing_dir.glob("*/*")
        if p.parent.name in SOURCES
    }
    # the month's files, and every file of the sources without months (incident_staff too)
    assert {f for f in logged if f.split("/")[0] in SOURCES} == {
        f for f, source in landed.items() if "2026-01" not in f or not source.month_column
    }
    lake = tmp_path / "lake"
    assert sorted(p.name for p in (lake / "roster").iterdir()) == [f"province={NINGXIA}"]

    # the national build follows the ingestion run, once
    after = national_build_after_ingestion(dg.build_sensor_context(instance=instance))
    assert isinstance(after, dg.SensorResult) and len(after.run_requests or []) == 1
    again = national_build_after_ingestion(
        dg.build_sensor_context(instance=instance, cursor=after.cursor)
    )
    assert isinstance(again, dg.SensorResult) and not again.run_requests
    # the month's partition (and the empty `none` one a new lake folder gets, lake.py)
    assert sorted(p.name for p in (lake / "roster" / f"province={NINGXIA}").iterdir()) == [
        "month=2025-12",
        "month=none",
    ]


def test_a_province_is_published_only_when_its_warehouse_is_free(provinces: Path) -> None:
    ningxia = get_settings().for_province(NINGXIA)
    assert "尚无入库数据" in (_unpublishable(ningxia) or "")
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("province", [NINGXIA])
    defs.resolve_job_def("national_ingestion").execute_in_process(
        partition_key=partition_key(NINGXIA, "2026-01"), instance=instance
    )
    assert _unpublishable(ningxia) is None
    # another process holds the warehouse, as a running ingestion does
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(ningxia.warehouse_path)!r})
            print("held", flush=True)
            time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert "入库进行中" in (_unpublishable(ningxia) or "")
    finally:
        holder.kill()
        holder.wait()


def test_one_run_per_province_at_a_time() -> None:
    """The national dagster.yaml queues runs and limits them per value of the province tag
    Dagster puts on a province × month run."""
    config = yaml.safe_load(
        (PROJECT_ROOT / "dagster_project" / "defs" / "national" / "dagster.yaml").read_text()
    )
    coordinator = config["run_coordinator"]
    assert coordinator["class"] == "QueuedRunCoordinator"
    limits = coordinator["config"]["tag_concurrency_limits"]
    assert limits == [
        {"key": PROVINCE_TAG, "value": {"applyLimitPerUniqueValue": True}, "limit": 1}
    ]
