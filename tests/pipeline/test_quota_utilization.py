"""quota_utilization, recomputed by hand from the generated files (not from the warehouse).

The oracle reads plain CSV copies of the same province with polars and applies the
definitions of docs/output-contract.md directly: owning bureau = nearest ancestor-or-self
of tier province/prefecture/county; headcount of a year = people active or suspended on the
latest roster month present in that year. Rows the generator planted as bad (listed in its
truth manifest) are left out, as the contract requires.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import polars as pl

from tests.pipeline.conftest import Province

BUREAU_TIERS = ("province", "prefecture", "county")


def _read_all(folder: Path, held_back: set[tuple[str, int]] | None = None) -> pl.DataFrame:
    """Every row of a source's CSV files, less the rows the generator planted as bad."""
    frames = [
        pl.read_csv(p, infer_schema=False)
        .with_row_index("_row", offset=2)  # the sheet row, below the header
        .filter(~pl.col("_row").is_in([r for f, r in held_back or () if f == p.name]))
        .drop("_row")
        for p in sorted(folder.glob("*.csv"))
    ]
    return pl.concat(frames, how="diagonal")


def _planted_bad_rows(landing: Path, source: str) -> set[tuple[str, int]]:
    """(file, sheet row) the truth manifest declares quarantined: the contract drops them."""
    manifest = json.loads((landing / "_truth" / "manifest.json").read_text())
    return {(q["file"], q["row"]) for q in manifest["quarantine"] if q["source"] == source}


def _owning_bureau(units: pl.DataFrame) -> dict[str, str]:
    parent = dict(zip(units["unit_code"], units["parent_code"], strict=True))
    tier = dict(zip(units["unit_code"], units["tier"], strict=True))
    owner = {}
    for code in parent:
        walk = code
        while tier[walk] not in BUREAU_TIERS:
            walk = parent[walk]
        owner[code] = walk
    return owner


def expected_quota_utilization(landing: Path) -> pl.DataFrame:
    units = _read_all(landing / "org_units")
    owner = _owning_bureau(units)
    roster = _read_all(landing / "roster", _planted_bad_rows(landing, "roster")).with_columns(
        pl.col("snapshot_month").str.slice(0, 7).alias("month"),
        pl.col("snapshot_month").str.slice(0, 4).cast(pl.Int32).alias("year"),
    )
    latest = roster.group_by("year").agg(pl.col("month").max().alias("month"))
    headcount = (
        roster.join(latest, on=["year", "month"])
        .filter(pl.col("status").is_in(["active", "suspended"]))
        .with_columns(pl.col("unit_code").replace_strict(owner).alias("bureau_code"))
        .group_by("bureau_code", "year", "category")
        .agg(pl.col("id_number").n_unique().alias("headcount"))
    )
    quotas = _read_all(landing / "quotas").select(
        pl.col("unit_code").alias("bureau_code"),
        pl.col("year").cast(pl.Int32),
        "category",
        pl.col("approved").cast(pl.Int64).alias("approved_quota"),
    )
    return (
        quotas.join(headcount, on=["bureau_code", "year", "category"], how="full", coalesce=True)
        .with_columns(pl.col("approved_quota", "headcount").fill_null(0).cast(pl.Int64))
        .with_columns(
            (pl.col("approved_quota") - pl.col("headcount")).alias("vacancies"),
            (pl.col("headcount") > pl.col("approved_quota")).alias("over_quota"),
            pl.when(pl.col("approved_quota") > 0)
            .then(pl.col("headcount") / pl.col("approved_quota"))
            .alias("utilization"),
        )
        .sort("bureau_code", "year", "category")
    )


def test_quota_utilization_matches_hand_computation(province: Province, plain_files: Path) -> None:
    expected = expected_quota_utilization(plain_files)
    rows = province.query(
        "select bureau_code, year, category, approved_quota, headcount, vacancies, over_quota, "
        "utilization from marts.quota_utilization order by 1, 2, 3"
    )
    actual = pl.DataFrame(
        rows,
        schema=[
            "bureau_code",
            "year",
            "category",
            "approved_quota",
            "headcount",
            "vacancies",
            "over_quota",
            "utilization",
        ],
        orient="row",
    )
    assert actual.height == expected.height
    cols = [
        "bureau_code",
        "year",
        "category",
        "approved_quota",
        "headcount",
        "vacancies",
        "over_quota",
    ]
    assert (
        actual.select(cols)
        .with_columns(pl.col("year").cast(pl.Int32))
        .equals(expected.select(cols))
    )
    for got, want in zip(actual["utilization"], expected["utilization"], strict=True):
        assert (got is None and want is None) or abs(
            Decimal(str(got)) - Decimal(str(want))
        ) < Decimal("1e-9")
    assert expected["over_quota"].any(), "the generator plants over-quota bureaus"
