"""薪酬对标: pay against the local average and minimum wage; the cost of an adjustment."""

import streamlit as st
from lib import fmt, mapview, queries, tables, ui
from lib.i18n import t

scope = ui.view_scope()
st.header(t("page.salary"))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("sa.benchmark"))
    years = queries.salary_years(scope)
    if years:
        year = st.selectbox(t("year"), years, key="salary_year")
        tables.show(queries.salary_benchmark(scope, year), f"salary_benchmark_{year}")
    else:
        st.info(t("sa.benchmark_hidden"))
with right:
    mapview.render(
        scope, queries.pay_ratio_by_bureau(scope), t("col.ratio_to_local_avg"), percent=True
    )

st.subheader(t("sa.bureau"))
tables.show(queries.bureau_pay(scope), "bureau_pay")
if not scope.names:
    st.caption(t("suppressed"))

st.subheader(t("sa.adjust"))
c1, c2 = st.columns([2, 1])
target = c1.slider(t("sa.target"), 40, 150, 60, 5, key="target") / 100
cost = queries.adjustment_cost(scope, target)
ui.metric(c2, t("sa.adjust_total"), fmt.wan(cost["adjustment_cost"].sum()))
tables.show(cost, f"salary_adjustment_{round(target * 100)}")
