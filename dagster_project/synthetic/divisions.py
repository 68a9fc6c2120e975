"""The vendored national reference (reference/): every province's divisions and the 2020
census by province.

reference/divisions/ holds modood/Administrative-divisions-of-China's province, prefecture
and county lists as published (2- and 4-digit codes); `load_divisions()` widens them to the
6-digit GB/T 2260 codes the warehouse joins on. The demo province (云南) keeps its figures in
dbt/seeds/, every other simulated province in reference/provinces/<code>/ in the same columns
(README there; `reference.py` reads them).
"""

from __future__ import annotations

import polars as pl

from dagster_project.settings import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "reference"
DEMO_PROVINCE = "530000"  # 云南: its reference figures are the dbt seeds themselves


def _read(name: str) -> pl.DataFrame:
    return pl.read_csv(REFERENCE_DIR / "divisions" / f"{name}.csv", infer_schema=False)


def load_divisions() -> pl.DataFrame:
    """admin_code, name, level (province | prefecture | county), parent_code (null for a
    province), functional_zone: NBS statistical codes 71-79 in digits 5-6 are development
    zones and the like (经济开发区), counted with the counties but no GB/T 2260 division."""
    provinces = _read("provinces").select(
        admin_code=pl.col("code") + "0000",
        name="name",
        level=pl.lit("province"),
        parent_code=pl.lit(None, dtype=pl.String),
    )
    prefectures = _read("cities").select(
        admin_code=pl.col("code") + "00",
        name="name",
        level=pl.lit("prefecture"),
        parent_code=pl.col("provinceCode") + "0000",
    )
    counties = _read("areas").select(
        admin_code="code",
        name="name",
        level=pl.lit("county"),
        parent_code=pl.col("cityCode") + "00",
    )
    return pl.concat([provinces, prefectures, counties]).with_columns(
        functional_zone=pl.col("admin_code").str.slice(4, 2).is_between(pl.lit("71"), pl.lit("79"))
    )


def load_census() -> pl.DataFrame:
    """province_code, name, population (7th census, 2020-11-01), source, is_estimate."""
    return pl.read_csv(
        REFERENCE_DIR / "census" / "province_population_2020.csv",
        schema_overrides={"province_code": pl.String, "population": pl.Int64},
    )
