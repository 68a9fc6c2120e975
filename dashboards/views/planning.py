"""额度与编配: quota utilisation, grassroots staffing and the live quota proposal."""

import streamlit as st
from lib import charts, fmt, mapview, proposal, queries, tables, ui
from lib.i18n import t

scope = ui.view_scope()
st.header(t("page.planning"))

years = queries.quota_years(scope)
if not years:
    st.info(t("none"))
    st.stop()
year = st.selectbox(t("year"), years, key="planning_year")

left, right = st.columns([3, 2])
with left:
    st.subheader(t("pl.utilization"))
    tables.show(queries.quota_utilization(scope, year), f"quota_utilization_{year}")
with right:
    mapview.render(
        scope, queries.utilization_by_bureau(scope, year), t("ov.utilization"), percent=True
    )

st.subheader(t("pl.grassroots"))
grassroots = queries.grassroots(scope, year)
if grassroots.is_empty():
    st.info(t("none"))
else:
    tables.show(grassroots, f"grassroots_allocation_{year}")
    st.markdown(f"**{t('pl.fte_chart')}**")
    need, by_prefecture = queries.workload_need(scope, year)
    st.plotly_chart(
        charts.grouped_hbars(need, "area", ["aux_total", "required_fte"]),
        width="stretch",
        key="workload_need",
    )
    if by_prefecture:
        st.caption(t("pl.fte_by_prefecture"))


@st.fragment
def live_proposal() -> None:
    """Sliders rerun only this section: the tables and maps above stay as they are."""
    st.subheader(t("pl.proposal"))
    rows = queries.proposal_inputs(scope)
    if rows.is_empty():
        st.info(t("none"))
        return
    c1, c2, c3, c4, c5 = st.columns(5)
    damping = c2.slider(t("pl.damping"), 0, 30, 10, key="damping") / 100
    lo, hi = proposal.bounds(rows["current_quota"], damping)
    published = int(rows["proposed_quota"].sum())
    total = c1.slider(
        t("pl.total"),
        lo,
        max(hi, lo + 1),
        min(max(published, lo), hi),
        format=fmt.COUNT_FORMAT,
        key="total",
    )
    weights = (
        c3.slider(t("pl.w_population"), 0.0, 1.0, 0.3, 0.05, key="w_population"),
        c3.slider(t("pl.w_incidents"), 0.0, 1.0, 0.3, 0.05, key="w_incidents"),
        c4.slider(t("pl.w_workload"), 0.0, 1.0, 0.4, 0.05, key="w_workload"),
    )
    tilt = c5.slider(t("pl.tilt"), 0.0, 1.0, 0.5, 0.05, key="tilt")
    live = proposal.recompute(rows, proposal.Params(min(total, hi), damping, weights, tilt))
    st.caption(t("pl.proposal_note"))
    st.caption(
        t(
            "pl.sum_check",
            total=fmt.number(live["live_quota"].sum()),
            target=fmt.number(min(total, hi)),
        )
    )
    tables.show(
        live.select(
            "bureau_name",
            "tier",
            "year",
            "category",
            "current_quota",
            "proposed_quota",
            "live_quota",
            "live_change",
            "bureau_code",
        ),
        "quota_proposal_live",
    )


live_proposal()
