"""访问日志 (auditor only): who read which bureaus' data on which page, with which filters,
and what was exported; filters by user, bureau and date; the hash chain's verification."""

import datetime as dt

import polars as pl
import streamlit as st
from lib import access_log, queries, ui
from lib.cases.repository import LOCAL_TZ
from lib.i18n import lang, t

from dagster_project.settings import Settings

CAP = 2000  # entries shown at most (newest first); narrow the filters for older ones

_HEADERS = {
    "seq": ("序号", "No."),
    "at": ("时间", "Time"),
    "kind": ("类型", "Kind"),
    "username": ("用户", "User"),
    "role": ("角色", "Role"),
    "page": ("页面", "Page"),
    "bureaus_in_scope": ("可见局数", "Bureaus in scope"),
    "relations": ("读取的表", "Relations"),
    "rows": ("行数", "Rows"),
    "params": ("筛选条件", "Filters"),
    "detail": ("导出", "Export"),
    "hash": ("哈希", "Hash"),
}
_KINDS = {"read": ("读取", "read"), "export": ("导出", "export")}

scope = ui.view_scope()
if scope.actor is None or scope.actor.role != "auditor":
    st.error(t("al.forbidden"))
    st.stop()

st.header(t("page.access_log"))
st.caption(t("al.intro"))
log = access_log.open_log(Settings.from_env().access_log_url)
zh = lang() == "zh"

status = log.verify_chain()
if status.ok:
    st.success(t("al.chain_ok", n=f"{status.entries:,}", head=status.head[:16]))
else:
    st.error(
        t(
            "al.chain_broken",
            seq=status.broken_seq,
            reason=t(f"al.reason.{status.reason}"),
            n=f"{status.entries:,}",
        )
    )

directory = queries.bureaus(scope)
names = dict(directory.select("bureau_code", "bureau_name").iter_rows())
left, middle, right = st.columns(3)
user = left.selectbox(t("al.user"), log.usernames(), index=None, placeholder="—", key="al_user")
bureau = middle.selectbox(
    t("al.bureau"),
    list(names),
    index=None,
    placeholder="—",
    format_func=lambda code: f"{names.get(code, code)} {code}",
    key="al_bureau",
)
today = dt.datetime.now(LOCAL_TZ).date()
dates = right.date_input(
    t("al.dates"), (today - dt.timedelta(days=6), today), max_value=today, key="al_dates"
)
since, until = (dates[0], dates[-1]) if isinstance(dates, tuple) and dates else (None, None)

entries = log.entries(username=user, bureau=bureau, since=since, until=until, limit=CAP)
table = pl.DataFrame(
    {
        "seq": [e.seq for e in entries],
        "at": [
            dt.datetime.fromisoformat(e.at).astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S")
            for e in entries
        ],
        "kind": [_KINDS.get(e.kind, (e.kind, e.kind))[0 if zh else 1] for e in entries],
        "username": [e.username for e in entries],
        "role": [t(f"role.{e.role}") if e.role else None for e in entries],
        "page": [e.page for e in entries],
        "bureaus_in_scope": [len(e.bureaus) for e in entries],
        "relations": [", ".join(e.relations) for e in entries],
        "rows": [e.rows for e in entries],
        "params": [access_log.compact(e.params) for e in entries],
        "detail": [access_log.compact(e.detail) if e.detail else None for e in entries],
        "hash": [e.hash[:16] for e in entries],
    },
    schema_overrides={"seq": pl.Int64, "rows": pl.Int64, "bureaus_in_scope": pl.Int64},
)
st.caption(t("al.count", n=f"{table.height:,}", cap=f"{CAP:,}"))
st.dataframe(
    table.rename({c: h[0 if zh else 1] for c, h in _HEADERS.items()}),
    hide_index=True,
    width="stretch",
    placeholder="—",
)
