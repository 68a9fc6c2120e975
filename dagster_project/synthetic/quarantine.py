"""Bad input rows planted for the quarantine: each breaks exactly one rule and touches no
person who matters to the truth (fake people who exist nowhere else, months outside service,
or an exact duplicate of a record no rule reads)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from dagster_project.identity import make_id_number

DUPLICATE_COLUMNS = "id_number,record_type,record_date,value"


@dataclass(frozen=True)
class FakeRow:
    """A fake person's row for a month and partition, breaking `rule`."""

    source: str  # roster | payroll
    rule: str  # id_checksum | unknown_unit | not_on_roster
    mi: int
    partition: str
    unit_code: str
    serial: int
    position: float  # where in the file (0..1)

    @property
    def id_number(self) -> str:
        return fake_id(self.serial, self.rule == "id_checksum", self.province)[0]

    @property
    def province(self) -> str:
        return f"{self.partition[:2]}0000"


def fake_id(serial: int, wrong_checksum: bool, province: str) -> tuple[str, date, bool]:
    """An ID number under the province code (never a real person's county), and its facts."""
    born = date(1990 + serial % 10, 1 + serial % 12, 1 + serial % 28)
    male = serial % 2 == 0
    number = make_id_number(province, born, serial, male)
    if wrong_checksum:
        number = number[:17] + ("0" if number[17] != "0" else "1")
    return number, born, male


def fake_roster_row(fake: FakeRow, template: pl.DataFrame) -> pl.DataFrame:
    _, born, male = fake_id(fake.serial, fake.rule == "id_checksum", fake.province)
    hired = date(2019, 3, 1)
    row = template.head(1).with_columns(
        id_number=pl.lit(fake.id_number),
        name=pl.lit("张测试"),
        gender=pl.lit("M" if male else "F"),
        birth_date=pl.lit(born),
        education=pl.lit("bachelor"),
        category=pl.lit("civilian"),
        post=pl.lit("clerical"),
        level=pl.lit(3, dtype=pl.Int64),
        unit_code=pl.lit(fake.unit_code),
        hire_date=pl.lit(hired),
        contract_start=pl.lit(date(2025, 3, 1)),
        contract_end=pl.lit(date(2028, 2, 28)),
        status=pl.lit("active"),
        status_since=pl.lit(hired),
        separation_reason=pl.lit(None, dtype=pl.String),
        priority_group=pl.lit("none"),
        background_check=pl.lit("pass"),
        relaxed_by_notice=pl.lit(False),
    )
    return row.select(template.columns)


def fake_payroll_row(fake: FakeRow, template: pl.DataFrame) -> pl.DataFrame:
    """A plain, internally consistent pay row (cents) for someone on no roster."""
    cents = {
        "base_pay": 3000_00,
        "level_pay": 360_00,
        "post_allowance": 300_00,
        "hazard_allowance": 0,
        "performance_pay": 500_00,
        "overtime_pay": 0,
        "other_pay": 0,
        "gross_pay": 4160_00,
    }
    return (
        template.head(1)
        .with_columns(
            id_number=pl.lit(fake.id_number),
            overtime_hours=pl.lit(0.0),
            comp_time_hours=pl.lit(0.0),
            **{c: pl.lit(v, dtype=pl.Int64) for c, v in cents.items()},
        )
        .select(template.columns)
    )


def insert_at(frame: pl.DataFrame, row: pl.DataFrame, position: float) -> pl.DataFrame:
    """Insert `row` at a relative position (0..1) of the frame."""
    k = int(position * (frame.height + 1))
    return pl.concat([frame.head(k), row, frame.slice(k)])


def pick_fakes(
    rng: np.random.Generator,
    count: int,
    months: list[int],
    partition_of_month: Callable[[int], tuple[str, str]],
) -> list[FakeRow]:
    """`count` fake rows per rule, each in a random month and a partition with people then."""
    fakes = []
    serial = 1
    for source, rule in (
        ("roster", "id_checksum"),
        ("roster", "unknown_unit"),
        ("payroll", "not_on_roster"),
    ):
        for _ in range(count):
            mi = int(rng.choice(months))
            partition, unit = partition_of_month(mi)
            if rule == "unknown_unit":
                unit = f"{partition}999001"
            fakes.append(FakeRow(source, rule, mi, partition, unit, serial, float(rng.random())))
            serial += 1
    return fakes
