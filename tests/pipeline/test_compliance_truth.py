"""compliance_violations equals the generator's truth manifest: every planted case, nothing else."""

from __future__ import annotations

import polars as pl
import pytest

from dagster_project.contract import COMPLIANCE_RULE_IDS
from dagster_project.identity import person_key
from tests.pipeline.conftest import Province

SECRET = b"pipeline-test-secret"
KEY = ["rule_id", "person_key", "incident_id", "unit_code", "period", "detail"]


def _person_key(id_number: str | None) -> str | None:
    return None if id_number is None else person_key(SECRET, id_number)


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
    assert set(truth["rule_id"]) == set(COMPLIANCE_RULE_IDS)


@pytest.mark.parametrize("rule_id", COMPLIANCE_RULE_IDS)
def test_rule_matches_manifest(rule_id: str, truth: pl.DataFrame, found: pl.DataFrame) -> None:
    want = truth.filter(pl.col("rule_id") == rule_id)
    got = found.filter(pl.col("rule_id") == rule_id)
    missed = want.join(got, on=KEY, how="anti", nulls_equal=True)
    extra = got.join(want, on=KEY, how="anti", nulls_equal=True)
    assert want.height > 0
    assert missed.is_empty(), f"{rule_id}: {missed.height} planted cases not found\n{missed.head()}"
    assert extra.is_empty(), f"{rule_id}: {extra.height} findings not planted\n{extra.head()}"
    assert got.height == want.height
