"""薪酬对标: pay against the local average and minimum wage, by category and by level; the
cost of an adjustment."""

import streamlit as st
from lib import document_buttons, fmt, mapview, queries, tables, ui
from lib.i18n import t

scope = ui.view_scope()
st.header(t("page.salary"))

years = queries.salary_years(scope)
left, right = st.columns([3, 2])
with left:
    st.subheader(t("sa.benchmark"))
    if years:
        year = st.selectbox(t("year"), years, key="salary_year")
        tables.show(queries.salary_benchmark(scope, year), f"salary_benchmark_{year}")
    else:
        st.info(t("sa.benchmark_hidden"))
with right:
    mapview.render(
        scope, queries.pay_ratio_by_bureau(scope), t("col.ratio_to_local_avg"), percent=True
    )

if years:
    with st.container(key="salary_by_level"):
        st.subheader(t("sa.by_level", year=year))
        tables.show(queries.salary_by_level(scope, year), f"salary_by_level_{year}", height=320)
        if not scope.names:
            st.caption(t("sa.by_level_suppressed"))

st.subheader(t("sa.bureau"))
tables.show(queries.bureau_pay(scope), "bureau_pay")
if not scope.names:
    st.caption(t("suppressed"))


@st.fragment
def adjustment() -> None:
    """The slider reruns only this section: the tables and map above stay as they are. Each
    target's cost is a row of the mart salary_adjustment_cost (per person, in dbt)."""
    review_year, targets = queries.adjustment_targets(scope)
    st.subheader(t("sa.adjust", year=review_year or "—"))
    if not targets:
        st.info(t("none"))
        return
    c1, c2 = st.columns([2, 1])
    step = targets[1] - targets[0] if len(targets) > 1 else 1
    default = 60 if 60 in targets else targets[0]
    target = c1.slider(t("sa.target"), targets[0], targets[-1], default, step, key="target")
    cost = queries.adjustment_cost(scope, target)
    ui.metric(c2, t("sa.adjust_total"), fmt.wan(cost["adjustment_cost"].sum()))
    tables.show(cost.drop("year"), f"salary_adjustment_{target}")
    st.caption(t("sa.adjust_note"))
    blanked = cost["adjustment_cost"].is_null() & (cost["people_below_target"] > 0)
    if not scope.names and blanked.any():
        st.caption(t("sa.adjust_suppressed"))
    document_buttons.offer(scope, "salary_adjustment", target=target)


adjustment()
