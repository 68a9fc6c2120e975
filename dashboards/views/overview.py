"""总览: headcount, quota utilisation, cost, coverage and findings at a glance; 24-month trend."""

import streamlit as st
from lib import charts, fmt, mapview, queries, ui
from lib.i18n import t

scope = ui.view_scope()
st.header(t("page.overview"))

trend = queries.monthly_trend(scope)
utilization = queries.utilization_by_year(scope)
coverage = queries.coverage_trend(scope)
findings = queries.violation_counts(scope)

tiles = st.columns(5)
if not trend.is_empty():
    last = trend.row(-1, named=True)
    earlier = trend.filter(trend["month"] <= last["month"].replace(year=last["month"].year - 1))
    yoy = (
        last["headcount"] / earlier["headcount"][-1] - 1
        if not earlier.is_empty() and earlier["headcount"][-1]
        else None
    )
    ui.metric(
        tiles[0],
        t("ov.headcount"),
        fmt.count(last["headcount"]),
        delta=fmt.signed_pct(yoy),
        help=t("ov.headcount_help", month=fmt.month(last["month"])),
    )
    ui.metric(
        tiles[2],
        t("ov.cost"),
        fmt.wan_number(last["total_cost"]),
        help=t("ov.cost_12m", v=fmt.wan(trend.tail(12)["total_cost"].sum())),
    )
if not utilization.is_empty():
    year = utilization.row(-1, named=True)
    ui.metric(
        tiles[1],
        t("ov.utilization"),
        fmt.pct(year["utilization"]),
        help=t("ov.utilization_help", year=year["year"]),
    )
if not coverage.is_empty():
    ui.metric(tiles[3], t("ov.coverage"), fmt.pct(coverage["coverage_rate"][-1]))
ui.metric(
    tiles[4],
    t("ov.violations"),
    fmt.count(findings["findings"][0], "条"),
    help=t("ov.violations_high", n=fmt.number(findings["high"][0])),
)

left, right = st.columns([3, 2])
with left:
    st.subheader(t("ov.trend"))
    if trend.is_empty():
        st.info(t("none"))
    else:
        st.plotly_chart(charts.headcount_cost_trend(trend), width="stretch")
        st.plotly_chart(
            charts.line(coverage, "month", "coverage_rate", percent=True), width="stretch"
        )
with right:
    mapview.render(scope, queries.headcount_by_bureau(scope), t("ov.headcount"))
