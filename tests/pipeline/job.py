"""The Dagster job's command line as `make pipeline` runs it, for tests that start it as a
process (to kill it, or to serve dashboards beside it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dagster_project.defs.partitions import landing_months, range_tags


def job_command(landing: Path) -> list[str]:
    """`dagster job execute … full_pipeline` over every month landed in `landing`."""
    return [
        str(Path(sys.executable).with_name("dagster")),
        "job",
        "execute",
        "-m",
        "dagster_project.definitions",
        "-j",
        "full_pipeline",
        "--tags",
        json.dumps(range_tags(landing_months(landing))),
    ]
