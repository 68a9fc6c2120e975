"""The dbt CLI resource's two start-up savings (dagster_project/defs/transform/project.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from dagster_dbt import DbtCliResource

from dagster_project.defs.transform.project import AuxforceDbtCliResource, dbt_resource


def test_dagster_dbt_still_has_the_members_the_resource_replaces() -> None:
    # an upgrade that renames them would silently bring the costs back
    assert "_cli_version" in vars(DbtCliResource)
    assert callable(vars(DbtCliResource)["_initialize_dbt_core_adapter"])


def test_version_is_what_the_dbt_executable_reports() -> None:
    resource = dbt_resource()
    assert isinstance(resource, AuxforceDbtCliResource)
    out = subprocess.run(
        [resource.dbt_executable, "--version"], capture_output=True, text=True, check=True
    ).stdout
    core = re.search(r"installed:\s*(\d+\.\d+\.\d+)", out)
    assert core, out
    assert str(resource._cli_version) == core.group(1)
    assert resource._cli_version.major < 2  # dbt Core, not the Fusion engine


def test_no_adapter_is_opened_in_dagsters_process() -> None:
    assert dbt_resource()._initialize_dbt_core_adapter(["build"]) is None
    assert Path(dbt_resource().dbt_executable).name == "dbt"
