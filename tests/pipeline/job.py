"""The Dagster job's command line as `make pipeline` runs it, for tests that start it as a
process (to kill it, or to serve dashboards beside it)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from dagster_project.settings import PROJECT_ROOT


def job_command(env: Mapping[str, str]) -> list[str]:
    """`dagster job execute … full_pipeline` over the range of the months with a file the
    load log of `env`'s warehouse has not seen (every landed month for a new warehouse), as
    `make pipeline` computes it: a range over every landed month would record planned events
    for each, minutes of bookkeeping at province scale. Call it before starting the job: it
    reads the warehouse."""
    tags = subprocess.run(
        [sys.executable, "-m", "dagster_project.defs.partitions"],
        cwd=PROJECT_ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        str(Path(sys.executable).with_name("dagster")),
        "job",
        "execute",
        "-m",
        "dagster_project.definitions",
        "-j",
        "full_pipeline",
        "--tags",
        tags.strip(),
    ]


def dbt_build_command(
    root: Path, name: str, *extra: str, with_tests: bool = False, python: str = sys.executable
) -> list[str]:
    """`dbt build` of seeds and models (no data or unit tests unless `with_tests`), with
    target and log paths of its own under `root`, so several builds can run side by side."""
    dbt_dir = PROJECT_ROOT / "dbt"
    skipped = [] if with_tests else ["--exclude-resource-type", "test", "unit_test"]
    return [
        str(Path(python).with_name("dbt")),
        "build",
        "--project-dir",
        str(dbt_dir),
        "--profiles-dir",
        str(dbt_dir),
        "--target-path",
        str(root / f"target_{name}"),
        "--log-path",
        str(root / f"logs_{name}"),
        *skipped,
        *extra,
    ]


def dbt_build(
    root: Path, env: Mapping[str, str], name: str, *extra: str, with_tests: bool = False
) -> subprocess.Popen:
    """Start `dbt_build_command` in `env`."""
    return subprocess.Popen(
        dbt_build_command(root, name, *extra, with_tests=with_tests),
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
