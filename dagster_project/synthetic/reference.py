"""The reference data the generator reads, so generated pay and insurance follow the same
figures (divisions, minimum wage, insurance rates, post danger) as the warehouse: the dbt
seeds, and for a province they do not hold yet its folder reference/provinces/<code>/."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl

from dagster_project.synthetic.calendar import IntArray, to_day
from dagster_project.synthetic.divisions import REFERENCE_DIR

INSURANCE_TYPES = ("pension", "medical", "maternity", "unemployment", "injury")


@dataclass(frozen=True)
class InsuranceYear:
    """One year's rates in basis points (1/10,000) and base bounds in cents."""

    employer_bp: dict[str, int]
    employee_bp: dict[str, int]
    floor_cents: int
    ceiling_cents: int
    maternity_merged: bool


@dataclass(frozen=True)
class Reference:
    divisions: pl.DataFrame  # admin_code, name, level, parent_code, county_kind, population
    wage_class: dict[str, int]  # admin_code -> 1..3
    min_wage: dict[int, list[tuple[int, int]]]  # class -> [(valid_from day, monthly cents)]
    insurance: dict[int, InsuranceYear]
    danger_class: dict[str, str]  # post -> low | medium | high
    post_factor: dict[str, float]  # post -> professionalism × intensity

    def insurance_year(self, year: int) -> InsuranceYear:
        """Rates of the year, or of the nearest year the seed covers."""
        nearest = min(self.insurance, key=lambda y: (abs(y - year), y))
        return self.insurance[nearest]

    def min_wage_cents(self, wage_class: IntArray, day: int) -> IntArray:
        """Minimum monthly wage in force on `day` for each class."""
        by_class = {
            c: max((cents for since, cents in rows if since <= day), default=0)
            for c, rows in self.min_wage.items()
        }
        lookup = np.zeros(max(by_class) + 1, dtype=np.int64)
        for c, cents in by_class.items():
            lookup[c] = cents
        return lookup[wage_class]


def _cents(value: str) -> int:
    return int(Decimal(value) * 100)


def _province_rows(seeds_dir: Path, name: str, province: str) -> pl.DataFrame:
    """The province's rows of reference table `name`: the dbt seed's, which the warehouse
    reads (a seed may hold several provinces, by `province_code` or the division code's first
    two digits), else those of reference/provinces/<code>/ for a province the seeds do not
    hold yet."""
    for folder in (seeds_dir, REFERENCE_DIR / "provinces" / province):
        path = folder / f"{name}.csv"
        if path.exists():
            frame = pl.read_csv(path, infer_schema=False)
            code = "province_code" if "province_code" in frame.columns else "admin_code"
            rows = frame.filter(pl.col(code).str.slice(0, 2) == province[:2])
            if rows.height:
                return rows
    raise ValueError(
        f"no reference figures for province {province} ({name}): neither the dbt seeds nor "
        "reference/provinces/ hold it (reference/provinces/README.md)"
    )


def load_reference(seeds_dir: Path, province: str) -> Reference:
    """Insurance rates and post weights from `seeds_dir`, the province's divisions and
    minimum wage by `_province_rows`."""
    divisions = _province_rows(seeds_dir, "ref_divisions", province).with_columns(
        pl.col("population").cast(pl.Int64)
    )
    classes = _province_rows(seeds_dir, "ref_min_wage_class", province)
    wages = _province_rows(seeds_dir, "ref_min_wage", province)
    rates = pl.read_csv(seeds_dir / "ref_insurance_rates.csv", infer_schema=False)
    posts = pl.read_csv(seeds_dir / "ref_post_weights.csv", infer_schema=False)

    min_wage: dict[int, list[tuple[int, int]]] = {}
    for row in wages.iter_rows(named=True):
        since = to_day(pl.Series([row["valid_from"]]).str.to_date()[0])
        min_wage.setdefault(int(row["wage_class"]), []).append(
            (since, _cents(row["monthly_amount"]))
        )

    insurance: dict[int, InsuranceYear] = {}
    for year, group in rates.group_by("year", maintain_order=True):
        rows = {r["insurance_type"]: r for r in group.iter_rows(named=True)}
        first = next(iter(rows.values()))
        insurance[int(str(year[0]))] = InsuranceYear(
            employer_bp={t: int(Decimal(rows[t]["employer_rate"]) * 10000) for t in rows},
            employee_bp={t: int(Decimal(rows[t]["employee_rate"]) * 10000) for t in rows},
            floor_cents=_cents(first["base_floor"]),
            ceiling_cents=_cents(first["base_ceiling"]),
            maternity_merged=rows["maternity"]["merged_into_medical"] == "true",
        )

    return Reference(
        divisions=divisions,
        wage_class={r["admin_code"]: int(r["wage_class"]) for r in classes.iter_rows(named=True)},
        min_wage=min_wage,
        insurance=insurance,
        danger_class=dict(zip(posts["post"], posts["danger_class"], strict=True)),
        post_factor={
            r["post"]: float(r["professionalism"]) * float(r["intensity"])
            for r in posts.iter_rows(named=True)
        },
    )
