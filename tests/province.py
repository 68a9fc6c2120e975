"""The prepared province root of the `province` variants (crash safety, load), which the
bench (`make bench`, step `resilience`) runs at province scale.

AUXFORCE_PROVINCE_ROOT names a pipeline data dir: `landing/` (the full landing, with one
month whose files the load log has not seen), `warehouse/auxforce.duckdb` and
`warehouse/published/auxforce_published.duckdb` (built and published from the other
months), `dagster_home/`. The tests generate nothing there: building a province-scale
warehouse takes about 25 minutes, so the bench builds it once and hands over a copy.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT_VAR = "AUXFORCE_PROVINCE_ROOT"
SECRET_VAR = "AUXFORCE_PERSON_KEY_SECRET"
LAYOUT = (
    "landing",
    "warehouse/auxforce.duckdb",
    "warehouse/published/auxforce_published.duckdb",
    "dagster_home/dagster.yaml",
)


def pipeline_env(root: Path, secret: str) -> dict[str, str]:
    """The environment of a job over the data dir `root`; every path set explicitly, so a
    caller's AUXFORCE_LANDING_DIR or AUXFORCE_WAREHOUSE_DIR cannot point it elsewhere."""
    return {
        **os.environ,
        "AUXFORCE_DATA_DIR": str(root),
        "AUXFORCE_LANDING_DIR": str(root / "landing"),
        "AUXFORCE_WAREHOUSE_DIR": str(root / "warehouse"),
        "DAGSTER_HOME": str(root / "dagster_home"),
        SECRET_VAR: secret,
    }


def province_root() -> tuple[Path, dict[str, str]]:
    """The prepared root and the job's environment over it; fails (never skips) when the
    root is not given or incomplete. The person-key secret is the caller's: the warehouse
    was built with it, and another one would give the new month other person keys."""
    value = os.environ.get(ROOT_VAR)
    if not value:
        pytest.fail(
            f"{ROOT_VAR} is not set: the `province` tests run on a prepared province root "
            "(see tests/province.py); `make bench` prepares one and runs them"
        )
    root = Path(value).resolve()
    missing = [part for part in LAYOUT if not (root / part).exists()]
    if missing:
        pytest.fail(f"{ROOT_VAR}={root} lacks {', '.join(missing)} (see tests/province.py)")
    secret = os.environ.get(SECRET_VAR)
    if not secret:
        pytest.fail(f"{SECRET_VAR} is not set: give the secret the warehouse was built with")
    return root, pipeline_env(root, secret)
