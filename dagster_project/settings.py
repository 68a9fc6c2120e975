"""Every path and knob of auxforce, read from the environment with a default.

One place only: Dagster assets, dbt (through profiles.yml env vars), the generator, the
dashboards and the tests all take their settings from here, so a bureau can point the
whole pipeline at its own folders with environment variables and nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


ENGINES = ("duckdb", "spark")


def _engine(value: str) -> str:
    if value not in ENGINES:
        raise ValueError(f"AUXFORCE_ENGINE={value!r}: one of {', '.join(ENGINES)}")
    return value


DBT_CHECKS = ("auto", "all", "month")


def _dbt_checks(value: str) -> str:
    if value not in DBT_CHECKS:
        raise ValueError(f"AUXFORCE_DBT_CHECKS={value!r}: one of {', '.join(DBT_CHECKS)}")
    return value


def _province(value: str) -> str:
    """A province-level GB/T 2260 code: two digits and four zeros (云南 530000)."""
    if not (len(value) == 6 and value.isdigit() and value.endswith("0000")):
        raise ValueError(f"AUXFORCE_PROVINCE={value!r}: a province code such as 530000")
    return value


@dataclass(frozen=True)
class Settings:
    """A snapshot of the environment; build a fresh one with `Settings.from_env()`."""

    data_dir: Path
    landing_dir: Path
    warehouse_dir: Path
    dagster_home: Path
    secret_file: Path
    dbt_project_dir: Path = field(default=PROJECT_ROOT / "dbt")
    seed: int = 20240701
    scale: float = 1.0
    months: int = 24
    end_month: str = "2026-10"
    first_partition_month: str = "2019-01"
    # Below the 4 GiB peak-RSS budget: DuckDB's limit covers its buffers, not the process.
    duckdb_memory_limit: str = "3GB"
    duckdb_threads: int = 2
    # Good rows staged before one write transaction per source (bounds ingestion memory).
    ingest_batch_rows: int = 1_000_000
    # Processes that read and validate landing files side by side (parsed_files.py); the
    # main process stays DuckDB's one writer. 1: everything in the main process.
    ingest_workers: int = 2
    # The 整改台账 case store (dashboards/lib/cases/): state written by dashboard users, kept
    # apart from the read-only snapshot. sqlite:///<path> (embedded, WAL; the default under
    # data_dir) or postgresql://user@host:port/dbname for several dashboard servers.
    cases_url: str = ""
    # The dashboards' access log, accounts and failed sign-ins (lib/access_log.py,
    # lib/logins.py): the same kind of store, by default the case store's database.
    access_log_url: str = ""
    # The demo (make demo): the demo accounts of dashboards/assets/users.yaml sign in, and a
    # missing cookie key is generated per server process. Only with AUXFORCE_DEMO=1.
    demo: bool = False
    # Signs the dashboards' re-login cookies; required outside the demo (AUXFORCE_COOKIE_KEY).
    cookie_key: str = ""
    # The engine dbt builds on (the profiles.yml target): duckdb (embedded, the default) or
    # spark (a local pyspark session; `make spark-deps`, the `spark` dependency group).
    engine: str = "duckdb"
    # Which dbt build a run makes (dbt/selectors.yml, defs/transform/checks.py): `all` the full
    # build with every test, `month` a month's build without the whole-table tests, `auto`
    # the full build when the last one is missing or older than full_checks_max_age_hours.
    dbt_checks: str = "auto"
    full_checks_max_age_hours: int = 24
    # Spark's state: its metastore and warehouse tables (AUXFORCE_SPARK_DIR).
    spark_dir: Path = field(default=PROJECT_ROOT / "data" / "spark")
    # The raw lake (docs/raw-layer.md): every raw table as Parquet by table x province x
    # month, written by ingestion beside DuckDB's raw.*, read by Spark. Shared by provinces.
    lake_dir: Path = field(default=PROJECT_ROOT / "data" / "lake")
    # The province this warehouse root holds (GB/T 2260 code): its lake partitions, and the
    # root bureau org_units must name. One root, one province, one ingestion process.
    province_code: str = "530000"
    # The ministry's dashboards' warehouse dir: a Spark build publishes the national summary
    # to its published/ (dagster_project/defs/publish/provinces.py), nothing else is in it.
    national_dir: Path = field(default=PROJECT_ROOT / "data" / "national")
    # The national deployment's province roots (defs/national/): one folder per province
    # code, each laid out as a root (landing/, warehouse/); a new folder is a new partition.
    provinces_dir: Path = field(default=PROJECT_ROOT / "data" / "provinces")

    @property
    def warehouse_path(self) -> Path:
        """The pipeline's read-write DuckDB file (the only writer)."""
        return self.warehouse_dir / "auxforce.duckdb"

    @property
    def published_path(self) -> Path:
        """The read-only snapshot the dashboards open; replaced atomically by publish."""
        return self.warehouse_dir / "published" / "auxforce_published.duckdb"

    @property
    def publish_status_path(self) -> Path:
        """Beside the snapshot: whether publishing is held and why, for the dashboards."""
        return self.published_path.with_name("status.json")

    @property
    def full_build_record_path(self) -> Path:
        """When the engine's warehouse last passed a full build (defs/transform/checks.py)."""
        return (self.spark_dir if self.engine == "spark" else self.warehouse_dir) / (
            "last_full_build.json"
        )

    @property
    def duckdb_temp_dir(self) -> Path:
        return self.warehouse_dir / "tmp"

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = _path("AUXFORCE_DATA_DIR", PROJECT_ROOT / "data")
        warehouse_dir = _path("AUXFORCE_WAREHOUSE_DIR", data_dir / "warehouse")
        cases_url = (
            os.environ.get("AUXFORCE_CASES_URL") or f"sqlite:///{data_dir / 'cases' / 'cases.db'}"
        )
        return cls(
            data_dir=data_dir,
            landing_dir=_path("AUXFORCE_LANDING_DIR", data_dir / "landing"),
            warehouse_dir=warehouse_dir,
            dagster_home=_path("DAGSTER_HOME", data_dir / "dagster_home"),
            secret_file=_path("AUXFORCE_SECRET_FILE", data_dir / "secrets" / "person_key.secret"),
            dbt_project_dir=_path("AUXFORCE_DBT_DIR", PROJECT_ROOT / "dbt"),
            seed=_int("AUXFORCE_SEED", 20240701),
            scale=float(os.environ.get("AUXFORCE_SCALE", "1.0")),
            months=_int("AUXFORCE_MONTHS", 24),
            end_month=os.environ.get("AUXFORCE_END_MONTH", "2026-10"),
            first_partition_month=os.environ.get("AUXFORCE_FIRST_PARTITION_MONTH", "2019-01"),
            duckdb_memory_limit=os.environ.get("AUXFORCE_DUCKDB_MEMORY_LIMIT", "3GB"),
            duckdb_threads=_int("AUXFORCE_DUCKDB_THREADS", 2),
            ingest_batch_rows=_int("AUXFORCE_INGEST_BATCH_ROWS", 1_000_000),
            ingest_workers=_int("AUXFORCE_INGEST_WORKERS", min(2, os.cpu_count() or 1)),
            cases_url=cases_url,
            access_log_url=os.environ.get("AUXFORCE_ACCESS_LOG_URL") or cases_url,
            demo=os.environ.get("AUXFORCE_DEMO", "") == "1",
            cookie_key=os.environ.get("AUXFORCE_COOKIE_KEY")
            or os.environ.get("AUXFORCE_DASHBOARD_COOKIE_KEY", ""),
            engine=_engine(os.environ.get("AUXFORCE_ENGINE", "duckdb")),
            dbt_checks=_dbt_checks(os.environ.get("AUXFORCE_DBT_CHECKS", "auto")),
            full_checks_max_age_hours=_int("AUXFORCE_FULL_CHECKS_MAX_AGE_HOURS", 24),
            spark_dir=_path("AUXFORCE_SPARK_DIR", data_dir / "spark"),
            lake_dir=_path("AUXFORCE_LAKE_DIR", data_dir / "lake"),
            province_code=_province(os.environ.get("AUXFORCE_PROVINCE", "530000")),
            national_dir=_path("AUXFORCE_NATIONAL_DIR", data_dir / "national"),
            provinces_dir=_path("AUXFORCE_PROVINCES_DIR", data_dir / "provinces"),
        )

    def for_province(self, code: str) -> Settings:
        """The root of province `code` under provinces_dir: its landing, warehouse and
        snapshot; the lake, Spark, the person-key secret and the ministry's dir stay the
        national ones (one key nationwide, so a person in two provinces is one person)."""
        root = self.provinces_dir / _province(code)
        return replace(
            self,
            data_dir=root,
            landing_dir=root / "landing",
            warehouse_dir=root / "warehouse",
            province_code=code,
        )

    def dbt_env(self) -> dict[str, str]:
        """Environment variables that profiles.yml reads, so dbt writes the same file
        (AUXFORCE_ENGINE picks the target)."""
        return {
            "AUXFORCE_ENGINE": self.engine,
            "AUXFORCE_SPARK_DIR": str(self.spark_dir),
            "AUXFORCE_LAKE_DIR": str(self.lake_dir),
            "AUXFORCE_WAREHOUSE_PATH": str(self.warehouse_path),
            "AUXFORCE_DUCKDB_MEMORY_LIMIT": self.duckdb_memory_limit,
            "AUXFORCE_DUCKDB_THREADS": str(self.duckdb_threads),
            "AUXFORCE_DUCKDB_TEMP_DIR": str(self.duckdb_temp_dir),
        }


def get_settings() -> Settings:
    return Settings.from_env()
