"""Shared by the lake tests: tiny provinces, ingestion as a subprocess, the lake read back.

The lake is read here by an independent path: folders listed and Parquet read with polars,
partition months cut in polars from the month columns named below (not lake.py's SQL), and
compared with DuckDB's raw tables read whole.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl

from dagster_project.contract import SOURCES

SECRET = "lake-test-secret"
YUNNAN, NINGXIA = "530000", "640000"
# table -> (lake folder, the column its month partitions are cut by)
TABLES: dict[str, tuple[str, str | None]] = {
    **{name: (name, None) for name in SOURCES},
    "roster": ("roster", "snapshot_month"),
    "payroll": ("payroll", "pay_month"),
    "incidents": ("incidents", "reported_at"),
    "incident_staff": ("incident_staff", "incident_month"),
    "_load_log": ("load_log", None),
    "_quarantine": ("quarantine", None),
    "_quarantine_rows": ("quarantine_rows", None),
}
LOAD_TIMES = ("_loaded_at", "loaded_at", "quarantined_at")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def generate(landing: Path) -> None:
    """A tiny Yunnan landing folder: 3 months to 2026-01, plain CSV, ~230 files."""
    from dagster_project.synthetic import generate as generate_province

    generate_province(landing, seed=7, scale=0.01, months=3, end_month="2026-01", formats="csv")


def _id_number(value: str, prefix: str) -> str:
    """A resident ID re-coded to another province, with its ISO 7064 check digit redone."""
    body = prefix + value[2:17]
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def recode(source: Path, target: Path, prefix: str, name_zh: str) -> None:
    """Copy a Yunnan (53) landing folder as another province: unit, division and incident
    codes and ID numbers start with `prefix`, 云南 becomes `name_zh`, as do the file names.
    Every ID gets a valid check digit: a row planted with a wrong one loads in the copy."""
    codes = ("unit_code", "parent_code", "admin_code", "incident_id")
    for path in sorted(source.glob("*/*.csv")):
        if path.parent.name.startswith("_"):
            continue
        frame = pl.read_csv(path, infer_schema=False)
        out = frame.with_columns(
            *(pl.col(c).str.replace(r"^53", prefix) for c in codes if c in frame.columns),
            *(
                pl.col(c).map_elements(
                    lambda v: _id_number(v, prefix) if len(v) == 18 and v[:2] == "53" else v,
                    return_dtype=pl.String,
                )
                for c in ("id_number", "staff_id")
                if c in frame.columns
            ),
            *(
                pl.col(c).str.replace_all("云南", name_zh)
                for c in ("unit_name", "approved_by")
                if c in frame.columns
            ),
        )
        file = target / path.parent.name / re.sub(r"_53(\d{4})", rf"_{prefix}\1", path.name)
        file.parent.mkdir(parents=True, exist_ok=True)
        out.write_csv(file)


def env(root: Path, lake: Path, province: str) -> dict[str, str]:
    """The ingestion CLI's environment over warehouse root `root`, writing into `lake`."""
    return {
        **os.environ,
        "AUXFORCE_DATA_DIR": str(root),
        "AUXFORCE_LANDING_DIR": str(root / "landing"),
        "AUXFORCE_WAREHOUSE_DIR": str(root / "warehouse"),
        "AUXFORCE_LAKE_DIR": str(lake),
        "AUXFORCE_PROVINCE": province,
        "AUXFORCE_PERSON_KEY_SECRET": SECRET,
    }


def start_ingest(root: Path, lake: Path, province: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dagster_project.defs.ingestion", str(root / "landing")],
        env=env(root, lake, province),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def ingest(root: Path, lake: Path, province: str) -> None:
    proc = start_ingest(root, lake, province)
    out, _ = proc.communicate()
    assert proc.returncode == 0, out.decode()[-3000:]


def warehouse(root: Path) -> Path:
    return root / "warehouse" / "auxforce.duckdb"


def lake_files(lake: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under the lake (temporary ones included): relative path -> (mtime, bytes)."""
    return {
        str(p.relative_to(lake)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(lake.rglob("*"))
        if p.is_file()
    }


def temp_files(lake: Path) -> list[Path]:
    return list(lake.glob("*/province=*/month=*/.*"))


def _utc_wall_clock(frame: pl.DataFrame) -> pl.DataFrame:
    """The lake's UTC instants as DuckDB's wall-clock timestamps."""
    return frame.with_columns(
        pl.col(c).dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        for c, t in frame.schema.items()
        if isinstance(t, pl.Datetime) and t.time_zone is not None
    )


def lake_partitions(lake: Path, province: str) -> dict[tuple[str, str], pl.DataFrame]:
    """(table, month) -> the rows of that partition file of `province`."""
    out = {}
    for table, (folder, _) in TABLES.items():
        for file in sorted((lake / folder / f"province={province}").glob("month=*/data.parquet")):
            month = file.parent.name.removeprefix("month=")
            out[table, month] = _utc_wall_clock(pl.read_parquet(file))
    return out


def duckdb_partitions(path: Path) -> dict[tuple[str, str], pl.DataFrame]:
    """(table, month) -> the rows of raw.<table> of that month ('none': no month column)."""
    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for table, (_, column) in TABLES.items():
            frame = pl.from_arrow(con.sql(f"select * from raw.{table}").to_arrow_table())
            assert isinstance(frame, pl.DataFrame)
            if column is None:
                out[table, "none"] = frame
                continue
            month = pl.col(column).dt.strftime("%Y-%m").fill_null("none").alias("__month")
            for (m,), part in frame.with_columns(month).group_by("__month"):
                out[table, str(m)] = part.drop("__month")
    return out


def same_rows(left: pl.DataFrame, right: pl.DataFrame, drop: tuple[str, ...] = ()) -> bool:
    left, right = left.drop(drop, strict=False), right.drop(drop, strict=False)
    if left.columns != right.columns or left.height != right.height:
        return False
    return left.sort(left.columns, nulls_last=True).equals(
        right.sort(right.columns, nulls_last=True)
    )


def assert_lake_equals_duckdb(lake: Path, path: Path, province: str) -> None:
    """Every partition DuckDB holds is a lake file with the same rows; a lake partition
    DuckDB has no row for is empty (an emptied month, or a table's schema-only file)."""
    in_lake, in_duckdb = lake_partitions(lake, province), duckdb_partitions(path)
    missing = set(in_duckdb) - set(in_lake)
    assert not missing, f"partitions missing from the lake: {sorted(missing)}"
    for key, frame in in_lake.items():
        expected = in_duckdb.get(key)
        if expected is None:
            assert frame.height == 0, f"{key}: {frame.height} rows DuckDB does not hold"
        else:
            assert same_rows(frame, expected), f"{key}: the lake differs from DuckDB"
