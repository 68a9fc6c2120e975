"""额度与编配: what a planner compares. Quota, headcount and utilisation beside last year's;
the need by component (incident workload, proactive patrol, fixed posts, civilian support)
beside headcount and quota; grassroots staffing; headcount by post and level down to the
stations of a county; hires and separations by month; the live quota proposal. Every figure
comes from a mart (changes too: planning_year_over_year); the page filters and formats."""

import streamlit as st
from lib import charts, document_buttons, fmt, mapview, queries, tables, ui
from lib.i18n import t

scope = ui.view_scope()
st.header(t("page.planning"))

years = queries.quota_years(scope)
if not years:
    st.info(t("none"))
    st.stop()
year = st.selectbox(t("year"), years, key="planning_year")
prior = year - 1

st.subheader(t("pl.utilization_yoy", year=year, prior=prior))
tables.show(queries.quota_utilization(scope, year), f"quota_utilization_{year}")

with st.container(key="staffing_need"):
    st.subheader(t("pl.need"))
    need = queries.staffing_need(scope, year)
    if need.is_empty():
        st.info(t("none"))
    else:
        tables.show(need, f"staffing_need_{year}", height=min(420, 38 + 35 * need.height))
        assumptions = queries.staffing_assumptions(scope, year)
        if assumptions is not None:
            st.caption(
                t(
                    "pl.need_note",
                    hours=fmt.number(assumptions["available_hours_per_fte"]),
                    proactive=fmt.pct(assumptions["proactive_share"], 0),
                    support=fmt.pct(assumptions["civilian_support_ratio"], 0),
                )
            )

st.subheader(t("pl.grassroots_yoy", year=year, prior=prior))
grassroots = queries.grassroots(scope, year)
if grassroots.is_empty():
    st.info(t("none"))
else:
    tables.show(grassroots, f"grassroots_allocation_{year}")
    st.markdown(f"**{t('pl.fte_chart')}**")
    need_chart, by_prefecture = queries.workload_need(scope, year)
    st.plotly_chart(
        charts.grouped_hbars(need_chart, "area", ["aux_total", "required_fte"]),
        width="stretch",
        key="workload_need",
    )
    if by_prefecture:
        st.caption(t("pl.fte_by_prefecture"))

month = queries.headcount_month(scope, year)
left, right = st.columns([3, 2])
with left, st.container(key="headcount_by_post"):
    if month is not None:
        st.subheader(t("pl.by_post", month=fmt.month(month)))
        tables.show(queries.headcount_by_post(scope, month), f"headcount_by_post_{month:%Y%m}")
with right:
    mapview.render(
        scope, queries.utilization_by_bureau(scope, year), t("ov.utilization"), percent=True
    )
if month is not None:
    with st.container(key="county_units"):
        county = queries.county_bureau(scope)
        if county is None:
            st.caption(t("pl.units_hint"))
        else:
            st.subheader(t("pl.units", county=county["bureau_name"], month=fmt.month(month)))
            units = queries.units_of_county(scope, county["bureau_code"], month)
            tables.show(units, f"units_{county['bureau_code']}_{month:%Y%m}", height=360)

with st.container(key="workforce_flows"):
    st.subheader(t("pl.flows"))
    flows = queries.workforce_flows(scope)
    if flows.is_empty():
        st.info(t("none"))
    else:
        st.plotly_chart(charts.flows(flows), width="stretch", key="flows_chart")
        st.caption(t("pl.flows_note"))


@st.fragment
def live_proposal(published: dict[str, float]) -> None:
    """Sliders rerun only this section: the tables and maps above stay as they are. The
    proposal is recomputed by the mart's own SQL in the snapshot (queries.proposal_whatif)
    over the whole province; the table shows the scope's bureaus. `published`: the
    parameters of the published proposal, read by the page run (a slider's rerun reuses
    them), so that a move reads the snapshot once."""
    c1, c2, c3, c4, c5 = st.columns(5)
    damping_pct = round(published["damping_bound"] * 100)
    damping = c2.slider(t("pl.damping"), 0, 30, damping_pct, key="damping")
    chosen = dict(published)
    # the published bound itself at its default, so the defaults reproduce the mart exactly
    if damping != damping_pct:
        chosen["damping_bound"] = damping / 100
    reached = dict(chosen)
    reachable = queries.proposal_whatif(scope, **reached)
    if reachable.is_empty():
        st.info(t("none"))
        return
    lo, hi = reachable["total_lower_bound"][0], reachable["total_upper_bound"][0]
    default_total = int(published["province_total"])
    chosen["province_total"] = c1.slider(
        t("pl.total"),
        lo,
        max(hi, lo + 1),
        min(max(default_total, lo), hi),
        format=fmt.COUNT_FORMAT,
        key="total",
    )
    for name, column in (
        ("w_population", c3),
        ("w_incidents", c3),
        ("w_workload", c4),
        ("w_current", c4),
    ):
        chosen[name] = column.slider(
            t(f"pl.{name}"), 0.0, 1.0, float(published[name]), 0.05, key=name
        )
    chosen["grassroots_weight"] = c5.slider(
        t("pl.tilt"), 0.0, 1.0, float(published["grassroots_weight"]), 0.05, key="tilt"
    )
    # the bounds came from these very parameters unless the total or a weight has moved
    live = reachable if chosen == reached else queries.proposal_whatif(scope, **chosen)
    st.caption(t("pl.proposal_note"))
    st.caption(
        t(
            "pl.sum_check",
            total=fmt.number(live["live_quota"].sum()),
            target=fmt.number(live["province_total"][0] if live.height else 0),
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


st.subheader(t("pl.proposal"))
proposal_parameters = queries.proposal_parameters(scope)
if proposal_parameters is None:
    st.info(t("none"))
else:
    live_proposal(proposal_parameters)
# the 用人额度申报表 of the published proposal (the sliders above do not change it)
document_buttons.offer(scope, "quota_request")
