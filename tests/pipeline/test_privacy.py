"""No table outside `pii` holds a valid ID number or a roster name, in the warehouse or snapshot."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from dagster_project.defs.ingestion.parsing import id_number_issue
from tests.pipeline.conftest import Province

ALLOWED_SCHEMAS = {"pii"}


def _text_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where data_type = 'VARCHAR' and table_catalog = current_database() "
        "and table_schema not in ('information_schema', 'pg_catalog')"
    ).fetchall()


def _leaks(path: Path, ids: set[str], names: set[str], allowed: set[str]) -> list[str]:
    found = []
    with duckdb.connect(str(path), read_only=True) as con:
        for schema, table, column in _text_columns(con):
            if schema in allowed:
                continue
            values = pl.Series(
                "v",
                [
                    r[0]
                    for r in con.execute(
                        f'select distinct "{column}" from "{schema}"."{table}" '
                        f'where "{column}" is not null'
                    ).fetchall()
                ],
                dtype=pl.String,
            )
            # Any valid ID number at all (not just known ones), and any known name or ID.
            # Whole digit runs only: 18 digits inside a 24-digit incident number are no ID.
            runs = values.str.extract_all(r"\d+[Xx]?").explode().drop_nulls().str.to_uppercase()
            tokens = runs.filter(runs.str.len_chars() == 18)
            valid = pl.DataFrame({"id": tokens}).filter(id_number_issue("id").is_null())
            if valid.height or values.is_in(list(ids | names)).any():
                found.append(f"{schema}.{table}.{column}")
    return found


def test_no_clear_identities_outside_pii(province: Province) -> None:
    with duckdb.connect(str(province.warehouse), read_only=True) as con:
        ids = {r[0] for r in con.execute("select id_number from pii.persons").fetchall()}
        names = {
            r[0]
            for r in con.execute("select name from pii.persons where name is not null").fetchall()
        }
    assert ids and names, "the pii table holds the people"
    assert _leaks(province.warehouse, ids, names, ALLOWED_SCHEMAS) == []
    # The snapshot keeps names for the auditor in pii.person_names, never ID numbers.
    assert _leaks(province.published, ids, names, {"pii"}) == []
