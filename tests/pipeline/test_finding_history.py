"""Finding history over three builds (issue 13): a finding keeps its id across builds, and a
finding the data no longer raises is closed, stays queryable, and survives --full-refresh.

1. a small province (3 months, plain CSV): load, build;
2. the clerk corrects the roster file of the latest month: the row an A15 finding names in
   evidence_rows (file and spreadsheet row) gets background_check pass; load, build: that
   finding is closed (closed_at = build 2, close_reason data_corrected, last_seen = build 1),
   every other finding of build 1 is still open with first_seen = build 1;
3. build again with --full-refresh: the history is not wiped (full_refresh: false); the
   closed finding keeps its closure; with nothing delivered since build 2, last_seen (the data's
   newest load) stays that of build 2.

Also proves evidence to the row: the file and row of the finding hold that person's failed
check. Ingestion CLI and dbt (seeds and models only) run as subprocesses
(tests/pipeline/small_builds.py, shared with test_casework_over_builds.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pipeline.small_builds import (
    build,
    correct_row,
    generate_province,
    history,
    ingest,
    query,
)

pytestmark = pytest.mark.timeout(300)


def test_history_over_three_builds_with_a_correction(tmp_path: Path) -> None:
    root = tmp_path
    landing = generate_province(root)

    # 1. first build
    ingest(root)
    build(root, "1")
    first = history(root)
    assert first and all(h[4] == "open" for h in first.values())
    (built_1,) = {h[0] for h in first.values()}
    findings = query(
        root,
        """select finding_id, evidence_rows from marts.compliance_violations
        where rule_id = 'A15_DISQUALIFIED_HIRE' order by finding_id""",
    )
    assert findings, "the generator plants A15 findings"
    target, evidence_rows = findings[0]
    (roster_row,) = [r for r in json.loads(evidence_rows) if r["source"] == "roster"]
    assert roster_row["file"].endswith("2026-01.csv"), roster_row  # the latest roster month

    # 2. the clerk corrects that row of the latest roster file (same name: replaces it)
    roster_file = landing / roster_row["file"]  # path below the landing folder
    old = correct_row(roster_file, roster_row["row"], "background_check", "pass")
    assert old.startswith("fail"), old  # the row the finding names holds the failed check
    ingest(root)
    build(root, "2")
    second = history(root)
    assert set(second) == set(first)
    first_seen, last_seen, closed_at, reason, status = second[target]
    assert (first_seen, last_seen, reason, status) == (built_1, built_1, "data_corrected", "closed")
    assert closed_at > built_1
    built_2 = closed_at
    for finding_id, (f_seen, l_seen, c_at, _, st) in second.items():
        if finding_id != target:
            assert (f_seen, l_seen, c_at, st) == (built_1, built_2, None, "open"), finding_id
    # the closed finding stays queryable with its evidence as it stood
    (kept,) = query(
        root,
        "select evidence_rows from marts.compliance_finding_history where finding_id = ?",
        [target],
    )
    assert kept[0] == evidence_rows

    # 3. build again, with --full-refresh: history is kept, not rebuilt
    build(root, "3", "--full-refresh")
    third = history(root)
    assert third[target] == second[target]
    open_rows = [h for fid, h in third.items() if fid != target]
    # nothing was delivered since build 2: "last seen" is the data's newest load, unchanged
    (built_3,) = {h[1] for h in open_rows}
    assert built_3 == built_2
    assert all(h[0] == built_1 and h[2] is None and h[4] == "open" for h in open_rows)
