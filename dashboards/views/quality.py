"""数据质量: freshness of each source, load log, check results, quarantine."""

import streamlit as st
from lib import fmt, queries, tables, ui
from lib.i18n import lang, t

scope = ui.view_scope()
st.header(t("page.quality"))

meta = queries.publish_meta(scope)
if not meta.is_empty():
    st.caption(t("dq.meta", run=meta["run_id"][0], at=fmt.timestamp(meta["published_at"][0])))

st.subheader(t("dq.freshness"))
tables.show(queries.freshness(scope), "source_freshness")

st.subheader(t("dq.checks"))
checks = queries.check_results(scope)
failed = checks.filter(~checks["passed"]).height
if failed:
    st.warning(t("dq.checks_failed", n=fmt.number(failed)))
if checks.is_empty():
    st.info(t("none"))
else:
    tables.show(checks, "check_results")

st.subheader(t("dq.load_log"))
tables.show(queries.load_log(scope), "load_log", height=300)

st.subheader(t("dq.quarantine"))
if scope.unrestricted:
    tables.show(queries.quarantine(scope, lang()), "quarantine", height=300)
else:
    st.info(t("dq.quarantine_restricted"))
