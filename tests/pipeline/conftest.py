"""One small generated province, run once through the real Dagster job for all pipeline tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dagster_project.settings import PROJECT_ROOT

# Tests that read the demo province (scale 1.0, 24 months) run in `make test-demo`, CI's
# second step: building it takes minutes, and `make test` stays under 15 minutes.
_DEMO_FIXTURES = {"province", "plain_files"}


_HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # the hook sees every test of the session: only this folder's fixtures are the demo's (a
    # `province` fixture or parameter elsewhere, tests/spark or tests/unit, is another one)
    for item in items:
        mine = _HERE in Path(item.path).resolve().parents
        if mine and _DEMO_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.demo)


# The demo province (`make demo` defaults): ~6,000 auxiliaries, 24 months to 2026-10, so
# 2025 is a closed year. Issue 4 asks for the truth-manifest test at this scale.
SCALE = 1.0
MONTHS = 24
END_MONTH = "2026-10"
SEED = 7


@dataclass(frozen=True)
class Province:
    root: Path
    landing: Path
    warehouse: Path
    published: Path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


def run_pipeline() -> None:
    """Materialise every asset of the definitions, in process, as the job does."""
    import dagster as dg

    from dagster_project.definitions import defs
    from dagster_project.defs.partitions import landing_months, range_tags
    from dagster_project.settings import get_settings

    job = defs.resolve_job_def("full_pipeline")
    tags = range_tags(landing_months(get_settings().landing_dir))
    result = job.execute_in_process(instance=dg.DagsterInstance.get(), tags=tags)
    assert result.success


@pytest.fixture(scope="session")
def plain_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same province written as plain UTF-8 CSV with English headers: the oracle's input."""
    from dagster_project.synthetic import generate

    out = tmp_path_factory.mktemp("plain") / "landing"
    generate(out, seed=SEED, scale=SCALE, months=MONTHS, end_month=END_MONTH, formats="csv")
    return out


@pytest.fixture(scope="session")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Province]:
    from dagster_project.synthetic import generate

    root = tmp_path_factory.mktemp("province")
    env = {
        "AUXFORCE_DATA_DIR": str(root),
        "DAGSTER_HOME": str(root / "dagster_home"),
        "AUXFORCE_PERSON_KEY_SECRET": "pipeline-test-secret",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    (root / "dagster_home").mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_project" / "dagster.yaml", root / "dagster_home")
    generate(root / "landing", seed=SEED, scale=SCALE, months=MONTHS, end_month=END_MONTH)
    run_pipeline()
    yield Province(
        root=root,
        landing=root / "landing",
        warehouse=root / "warehouse" / "auxforce.duckdb",
        published=root / "warehouse" / "published" / "auxforce_published.duckdb",
    )
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
