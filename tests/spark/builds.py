"""A small province built on DuckDB and on Spark from the same raw layer (tests/spark/).

Ingestion writes DuckDB (raw.*) and, beside it, the raw lake Spark reads (Parquet by table x
province x month, `dagster_project/defs/ingestion/lake.py`), and dbt builds the same project
on both targets (AUXFORCE_ENGINE).
Spark's tables are read back into a DuckDB file (`dagster_project/engines/spark_tables.py`)
and compared with `dbt/scripts/compare_warehouses.py`, as two DuckDB builds are compared.
Every step is timed into `Province.timings` (seconds), written to test-artifacts.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dagster_project.engines.spark_tables import copy_to_duckdb
from dagster_project.settings import PROJECT_ROOT
from tests.pipeline import small_builds
from tests.pipeline.job import dbt_build

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
# DOUBLEs: 1e-9 relative, or 1.5e-9 absolute: the forecast marts round to 9 decimal places, and
# a value on a rounding edge rounds either way when the engines' exp and ln differ in the last
# bit (one step, 1e-9, plus the float error of the difference). DECIMALs and all else exactly.
DOUBLE_TOLERANCE = (1e-9, 1.5e-9)


def _compare_module():
    spec = importlib.util.spec_from_file_location(
        "compare_warehouses", PROJECT_ROOT / "dbt" / "scripts" / "compare_warehouses.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Province:
    """A province's folders: landing, the DuckDB warehouse (ingestion's and the DuckDB
    build's), the raw lake, Spark's state (metastore, warehouse)."""

    root: Path
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def warehouse(self) -> Path:
        return small_builds.warehouse(self.root)

    @property
    def spark_dir(self) -> Path:
        return self.root / "spark"

    @property
    def spark_copy(self) -> Path:
        """Spark's marts and intermediate tables as a DuckDB file (rewritten by read_spark)."""
        return self.root / "spark_tables.duckdb"

    def env(self, engine: str) -> dict[str, str]:
        values = small_builds.env(self.root)
        values.update(AUXFORCE_ENGINE=engine, AUXFORCE_SPARK_DIR=str(self.spark_dir))
        return values

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.timings[step] = round(time.perf_counter() - started, 1)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "spark-timings.json").write_text(json.dumps(self.timings, indent=2))

    def ingest(self, step: str) -> None:
        """Load the landing folder into DuckDB's raw layer and the lake (<root>/lake)."""
        with self.timed(f"{step}: ingest (DuckDB raw and the lake)"):
            small_builds.ingest(self.root)

    def build(self, engine: str, step: str, *extra: str, with_tests: bool = False) -> None:
        """`dbt build` on `engine` (seeds and models; every test too `with_tests`)."""
        with self.timed(f"{step}: dbt build on {engine}"):
            proc = dbt_build(
                self.root, self.env(engine), f"{engine}_{step}", *extra, with_tests=with_tests
            )
            out, _ = proc.communicate()
        assert proc.returncode == 0, out[-4000:]

    def read_spark(self) -> list[str]:
        """Copy Spark's marts and intermediate tables into `spark_copy`; the tables copied."""
        return copy_to_duckdb(
            self.spark_dir / "warehouse", self.spark_copy, ("marts", "intermediate")
        )

    def differences(self) -> dict[str, tuple[int, int, int]]:
        """Tables whose rows differ between the DuckDB build and Spark's:
        table -> (rows on DuckDB, rows on Spark, rows in one and not the other)."""
        copied = self.read_spark()
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            marts = {
                f"marts.{t}"
                for (t,) in con.execute(
                    "select table_name from information_schema.tables "
                    "where table_schema = 'marts' and table_type = 'BASE TABLE'"
                ).fetchall()
            }
        assert marts and marts <= set(copied), f"marts missing on Spark: {marts - set(copied)}"
        result = _compare_module().compare(
            str(self.warehouse), str(self.spark_copy), tolerance=DOUBLE_TOLERANCE
        )
        assert marts <= set(result)
        return {name: r for name, r in result.items() if r[2] != 0 or r[0] != r[1]}

    def spark_query(self, sql: str) -> list[tuple]:
        """`sql` over Spark's tables as last read by read_spark."""
        with duckdb.connect(str(self.spark_copy), read_only=True) as con:
            return con.execute(sql).fetchall()
