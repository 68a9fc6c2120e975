"""Replace ID numbers by person_key before anything is written outside `pii`."""

from __future__ import annotations

from functools import lru_cache

import duckdb
import polars as pl

from dagster_project.contract import Source
from dagster_project.defs.ingestion.parsing import empty_issues, id_number_issue, id_text
from dagster_project.identity import person_key

_PII_SCHEMA = {
    "_row": pl.Int64,
    "person_key": pl.String,
    "id_number": pl.String,
    "name": pl.String,
    "birth_date": pl.Date,
    "gender": pl.String,
}


@lru_cache(maxsize=1_000_000)
def _cached_key(secret: bytes, id_number: str) -> str:
    return person_key(secret, id_number)


def _keys(ids: pl.Series, secret: bytes) -> pl.Series:
    """HMAC each distinct ID once per process: a province has ~10^5 people, but they recur
    in every monthly roster, payroll and staff file (~10^7 rows)."""
    distinct = ids.drop_nulls().unique()
    mapping = {v: _cached_key(secret, v) for v in distinct.to_list()}
    return ids.replace_strict(mapping, default=None, return_dtype=pl.String)


def _id_facts(col: str) -> list[pl.Expr]:
    """Birth date and gender the ID number states; none where a spreadsheet stored it as a
    number, since the digits they come from are lost (not a second finding on the row)."""
    kept = (id_number_issue(col) != "id_stored_as_number").fill_null(True)
    return [
        pl.when(kept)
        .then(pl.col(col).str.slice(6, 8).str.to_date("%Y%m%d", strict=False))
        .alias("__id_birth_date"),
        pl.when(kept)
        .then(
            pl.when(pl.col(col).str.slice(16, 1).cast(pl.Int32, strict=False) % 2 == 1)
            .then(pl.lit("M"))
            .otherwise(pl.lit("F"))
        )
        .alias("__id_gender"),
    ]


def key_people(
    source: Source, typed: pl.DataFrame, read_frame: pl.DataFrame, secret: bytes
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(typed with person_key or staff_key, pii rows, extra issues)."""
    names = {c.name for c in source.columns}
    if source.name == "incident_staff":
        staff = id_text(pl.col("staff_id"))
        typed = typed.with_columns(staff.alias("staff_id"))
        is_aux = pl.col("staff_type") == "auxiliary"
        issue = pl.when(is_aux).then(id_number_issue("staff_id"))
        checked = typed.with_columns(issue.alias("__id_issue"))
        issues = checked.filter(pl.col("__id_issue").is_not_null()).select(
            "_row",
            pl.lit("staff_id").alias("column_name"),
            pl.col("staff_id").alias("value"),
            pl.col("__id_issue").alias("rule"),
        )
        valid_aux = is_aux & pl.col("__id_issue").is_null()
        aux_ids = checked.select(pl.when(valid_aux).then(pl.col("staff_id")))
        keyed = checked.with_columns(_keys(aux_ids.to_series(), secret).alias("__aux_key"))
        typed = keyed.with_columns(
            pl.when(is_aux)
            .then(pl.col("__aux_key"))
            .otherwise(pl.col("staff_id"))
            .alias("staff_key")
        ).drop("__aux_key", "__id_issue")
        pii = (
            keyed.filter(valid_aux & pl.col("__aux_key").is_not_null())
            .select(
                "_row",
                pl.col("__aux_key").alias("person_key"),
                pl.col("staff_id").alias("id_number"),
                pl.lit(None, dtype=pl.String).alias("name"),
                *_id_facts("staff_id"),
            )
            .rename({"__id_birth_date": "birth_date", "__id_gender": "gender"})
        )
        return typed, pii, issues
    if "id_number" not in names:
        return typed, pl.DataFrame(schema=_PII_SCHEMA), empty_issues()

    valid = id_number_issue("id_number").is_null() & pl.col("id_number").is_not_null()
    ids = typed.select(pl.when(valid).then(pl.col("id_number"))).to_series()
    typed = typed.with_columns(_keys(ids, secret).alias("person_key"), *_id_facts("id_number"))
    name = (
        read_frame["name"].cast(pl.String).str.strip_chars()
        if "name" in read_frame.columns
        else pl.Series([None] * typed.height, dtype=pl.String)
    )
    pii = (
        typed.with_columns(name.alias("name"))
        .filter(pl.col("person_key").is_not_null())
        .select(
            "_row",
            "person_key",
            "id_number",
            "name",
            pl.col("__id_birth_date").alias("birth_date"),
            pl.col("__id_gender").alias("gender"),
        )
    )
    return typed.drop("id_number"), pii, empty_issues()


def upsert_pii(con: duckdb.DuckDBPyConnection, pii: pl.DataFrame) -> None:
    """Record who a person_key is, in the restricted schema only; the latest name wins."""
    if not pii.height:
        return
    latest = pii.unique("person_key", keep="last")
    con.register("__pii", latest.to_arrow())
    try:
        # Most people of a monthly file are known already: only new or renamed ones are
        # written, because an upsert of every row costs an index probe and a rewrite each.
        con.execute(
            "insert into pii.persons select person_key, id_number, name, birth_date, gender "
            "from __pii p where not exists (select 1 from pii.persons q "
            "where q.person_key = p.person_key and (p.name is null or q.name = p.name)) "
            "on conflict (person_key) do update set "
            "name = coalesce(excluded.name, persons.name)"
        )
    finally:
        con.unregister("__pii")
