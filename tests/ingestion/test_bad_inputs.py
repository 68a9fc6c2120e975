"""The committed bad-input corpus (tests/data/bad_inputs/cases.json): exact outcomes.

For every case and every load step: the status; for rejections the Chinese and English
message; for loads the row counts, the exact (row, column, rule) quarantine entries, and
every good row in `raw.<source>` with exactly its expected values (nothing good is lost).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import duckdb
import pytest
from ingestion_helpers import CORPUS, MANIFEST, load, snapshot

from dagster_project.defs.ingestion.warehouse import query_frame

CASES: list[dict[str, Any]] = MANIFEST["cases"]
_ID_LIKE = re.compile(r"\d{17}[\dXx]")


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40
    for c in CASES:
        for s in c["steps"]:
            assert (CORPUS / s["file"]).is_file(), s["file"]


def _check_rejected(con: duckdb.DuckDBPyConnection, outcome: Any, step: dict[str, Any]) -> None:
    exp = step["expect"]
    assert outcome.message is not None
    assert exp["message_zh"] in outcome.message, outcome.message
    assert exp["message_en"] in outcome.message, outcome.message
    assert (outcome.rows_read, outcome.rows_loaded, outcome.rows_quarantined) == (0, 0, 0)
    log = con.execute(
        "select status, message from raw._load_log where sha256 = ?", [outcome.sha256]
    ).fetchall()
    assert log == [("rejected", outcome.message)]
    table = f"raw.{step['source']}"
    assert con.execute(
        f"select count(*) from {table} where _sha256 = ?", [outcome.sha256]
    ).fetchone() == (0,)
    assert con.execute(
        "select count(*) from raw._quarantine where sha256 = ?", [outcome.sha256]
    ).fetchone() == (0,)


def _check_loaded(con: duckdb.DuckDBPyConnection, outcome: Any, step: dict[str, Any]) -> None:
    exp, name = step["expect"], step["name"]
    counts = (outcome.rows_read, outcome.rows_loaded, outcome.rows_quarantined)
    assert counts == (exp["rows_read"], exp["rows_loaded"], exp["rows_quarantined"])
    assert outcome.partition == exp["partition"]

    quarantine = query_frame(
        con,
        "select row_number, column_name, value, rule, message_zh, message_en "
        "from raw._quarantine where file = ?",
        [name],
    )
    found = sorted(
        [r, c, rule] for r, c, rule in quarantine.select("row_number", "column_name", "rule").rows()
    )
    assert found == exp["quarantine"]
    for row in quarantine.iter_rows(named=True):
        # A clerk gets words, not a rule code; an ID number never appears in clear.
        assert row["message_zh"] and row["message_zh"] != row["rule"], row
        assert row["message_en"] and row["message_en"] != row["rule"], row
        assert not _ID_LIKE.search(row["value"] or ""), row

    log = con.execute(
        "select rows_read, rows_loaded, rows_quarantined, status from raw._load_log "
        "where file = ? and sha256 = ?",
        [name, outcome.sha256],
    ).fetchall()
    assert log == [(*counts, "loaded")]

    table = f"raw.{step['source']}"
    rows = {
        r["_row"]: r
        for r in query_frame(
            con,
            f"select * from {table} where _file = ?",
            [name],
        )
        .with_columns()
        .iter_rows(named=True)
    }
    assert sorted(rows) == [e["_row"] for e in exp["loaded"]]
    for e in exp["loaded"]:
        cols = list(e["values"])
        quoted = ", ".join(f'"{c}"::varchar as "{c}"' for c in cols)
        got = con.execute(
            f"select {quoted}, _extra, _sha256 from {table} where _file = ? and _row = ?",
            [name, e["_row"]],
        ).fetchall()
        assert len(got) == 1, (e["_row"], got)
        *values, extra, sha = got[0]
        assert dict(zip(cols, values, strict=True)) == e["values"], f"row {e['_row']}"
        assert sha == outcome.sha256
        if "extra" in e:
            assert json.loads(extra) == e["extra"]
        else:
            assert extra is None
        if e["pii"]:
            pii = con.execute(
                "select id_number, name from pii.persons where person_key = ?",
                [e["values"]["person_key"]],
            ).fetchall()
            assert pii == [(e["pii"]["id_number"], e["pii"]["name"])]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case: dict[str, Any], make_warehouse: Callable[[str], Any]) -> None:
    con = make_warehouse(case["setup"][0] if case["setup"] else "")
    for step in case["steps"]:
        before = snapshot(con)
        outcome = load(con, step["source"], CORPUS / step["file"], step["name"])
        exp = step["expect"]
        assert outcome.status == exp["status"], outcome
        assert outcome.file == step["name"]
        if exp["status"] == "rejected":
            _check_rejected(con, outcome, step)
        elif exp["status"] == "skipped":
            assert (outcome.rows_read, outcome.rows_loaded, outcome.rows_quarantined) == (0, 0, 0)
            assert snapshot(con) == before
        else:
            _check_loaded(con, outcome, step)
        for table, n in exp.get("table_counts", {}).items():
            assert con.execute(f"select count(*) from {table}").fetchone() == (n,), table
