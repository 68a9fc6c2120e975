"""compliance_violations equals the generator's truth manifest: every planted case, nothing else."""

from __future__ import annotations

import hmac
from hashlib import sha256

import polars as pl
import pytest

from tests.pipeline.conftest import Province

SECRET = b"pipeline-test-secret"
KEY = ["rule_id", "person_key", "incident_id", "unit_code", "period", "detail"]


def _person_key(id_number: str | None) -> str | None:
    if id_number is None:
        return None
    return hmac.new(SECRET, id_number.upper().encode(), sha256).hexdigest()


@pytest.fixture(scope="module")
def truth(province: Province) -> pl.DataFrame:
    manifest = pl.read_csv(province.landing / "_truth" / "violations.csv", infer_schema=False)
    return manifest.with_columns(
        pl.col("id_number").map_elements(_person_key, return_dtype=pl.String).alias("person_key")
    ).select(KEY)


@pytest.fixture(scope="module")
def found(province: Province) -> pl.DataFrame:
    rows = province.query(f"select {', '.join(KEY)} from marts.compliance_violations")
    return pl.DataFrame(rows, schema=dict.fromkeys(KEY, pl.String), orient="row")


def test_every_rule_is_planted(truth: pl.DataFrame) -> None:
    assert truth["rule_id"].n_unique() == 18


@pytest.mark.parametrize(
    "rule_id",
    [
        "A6_OVER_QUOTA",
        "A8_UNLED_ENFORCEMENT",
        "A13_UNDERAGE_AT_HIRE",
        "A13_EDUCATION_BELOW_REQUIREMENT",
        "A15_DISQUALIFIED_HIRE",
        "A16_NO_VALID_CONTRACT",
        "A19_UNRECORDED_ENFORCEMENT",
        "A20_FORBIDDEN_TASK",
        "A27_NO_PRESERVICE_TRAINING",
        "A28_NO_ANNUAL_ASSESSMENT",
        "A29_EQUIPMENT_NOT_RETURNED",
        "A32_DUTY_WHILE_SUSPENDED",
        "A33_BELOW_MIN_WAGE",
        "A34_INSURANCE_MISSING",
        "A34_BASE_BELOW_FLOOR",
        "A34_NO_ACCIDENT_COVER",
        "A35_NO_PHYSICAL_EXAM",
        "A35_OVERTIME_UNCOMPENSATED",
    ],
)
def test_rule_matches_manifest(rule_id: str, truth: pl.DataFrame, found: pl.DataFrame) -> None:
    want = truth.filter(pl.col("rule_id") == rule_id)
    got = found.filter(pl.col("rule_id") == rule_id)
    missed = want.join(got, on=KEY, how="anti", nulls_equal=True)
    extra = got.join(want, on=KEY, how="anti", nulls_equal=True)
    assert want.height > 0
    assert missed.is_empty(), f"{rule_id}: {missed.height} planted cases not found\n{missed.head()}"
    assert extra.is_empty(), f"{rule_id}: {extra.height} findings not planted\n{extra.head()}"
    assert got.height == want.height
