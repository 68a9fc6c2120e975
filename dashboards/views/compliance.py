"""保险与合规: coverage by insurance type; the violation register with drill-down (rule titles,
evidence in words, the landing rows each finding rests on, its article); closed findings."""

import polars as pl
import streamlit as st
from lib import casework, charts, findings, fmt, mapview, queries, tables, ui
from lib.i18n import t, value

MAX_DRILL = 500

scope = ui.view_scope()
st.header(t("page.compliance"))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("co.coverage"))
    months = queries.coverage_months(scope)
    if months:
        month = ui.translated(
            st.selectbox, t("month"), months, format_func=fmt.month, key="coverage_month"
        )
        coverage = queries.coverage_by_type(scope, month)
        labelled = coverage.with_columns(
            label=pl.col("insurance_type").replace_strict(
                {code: value(code) for code in queries.INSURANCE_TYPES}
            )
        )
        st.plotly_chart(
            charts.hbars(labelled, "label", "coverage_rate", percent=True), width="stretch"
        )
        tables.show(coverage, f"insurance_coverage_{month:%Y%m}")
        st.metric(t("co.shortfall"), fmt.yuan(queries.shortfall(scope, month)))
    else:
        st.info(t("none"))
with right:
    mapview.render(scope, queries.violations_by_bureau(scope), t("ov.violations"))

st.subheader(t("co.register"))
options = queries.violation_options(scope)
titles = findings.rule_titles(scope)
bureau_names = dict(options.select("bureau_code", "bureau_name").unique().iter_rows())
f1, f2, f3, f4 = st.columns(4)
rules = ui.translated(
    f1.multiselect,
    t("co.f_rule"),
    sorted(options["rule_id"].unique()),
    key="f_rule",
    format_func=lambda rule: titles.get(rule, rule),
)
# 第6条 before 第13条: order articles by their number, not as text
article_order = options.select("article", "article_no").unique().sort("article_no", "article")
articles = f2.multiselect(t("co.f_article"), article_order["article"].to_list(), key="f_article")
bureaus = f3.multiselect(
    t("co.f_bureau"),
    sorted(bureau_names),
    key="f_bureau",
    format_func=lambda code: bureau_names.get(code, code),
)
periods = f4.multiselect(
    t("co.f_period"), sorted(options["period"].unique(), reverse=True), key="f_period"
)
filters = (rules, articles, bureaus, periods)
register = findings.register(scope, *filters)
st.caption(t("co.count", n=fmt.number(register.height)))
tables.show(findings.present(register, titles), "compliance_violations", height=320)

st.markdown(f"**{t('co.drill')}**")
if register.is_empty():
    st.stop()
if register.height > MAX_DRILL:
    st.caption(t("co.truncated", n=fmt.number(MAX_DRILL)))
head = register.head(MAX_DRILL)
labels = [
    " · ".join(
        str(v)
        for v in (
            titles.get(r["rule_id"], r["rule_id"]),
            r["bureau_name"],
            r["period"],
            r["person_key"] or r["incident_id"] or findings.code_label(r["detail"]),
        )
        if v
    )
    for r in head.iter_rows(named=True)
]
pick = ui.translated(
    st.selectbox,
    t("co.drill"),
    range(head.height),
    format_func=labels.__getitem__,
    key="drill",
    label_visibility="collapsed",
)
finding = head.row(pick, named=True)
if finding["first_seen"] is not None:
    st.caption(t("co.first_seen", at=fmt.timestamp(finding["first_seen"])))
st.markdown(f"*{t('co.evidence')}*")
evidence = findings.parse_json(finding["evidence"], {})
if isinstance(evidence, dict) and evidence.get("before_window"):
    st.warning(t("co.before_window"))
tables.show(findings.evidence_table(finding["evidence"]), "finding_evidence")
st.markdown(f"*{t('co.rows')}*")
tables.show(findings.rows_table(finding["evidence_rows"]), "finding_rows")
if finding["article_text"]:
    with st.expander(t("co.article_text", article=finding["article"])):
        st.markdown(finding["article_text"].replace("\n", "\n\n"))
if finding["rule_id"] == "A6_OVER_QUOTA" and finding["period"].isdigit():
    st.markdown(f"*{t('co.context')}*")
    tables.show(
        queries.quota_row(scope, finding["bureau_code"], int(finding["period"]), finding["detail"]),
        "finding_quota",
    )
elif finding["rule_id"].startswith("A34") and len(finding["period"]) == 7:
    st.markdown(f"*{t('co.context')}*")
    month = fmt.parse_period(finding["period"])
    tables.show(queries.coverage_row(scope, finding["bureau_code"], month), "finding_coverage")
if finding["person_key"] or finding["incident_id"]:
    st.markdown(f"*{t('co.related')}*")
    related = queries.related_findings(scope, finding["person_key"], finding["incident_id"])
    tables.show(
        related.with_columns(
            pl.col("rule_id").replace_strict(titles, default=pl.col("rule_id")),
            findings.worded(related, "detail", findings.code_label),
        ).rename({"rule_id": "rule"}),
        "finding_related",
    )

st.subheader(t("co.history"))
st.caption(t("co.history_note"))
# why each closed: the history says data_corrected; the case store knows which an inspector
# closed as rectified (lib/casework.close_reason, as on the 整改台账 page)
history = casework.with_close_reasons(
    findings.closed(scope, *filters), casework.repository().events(bureaus=scope.bureaus)
)
if history.is_empty():
    st.info(t("none"))
else:
    tables.show(findings.present(history, titles), "compliance_closed_findings", height=240)
