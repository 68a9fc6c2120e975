"""The 整改台账 case store against both stores: SQLite in a temporary folder and PostgreSQL
from Debian, started here on a free 127.0.0.1 port (scripts/pgserver.py) and dropped at the
end. Events are append-only (UPDATE/DELETE on them fails in the database itself), role rules
hold (a county user cannot answer another bureau's case), a second writer of the same
version gets a conflict and loses nothing, migrations are idempotent."""

from __future__ import annotations

import itertools
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from scripts import pgserver
from tests.dashboards.conftest import APP
from tests.dashboards.snapshot_fixture import ALL_BUREAUS, PANLONG, WUHUA

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import cases
from lib.cases import Actor, open_repository
from lib.cases.repository import migrations

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AUDITOR = Actor("auditor", "auditor", frozenset(ALL_BUREAUS))
PROVINCE = Actor("province", "province", frozenset(ALL_BUREAUS))
WUHUA_USER = Actor("wuhua", "county", frozenset({WUHUA}))
KUNMING_USER = Actor("kunming", "prefecture", frozenset({WUHUA, PANLONG, "530100000000"}))
FINANCE = Actor("finance", "finance", frozenset(ALL_BUREAUS))
DEADLINE = date(2026, 12, 31)


def finding(bureau: str = WUHUA, n: int = 1, with_id: bool = True) -> dict[str, object]:
    row: dict[str, object] = {
        "rule_id": "A16_NO_VALID_CONTRACT",
        "article": "第16条",
        "severity": "medium",
        "bureau_code": bureau,
        "bureau_name": "昆明市公安局五华分局" if bureau == WUHUA else "昆明市公安局盘龙分局",
        "unit_code": bureau,
        "period": "2026-09",
        "person_key": f"pk_{bureau}_{n:03d}",
        "incident_id": None,
        "detail": None,
    }
    if with_id:
        row["finding_id"] = f"f-{bureau}-{n}"
    return row


# ---- the two stores -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[pgserver.Cluster]:
    try:
        pgserver.bin_dir(install=pgserver.os.geteuid() == 0)
    except (FileNotFoundError, OSError) as exc:
        # `make test` installs it (postgres-deps): a missing server is a failure, not a skip
        pytest.fail(f"no PostgreSQL server ({exc}): `make postgres-deps` installs it")
    # under /tmp, not pytest's tmp_path: the `postgres` user cannot enter root's 0700 folders
    root = Path(tempfile.mkdtemp(prefix="auxforce-cases-pg-"))
    cluster = pgserver.Cluster(root, pgserver.free_port(), {"fsync": "off"})
    started = time.perf_counter()
    cluster.start()
    seconds = time.perf_counter() - started
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "cases-postgres-start.txt").write_text(
        f"{pgserver.version()}: initdb + start in {seconds:.2f} s\n", encoding="utf-8"
    )
    try:
        yield cluster
    finally:
        cluster.stop()
        import shutil

        shutil.rmtree(root, ignore_errors=True)


_DB_NUMBER = itertools.count()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store's URL: a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases' / 'cases.db'}"
    cluster: pgserver.Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"cases_{next(_DB_NUMBER)}")


@pytest.fixture
def repo(store_url: str) -> cases.CaseRepository:
    return open_repository(store_url)


def raw_execute(url: str, sql: str) -> None:
    """One statement straight through the driver, past the repository."""
    if url.startswith("sqlite:///"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        try:
            con.execute(sql)
        finally:
            con.close()
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as con:
            con.execute(sql)


def driver_error(url: str) -> type[Exception]:
    if url.startswith("sqlite:///"):
        return sqlite3.DatabaseError
    import psycopg

    return psycopg.errors.InsufficientPrivilege


# ---- tests ----------------------------------------------------------------------------------


def test_migrations_are_idempotent(store_url: str):
    latest = max(v for v, _, _ in migrations("sqlite"))
    assert latest == max(v for v, _, _ in migrations("postgres"))
    first = open_repository(store_url)
    assert first.schema_version() == latest
    first.assign(AUDITOR, finding(), DEADLINE)
    again = open_repository(store_url)  # a second open (another server process) changes nothing
    assert again.schema_version() == latest
    assert again.migrate() == latest
    assert [c.case_id for c in again.cases()] == ["f-530102000000-1"]
    assert len(again.events()) == 1


def test_lifecycle_and_events_are_the_truth(repo: cases.CaseRepository):
    case = repo.assign(AUDITOR, finding(), DEADLINE, note="请于年底前补签合同")
    assert (case.status, case.version, case.deadline) == ("pending", 1, DEADLINE)
    case = repo.answer(WUHUA_USER, case.case_id, 1, "已补签劳动合同")
    assert (case.status, case.version) == ("answered", 2)
    case = repo.reopen(AUDITOR, case.case_id, 2, "合同未盖章", date(2027, 1, 31))
    assert (case.status, case.deadline) == ("reopened", date(2027, 1, 31))
    case = repo.answer(WUHUA_USER, case.case_id, 3, "已盖章")
    case = repo.close(PROVINCE, case.case_id, 4, "核查属实，予以销号")
    assert (case.status, case.version, case.updated_by) == ("closed", 5, "province")

    events = repo.events(case.case_id)
    assert [e.action for e in events] == ["assign", "answer", "reopen", "answer", "close"]
    assert [(e.status_before, e.status_after) for e in events] == [
        (None, "pending"),
        ("pending", "answered"),
        ("answered", "reopened"),
        ("reopened", "answered"),
        ("answered", "closed"),
    ]
    assert [e.actor for e in events] == ["auditor", "wuhua", "auditor", "wuhua", "province"]
    assert events[2].deadline_before == DEADLINE
    assert events[2].deadline_after == date(2027, 1, 31)
    assert events[1].note == "已补签劳动合同"
    assert all(e.at.tzinfo is not None for e in events)
    # the case row is what its events alone give
    assert cases.replay(events) == {
        "status": case.status,
        "deadline": case.deadline,
        "version": case.version,
    }
    # a closed case can be reopened by an inspector
    assert cases.available(AUDITOR, case) == ["reopen"]
    assert cases.available(WUHUA_USER, case) == []


def test_events_are_append_only(store_url: str, repo: cases.CaseRepository):
    case = repo.assign(AUDITOR, finding(), DEADLINE)
    repo.answer(WUHUA_USER, case.case_id, 1, "已整改")
    refused = driver_error(store_url)
    for sql in (
        "update case_events set note = 'rewritten'",
        "update case_events set actor = 'someone' where version = 1",
        "delete from case_events",
        "delete from cases",
    ):
        with pytest.raises(refused, match=r"append-only|never deleted"):
            raw_execute(store_url, sql)
    if store_url.startswith("postgresql://"):
        for table in ("case_events", "cases"):
            with pytest.raises(refused):
                raw_execute(store_url, f"truncate {table} cascade")
    events = repo.events(case.case_id)
    assert [(e.action, e.note, e.actor) for e in events] == [
        ("assign", "", "auditor"),
        ("answer", "已整改", "wuhua"),
    ]
    # and the repository offers no way to change history
    public = {n for n in dir(repo) if not n.startswith("_")}
    assert not {n for n in public if "delete" in n or "update" in n or "edit" in n}


def test_role_rules(repo: cases.CaseRepository):
    mine = repo.assign(AUDITOR, finding(WUHUA), DEADLINE)
    theirs = repo.assign(PROVINCE, finding(PANLONG), DEADLINE)
    # a county user answers its own bureau's case only
    with pytest.raises(cases.Forbidden, match="无权"):
        repo.answer(WUHUA_USER, theirs.case_id, 1, "不是我们的")
    # bureaus do not assign, verify or close; finance only reads; inspectors do not answer
    with pytest.raises(cases.Forbidden):
        repo.assign(WUHUA_USER, finding(WUHUA, 2), DEADLINE)
    with pytest.raises(cases.Forbidden):
        repo.assign(FINANCE, finding(WUHUA, 3), DEADLINE)
    with pytest.raises(cases.Forbidden):
        repo.answer(FINANCE, mine.case_id, 1, "x")
    with pytest.raises(cases.Forbidden):
        repo.answer(AUDITOR, mine.case_id, 1, "x")
    # a prefecture user answers the cases of its counties
    answered = repo.answer(KUNMING_USER, theirs.case_id, 1, "盘龙分局已整改")
    with pytest.raises(cases.Forbidden):
        repo.close(WUHUA_USER, answered.case_id, 2)
    with pytest.raises(cases.Forbidden):
        repo.close(KUNMING_USER, answered.case_id, 2)
    # nothing refused left a trace
    assert repo.get(mine.case_id).version == 1
    assert [e.action for e in repo.events()] == ["assign", "assign", "answer"]
    assert {c.bureau_code for c in repo.cases([WUHUA])} == {WUHUA}
    assert repo.cases([]) == []
    assert len(repo.events(bureaus=[PANLONG])) == 2


def test_transitions_and_notes(repo: cases.CaseRepository):
    case = repo.assign(AUDITOR, finding(), DEADLINE)
    with pytest.raises(cases.InvalidTransition):
        repo.close(AUDITOR, case.case_id, 1)
    with pytest.raises(cases.Invalid, match="整改情况"):
        repo.answer(WUHUA_USER, case.case_id, 1, "   ")
    with pytest.raises(cases.NotFound):
        repo.answer(WUHUA_USER, "no-such-case", 1, "x")
    with pytest.raises(cases.AlreadyAssigned, match="已立案"):
        repo.assign(PROVINCE, finding(), DEADLINE)
    assert len(repo.events()) == 1


def test_second_writer_gets_a_conflict_and_nothing_is_lost(store_url: str):
    first, second = open_repository(store_url), open_repository(store_url)
    case = first.assign(AUDITOR, finding(), DEADLINE)
    # both handles loaded version 1
    seen_by_first = first.get(case.case_id).version
    seen_by_second = second.get(case.case_id).version
    first.answer(WUHUA_USER, case.case_id, seen_by_first, "已补签合同（第一位经办人）")
    with pytest.raises(cases.Conflict) as conflict:
        second.answer(KUNMING_USER, case.case_id, seen_by_second, "第二位经办人")
    assert str(conflict.value) == "该案件已被他人更新，请刷新后重试"
    assert conflict.value.code == "conflict"
    now = second.get(case.case_id)
    assert (now.status, now.version, now.updated_by) == ("answered", 2, "wuhua")
    assert [e.note for e in second.events(case.case_id)] == ["", "已补签合同（第一位经办人）"]
    # after a refresh the second user can act on the new version
    second.reopen(AUDITOR, case.case_id, now.version, "请补充附件")


def test_racing_writers_exactly_one_wins(store_url: str):
    """Two inspectors press 销号 at the same moment on the same version (two threads, two
    handles): one closes the case, the other gets Conflict; one event is written."""
    setup = open_repository(store_url)
    case = setup.assign(AUDITOR, finding(), DEADLINE)
    case = setup.answer(WUHUA_USER, case.case_id, 1, "已整改")
    handles = [open_repository(store_url), open_repository(store_url)]
    barrier = threading.Barrier(2)
    outcome: list[str] = []

    def close(handle: cases.CaseRepository, actor: Actor) -> None:
        barrier.wait()
        try:
            handle.close(actor, case.case_id, case.version, f"{actor.username} 销号")
            outcome.append("closed")
        except cases.Conflict:
            outcome.append("conflict")

    threads = [
        threading.Thread(target=close, args=(h, a))
        for h, a in zip(handles, (AUDITOR, PROVINCE), strict=True)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert sorted(outcome) == ["closed", "conflict"]
    events = setup.events(case.case_id)
    assert [e.action for e in events] == ["assign", "answer", "close"]
    assert setup.get(case.case_id).version == 3


def test_racing_assigns(store_url: str):
    handles = [open_repository(store_url), open_repository(store_url)]
    barrier = threading.Barrier(2)
    outcome: list[str] = []

    def assign(handle: cases.CaseRepository, actor: Actor) -> None:
        barrier.wait()
        try:
            handle.assign(actor, finding(), DEADLINE)
            outcome.append("assigned")
        except cases.AlreadyAssigned:
            outcome.append("already")

    threads = [
        threading.Thread(target=assign, args=(h, a))
        for h, a in zip(handles, (AUDITOR, PROVINCE), strict=True)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert sorted(outcome) == ["already", "assigned"]
    assert len(handles[0].events()) == 1


def test_overdue(repo: cases.CaseRepository):
    today = date(2026, 11, 30)
    late = repo.assign(AUDITOR, finding(n=1), today - timedelta(days=3))
    on_time = repo.assign(AUDITOR, finding(n=2), today + timedelta(days=3))
    assert late.overdue(today) and late.days_overdue(today) == 3
    assert not on_time.overdue(today) and on_time.days_overdue(today) == 0
    answered = repo.answer(WUHUA_USER, late.case_id, 1, "已整改")
    assert not answered.overdue(today)  # the bureau has acted: waiting on the inspector
    reopened = repo.reopen(AUDITOR, late.case_id, 2, "未整改到位")  # deadline kept: late again
    assert reopened.overdue(today)


def test_finding_key():
    # finding_id when the snapshot has it; else the columns that identify a finding
    assert cases.finding_key(finding()) == "f-530102000000-1"
    without = finding(with_id=False)
    key = cases.finding_key(without)
    assert len(key) == 32 and key == cases.finding_key(dict(without))
    assert key != cases.finding_key({**without, "period": "2026-10"})
    assert cases.finding_key({**without, "finding_id": None}) == key


def test_default_store_is_sqlite_under_data_dir(monkeypatch, tmp_path: Path):
    from dagster_project.settings import Settings

    monkeypatch.delenv("AUXFORCE_CASES_URL", raising=False)
    monkeypatch.setenv("AUXFORCE_DATA_DIR", str(tmp_path))
    url = Settings.from_env().cases_url
    assert url == f"sqlite:///{tmp_path / 'cases' / 'cases.db'}"
    repo = open_repository(url)
    assert (tmp_path / "cases" / "cases.db").exists()
    con = sqlite3.connect(tmp_path / "cases" / "cases.db")
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    con.close()
    assert repo.schema_version() >= 1
    with pytest.raises(ValueError):
        open_repository("mysql://nope")
