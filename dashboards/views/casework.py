"""整改台账: inspectors assign findings to the responsible bureau with a deadline, bureaus
report what they did, inspectors verify and close or reopen; every step is an event of the
case store (lib/cases/), which refuses a change made over a version someone else has moved."""

from datetime import timedelta

import streamlit as st
from lib import auth, casework, findings, fmt, ui
from lib.cases import (
    INSPECTOR_ROLES,
    OPEN_STATUSES,
    STATUSES,
    Actor,
    CaseError,
    available,
    finding_key,
    local_today,
)
from lib.i18n import lang, t

FLASH = "cw_flash"

scope = ui.view_scope()
user = auth.current_user()
if user is None:
    st.stop()
actor = Actor(user.username, user.role, frozenset(scope.bureaus))
repo = casework.repository()
today = local_today()
titles = findings.rule_titles(scope)  # the register's rule titles, in the page's language


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def _assign(options: list[dict]) -> None:
    """Form callback: the finding picked among `options` (as rendered), with its deadline."""
    pick = st.session_state.get("cw_assign_pick")
    if pick is None:
        return
    finding = options[pick]
    try:
        case = repo.assign(
            actor,
            finding,
            st.session_state["cw_assign_deadline"],
            st.session_state.get("cw_assign_note", ""),
        )
    except CaseError as exc:
        _flash("error", t(f"cw.err.{exc.code}"))
        return
    st.session_state["cw_assign_note"] = ""
    ui.choose("cw_case", case.case_id)
    _flash("success", t("cw.done.assign", bureau=case.bureau_name or case.bureau_code))


def _act(action: str, case_id: str, version: int, note_key: str) -> None:
    """Button callback: `version` is the one the user saw when the page was drawn, so a
    change someone made since is refused (Conflict), never overwritten."""
    note = st.session_state.get(note_key, "")
    try:
        if action == "answer":
            repo.answer(actor, case_id, version, note)
        elif action == "close":
            repo.close(actor, case_id, version, note)
        else:
            repo.reopen(actor, case_id, version, note, st.session_state.get("cw_new_deadline"))
    except CaseError as exc:
        _flash("error", t(f"cw.err.{exc.code}"))
        return
    st.session_state[note_key] = ""
    _flash("success", t(f"cw.done.{action}"))


st.header(t("page.casework"))
st.caption(t("cw.caption"))
if FLASH in st.session_state:
    kind, text = st.session_state.pop(FLASH)
    (st.success if kind == "success" else st.error)(text)

cases = repo.cases(scope.bureaus)
counts = {s: sum(c.status == s for c in cases) for s in STATUSES}
late = sum(c.overdue(today) for c in cases)
tiles = st.columns(len(STATUSES) + 1)
for tile, status in zip(tiles, STATUSES, strict=False):
    ui.metric(tile, casework.status_label(status), fmt.number(counts[status]))
ui.metric(tiles[-1], t("cw.overdue_flag"), fmt.number(late))

if user.role in INSPECTOR_ROLES:
    st.subheader(t("cw.assign"))
    taken = {c.case_id for c in repo.cases()}
    found = casework.findings(scope)
    options = [row for row in found.iter_rows(named=True) if finding_key(row) not in taken]
    if not options:
        st.info(t("cw.no_open"))
    else:
        with st.form("cw_assign_form", clear_on_submit=False):
            st.selectbox(
                t("cw.assign_pick"),
                range(len(options)),
                format_func=lambda i: " · ".join(
                    str(v)
                    for v in (
                        casework.rule_title(options[i]["rule_id"], titles),
                        options[i]["article"],
                        options[i]["bureau_name"],
                        options[i]["period"],
                        casework.subject(options[i]),
                    )
                    if v
                ),
                key="cw_assign_pick",
            )
            left, right = st.columns([1, 3])
            left.date_input(
                t("cw.deadline"),
                value=today + timedelta(days=30),
                min_value=today,
                key="cw_assign_deadline",
            )
            right.text_input(t("cw.requirement"), key="cw_assign_note")
            st.form_submit_button(
                t("cw.assign_submit"), on_click=_assign, args=(options,), type="primary"
            )

st.subheader(t("cw.list"))
f1, f2, f3 = st.columns([3, 1, 1])
picked = ui.translated(
    f1.multiselect,
    t("cw.f_status"),
    STATUSES,
    format_func=casework.status_label,
    placeholder=t("all"),
    key="cw_f_status",
)
only_late = f2.checkbox(t("cw.only_overdue"), key="cw_f_late")
f3.button(t("cw.refresh"), key="cw_refresh")
shown = [
    c for c in cases if (not picked or c.status in picked) and (not only_late or c.overdue(today))
]
st.caption(t("cw.count", n=fmt.number(len(shown)), late=fmt.number(late)))
if not shown:
    st.info(t("cw.none"))
    st.stop()
events = repo.events(bureaus=scope.bureaus)
# findings the history has closed since their case was assigned: when, and why
closures = casework.closures(shown, casework.closed_findings(scope), events)
table = casework.case_table(
    shown, casework.last_notes(events), today, titles=titles, closures=closures
)
st.dataframe(table, hide_index=True, width="stretch", column_config=casework.column_config())
shown_events = [e for e in events if e.case_id in {c.case_id for c in shown}]
lang_ = lang()
st.download_button(
    t("cw.download"),
    # built, and logged in the access log, only when downloaded (outside this script run)
    data=lambda: casework.download(
        scope, shown, shown_events, user.display_name, today, lang_, titles, closures
    ),
    file_name=f"{t('cw.sheet')}_{today:%Y%m%d}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="cw_download",
    on_click="ignore",
)

st.subheader(t("cw.detail"))
by_id = {c.case_id: c for c in shown}
case_id = ui.translated(
    st.selectbox,
    t("cw.detail"),
    list(by_id),
    format_func=lambda i: " · ".join(
        (
            i[:12],
            by_id[i].bureau_name or by_id[i].bureau_code,
            casework.rule_title(by_id[i].rule_id, titles),
            casework.status_label(by_id[i].status),
        )
    ),
    key="cw_case",
    label_visibility="collapsed",
)
case = by_id[case_id]
status = casework.status_label(case.status)
flag = (
    f" · **:red[{t('cw.overdue_days', n=case.days_overdue(today))}]**"
    if case.overdue(today)
    else ""
)
st.markdown(
    t(
        "cw.summary",
        bureau=case.bureau_name or case.bureau_code,
        rule=casework.rule_title(case.rule_id, titles),
        article=case.article or "",
        period=case.period or "",
        subject=casework.subject(case),
        status=status,
        deadline=case.deadline.isoformat(),
    )
    + flag
)
if case.case_id in closures:
    closed_at, reason = closures[case.case_id]
    st.caption(
        t(
            "cw.finding_closed",
            at=fmt.timestamp(casework.local_time(closed_at)),
            reason=casework.reason_label(reason),
        )
    )
st.markdown(f"**{t('cw.history')}**")
st.dataframe(
    casework.event_table([e for e in events if e.case_id == case.case_id]),
    hide_index=True,
    width="stretch",
    column_config=casework.column_config(),
)

actions = available(actor, case)
if "answer" in actions:
    with st.form("cw_answer_form"):
        st.text_area(t("cw.answer_note"), key="cw_answer_note")
        st.form_submit_button(
            t("cw.answer_submit"),
            on_click=_act,
            args=("answer", case.case_id, case.version, "cw_answer_note"),
            type="primary",
        )
elif "close" in actions or "reopen" in actions:
    with st.form("cw_verify_form"):
        st.text_area(t("cw.verify_note"), key="cw_verify_note")
        st.date_input(
            t("cw.new_deadline"),
            value=max(today, case.deadline) + timedelta(days=30),
            min_value=today,
            key="cw_new_deadline",
        )
        buttons = iter(st.columns([1, 1, 4]))
        if "close" in actions:
            next(buttons).form_submit_button(
                t("cw.close"),
                on_click=_act,
                args=("close", case.case_id, case.version, "cw_verify_note"),
                type="primary",
            )
        next(buttons).form_submit_button(
            t("cw.reopen"),
            on_click=_act,
            args=("reopen", case.case_id, case.version, "cw_verify_note"),
        )
elif user.role in INSPECTOR_ROLES and case.status in OPEN_STATUSES:
    st.caption(t("cw.waiting"))
else:
    st.caption(t("cw.read_only"))
