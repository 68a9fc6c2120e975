"""The `spark` step of `make bench` (issue 15): `dbt build` on DuckDB and on Spark at several
data sizes.

For each size (a scale of the generator) a one-province dataset is made the way tests/spark
makes it (plain CSV, 15 months to 2026-03 so 2025 is a closed year; tests.spark.builds.Province
and tests.pipeline.small_builds), ingested once (DuckDB raw.* and the raw lake), then `dbt
build` of every seed, model, data test and unit test runs on DuckDB and on Spark
(AUXFORCE_ENGINE, AUXFORCE_SPARK_DIR), each under `/usr/bin/time -v` with the summed RSS of
its whole process tree sampled (Spark's JVM is a child of dbt) and a timeout that kills the
tree. Results: `save_step("spark", ...)`, one entry per size, saved after every size.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import duckdb

from scripts.bench import report
from scripts.bench.common import BENCH_DIR, Run, python, rel, save_step, say, timed
from tests.pipeline import small_builds
from tests.pipeline.job import dbt_build_command
from tests.spark.builds import Province

DEFAULT_SIZES = (0.02, 0.05, 0.2)
MONTHS, END_MONTH, SEED = 15, "2026-03", 11  # as tests/spark/test_spark_build.py
ENGINES = ("duckdb", "spark")
WORK = BENCH_DIR / "work" / "spark"
LOGS = BENCH_DIR / "logs"
DEFAULT_TIMEOUT_S = 2 * 3600.0


def parse_sizes(text: str) -> tuple[float, ...]:
    """`0.02,0.05,0.2` -> (0.02, 0.05, 0.2): positive scales, no repeats, in the order given."""
    sizes: list[float] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise ValueError(f"empty size in {text!r}")
        value = float(part)
        if not value > 0 or value != value or value == float("inf"):
            raise ValueError(f"size must be a positive number: {part!r}")
        if value in sizes:
            raise ValueError(f"size {part} given twice")
        sizes.append(value)
    return tuple(sizes)


def dbt_command(province: Province, engine: str) -> list[str]:
    """`dbt build` of every seed, model, data test and unit test, as a command line to time."""
    return dbt_build_command(province.root, engine, with_tests=True, python=python())


def raw_counts(warehouse: Path) -> dict[str, int]:
    """Auxiliaries (people on the roster of the last month, and over all months), incidents,
    from the raw tables."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        last, everyone = con.execute(
            "select count(distinct person_key) filter (where snapshot_month = "
            "(select max(snapshot_month) from raw.roster)), count(distinct person_key) "
            "from raw.roster"
        ).fetchone()
        (incidents,) = con.execute("select count(*) from raw.incidents").fetchone()
        (staff,) = con.execute("select count(*) from raw.incident_staff").fetchone()
    return {
        "auxiliaries": last,
        "auxiliaries_all_months": everyone,
        "incidents": incidents,
        "incident_staff": staff,
    }


def _nodes(target: Path) -> dict[str, Any]:
    results = target / "run_results.json"
    if not results.exists():
        return {}
    data = json.loads(results.read_text())
    statuses: dict[str, int] = {}
    for r in data["results"]:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    return {
        "nodes": len(data["results"]),
        "statuses": statuses,
        "dbt_elapsed_s": round(data.get("elapsed_time") or 0.0, 1),
    }


def build(province: Province, engine: str, tag: str, timeout: float) -> Run:
    env = {k: v for k, v in province.env(engine).items() if os.environ.get(k) != v}
    run = timed(
        dbt_command(province, engine),
        LOGS / f"spark-{tag}-{engine}.log",
        env=env,
        timeout=timeout,
        tree=True,
    )
    run.extra.update(_nodes(province.root / f"target_{engine}"))
    return run


def measure(scale: float, timeout: float) -> dict[str, Any]:
    """One size: generate, ingest once, `dbt build` on each engine; the size's record."""
    from dagster_project.synthetic import generate

    tag = f"scale{scale:g}"
    province = Province(WORK / tag)
    shutil.rmtree(province.root, ignore_errors=True)
    (province.root / "tmp").mkdir(parents=True)
    load = os.getloadavg()
    record: dict[str, Any] = {
        "scale": scale,
        "months": MONTHS,
        "end_month": END_MONTH,
        "seed": SEED,
        "load_at_start": [round(x, 1) for x in load],
        "root": rel(province.root),
    }
    say(f"size {tag}: generate {MONTHS} months to {END_MONTH} (plain CSV)")
    started = time.perf_counter()
    generate(
        province.landing, seed=SEED, scale=scale, months=MONTHS, end_month=END_MONTH,
        formats="csv",
    )  # fmt: skip
    record["generate_s"] = round(time.perf_counter() - started, 1)
    say(f"size {tag}: ingest (DuckDB raw and the lake)")
    started = time.perf_counter()
    small_builds.ingest(province.root)
    record["ingest_s"] = round(time.perf_counter() - started, 1)
    record.update(raw_counts(province.warehouse))
    say(f"size {tag}: {record['auxiliaries']:,} auxiliaries, {record['incidents']:,} incidents")
    for engine in ENGINES:
        run = build(province, engine, tag, timeout)
        record[engine] = {
            "seconds": run.seconds,
            "returncode": run.returncode,
            "max_rss_kb": run.max_rss_kb,
            "tree_peak_rss_kb": run.extra.get("tree_peak_rss_kb"),
            "log": run.log,
            **{k: v for k, v in run.extra.items() if k != "tree_peak_rss_kb"},
        }
    record["ratio"] = report.spark_ratio(record)
    shutil.rmtree(province.root / "landing", ignore_errors=True)  # regenerated on every run
    return record


def step_spark(sizes: tuple[float, ...], timeout: float, machine: dict[str, Any]) -> None:
    """Every size in turn; the results saved after each, so a run stopped midway keeps the
    sizes it measured (`finished` is set only at the end)."""
    payload: dict[str, Any] = {
        "sizes": [],
        "requested": list(sizes),
        "timeout_s": timeout,
        "machine": machine,
    }
    for scale in sizes:
        payload["sizes"].append(measure(scale, timeout))
        save_step("spark", payload)
    payload["finished"] = True
    save_step("spark", payload)
