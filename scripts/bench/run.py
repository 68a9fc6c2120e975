"""`make bench`: the province-scale benchmark of GitHub issue 6.

Generates (once, cached under data/bench/datasets/) the province-scale landing data, then
measures each step several times under `/usr/bin/time -v` (wall time and peak resident
memory from the OS) and writes docs/performance.md:

  full      landing files -> published snapshot (the Dagster job `full_pipeline`)
  month     one new month (2026-11) landed on top of the built warehouse, job rerun
  correction  a corrected file of the last month (2026-10 incidents of 530100) re-landed
  resilience  the crash-safety and load tests (`pytest -m province`) on that new month
  queries   every dashboard query function, cold and warm, p50/p95
  floor     one bare DuckDB query over the same Parquet facts and roster CSVs
  postgres  `dbt build` on DuckDB vs `dbt build --target postgres` on the same raw data
  spark     `dbt build` on DuckDB vs on Spark at several small sizes (scripts/bench/spark.py)

Usage: uv run python -m scripts.bench.run [--repeat N] [--only STEP ...] [--skip-postgres]
       [--skip-spark] [--spark-sizes 0.02,0.05,0.2] [--spark-timeout SECONDS]
Results accumulate in data/bench/results.json (a step rerun with --only replaces its own
entry), and docs/performance.md is regenerated from it after every step.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from scripts.bench import postgres, report, spark
from scripts.bench.common import (
    BENCH_DIR,
    CODE,
    ROOT,
    Run,
    ensure_gnu_time,
    load_results,
    python,
    rel,
    runs_payload,
    save_meta,
    save_step,
    say,
    timed,
)

SCALE = 10
SEED = 20240701
FORMATS = "mixed"
BASE = (60, "2026-10")  # months, end month of the benchmark province
NEXT = (61, "2026-11")  # the same province one month later: its 2026-11 files are "new"
NEW_MONTH = "2026-11"
# the corrected file of step `correction`: a prefecture's incidents of the last built month,
# re-delivered with every tenth incident's handling time raised by 10 minutes
CORRECTED = Path("incidents") / "incidents_530100_2026-10.parquet"
WORK = BENCH_DIR / "work"
LOGS = BENCH_DIR / "logs"
STEPS = (
    "generate", "floor", "full", "queries", "month", "correction", "resilience", "postgres",
    "spark",
)  # fmt: skip
# a full pipeline longer than this is run once unless --full-repeat says otherwise
LONG_RUN_S = 600.0
SECRET = "auxforce-bench-secret"  # fixed, so every run derives the same person keys
# the project tree the pipeline, dbt and the dashboards run from: the working tree, or an
# export of a committed revision (--ref) so that edits in progress do not change a long run
SRC: dict[str, Path] = {"tree": ROOT}


def export_ref(ref: str) -> tuple[Path, str]:
    """`git archive` of `ref` under data/bench/src/<sha>/ (read-only use of the repository)."""
    sha = subprocess.run(
        ["git", "rev-parse", ref], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    dest = BENCH_DIR / "src" / sha
    if not (dest / ".complete").exists():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        (dest / ".complete").touch()
    return dest, sha


def dataset(months: int, end: str) -> Path:
    """The cached landing folder for these parameters, generated if its stamp is missing."""
    key = f"scale{SCALE:g}_months{months}_end{end}_seed{SEED}_{FORMATS}"
    folder = BENCH_DIR / "datasets" / key
    stamp = folder / "stamp.json"
    if stamp.exists():
        return folder / "landing"
    shutil.rmtree(folder / "landing", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    cmd = [
        python(), "-m", "dagster_project.synthetic", "--out", str(folder / "landing"),
        "--scale", f"{SCALE:g}", "--months", str(months), "--end-month", end,
        "--seed", str(SEED), "--formats", FORMATS,
    ]  # fmt: skip
    run = timed(cmd, LOGS / f"generate-{key}.log", timeout=3 * 3600)
    if run.returncode != 0:
        raise SystemExit(f"generator failed, see {run.log}")
    params = {"scale": SCALE, "months": months, "end_month": end, "seed": SEED}
    stamp.write_text(json.dumps({**params, "formats": FORMATS, "seconds": run.seconds}))
    return folder / "landing"


def landing_stats(landing: Path) -> dict[str, Any]:
    """Files and bytes per source folder (`_truth/`, the generator's answer key, excluded)."""
    files = [
        p for p in landing.rglob("*") if p.is_file() and p.relative_to(landing).parts[0][0] != "_"
    ]
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "by_source": {
            d.name: len([p for p in d.iterdir() if p.is_file()])
            for d in sorted(landing.iterdir())
            if d.is_dir() and not d.name.startswith("_")
        },
    }


def pipeline_env(landing: Path, warehouse: Path, home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(SRC["tree"] / "dagster_project" / "dagster.yaml", home / "dagster.yaml")
    return {
        "AUXFORCE_DATA_DIR": str(warehouse.parent),
        "AUXFORCE_LANDING_DIR": str(landing),
        "AUXFORCE_WAREHOUSE_DIR": str(warehouse),
        "DAGSTER_HOME": str(home),
        "AUXFORCE_PERSON_KEY_SECRET": SECRET,
    }


def pipeline_cmd(env: dict[str, str]) -> list[str]:
    """What `make pipeline` runs, timed as a whole: the partition tags of the pending months
    (which hash the landing files against the load log), then the Dagster job."""
    dagster = ROOT / ".venv" / "bin" / "dagster"
    job = f"{dagster} job execute -m dagster_project.definitions -j full_pipeline"
    tags = f'--tags "$({python()} -m dagster_project.defs.partitions)"'
    return ["bash", "-c", f"{job} {tags}"]


_STEP_DONE = re.compile(r'Finished execution of step "([^"]+)" in ([0-9hms.]+)')


def _duration(text: str) -> float:
    total = 0.0
    for value, unit in re.findall(r"([0-9.]+)(h|ms|m|s)", text):
        total += float(value) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001}[unit]
    return total


def step_breakdown(log: Path) -> dict[str, float]:
    """Seconds per Dagster step, from the job's own log lines."""
    out: dict[str, float] = {}
    for name, took in _STEP_DONE.findall(log.read_text(errors="replace")):
        out[name] = out.get(name, 0.0) + round(_duration(took), 2)
    return out


def with_breakdown(run: Run) -> Run:
    run.extra["steps"] = step_breakdown(ROOT / run.log)
    return run


# ── steps ────────────────────────────────────────────────────────────────────────────────
def step_generate() -> None:
    for months, end in (BASE, NEXT):
        landing = dataset(months, end)
        stamp = json.loads((landing.parent / "stamp.json").read_text())
        save_step(
            f"generate_{months}m",
            {"landing": rel(landing), "stamp": stamp, **landing_stats(landing)},
        )


def step_floor(repeat: int) -> None:
    landing = dataset(*BASE)
    runs: list[Run] = []
    for i in range(repeat):
        run = timed([python(), "scripts/bench/floor.py", str(landing)], LOGS / f"floor-{i}.log")
        if run.returncode == 0:
            run.extra.update(json.loads((ROOT / run.log).read_text().strip().splitlines()[-1]))
        runs.append(run)
    save_step("floor", runs_payload(runs))


def step_full(repeat: int, full_repeat: int | None) -> None:
    landing = dataset(*BASE)
    runs: list[Run] = []
    target = full_repeat if full_repeat is not None else repeat
    base = WORK / "full"
    for i in range(target):
        shutil.rmtree(base, ignore_errors=True)
        env = pipeline_env(landing, base / "warehouse", base / "dagster_home")
        run = with_breakdown(timed(pipeline_cmd(env), LOGS / f"full-{i}.log", env=env,
                                   cwd=SRC["tree"], timeout=6 * 3600))  # fmt: skip
        run.extra["warehouse_bytes"] = _size(base / "warehouse" / "auxforce.duckdb")
        run.extra["published_bytes"] = _size(
            base / "warehouse" / "published" / "auxforce_published.duckdb"
        )
        runs.append(run)
        save_step("full", {**runs_payload(runs), "repeat_target": target})
        if run.returncode != 0:
            break
        if full_repeat is None and run.seconds > LONG_RUN_S:
            say(f"full pipeline took {run.seconds:.0f} s > {LONG_RUN_S:.0f} s: measured once")
            break
    save_step("full", {**runs_payload(runs), "repeat_target": target,
                       "repeated": len(runs)})  # fmt: skip


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.exists() else None


def _built_warehouse() -> Path:
    warehouse = WORK / "full" / "warehouse"
    if not (warehouse / "published" / "auxforce_published.duckdb").exists():
        raise SystemExit("no built warehouse: run the `full` step first")
    return warehouse


def _copy_built(root: Path) -> None:
    """The warehouse (a) built and its raw lake (AUXFORCE_DATA_DIR/lake, beside it), under
    `root`: without the lake, the run's first sync would write every partition again."""
    built = _built_warehouse()
    shutil.copytree(built, root / "warehouse", ignore=shutil.ignore_patterns("tmp"))
    if (built.parent / "lake").is_dir():
        shutil.copytree(built.parent / "lake", root / "lake")


def _month_landing() -> tuple[Path, list[Path]]:
    """The landing of (a) plus the files of NEW_MONTH, and those new files."""
    base_landing = dataset(*BASE)
    next_landing = dataset(*NEXT)
    landing = WORK / "month" / "landing"
    if not landing.exists():
        # hard links: the 60 months unchanged (same bytes, so skipped by sha256) + 2026-11
        landing.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cp", "-al", str(base_landing), str(landing)], check=True)
    new_files = sorted(p for p in next_landing.rglob(f"*_{NEW_MONTH}*") if p.is_file())
    for src in new_files:
        dest = landing / src.relative_to(next_landing)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.copy2(src, dest)
    return landing, new_files


def _corrected_landing() -> tuple[Path, Path]:
    """The landing of (a) with CORRECTED re-delivered: every tenth incident's handling time
    10 minutes longer (a new file under the same name, so the original stays as generated)."""
    import polars as pl

    base_landing = dataset(*BASE)
    landing = WORK / "correction" / "landing"
    target = landing / CORRECTED
    if not target.exists() or target.stat().st_ino == (base_landing / CORRECTED).stat().st_ino:
        shutil.rmtree(landing, ignore_errors=True)
        landing.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cp", "-al", str(base_landing), str(landing)], check=True)
        frame = pl.read_parquet(base_landing / CORRECTED).with_row_index("_i")
        corrected = frame.with_columns(
            pl.when(pl.col("_i") % 10 == 0)
            .then(pl.col("handling_minutes") + 10)
            .otherwise(pl.col("handling_minutes"))
        ).drop("_i")
        target.unlink()  # a hard link to the dataset's file: never write through it
        corrected.write_parquet(target)
    return landing, target


def _rerun_on_copies(name: str, landing: Path, repeat: int) -> list[Run]:
    """The pipeline on `landing`, each time on a fresh copy of the warehouse (a) built."""
    runs: list[Run] = []
    for i in range(repeat):
        root = WORK / name / f"run-{i}"
        shutil.rmtree(root, ignore_errors=True)
        say(f"copying the built warehouse and lake for {name} run {i}")
        _copy_built(root)
        env = pipeline_env(landing, root / "warehouse", root / "dagster_home")
        run = with_breakdown(timed(pipeline_cmd(env), LOGS / f"{name}-{i}.log", env=env,
                                   cwd=SRC["tree"], timeout=3 * 3600))  # fmt: skip
        runs.append(run)
        shutil.rmtree(root, ignore_errors=True)
        if run.returncode != 0:
            break
    return runs


def step_month(repeat: int) -> None:
    landing, new_files = _month_landing()
    runs = _rerun_on_copies("month", landing, repeat)
    save_step(
        "month",
        {**runs_payload(runs), "new_files": [p.name for p in new_files],
         "new_bytes": sum(p.stat().st_size for p in new_files)},
    )  # fmt: skip


def step_correction(repeat: int) -> None:
    landing, corrected = _corrected_landing()
    runs = _rerun_on_copies("correction", landing, repeat)
    save_step(
        "correction",
        {**runs_payload(runs), "corrected_file": str(CORRECTED),
         "corrected_bytes": corrected.stat().st_size},
    )  # fmt: skip


# the province variants of the tests (tests/province.py), and the load test's report
RESILIENCE = (
    ("crash_province", "tests/pipeline/test_crash_safety.py", None),
    ("load_province", "tests/load/test_concurrent_sessions.py", "load-test-province.json"),
)


def step_resilience() -> None:
    """The crash-safety and load tests of `make test-demo` again at province scale: each on its
    own copy of the warehouse of (a) with the landing of (b), so 2026-11 is pending for both
    (the crash test publishes it)."""
    month_landing, _ = _month_landing()
    base = WORK / "resilience"
    root = base / "root"
    try:
        for name, test, report_name in RESILIENCE:
            shutil.rmtree(base, ignore_errors=True)
            say(f"copying the built warehouse and lake for {name}")
            _copy_built(root)
            subprocess.run(["cp", "-al", str(month_landing), str(root / "landing")], check=True)
            env = {
                **pipeline_env(root / "landing", root / "warehouse", root / "dagster_home"),
                "AUXFORCE_PROVINCE_ROOT": str(root),
            }
            artifact = SRC["tree"] / "test-artifacts" / report_name if report_name else None
            if artifact:
                artifact.unlink(missing_ok=True)  # a failed run must not report an old one
            cmd = [python(), "-m", "pytest", "-m", "province", test]
            run = timed(cmd, LOGS / f"{name}.log", env=env, cwd=SRC["tree"], timeout=2 * 3600)
            if artifact and artifact.exists():
                run.extra["load"] = _load_summary(json.loads(artifact.read_text()))
            elif artifact and run.returncode == 0:
                run.returncode = 1  # passed without its report: skipped (no chromium)
            save_step(name, runs_payload([run]))
    finally:
        shutil.rmtree(base, ignore_errors=True)  # 4.6 GB of warehouse


def _load_summary(report: dict[str, Any]) -> dict[str, Any]:
    """The load test's report without its per-session detail, plus the slowest session."""
    summary = {k: v for k, v in report.items() if k != "per_session"}
    summary["worst_session_max_ms"] = max(
        (s["max_ms"] for s in report["per_session"] if s["max_ms"] is not None), default=None
    )
    return summary


def step_queries(repeat: int, warm: int) -> None:
    warehouse = _built_warehouse()
    cmd = [python(), "scripts/bench/queries.py", str(warehouse), "--cold", str(repeat),
           "--warm", str(warm), "--src", str(SRC["tree"])]  # fmt: skip
    run = timed(cmd, LOGS / "queries.log", timeout=3 * 3600)
    payload: dict[str, Any] = runs_payload([run])
    if run.returncode == 0:
        lines = (ROOT / run.log).read_text().strip().splitlines()
        payload["queries"] = json.loads(lines[-1])
    save_step("queries", payload)


def _uv() -> list[str]:
    """uv on PATH, else the one the Makefile installs with pip (`python3 -m uv`)."""
    found = shutil.which("uv")
    return [found] if found else ["python3", "-m", "uv"]


def _dbt_cmd(pg: bool) -> list[str]:
    if not pg:
        return [str(ROOT / ".venv" / "bin" / "dbt")]
    pyproject = (ROOT / "pyproject.toml").read_text()
    if re.search(r"(?m)^bench\s*=", pyproject):
        return [*_uv(), "run", "--group", "bench", "dbt"]
    return [*_uv(), "run", "--with", "dbt-postgres", "dbt"]


def _pg_python() -> list[str]:
    return [*_dbt_cmd(pg=True)[:-1], "python"]


def _profiles_dir_for_postgres() -> tuple[Path, str]:
    """dbt/profiles.yml if it has the `postgres` target; else a copy with one added (same
    environment interface: AUXFORCE_PG_HOST/PORT/USER/PASSWORD/DBNAME)."""
    text = (SRC["tree"] / "dbt" / "profiles.yml").read_text()
    if re.search(r"(?m)^\s{4}postgres:\s*$", text):
        return SRC["tree"] / "dbt", "dbt/profiles.yml"
    folder = BENCH_DIR / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    target = """
    postgres:
      type: postgres
      host: "{{ env_var('AUXFORCE_PG_HOST', '127.0.0.1') }}"
      port: "{{ env_var('AUXFORCE_PG_PORT', '5432') | int }}"
      user: "{{ env_var('AUXFORCE_PG_USER', 'postgres') }}"
      password: "{{ env_var('AUXFORCE_PG_PASSWORD', '') }}"
      dbname: "{{ env_var('AUXFORCE_PG_DBNAME', 'auxforce') }}"
      schema: main
      threads: "{{ env_var('AUXFORCE_DUCKDB_THREADS', '2') | int }}"
"""
    (folder / "profiles.yml").write_text(text.rstrip() + "\n" + target)
    return folder, rel(folder / "profiles.yml") + " (bench copy: dbt/profiles.yml had none)"


def _dbt_build(pg: bool, i: int, profiles: Path, env: dict[str, str]) -> Run:
    tag = "postgres" if pg else "duckdb"
    out = WORK / "dbt" / tag
    # --full-refresh on both: a rebuild of every model from raw, so DuckDB's incremental
    # models do not skip work that PostgreSQL's first build does.
    cmd = [
        *_dbt_cmd(pg),
        "build",
        "--full-refresh",
        "--project-dir",
        str(SRC["tree"] / "dbt"),
        "--profiles-dir",
        str(profiles),
        "--target-path",
        str(out / "target"),
        "--log-path",
        str(out / "logs"),
    ]
    if pg:
        # one unit test compares a decimal's printed form, which PostgreSQL prints differently
        cmd += ["--target", "postgres", "--exclude", "tag:duckdb_only"]  # fmt: skip
    run = timed(cmd, LOGS / f"dbt-{tag}-{i}.log", env=env, timeout=6 * 3600)
    results = out / "target" / "run_results.json"
    if results.exists():
        data = json.loads(results.read_text())
        timings = sorted(
            ((r["unique_id"], round(r.get("execution_time") or 0.0, 2), r["status"])
             for r in data["results"]),
            key=lambda x: -x[1],
        )  # fmt: skip
        run.extra["slowest"] = timings[:12]
        run.extra["statuses"] = _count(s for _, _, s in timings)
    return run


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


def step_postgres(repeat: int, skip_postgres: bool) -> None:
    built = _built_warehouse()
    db_dir = WORK / "dbt" / "duckdb" / "warehouse"
    shutil.rmtree(db_dir, ignore_errors=True)
    db_dir.mkdir(parents=True)
    say("copying the built warehouse for dbt on DuckDB")
    shutil.copy2(built / "auxforce.duckdb", db_dir / "auxforce.duckdb")
    duck_env = {
        "AUXFORCE_WAREHOUSE_PATH": str(db_dir / "auxforce.duckdb"),
        "AUXFORCE_DUCKDB_TEMP_DIR": str(db_dir / "tmp"),
    }
    runs = [_dbt_build(False, i, SRC["tree"] / "dbt", duck_env) for i in range(repeat)]
    save_step("dbt_duckdb", runs_payload(runs))
    if skip_postgres:
        return
    profiles, profiles_note = _profiles_dir_for_postgres()
    pg_env = {**postgres.env(), **duck_env}
    postgres.start()
    try:
        loader = ROOT / "dbt" / "scripts" / "load_raw_to_postgres.py"
        raw_db = str(db_dir / "auxforce.duckdb")
        attempts: list[tuple[str, list[str]]] = []
        if loader.exists():
            attempts += [
                ("dbt/scripts/load_raw_to_postgres.py", [*_pg_python(), str(loader), raw_db]),
                ("dbt/scripts/load_raw_to_postgres.py",
                 [*_pg_python(), str(loader), "--duckdb", raw_db]),
            ]  # fmt: skip
        attempts.append(
            ("scripts/bench/pg_load.py (fallback)",
             [*_pg_python(), "scripts/bench/pg_load.py", raw_db]),
        )  # fmt: skip
        load: Run | None = None
        used = ""
        for i, (name, cmd) in enumerate(attempts):
            load = timed(cmd, LOGS / f"pg-load-{i}.log", env=pg_env, timeout=3 * 3600)
            used = name
            if load.returncode == 0:
                break
        assert load is not None
        save_step("pg_load", {**runs_payload([load]), "loader": used})
        if load.returncode != 0:
            return
        pg_runs: list[Run] = []
        for i in range(repeat):
            run = _dbt_build(True, i, profiles, pg_env)
            run.extra["server_rss_kb_after"] = postgres.server_rss_kb()
            pg_runs.append(run)
            save_step("dbt_postgres", {**runs_payload(pg_runs), "profiles": profiles_note,
                                       "server": postgres.version(),
                                       "settings": postgres.SERVER_SETTINGS})  # fmt: skip
            if run.returncode != 0 or run.seconds > LONG_RUN_S:
                break
    finally:
        postgres.stop()


def machine() -> dict[str, Any]:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per step")
    parser.add_argument(
        "--full-repeat", type=int, default=None,
        help="repetitions of the full pipeline (default: --repeat, or 1 if one run > 10 min)",
    )  # fmt: skip
    parser.add_argument("--warm", type=int, default=20, help="warm calls per dashboard query")
    parser.add_argument("--only", action="append", choices=STEPS, help="run only this step")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-spark", action="store_true", help="leave out the spark step")
    parser.add_argument(
        "--spark-sizes", type=_sizes, default=spark.DEFAULT_SIZES, metavar="0.02,0.05,0.2",
        help="generator scales of the spark step, comma-separated",
    )  # fmt: skip
    parser.add_argument(
        "--spark-timeout", type=float, default=spark.DEFAULT_TIMEOUT_S, metavar="SECONDS",
        help="per `dbt build` of the spark step; the build's whole process tree is killed",
    )  # fmt: skip
    parser.add_argument("--report-only", action="store_true", help="rewrite performance.md")
    parser.add_argument(
        "--ref", help="benchmark this git revision (exported with git archive), not the tree"
    )
    args = parser.parse_args()
    steps = args.only or list(STEPS)
    if args.skip_spark:
        steps = [s for s in steps if s != "spark"]
    if not args.report_only:
        ensure_gnu_time()
        if args.ref:
            SRC["tree"], sha = export_ref(args.ref)
            code = f"git revision {sha} (exported to {rel(SRC['tree'])})"
        else:
            code = "working tree at " + subprocess.run(
                ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True,
                text=True, check=False,
            ).stdout.strip()  # fmt: skip
        CODE["code"] = code
        CODE["command"] = _command(args)
        if steps != ["spark"]:
            # the meta describes the province-scale steps; the spark step keeps its own
            save_meta({"machine": machine(), "command": _command(args)})
        for step in steps:
            say(f"── step {step}")
            if step == "generate":
                step_generate()
            elif step == "floor":
                step_floor(args.repeat)
            elif step == "full":
                step_full(args.repeat, args.full_repeat)
            elif step == "queries":
                step_queries(args.repeat, args.warm)
            elif step == "month":
                step_month(args.repeat)
            elif step == "correction":
                step_correction(args.repeat)
            elif step == "resilience":
                step_resilience()
            elif step == "postgres":
                step_postgres(args.repeat, args.skip_postgres)
            elif step == "spark":
                spark.step_spark(args.spark_sizes, args.spark_timeout, machine())
            report.write(load_results())
    report.write(load_results())
    say(f"wrote {rel(report.DOC)}")


def _sizes(text: str) -> tuple[float, ...]:
    try:
        return spark.parse_sizes(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


def _command(args: argparse.Namespace) -> str:
    parts = ["uv run python -m scripts.bench.run"]
    if args.repeat != 3:
        parts.append(f"--repeat {args.repeat}")
    if args.full_repeat is not None:
        parts.append(f"--full-repeat {args.full_repeat}")
    for step in args.only or []:
        parts.append(f"--only {step}")
    if args.skip_postgres:
        parts.append("--skip-postgres")
    if args.skip_spark:
        parts.append("--skip-spark")
    if tuple(args.spark_sizes) != spark.DEFAULT_SIZES:
        parts.append("--spark-sizes " + ",".join(f"{x:g}" for x in args.spark_sizes))
    if args.spark_timeout != spark.DEFAULT_TIMEOUT_S:
        parts.append(f"--spark-timeout {args.spark_timeout:g}")
    if args.ref:
        parts.append(f"--ref {args.ref}")
    return " ".join(parts)


if __name__ == "__main__":
    main()
