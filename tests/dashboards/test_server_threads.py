"""What the dashboards' sessions, threads of one server process, must not do to each other
(the small load test, tests/load): lose or interleave access-log entries when they append
at the same time (group commit, lib/access_log.py), or run Python on polars' thread pool,
which deadlocked the server (lib/findings.worded)."""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path

import polars as pl
import pytest

from tests.dashboards.conftest import APP

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import findings
from lib.access_log import AccessLog, Actor, open_log

THREADS, EACH = 12, 25


def _log(tmp_path: Path) -> AccessLog:
    return open_log(f"sqlite:///{tmp_path / 'state.db'}")


def test_concurrent_appends_each_get_their_own_committed_entry(tmp_path: Path):
    log = _log(tmp_path)
    commits: list[int] = []
    commit = log._commit

    def counted(batch):  # how many transactions the appends took
        commits.append(len(batch))
        return commit(batch)

    log._commit = counted  # type: ignore[method-assign]
    returned: list[tuple[str, int, int]] = []
    start = threading.Barrier(THREADS)

    def session(i: int) -> None:
        start.wait()
        for n in range(EACH):
            entry = log.append("read", Actor(f"user{i}", "county", "overview"), ["b"], rows=n)
            returned.append((entry.username or "", entry.rows, entry.seq))

    threads = [threading.Thread(target=session, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stored = log.entries(limit=None)
    assert len(stored) == THREADS * EACH == 300
    # every caller got back its own entry, as stored under its seq
    by_seq = {e.seq: (e.username, e.rows, e.seq) for e in stored}
    assert sorted(returned, key=lambda r: r[2]) == [by_seq[s] for s in sorted(by_seq)]
    assert sorted(by_seq) == list(range(1, 301))
    # each session's entries in the order it appended them (rows 0..24 rising with seq)
    for i in range(THREADS):
        mine = sorted((e.seq, e.rows) for e in stored if e.username == f"user{i}")
        assert [rows for _, rows in mine] == list(range(EACH))
    assert log.verify_chain().ok
    # appends that met a commit in progress waited and went into the next one together
    assert sum(commits) == 300 and len(commits) < 300


def test_a_failed_commit_fails_the_reads_in_it_and_leaves_the_chain_whole(tmp_path: Path):
    log = _log(tmp_path)
    actor = Actor("wuhua", "county", "overview")
    log.append("read", actor, ["b"], rows=1)
    commit = log._commit

    def broken(batch):
        raise OSError("disk full")

    log._commit = broken  # type: ignore[method-assign]
    with pytest.raises(OSError, match="disk full"):
        log.append("read", actor, ["b"], rows=2)
    log._commit = commit  # type: ignore[method-assign]
    entry = log.append("read", actor, ["b"], rows=3)
    assert [(e.seq, e.rows) for e in log.entries(limit=None)] == [(2, 3), (1, 1)]
    assert entry.seq == 2 and log.verify_chain().ok


def test_worded_keeps_nulls_and_names():
    df = pl.DataFrame({"detail": ["a", None, "b"]})
    out = findings.worded(df, "detail", str.upper, "label")
    assert out.name == "label" and out.to_list() == ["A", None, "B"]


def test_no_python_runs_on_polars_thread_pool():
    """map_elements and friends call Python from polars' pool: with sessions in threads,
    a thread holding the GIL while it waits on the pool (to_pandas in st.dataframe) then
    never gets it back (the small load test's server hung so)."""
    udf = re.compile(r"\.(map_elements|map_batches|map_rows|map_groups)\(")
    found = [
        f"{path.relative_to(APP.parent)}:{n}"
        for path in sorted(APP.parent.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if udf.search(line)
    ]
    assert not found, found
