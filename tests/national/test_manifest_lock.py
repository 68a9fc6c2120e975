"""Province workers that start together parse the dbt project once, and none reads a
manifest half written (dagster_project/defs/transform/project.py, `ensure_manifest`).

Three processes import the manifest of a dbt project that has none yet, at the same moment,
as a national deployment's province workers do on a fresh machine: dbt's log must show one
parse, and every process the whole manifest. Without the lock each ran `dbt parse` into the
same file and one read it mid-write (seen in tests/spark/test_national.py:
`orjson.JSONDecodeError: unexpected end of data`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dagster_project.settings import PROJECT_ROOT

pytestmark = pytest.mark.timeout(300)

READ = (
    "import json; from dagster_project.defs.transform.project import ensure_manifest; "
    "m = json.loads(ensure_manifest().read_bytes()); print(len(m['nodes']))"
)


def test_workers_starting_together_read_one_whole_manifest(tmp_path: Path) -> None:
    project = tmp_path / "dbt"
    shutil.copytree(PROJECT_ROOT / "dbt", project, ignore=shutil.ignore_patterns("target", "logs"))
    env = {
        **os.environ,
        "AUXFORCE_DBT_DIR": str(project),
        "AUXFORCE_DATA_DIR": str(tmp_path),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", READ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(3)
    ]
    outs = [p.communicate()[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[-2000:] for o in outs]
    counts = {o.strip().splitlines()[-1] for o in outs}
    assert len(counts) == 1 and int(counts.pop()) > 300, outs
    assert (tmp_path / "logs" / "dbt.log").read_text().count("Running with dbt") == 1
