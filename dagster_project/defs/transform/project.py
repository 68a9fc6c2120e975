"""The dbt project as Dagster sees it: its manifest, kept fresh, and the CLI resource."""

from __future__ import annotations

import fcntl
import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from dagster_dbt import DbtCliResource
from packaging import version

from dagster_project.settings import get_settings


def _dbt_executable() -> str:
    """The dbt of this environment (not whatever is first on PATH)."""
    return str(Path(sys.executable).with_name("dbt"))


def _newest_source_mtime(project_dir: Path) -> float:
    files = [
        p
        for folder in ("models", "seeds", "macros", "tests", "snapshots")
        for p in (project_dir / folder).rglob("*")
        if p.is_file()
    ]
    files.append(project_dir / "dbt_project.yml")
    return max((p.stat().st_mtime for p in files if p.exists()), default=0.0)


def ensure_manifest() -> Path:
    """`dbt parse` when the manifest is missing or older than any project file.

    Dagster builds its asset graph from target/manifest.json at import time. Processes that
    start together (a national deployment's province workers) take turns under a file lock:
    one parses, the others wait and read the finished file, never one half written.
    """
    settings = get_settings()
    project_dir = settings.dbt_project_dir
    manifest = project_dir / "target" / "manifest.json"
    manifest.parent.mkdir(exist_ok=True)
    with (project_dir / "target" / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime(project_dir):
            return manifest
        subprocess.run(
            [
                _dbt_executable(),
                "parse",
                "--quiet",
                "--project-dir",
                str(project_dir),
                "--profiles-dir",
                str(project_dir),
            ],
            check=True,
            env={**os.environ, **settings.dbt_env()},
        )
    return manifest


class AuxforceDbtCliResource(DbtCliResource):
    """dagster-dbt's CLI resource without two start-up costs it pays on every run for
    features auxforce does not use (issue 16: seconds of a month's one-minute budget).

    * The dbt version: dagster-dbt runs `dbt --version` in a subprocess, which imports all of
      dbt; the dbt executable is this environment's (`_dbt_executable`), so its dbt-core is
      the installed package's version.
    * A dbt adapter opened in Dagster's own process, only for row counts and column metadata
      (`fetch_row_counts`, `fetch_column_metadata`), which the assets do not ask for.

    Both are private members of dagster-dbt (pinned in pyproject.toml);
    tests/unit/test_dbt_resource.py fails if an upgrade renames them.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> Any:
        return None  # DbtCliInvocation takes None: no adapter, no metadata fetched with it


def dbt_resource(engine: str | None = None) -> DbtCliResource:
    """dbt's CLI on `engine` (the profiles.yml target; AUXFORCE_ENGINE's by default)."""
    settings = get_settings()
    os.environ.update(settings.dbt_env())  # profiles.yml reads these: the same file as ingestion
    return AuxforceDbtCliResource(
        project_dir=str(settings.dbt_project_dir),
        profiles_dir=str(settings.dbt_project_dir),
        dbt_executable=_dbt_executable(),
        target=engine or settings.engine,  # duckdb or spark
    )
