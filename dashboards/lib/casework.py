"""整改台账 page logic: the case store the settings name, the findings of the snapshot not yet
assigned, the case list as a table, and the register as a formatted workbook (A4, title,
填报单位 and date, numbers and dates as such). Rules are shown by their catalogue titles
(lib/findings.rule_titles); why a closed finding closed is `close_reason`, the one rule the
register's closed section and this page both label with."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

import polars as pl
import streamlit as st
import xlsxwriter

from dagster_project.settings import Settings
from lib import db, printable, tables
from lib.cases import INSPECTOR_ROLES, Case, CaseRepository, Event, finding_key, open_repository
from lib.cases.repository import LOCAL_TZ
from lib.i18n import t
from lib.scope import Scope

_MAX_WIDTH = 40


@st.cache_resource(show_spinner=False)
def _store(url: str) -> CaseRepository:
    # opened (and migrated) once per server process and URL; each call opens its own
    # connection, so sessions of different threads share it safely
    return open_repository(url)


def repository() -> CaseRepository:
    return _store(Settings.from_env().cases_url)


def findings(scope: Scope) -> pl.DataFrame:
    """Every finding of the snapshot in scope, with the columns a case keeps."""
    return db.read(
        scope,
        """select v.finding_id, v.rule_id, v.article, v.severity, v.bureau_code, b.bureau_name,
            v.unit_code, v.period, v.person_key, v.incident_id, v.detail
        from compliance_violations v join dim_bureau b using (bureau_code)
        order by v.period desc, v.article_no, v.rule_id, v.bureau_code, v.finding_id""",
    )


def subject(row: Case | dict) -> str:
    """Whom or what a finding is about: the person, else the incident, else its detail."""
    get = row.get if isinstance(row, dict) else lambda c: getattr(row, c)
    return str(get("person_key") or get("incident_id") or get("detail") or "")


def status_label(status: str | None, lang: str | None = None) -> str:
    return t(f"cw.status.{status}", lang) if status else ""


def local_time(value: datetime) -> datetime:
    """Beijing wall-clock time of an instant (a naive value is UTC, as the warehouse keeps
    its build times)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL_TZ).replace(tzinfo=None)


# ---- why a finding closed -------------------------------------------------------------------

RECTIFIED = "rectified"  # 已整改
DATA_CORRECTED = "data_corrected"  # 数据已更正


def close_reason(closed_at: datetime | None, events: Iterable[Event]) -> str | None:
    """Why a closed finding closed: RECTIFIED (已整改) or DATA_CORRECTED (数据已更正); None
    for an open finding (no closed_at). `events` are those of the finding's case (none if it
    has no case). The one rule for every page that shows closed findings: the register's
    closed section (`with_close_reasons`) and the 整改台账 page (`closures`).

    The history (marts.compliance_finding_history) sees only the warehouse, so every finding a
    build no longer raises closes there as data_corrected, at that build's time (closed_at).
    The case store knows whether the bureau rectified it. A finding is 已整改 when its case
    - was assigned at or before closed_at: the case was open on this finding when the data
      changed, so the corrected data is the rectification the case asked for, and
    - is closed (销号) by an inspector: its latest event is a `close` by an inspector role
      (督察审计 / 省厅); a case reopened since is not.
    The inspector's close may come before closed_at (verified first, the corrected file in a
    later build) or after it (the usual order: the bureau sends the corrected file and
    answers, the next build no longer finds it, the inspector checks and closes): either way
    the finding was rectified. Otherwise (no case; a case assigned only after the finding had
    gone; a case not yet, or no longer, closed) it is 数据已更正. The history row itself is
    never rewritten: the label follows the case store as it stands.
    """
    if closed_at is None:
        return None
    if closed_at.tzinfo is None:  # the warehouse's build times are UTC
        closed_at = closed_at.replace(tzinfo=UTC)
    history = sorted(events, key=lambda e: e.version)
    if not history:
        return DATA_CORRECTED
    assigned, latest = history[0], history[-1]
    closed_by_inspector = (
        latest.action == "close"
        and latest.status_after == "closed"
        and latest.actor_role in INSPECTOR_ROLES
    )
    if assigned.action == "assign" and assigned.at <= closed_at and closed_by_inspector:
        return RECTIFIED
    return DATA_CORRECTED


def reason_label(reason: str | None, lang: str | None = None) -> str:
    """已整改 / 数据已更正 (rectified / data corrected); empty for an open finding."""
    return t(f"v.{reason}", lang) if reason else ""


def _by_case(events: Iterable[Event]) -> dict[str, list[Event]]:
    grouped: dict[str, list[Event]] = {}
    for e in events:
        grouped.setdefault(e.case_id, []).append(e)
    return grouped


def with_close_reasons(closed: pl.DataFrame, events: Iterable[Event]) -> pl.DataFrame:
    """Closed findings (lib/findings.closed: finding_id, closed_at, close_reason) with
    close_reason as `close_reason` gives it from their cases' events (the register's closed
    section)."""
    if closed.is_empty():
        return closed
    by_case = _by_case(events)
    reasons = [
        close_reason(row["closed_at"], by_case.get(finding_key(row), []))
        for row in closed.select("finding_id", "closed_at").iter_rows(named=True)
    ]
    return closed.with_columns(pl.Series("close_reason", reasons, dtype=pl.Utf8))


def closed_findings(scope: Scope) -> dict[str, datetime]:
    """closed_at of every closed finding of the history in scope, by its case id."""
    df = db.read(
        scope,
        """select finding_id, closed_at from compliance_finding_history
        where status = 'closed'""",
    )
    return {finding_key(row): row["closed_at"] for row in df.iter_rows(named=True)}


def closures(
    cases: Iterable[Case], closed_at: Mapping[str, datetime], events: Iterable[Event]
) -> dict[str, tuple[datetime, str]]:
    """(closed_at, reason) of each case whose finding the history has closed; cases of open
    findings are left out."""
    by_case = _by_case(events)
    found = {}
    for c in cases:
        if (at := closed_at.get(c.case_id)) is not None:
            found[c.case_id] = (at, close_reason(at, by_case.get(c.case_id, [])))
    return found


def last_notes(events: Iterable[Event]) -> dict[str, str]:
    """The latest non-empty note of each case."""
    notes: dict[str, str] = {}
    for e in sorted(events, key=lambda e: (e.case_id, e.version)):
        if e.note:
            notes[e.case_id] = e.note
    return notes


def rule_title(rule_id: str, titles: Mapping[str, str] | None) -> str:
    """A rule as the register names it (lib/findings.rule_titles), its id if not catalogued."""
    return (titles or {}).get(rule_id, rule_id)


def _closure_columns(
    case_id: str, closures: Mapping[str, tuple[datetime, str]] | None, lang: str | None
) -> tuple[datetime | None, str]:
    at, reason = (closures or {}).get(case_id, (None, None))
    return (local_time(at) if at is not None else None), reason_label(reason, lang)


def case_table(
    cases: list[Case],
    notes: dict[str, str],
    today: date,
    lang: str | None = None,
    titles: Mapping[str, str] | None = None,
    closures: Mapping[str, tuple[datetime, str]] | None = None,
) -> pl.DataFrame:
    """The case list with localised headers: one row per case, overdue first; the rule by
    its title (`titles`: lib/findings.rule_titles) and, for a finding the history has
    closed, when and why (`closures`)."""
    rows = [
        {
            t("cw.col.case_id", lang): c.case_id[:12],
            t("cw.col.status", lang): status_label(c.status, lang),
            t("cw.col.overdue", lang): t("cw.overdue_flag", lang) if c.overdue(today) else "",
            t("cw.col.days_overdue", lang): c.days_overdue(today),
            t("cw.col.deadline", lang): c.deadline,
            t("cw.col.bureau_name", lang): c.bureau_name or c.bureau_code,
            t("cw.col.rule_id", lang): rule_title(c.rule_id, titles),
            t("cw.col.article", lang): c.article or "",
            t("cw.col.period", lang): c.period or "",
            t("cw.col.subject", lang): subject(c),
            t("cw.col.last_note", lang): notes.get(c.case_id, ""),
            t("cw.col.finding_closed", lang): _closure_columns(c.case_id, closures, lang)[0],
            t("cw.col.close_reason", lang): _closure_columns(c.case_id, closures, lang)[1],
            t("cw.col.updated_at", lang): local_time(c.updated_at),
            t("cw.col.updated_by", lang): c.updated_by,
            t("cw.col.version", lang): c.version,
        }
        for c in sorted(cases, key=lambda c: (not c.overdue(today), c.deadline, c.case_id))
    ]
    return pl.DataFrame(rows) if rows else pl.DataFrame()


def column_config() -> dict[str, object]:
    """Dates as dates, times to the minute, under the localised headers."""
    day = st.column_config.DateColumn(format="YYYY-MM-DD")
    minute = st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")
    return {
        t("cw.col.deadline"): day,
        t("cw.col.updated_at"): minute,
        t("cw.col.at"): minute,
        t("cw.col.finding_closed"): minute,
    }


def event_table(events: list[Event], lang: str | None = None) -> pl.DataFrame:
    rows = [
        {
            t("cw.col.at", lang): local_time(e.at),
            t("cw.col.actor", lang): e.actor,
            t("cw.col.actor_role", lang): t(f"role.{e.actor_role}", lang),
            t("cw.col.action", lang): t(f"cw.action.{e.action}", lang),
            t("cw.col.change", lang): _change(e, lang),
            t("cw.col.deadline", lang): e.deadline_after,
            t("cw.col.note", lang): e.note,
        }
        for e in events
    ]
    return pl.DataFrame(rows) if rows else pl.DataFrame()


def _change(e: Event, lang: str | None) -> str:
    before = status_label(e.status_before, lang) or "—"
    return f"{before} → {status_label(e.status_after, lang)}"


# ---- the workbook ---------------------------------------------------------------------------


def download(
    scope: Scope | None,
    cases: list[Case],
    events: list[Event],
    unit: str,
    today: date,
    lang: str | None = None,
    titles: Mapping[str, str] | None = None,
    closures: Mapping[str, tuple[datetime, str]] | None = None,
) -> bytes:
    """The workbook of the download button, logged as an export in the access log (the
    page passes it deferred: built and logged only when the user downloads)."""
    data = workbook(cases, events, unit, today, lang, titles, closures)
    return tables.logged_export(scope, "casework", "xlsx", len(cases), data, events=len(events))


def workbook(
    cases: list[Case],
    events: list[Event],
    unit: str,
    today: date,
    lang: str | None = None,
    titles: Mapping[str, str] | None = None,
    closures: Mapping[str, tuple[datetime, str]] | None = None,
) -> bytes:
    """整改台账 as an office prints it: sheet 1 the cases, sheet 2 their history; A4
    landscape one page wide, title, 填报单位 and date above the header, header repeated on
    every page, dates and numbers as Excel values. Rules by their titles (`titles`), and
    when and why the history closed a case's finding (`closures`), as on the page."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    base = {"font_size": 10, "valign": "top"}
    boxed = {**base, "border": 1, "text_wrap": True}
    f = {
        "title": book.add_format({**base, "bold": True, "font_size": 16, "align": "center"}),
        "meta": book.add_format(base),
        "meta_right": book.add_format({**base, "align": "right"}),
        "header": book.add_format(
            {**boxed, "bold": True, "bg_color": "#D9D9D9", "align": "center"}
        ),
        "text": book.add_format(boxed),
        "int": book.add_format({**boxed, "num_format": "0", "align": "right"}),
        "date": book.add_format({**boxed, "num_format": "yyyy-mm-dd", "align": "center"}),
        "time": book.add_format({**boxed, "num_format": "yyyy-mm-dd hh:mm"}),
        "late": book.add_format({**boxed, "font_color": "#C00000", "bold": True}),
    }
    notes = last_notes(events)
    ordered = sorted(cases, key=lambda c: (not c.overdue(today), c.deadline, c.case_id))
    # (header, kind, value of a case)
    columns = [
        (t("cw.col.no", lang), "int", None),
        (t("cw.col.case_id", lang), "text", lambda c: c.case_id),
        (t("cw.col.bureau_name", lang), "text", lambda c: c.bureau_name or c.bureau_code),
        (t("cw.col.rule_id", lang), "text", lambda c: rule_title(c.rule_id, titles)),
        (t("cw.col.article", lang), "text", lambda c: c.article or ""),
        (
            t("cw.col.severity", lang),
            "text",
            lambda c: (
                t(f"v.{c.severity}", lang) if c.severity in ("high", "medium") else c.severity or ""
            ),
        ),
        (t("cw.col.period", lang), "text", lambda c: c.period or ""),
        (t("cw.col.subject", lang), "text", subject),
        (t("cw.col.created_at", lang), "date", lambda c: local_time(c.created_at).date()),
        (t("cw.col.deadline", lang), "date", lambda c: c.deadline),
        (t("cw.col.status", lang), "text", lambda c: status_label(c.status, lang)),
        (t("cw.col.days_overdue", lang), "int", lambda c: c.days_overdue(today)),
        (t("cw.col.last_note", lang), "text", lambda c: notes.get(c.case_id, "")),
        (
            t("cw.col.finding_closed", lang),
            "time",
            lambda c: _closure_columns(c.case_id, closures, lang)[0],
        ),
        (
            t("cw.col.close_reason", lang),
            "text",
            lambda c: _closure_columns(c.case_id, closures, lang)[1],
        ),
        (t("cw.col.updated_by", lang), "text", lambda c: c.updated_by),
        (t("cw.col.version", lang), "int", lambda c: c.version),
    ]
    values = [
        [i if fn is None else fn(c) for (_, _, fn) in columns]
        for i, c in enumerate(ordered, start=1)
    ]
    sheet = book.add_worksheet(t("cw.sheet", lang))
    _header_block(sheet, f, len(columns), unit, today, lang, t("cw.book_title", lang))
    widths = _table(sheet, f, columns, values, header_row=3)
    late_col = [h for h, _, _ in columns].index(t("cw.col.days_overdue", lang))
    for row, c in enumerate(ordered, start=4):
        if c.overdue(today):  # the overdue count stands out in red
            sheet.write_number(row, late_col, c.days_overdue(today), f["late"])
    _fit(sheet, widths)

    history_cols = [
        (t("cw.col.no", lang), "int"),
        (t("cw.col.case_id", lang), "text"),
        (t("cw.col.at", lang), "time"),
        (t("cw.col.actor", lang), "text"),
        (t("cw.col.actor_role", lang), "text"),
        (t("cw.col.action", lang), "text"),
        (t("cw.col.change", lang), "text"),
        (t("cw.col.deadline", lang), "date"),
        (t("cw.col.note", lang), "text"),
    ]
    history = [
        [
            i,
            e.case_id,
            local_time(e.at),
            e.actor,
            t(f"role.{e.actor_role}", lang),
            t(f"cw.action.{e.action}", lang),
            _change(e, lang),
            e.deadline_after,
            e.note,
        ]
        for i, e in enumerate(sorted(events, key=lambda e: (e.at, e.event_id)), start=1)
    ]
    sheet2 = book.add_worksheet(t("cw.sheet_history", lang))
    _header_block(sheet2, f, len(history_cols), unit, today, lang, t("cw.book_history", lang))
    widths2 = _table(sheet2, f, [(h, k, None) for h, k in history_cols], history, header_row=3)
    _fit(sheet2, widths2)
    book.close()
    return buffer.getvalue()


def _header_block(sheet, f, ncols: int, unit: str, today: date, lang, title: str) -> None:
    printable.page(sheet, lang or "zh", landscape=True)
    sheet.merge_range(0, 0, 0, ncols - 1, title, f["title"])
    sheet.set_row(0, 28)
    half = max(1, ncols // 2)
    sheet.merge_range(1, 0, 1, half - 1, t("cw.book_unit", lang, unit=unit), f["meta"])
    when = (
        f"{today.year}年{today.month}月{today.day}日"
        if (lang or "zh") == "zh"
        else today.isoformat()
    )
    sheet.merge_range(1, half, 1, ncols - 1, t("cw.book_date", lang, date=when), f["meta_right"])
    sheet.repeat_rows(3)
    sheet.freeze_panes(4, 0)


def _table(sheet, f, columns, values, header_row: int) -> list[int]:
    widths = [printable.width(h) + 2 for h, _, _ in columns]
    for c, (header, _, _) in enumerate(columns):
        sheet.write_string(header_row, c, header, f["header"])
    for r, row in enumerate(values, start=header_row + 1):
        for c, ((_, kind, _), v) in enumerate(zip(columns, row, strict=True)):
            if v is None or v == "":
                sheet.write_blank(r, c, None, f["text"])
            elif kind == "int":
                sheet.write_number(r, c, int(v), f["int"])
            elif kind in ("date", "time"):
                sheet.write_datetime(r, c, v, f[kind])
            else:
                sheet.write_string(r, c, str(v), f["text"])
            shown = 16 if kind == "time" else 10 if kind == "date" else printable.width(v)
            widths[c] = max(widths[c], min(_MAX_WIDTH, shown + 2))
    if values:
        sheet.autofilter(header_row, 0, header_row + len(values), len(columns) - 1)
    return widths


def _fit(sheet, widths: list[int]) -> None:
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
