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
