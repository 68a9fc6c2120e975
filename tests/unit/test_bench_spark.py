"""The pure parts of `make bench`'s spark step (scripts/bench/spark.py, report.py, common.py):
size parsing, the Spark block of docs/performance.md, the extrapolation arithmetic, and the
timeout that kills a build's whole process tree (Spark's JVM is a child of dbt)."""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from pathlib import Path

import pytest

from scripts.bench import report, run, spark
from scripts.bench.common import GNU_TIME, kill_tree, process_tree, timed


# ── sizes ──────────────────────────────────────────────────────────────────────────────────
def test_sizes_parse_in_order() -> None:
    assert spark.parse_sizes("0.02,0.05,0.2") == (0.02, 0.05, 0.2)
    assert spark.parse_sizes(" 0.2 , 1") == (0.2, 1.0)
    assert spark.DEFAULT_SIZES == (0.02, 0.05, 0.2)


@pytest.mark.parametrize("text", ["", "0.02,,0.2", "0", "-0.1", "0.1,0.1", "abc", "nan", "inf"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        spark.parse_sizes(text)
    with pytest.raises(argparse.ArgumentTypeError):
        run._sizes(text)


def test_spark_is_the_last_step() -> None:
    assert run.STEPS[-1] == "spark"
    assert run.STEPS[:-1] == (
        "generate", "floor", "full", "queries", "month", "correction", "resilience", "postgres"
    )  # fmt: skip


# ── the report block ───────────────────────────────────────────────────────────────────────
def _build(seconds: float, returncode: int = 0, nodes: int = 600) -> dict:
    return {
        "seconds": seconds,
        "returncode": returncode,
        "max_rss_kb": 1024 * 1024,  # 1 GiB
        "tree_peak_rss_kb": 3 * 1024 * 1024,  # 3 GiB
        "log": "data/bench/logs/x.log",
        "nodes": nodes,
        "load_before": 4.0,
        "load_after": 6.5,
    }


def _size(scale: float, incidents: int, aux: int, duck: dict, spk: dict) -> dict:
    return {
        "scale": scale,
        "months": 15,
        "end_month": "2026-03",
        "seed": 11,
        "load_at_start": [2.5, 3.0, 1.5],
        "auxiliaries": aux,
        "incidents": incidents,
        "duckdb": duck,
        "spark": spk,
    }


# 15 months: incidents a year = incidents × 12 / 15 -> 1 million and 3 million
SMALL = _size(0.02, 1_250_000, 500, _build(110.0), _build(500.0, nodes=599))
LARGE = _size(0.2, 3_750_000, 5_000, _build(130.0), _build(900.0, nodes=599))


def _step(*sizes: dict) -> dict:
    return {
        "sizes": list(sizes),
        "requested": [0.02, 0.05, 0.2],
        "timeout_s": 3600.0,
        "machine": {"cpus": 2, "cpu_model": "X", "memory_gib": 23.5},
        "command": "uv run python -m scripts.bench.run --only spark",
        "code": "working tree at abc1234",
        "measured_at": "2026-12-02 19:00:00 +0000",
    }


def test_ratio_is_spark_over_duckdb() -> None:
    assert report.spark_ratio(SMALL) == pytest.approx(500 / 110, abs=0.005)  # 4.55
    assert report.spark_ratio(LARGE) == pytest.approx(6.92, abs=0.005)  # 900 / 130
    killed = {**LARGE, "spark": _build(3600.0, returncode=-9)}
    assert report.spark_ratio(killed) is None


def test_block_rows_from_a_hand_written_payload() -> None:
    block = report.render_spark(_step(SMALL, LARGE))
    assert (
        "| 0.02 | 500 | 1,250,000 | 600 / 599 | 110.0 s | 500 s (8.3 min) | 4.5 × | "
        "3.00 GiB (GNU time 1.00 GiB) | 3.00 GiB (GNU time 1.00 GiB) | "
        "2.5 / 3.0 / 1.5 | 4.0 → 6.5; 4.0 → 6.5 |"
    ) in block
    assert (
        "| 0.2 | 5,000 | 3,750,000 | 600 / 599 | 130 s (2.2 min) | 900 s (15.0 min) | 6.9 × |"
        in (block)
    )
    assert (
        "`uv run python -m scripts.bench.run --only spark` with sizes (`--spark-sizes`) " in block
    )
    assert "0.02,0.05,0.2, timeout per build 3,600 s (60.0 min)" in block
    assert "Not measured: scale 0.05 (the run stopped" in block  # requested, not in the payload
    assert "Extrapolation, not a measurement" in block


def test_a_killed_build_is_said_and_not_fitted() -> None:
    killed = {**LARGE, "spark": _build(3600.0, returncode=-9)}
    block = report.render_spark(_step(SMALL, killed))
    assert "**killed** after 3,600 s (60.0 min) (timeout 3,600 s (60.0 min))" in block
    assert "| Spark | under 2 | — | — | — |" in block
    assert report.extrapolate([SMALL, killed], "spark") is None


# ── extrapolation arithmetic ───────────────────────────────────────────────────────────────
def test_line_through_two_sizes() -> None:
    # DuckDB: 110 s at 1 M incidents a year, 130 s at 3 M -> 10 s per million, 100 s fixed;
    # at 100 M: 100 + 10 × 100 = 1,100 s
    duck = report.extrapolate([SMALL, LARGE], "duckdb")
    assert duck == pytest.approx(
        {"points": 2, "fixed_s": 100.0, "per_million_s": 10.0, "at_target_s": 1100.0}
    )
    # Spark: 500 s and 900 s -> 200 s per million, 300 s fixed; at 100 M: 20,300 s
    spk = report.extrapolate([SMALL, LARGE], "spark")
    assert spk == pytest.approx(
        {"points": 2, "fixed_s": 300.0, "per_million_s": 200.0, "at_target_s": 20300.0}
    )
    block = report.render_spark(_step(SMALL, LARGE))
    assert "| DuckDB | 2 | 100 s | 10 s | 1,100 s (0.3 h) |" in block
    assert "| Spark | 2 | 300 s | 200 s | 20,300 s (5.6 h) |" in block
    # 100 M ÷ 3 M a year = 33 ×; 2 M ÷ 5,000 auxiliaries = 400 ×
    assert "33 × the largest size's incidents a year and 400 × its auxiliaries" in block


def test_time_falling_as_data_grows_is_not_extrapolated() -> None:
    # DuckDB 130 s -> 110 s, Spark 900 s -> 500 s as incidents triple: negative per-row cost
    falling = [
        {**SMALL, "duckdb": _build(130.0), "spark": _build(900.0)},
        {**LARGE, "duckdb": _build(110.0), "spark": _build(500.0)},
    ]
    block = report.render_spark(_step(*falling))
    assert "| DuckDB | 2 | — | not measurable: time fell as data grew (-10 s per million" in block
    assert "| Spark | 2 | — | not measurable: time fell as data grew (-200 s per million" in block
    assert "nothing extrapolated" in block
    assert "Assumptions:" not in block  # no line was carried to the national volume


def test_least_squares_over_three_points() -> None:
    # y = 2 + 3x exactly; then a scatter: mean x 1, mean y 7/3, slope ((-1)(-1/3) + 1(5/3)) / 2
    # = 1, intercept 7/3 - 1 = 4/3
    assert report.linear_fit([(0, 2), (1, 5), (4, 14)]) == pytest.approx((2.0, 3.0))
    assert report.linear_fit([(0, 2), (1, 1), (2, 4)]) == pytest.approx((4 / 3, 1.0))
    assert report.linear_fit([(1, 5)]) is None
    assert report.linear_fit([(1, 5), (1, 7)]) is None


# ── the document ───────────────────────────────────────────────────────────────────────────
def test_spark_results_leave_the_province_block_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "performance.md"
    province = (
        f"# P\n\n{report.BEGIN}\nmeasured by hand, no results.json\n{report.END}\n\n## After\n"
    )
    doc.write_text(province)
    monkeypatch.setattr(report, "DOC", doc)
    report.write({"meta": {}, "steps": {}})
    assert doc.read_text() == province  # no results: nothing rewritten
    report.write({"meta": {}, "steps": {"spark": _step(SMALL)}})
    text = doc.read_text()
    assert text.startswith(
        f"# P\n\n{report.BEGIN}\nmeasured by hand, no results.json\n{report.END}"
    )
    assert text.endswith("## After\n")
    assert text.count(report.SPARK_BEGIN) == 1 and report.SPARK_HEADING in text
    report.write({"meta": {}, "steps": {"spark": _step(SMALL, LARGE)}})
    again = doc.read_text()
    assert again.count(report.SPARK_BEGIN) == 1 and again.count(report.SPARK_HEADING) == 1
    assert "| 0.2 | 5,000 |" in again and "Not measured: scale 0.05 (the run stopped" in again


def test_province_block_is_rendered_without_the_spark_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text(f"# P\n\n{report.BEGIN}\nold\n{report.END}\n")
    monkeypatch.setattr(report, "DOC", doc)
    floor = {"seconds_median": 30.0, "seconds_min": 30.0, "seconds_max": 30.0, "ok": 1,
             "runs": [], "command": "c", "code": "k"}  # fmt: skip
    report.write({"meta": {}, "steps": {"floor": floor, "spark": _step(SMALL)}})
    main = doc.read_text().split(report.BEGIN, 1)[1].split(report.END, 1)[0]
    expected = report.render({"meta": {}, "steps": {"floor": floor}})
    assert report.BEGIN + main + report.END == expected
    assert "| floor |" in main and "| spark |" not in main  # provenance row of floor only
    assert "| 0.02 | 500 |" in doc.read_text()


# ── a timeout kills the whole process tree ─────────────────────────────────────────────────
def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead, awaiting its reaper


def _sleepers() -> set[int]:
    """Live `sleep 300` processes."""
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmd[:2] == [b"sleep", b"300"] and _alive(int(entry)):
                out.add(int(entry))
    return out


def test_kill_tree_kills_the_shell_and_both_sleeps() -> None:
    proc = subprocess.Popen(["sh", "-c", "sleep 300 & sleep 300"])
    deadline = time.monotonic() + 20
    while len(process_tree(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    tree = process_tree(proc.pid)
    assert len(tree) == 3, tree  # sh and its two sleeps
    kill_tree(proc.pid)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in tree) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in tree if _alive(p)]


@pytest.mark.skipif(not GNU_TIME.exists(), reason="needs GNU time (Debian `time`)")
def test_timed_tree_timeout_kills_every_process(tmp_path: Path) -> None:
    before = _sleepers()
    started = time.monotonic()
    result = timed(["sh", "-c", "sleep 300 & sleep 300"], tmp_path / "t.log", timeout=2, tree=True)
    assert time.monotonic() - started < 30
    assert result.returncode == -9
    assert result.extra["tree_peak_rss_kb"]  # the tree was sampled while it ran
    assert "process tree killed" in (tmp_path / "t.log").read_text()
    deadline = time.monotonic() + 10
    while _sleepers() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _sleepers() - before


# ── the targets of issues 6 and 16 ─────────────────────────────────────────────────────────
def _timed(seconds: float) -> dict:
    return {"seconds_median": seconds, "runs": [{"max_rss_kb": 3 * 1024 * 1024}]}


def test_targets_of_issue_16_beside_those_of_issue_6() -> None:
    steps = {
        "full": _timed(300.0),
        "floor": _timed(32.0),  # 9.4 × the floor: issue 16's 10 × met, issue 6's 3 × missed
        "month": _timed(58.0),
        "correction": _timed(61.0),
    }
    rows = "\n".join(report._ratios(steps, None))
    assert "| full pipeline ≤ 10 × floor (issue 16) | ours ÷ floor = 9.4 × | met |" in rows
    assert "| full pipeline ≤ 3 × floor (issue 6) | ours ÷ floor = 9.4 × | **missed** |" in rows
    assert "| one new month ≤ 60 s end to end, median (issue 16) | 58.0 s | met |" in rows
    assert (
        "| a corrected month's file ≤ 60 s end to end, median (issue 16) | 61.0 s | **missed** |"
    ) in rows
    assert "| one new month ≤ 10 s end to end (issue 6) | 58.0 s | **missed** |" in rows
