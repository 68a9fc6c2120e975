"""The committed bad-input corpus (tests/data/bad_inputs/cases.json): exact outcomes.

For every case and every load step: the status; for rejections the Chinese and English
message; for loads the row counts (layout rows included), the load log's sheet, header rows
and division code, the exact (row, column, rule, cell) quarantine entries with the sheet,
each held row once in `raw._quarantine_rows` with its cells (ID numbers and names masked),
and every good row in `raw.<source>` with exactly its expected values (nothing good is lost).
Row numbers are the sheet rows a clerk sees (docs/office-files.md).

A step with `recheck` re-checks the held files of that source (`recheck_held`, as the
ingestion assets do once a reference has loaded) instead of loading a file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import duckdb
import pytest
from ingestion_helpers import CORPUS, MANIFEST, load, recheck, snapshot

from dagster_project.defs.ingestion.warehouse import query_frame

CASES: list[dict[str, Any]] = MANIFEST["cases"]
_ID_LIKE = re.compile(r"\d{17}[\dXx]")
RECHECKED = "重新核对"


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 110
    for c in CASES:
        for s in c["steps"]:
            assert (CORPUS / s["file"]).is_file(), s["file"]
            if "recheck" in s:  # re-read from the landing folder by its name
                assert s["name"] == s["file"], s


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
    for held in ("raw._quarantine", "raw._quarantine_rows"):
        assert con.execute(
            f"select count(*) from {held} where sha256 = ?", [outcome.sha256]
        ).fetchone() == (0,), held


def _check_log(con: duckdb.DuckDBPyConnection, sha256: str, step: dict[str, Any]) -> None:
    exp, name = step["expect"], step["name"]
    log = con.execute(
        "select rows_read, rows_loaded, rows_quarantined, rows_layout, status, partition, "
        "sheet, header_rows, admin_code, message from raw._load_log "
        "where file = ? and sha256 = ? order by loaded_at, rowid",
        [name, sha256],
    ).fetchall()
    assert len(log) == exp.get("log_rows", 1), log
    *latest, message = log[-1]
    assert latest == [
        exp["rows_read"],
        exp["rows_loaded"],
        exp["rows_quarantined"],
        exp["rows_layout"],
        "loaded",
        exp["partition"],
        exp["sheet"],
        exp["header_rows"],
        exp["admin_code"],
    ]
    if "recheck" in step:
        assert message is not None and RECHECKED in message, message


def _check_quarantine(con: duckdb.DuckDBPyConnection, sha256: str, step: dict[str, Any]) -> None:
    exp, name = step["expect"], step["name"]
    quarantine = query_frame(
        con,
        "select row_number, column_name, value, rule, cell, sheet, sha256, message_zh, "
        "message_en from raw._quarantine where file = ?",
        [name],
    )
    found = sorted(
        (
            [r, c, rule, cell]
            for r, c, rule, cell in quarantine.select(
                "row_number", "column_name", "rule", "cell"
            ).rows()
        ),
        key=lambda q: (q[0], q[1], q[2], q[3] or ""),
    )
    expected = sorted(exp["quarantine"], key=lambda q: (q[0], q[1], q[2], q[3] or ""))
    assert found == expected
    for row in quarantine.iter_rows(named=True):
        # A clerk gets words, not a rule code; an ID number never appears in clear.
        assert row["message_zh"] and row["message_zh"] != row["rule"], row
        assert row["message_en"] and row["message_en"] != row["rule"], row
        assert not _ID_LIKE.search(row["value"] or ""), row
        assert row["sheet"] == exp["sheet"], row
        assert row["sha256"] == sha256, row

    held = con.execute(
        "select row_number, cells, sheet, sha256 from raw._quarantine_rows where file = ? "
        "order by row_number",
        [name],
    ).fetchall()
    assert [r[0] for r in held] == [h["row_number"] for h in exp["quarantine_rows"]]
    for (row_number, cells, sheet, sha), want in zip(held, exp["quarantine_rows"], strict=True):
        assert not _ID_LIKE.search(cells), (row_number, "an ID number in clear")
        assert (sheet, sha) == (exp["sheet"], sha256), row_number
        if want["cells"] is not None:  # None: typed workbook cells, their text not pinned
            # an empty (or blank) cell may be left out or kept; every other cell is exact
            written = {k: v for k, v in json.loads(cells).items() if (v or "").strip()}
            assert written == want["cells"], f"row {row_number}"


def _check_rows(con: duckdb.DuckDBPyConnection, sha256: str, step: dict[str, Any]) -> None:
    exp, name = step["expect"], step["name"]
    table = f"raw.{step['source']}"
    rows = [
        r[0] for r in con.execute(f"select _row from {table} where _file = ?", [name]).fetchall()
    ]
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
        assert sha == sha256
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


def _check_loaded(con: duckdb.DuckDBPyConnection, outcome: Any, step: dict[str, Any]) -> None:
    exp = step["expect"]
    counts = (outcome.rows_read, outcome.rows_loaded, outcome.rows_quarantined)
    assert counts == (exp["rows_read"], exp["rows_loaded"], exp["rows_quarantined"])
    assert outcome.partition == exp["partition"]
    _check_log(con, outcome.sha256, step)
    _check_quarantine(con, outcome.sha256, step)
    _check_rows(con, outcome.sha256, step)


def _recheck(con: duckdb.DuckDBPyConnection, step: dict[str, Any]) -> Any:
    outcomes = recheck(con, step["recheck"])
    mine = [o for o in outcomes if o.file == step["name"]]
    assert len(mine) == 1, outcomes
    return mine[0]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case: dict[str, Any], make_warehouse: Callable[[str], Any]) -> None:
    con = make_warehouse(case["setup"][0] if case["setup"] else "")
    for step in case["steps"]:
        before = snapshot(con)
        if "recheck" in step:
            outcome = _recheck(con, step)
        else:
            outcome = load(con, step["source"], CORPUS / step["file"], step["name"])
        exp = step["expect"]
        assert outcome.status == exp["status"], outcome
        assert outcome.file == step["name"]
        if exp["status"] == "rejected":
            _check_rejected(con, outcome, step)
        elif exp["status"] == "skipped":
            assert (outcome.rows_read, outcome.rows_loaded, outcome.rows_quarantined) == (0, 0, 0)
            if exp["logged"]:  # the same bytes under a new name: one `skipped` row, once
                assert snapshot(con, exclude=("raw._load_log",)) == {
                    t: rows for t, rows in before.items() if t != "raw._load_log"
                }
                log = con.execute(
                    "select status, sha256 from raw._load_log where file = ?", [step["name"]]
                ).fetchall()
                assert log == [("skipped", outcome.sha256)]
            else:  # the same bytes under the same name: nothing new at all
                assert snapshot(con) == before
        else:
            _check_loaded(con, outcome, step)
        for table, n in exp.get("table_counts", {}).items():
            assert con.execute(f"select count(*) from {table}").fetchone() == (n,), table
