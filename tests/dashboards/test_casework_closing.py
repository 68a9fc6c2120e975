"""Issue 13, closing the loop: why a closed finding closed (lib/casework.close_reason, with
hand-made cases), the same label on the register's closed section and the 整改台账 page, the
page and its workbook naming rules by the catalogue's titles (English when switched), and the
整改台账 and 回执 downloads in the access log."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from tests.dashboards.conftest import APP
from tests.dashboards.snapshot_fixture import ALL_BUREAUS, WUHUA
from tests.dashboards.test_app import login, table_with

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import casework, queries, receipt
from lib.access_log import open_log
from lib.cases import Actor, Event, open_repository
from lib.cases import repository as cases_repository
from lib.ui import VIEW_SCOPE

CLOSED_AT = datetime(2026, 11, 3, 8, 0)  # the fixture history's closures (naive UTC)
AUDITOR = Actor("auditor", "auditor", frozenset(ALL_BUREAUS))
COUNTY = Actor("wuhua", "county", frozenset({WUHUA}))
A16_ZH = "无有效劳动合同"
A16_EN = "In service without a valid labour contract"


# ── the rule, with hand-made cases ───────────────────────────────────────────────────────
def _event(version: int, action: str, role: str, at: datetime, before, after) -> Event:
    return Event(
        event_id=version,
        case_id="f1",
        version=version,
        action=action,
        actor=role,
        actor_role=role,
        at=at,
        status_before=before,
        status_after=after,
        deadline_before=None,
        deadline_after=date(2026, 12, 1),
        note="",
    )


def _utc(day: int, hour: int = 8) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def _case(*steps: tuple[str, str, datetime]) -> list[Event]:
    """Events of one case from (action, role, at) steps, statuses as the rules give them."""
    status: str | None = None
    events = []
    for version, (action, role, at) in enumerate(steps, start=1):
        after = cases_repository.TRANSITIONS[action].target
        events.append(_event(version, action, role, at, status, after))
        status = after
    return events


ASSIGN = ("assign", "auditor", _utc(1))
ANSWER = ("answer", "county", _utc(2))


@pytest.mark.parametrize(
    ("events", "reason"),
    [
        ([], "data_corrected"),  # no case: only the data changed
        (_case(ASSIGN), "data_corrected"),  # assigned, not worked on
        (_case(ASSIGN, ANSWER), "data_corrected"),  # answered, not yet verified
        # the usual order: the corrected file, the build that closes it, then the inspector
        (_case(ASSIGN, ANSWER, ("close", "auditor", _utc(5))), "rectified"),
        # verified first, the correction in a later build; at the very instant too
        (_case(ASSIGN, ANSWER, ("close", "province", _utc(2, 12))), "rectified"),
        (_case(ASSIGN, ANSWER, ("close", "province", _utc(3))), "rectified"),
        # closed, then sent back: no longer rectified
        (
            _case(ASSIGN, ANSWER, ("close", "auditor", _utc(5)), ("reopen", "auditor", _utc(6))),
            "data_corrected",
        ),
        # and closed again after the second answer
        (
            _case(
                ASSIGN,
                ANSWER,
                ("reopen", "auditor", _utc(4)),
                ("answer", "county", _utc(5)),
                ("close", "auditor", _utc(6)),
            ),
            "rectified",
        ),
        # a case assigned only after the finding had gone is no rectification of it
        (
            _case(
                ("assign", "auditor", _utc(4)),
                ("answer", "county", _utc(5)),
                ("close", "auditor", _utc(6)),
            ),
            "data_corrected",
        ),
        # a close recorded under a role that may not close (a store edited by hand)
        (_case(ASSIGN, ANSWER, ("close", "county", _utc(5))), "data_corrected"),
    ],
)
def test_close_reason(events: list[Event], reason: str) -> None:
    assert casework.close_reason(CLOSED_AT, events) == reason
    assert casework.close_reason(CLOSED_AT, reversed(events)) == reason  # order of events
    assert casework.close_reason(None, events) is None  # an open finding has no reason


def test_close_reason_compares_instants() -> None:
    """closed_at is naive UTC (the build's time); events are instants: 16:00 in Beijing on
    3 November is 08:00 UTC, the instant of the closure."""
    beijing = cases_repository.LOCAL_TZ
    at_closure = datetime(2026, 11, 3, 16, 0, tzinfo=beijing)
    close = ("close", "auditor", _utc(5))
    assert casework.close_reason(CLOSED_AT, _case(("assign", "auditor", at_closure), close)) == (
        "rectified"
    )
    later = at_closure + timedelta(seconds=1)
    assert casework.close_reason(CLOSED_AT, _case(("assign", "auditor", later), close)) == (
        "data_corrected"
    )


def test_with_close_reasons_labels_each_row() -> None:
    closed = pl.DataFrame(
        {
            "finding_id": ["f1", "f2"],
            "closed_at": [CLOSED_AT, CLOSED_AT],
            "close_reason": ["data_corrected", "data_corrected"],
        }
    )
    events = _case(ASSIGN, ANSWER, ("close", "auditor", _utc(5)))  # the case of f1
    out = casework.with_close_reasons(closed, events)
    assert out["close_reason"].to_list() == ["rectified", "data_corrected"]
    assert casework.reason_label("rectified", "zh") == "已整改"
    assert casework.reason_label("data_corrected", "en") == "data corrected"


def _log():
    return open_log(os.environ["AUXFORCE_ACCESS_LOG_URL"])


# ── the pages ────────────────────────────────────────────────────────────────────────────
@pytest.fixture
def cases_url(app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("AUXFORCE_CASES_URL", url)
    monkeypatch.setenv("AUXFORCE_ACCESS_LOG_URL", f"sqlite:///{tmp_path / 'log.db'}")
    return url


@contextmanager
def clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> Iterator[None]:
    """The case store's clock at `moment` (its events are stamped with datetime.now)."""

    class Fixed(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz)

    with monkeypatch.context() as m:
        m.setattr(cases_repository, "datetime", Fixed)
        yield


def _closed_wuhua_finding(snapshot: duckdb.DuckDBPyConnection) -> dict[str, object]:
    cur = snapshot.execute(
        """select h.*, b.bureau_name from marts.compliance_finding_history h
        join marts.dim_bureau b using (bureau_code)
        where h.status = 'closed' and h.bureau_code = ?""",
        [WUHUA],
    )
    names = [d[0] for d in cur.description]
    (row,) = cur.fetchall()
    return dict(zip(names, row, strict=True))


def _rectify(url: str, finding: dict, monkeypatch: pytest.MonkeyPatch) -> str:
    """Assigned before the build that closed the finding, answered, closed after it."""
    repo = open_repository(url)
    with clock(monkeypatch, datetime(2026, 10, 20, 2, tzinfo=UTC)):
        case = repo.assign(AUDITOR, finding, date(2026, 11, 20), "补签劳动合同")
    with clock(monkeypatch, datetime(2026, 10, 28, 2, tzinfo=UTC)):
        repo.answer(COUNTY, case.case_id, 1, "已补签合同，花名册已更正")
    with clock(monkeypatch, datetime(2026, 11, 5, 2, tzinfo=UTC)):
        repo.close(AUDITOR, case.case_id, 2, "核查属实")
    return case.case_id


def test_closed_finding_rectified_on_both_pages(
    cases_url: str, snapshot: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    finding = _closed_wuhua_finding(snapshot)
    _rectify(cases_url, finding, monkeypatch)

    at = login("auditor")
    at.switch_page("views/compliance.py").run()
    assert not at.exception, at.exception
    closed = table_with(at, "关闭时间", "关闭原因")
    by_bureau = dict(zip(closed["单位"], closed["关闭原因"], strict=True))
    assert by_bureau.pop(finding["bureau_name"]) == "已整改"
    assert set(by_bureau.values()) == {"数据已更正"}  # no case: the data changed

    at.switch_page("views/casework.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table["规则"]) == [A16_ZH]  # the catalogue's title, not A16_NO_VALID_CONTRACT
    assert list(table["关闭原因"]) == ["已整改"]
    assert list(table["线索关闭时间"].astype(str)) == ["2026-11-03 16:00:00"]  # Beijing time
    assert any("已整改" in c.value and "不再出现" in c.value for c in at.caption)
    assert any(A16_ZH in m.value for m in at.markdown)  # the case's summary line

    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table["Rule"]) == [A16_EN] and list(table["Why closed"]) == ["rectified"]


def test_assign_picker_offers_titles(cases_url: str) -> None:
    at = login("auditor")
    at.switch_page("views/casework.py").run()
    assert not at.exception, at.exception
    options = at.selectbox(key="cw_assign_pick").options
    assert any(o.startswith(A16_ZH) for o in options)
    assert not any("_" in o.split(" · ")[0] for o in options)  # no rule codes


def test_workbook_download_names_rules_and_is_logged(
    cases_url: str, snapshot: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    finding = _closed_wuhua_finding(snapshot)
    case_id = _rectify(cases_url, finding, monkeypatch)
    at = login("wuhua")
    scope = at.session_state[VIEW_SCOPE]
    repo = open_repository(cases_url)
    cases, events = repo.cases([WUHUA]), repo.events(bureaus=[WUHUA])
    titles = {"A16_NO_VALID_CONTRACT": A16_ZH}
    closures = casework.closures(cases, {case_id: finding["closed_at"]}, events)
    data = casework.download(
        scope, cases, events, "五华分局", date(2026, 11, 30), "zh", titles, closures
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data))["整改台账"]
    header = [c.value for c in sheet[4]]
    row = dict(zip(header, [c.value for c in sheet[5]], strict=True))
    assert row["规则"] == A16_ZH and row["关闭原因"] == "已整改"
    assert row["线索关闭时间"] == datetime(2026, 11, 3, 16, 0)  # a time, not text

    [entry] = [e for e in _log().entries(username="wuhua") if e.kind == "export"]
    assert entry.detail == {"table": "casework", "format": "xlsx", "events": 3}
    assert (entry.rows, entry.bureaus, entry.role) == (1, [WUHUA], "county")
    assert _log().verify_chain().ok


def test_receipt_download_is_logged(cases_url: str) -> None:
    at = login("wuhua")
    scope = at.session_state[VIEW_SCOPE]
    files = queries.receipt_files(scope)
    chosen = files.sort("rows_quarantined", descending=True).row(0, named=True)
    data = receipt.download(scope, chosen, "zh")
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames  # the workbook itself
    [entry] = [e for e in _log().entries(username="wuhua") if e.kind == "export"]
    assert entry.detail == {
        "table": "receipt",
        "format": "xlsx",
        "file": chosen["file"],
        "sha256": chosen["sha256"],
    }
    held = queries.receipt_rows(scope, chosen["file"], chosen["sha256"]).height
    assert (entry.rows, entry.bureaus) == (held, [WUHUA])
    reads = [e for e in _log().entries(username="wuhua") if e.kind == "read"]
    assert {"quarantine_rows", "quarantine"} <= {r for e in reads for r in e.relations}
