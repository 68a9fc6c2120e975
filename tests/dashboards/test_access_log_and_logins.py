"""The access log (a hash chain that shows an edited or deleted entry, every read and export
with its scope) and sign-in a province can run (lockout in the store, disabled and re-scoped
accounts, the owner's password change, the admin command, the cookie key outside the demo)."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboards.conftest import APP, PASSWORDS
from tests.dashboards.snapshot_fixture import WUHUA
from tests.dashboards.test_app import login

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

import admin
from lib import tables
from lib.access_log import Actor, open_log
from lib.logins import LOCK_MINUTES, MAX_FAILURES, AccountError, open_accounts
from lib.ui import VIEW_SCOPE


@pytest.fixture
def store(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    monkeypatch.setenv("AUXFORCE_ACCESS_LOG_URL", url)
    return url


def _sqlite(url: str) -> sqlite3.Connection:
    return sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)


# ── the chain ────────────────────────────────────────────────────────────────────────────
def _filled(url: str, n: int = 5):
    log = open_log(url)
    for i in range(n):
        log.append("read", Actor("wuhua", "county", "overview"), [WUHUA], rows=i)
    assert log.verify_chain().ok
    return log


def test_the_store_refuses_edits(store: str):
    _filled(store)
    con = _sqlite(store)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("update access_log set rows = 0 where seq = 2")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("delete from access_log where seq = 2")


def test_chain_shows_an_edited_entry(store: str):
    log = _filled(store)
    con = _sqlite(store)  # whoever gets past the triggers (the file's owner) …
    con.execute("drop trigger access_log_no_update")
    con.execute("update access_log set rows = 0, username = 'someone' where seq = 3")
    status = log.verify_chain()
    assert (status.ok, status.broken_seq, status.reason) == (False, 3, "altered")


def test_chain_shows_an_edited_entry_rehashed(store: str):
    log = _filled(store)
    con = _sqlite(store)
    con.execute("drop trigger access_log_no_update")
    # the edited entry hashed again: then the next entry no longer follows it
    entry = log.entries(limit=None)[::-1][2]
    from lib.access_log import Entry, entry_hash

    edited = Entry(**{**entry.__dict__, "rows": 999})
    con.execute(
        "update access_log set rows = 999, hash = ? where seq = 3",
        [entry_hash(edited.prev_hash, edited.fields())],
    )
    status = log.verify_chain()
    assert (status.broken_seq, status.reason) == (4, "unlinked")


def test_chain_shows_a_deleted_entry(store: str):
    log = _filled(store)
    con = _sqlite(store)
    con.execute("drop trigger access_log_no_delete")
    con.execute("delete from access_log where seq = 2")
    status = log.verify_chain()
    assert (status.ok, status.broken_seq, status.reason) == (False, 2, "missing")


# ── reads and exports are logged ─────────────────────────────────────────────────────────
def test_a_county_read_is_logged_with_scope_and_rows(
    store: str, snapshot: duckdb.DuckDBPyConnection
):
    at = login("wuhua")
    assert not at.exception
    log = open_log(store)
    mine = log.entries(username="wuhua", limit=None)
    assert mine, "no read logged"
    assert all(e.bureaus == [WUHUA] and e.role == "county" for e in mine)
    assert all(e.kind == "read" and e.relations for e in mine)
    assert {e.page for e in mine} == {"overview"}
    # a read's row count is what the reader returned
    directory = [e for e in mine if e.relations == ["dim_bureau"]]
    assert directory and all(e.rows == 1 for e in directory)
    before = len(mine)
    at.switch_page("views/planning.py").run()
    at.switch_page("views/overview.py").run()  # cached results: still reads of this user
    after = log.entries(username="wuhua", limit=None)
    assert len(after) > before + len([e for e in mine if e.page == "overview"]) - 1
    assert {"planning", "overview"} <= {e.page for e in after}
    assert any(e.params for e in after)  # the page's filters
    assert log.verify_chain().ok


def test_an_export_is_logged(store: str):
    import polars as pl

    at = login("wuhua")
    scope = at.session_state[VIEW_SCOPE]
    data = tables._logged(scope, "quota_utilization", "csv", pl.DataFrame({"x": [1, 2]}), b"x")
    assert data == b"x"
    [entry] = [e for e in open_log(store).entries(username="wuhua") if e.kind == "export"]
    assert entry.detail == {"format": "csv", "table": "quota_utilization"}
    assert (entry.rows, entry.bureaus) == (2, [WUHUA])


def test_auditor_page_filters_and_shows_the_chain(store: str):
    at = login("auditor")
    at.switch_page("views/access_log.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("哈希链完整" in s.value for s in at.success)
    table = at.dataframe[0].value
    assert len(table) > 0 and set(table["用户"]) == {"auditor"}
    at.selectbox(key="al_bureau").set_value(WUHUA).run()
    assert not at.exception


def test_only_the_auditor_has_the_page(store: str):
    at = login("wuhua")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/access_log.py")


# ── sign-in ──────────────────────────────────────────────────────────────────────────────
def _attempt(user: str, password: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.text_input[0].input(user)
    at.text_input[1].input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_lockout_after_failures_is_kept_in_the_store(store: str):
    accounts = open_accounts(store, demo=True)
    for _ in range(MAX_FAILURES - 1):
        assert accounts.sign_in("wuhua", "wrong").reason == "failed"
    outcome = accounts.sign_in("wuhua", "wrong")
    assert outcome.reason == "locked" and outcome.locked_until is not None
    # another server process (a fresh Accounts over the store) sees the lock; the right
    # password is refused until it ends
    assert open_accounts(store, demo=True).sign_in("wuhua", PASSWORDS["wuhua"]).reason == "locked"
    minutes = outcome.locked_until - __import__("datetime").datetime.now(
        outcome.locked_until.tzinfo
    )
    assert LOCK_MINUTES - 1 < minutes.total_seconds() / 60 <= LOCK_MINUTES
    at = _attempt("wuhua", PASSWORDS["wuhua"])
    assert not at.session_state["authentication_status"]
    assert any("锁定" in e.value for e in at.error)
    accounts.unlock("wuhua")
    assert accounts.sign_in("wuhua", PASSWORDS["wuhua"]).ok


def test_unknown_names_fail_like_wrong_passwords(store: str):
    accounts = open_accounts(store, demo=True)
    assert accounts.sign_in("nobody", "x").reason == "failed"
    at = _attempt("nobody", "x")
    assert any("用户名或密码错误" in e.value for e in at.error)


def test_disable_signs_out_and_rescope_applies(store: str, snapshot: duckdb.DuckDBPyConnection):
    at = login("wuhua")
    accounts = open_accounts(store, demo=True)
    accounts.rescope("wuhua", "prefecture", "530100")
    at.run()
    assert len(at.session_state[VIEW_SCOPE].bureaus) == 3  # 昆明市局 and its two counties
    accounts.set_disabled("wuhua", True)
    at.run()
    assert not at.session_state["authentication_status"]
    assert _attempt("wuhua", PASSWORDS["wuhua"]).session_state["authentication_status"] is None
    accounts.set_disabled("wuhua", False)
    assert _attempt("wuhua", PASSWORDS["wuhua"]).session_state["authentication_status"]


def test_owner_changes_password(store: str):
    at = login("kunming")
    at.text_input(key="pw_current").input(PASSWORDS["kunming"])
    at.text_input(key="pw_new").input("Neues#Passwort9")
    at.text_input(key="pw_repeat").input("Neues#Passwort9")
    submit = next(b for b in at.button if b.label == "确认修改")
    submit.click().run()
    assert not at.exception
    assert any("密码已修改" in s.value for s in at.success)
    assert _attempt("kunming", "Neues#Passwort9").session_state["authentication_status"]
    assert not _attempt("kunming", PASSWORDS["kunming"]).session_state["authentication_status"]
    with pytest.raises(AccountError):  # the rules: length and character classes
        open_accounts(store, True).change_own_password("kunming", "Neues#Passwort9", "abc", "abc")


def test_admin_command(store: str, monkeypatch: pytest.MonkeyPatch):
    accounts = open_accounts(store, demo=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("Zhang#San2026\n"))
    argv = ["add", "zhangsan", "--role", "county", "--code", "530102", "--password-stdin"]
    assert admin.run([*argv, "--name", "张三"], accounts) == 0
    assert accounts.sign_in("zhangsan", "Zhang#San2026").ok
    assert (
        admin.run(["rescope", "zhangsan", "--role", "prefecture", "--code", "530100"], accounts)
        == 0
    )
    assert accounts.get("zhangsan").scope_code == "530100"
    assert admin.run(["disable", "zhangsan"], accounts) == 0
    assert accounts.sign_in("zhangsan", "Zhang#San2026").reason == "disabled"
    assert admin.run(["enable", "zhangsan"], accounts) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Li#Si20262026\n"))
    assert admin.run(["passwd", "zhangsan", "--password-stdin"], accounts) == 0
    assert accounts.sign_in("zhangsan", "Li#Si20262026").ok
    assert admin.run(["add", "x", "--role", "county", "--no-password"], accounts) == 2
    assert admin.run(["rescope", "zhangsan", "--role", "county"], accounts) == 2  # no code
    # outside the demo the demo accounts do not exist
    assert accounts.get("province") is None


def test_outside_the_demo_a_cookie_key_is_required(store: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AUXFORCE_DEMO", "0")
    monkeypatch.delenv("AUXFORCE_COOKIE_KEY", raising=False)
    monkeypatch.delenv("AUXFORCE_DASHBOARD_COOKIE_KEY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert any("AUXFORCE_COOKIE_KEY" in e.value for e in at.error)
    assert not at.text_input
    monkeypatch.setenv("AUXFORCE_COOKIE_KEY", "k" * 64)
    at = _attempt("province", PASSWORDS["province"])  # the demo file is not read
    assert not at.session_state["authentication_status"]
    open_accounts(store, demo=False).add("planner", "province", password="Plan#ner2026x")
    assert _attempt("planner", "Plan#ner2026x").session_state["authentication_status"]
