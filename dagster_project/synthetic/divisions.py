"""The vendored national reference (reference/): every province's divisions, the 2020 census
by province, and where each simulated province's reference figures live.

reference/divisions/ holds modood/Administrative-divisions-of-China's province, prefecture
and county lists as published (2- and 4-digit codes); `load_divisions()` widens them to the
6-digit GB/T 2260 codes the warehouse joins on. The demo province (Yunnan) keeps its
reference in dbt/seeds/, every other simulated province in reference/provinces/<code>/ in
the same columns (README there).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from dagster_project.settings import PROJECT_ROOT, get_settings

REFERENCE_DIR = PROJECT_ROOT / "reference"
DEMO_PROVINCE = "530000"  # Yunnan: its reference is the dbt seeds themselves


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


def province_reference_dir(province: str) -> Path:
    """Where the province's divisions, average wage and minimum wage files are."""
    if province == DEMO_PROVINCE:
        return get_settings().dbt_project_dir / "seeds"
    folder = REFERENCE_DIR / "provinces" / province
    if not folder.is_dir():
        known = sorted(p.name for p in (REFERENCE_DIR / "provinces").iterdir() if p.is_dir())
        raise ValueError(
            f"no reference figures for province {province}: "
            f"{DEMO_PROVINCE} or one of {', '.join(known)} (reference/provinces/README.md)"
        )
    return folder
