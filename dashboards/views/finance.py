"""经费预算: monthly cost by bureau and funding level; next year's budget under inputs."""

import polars as pl
import streamlit as st
from lib import charts, document_buttons, fmt, mapview, queries, tables, ui
from lib.i18n import t

scope = ui.view_scope()
st.header(t("page.finance"))

months = queries.cost_months(scope)
if not months:
    st.info(t("none"))
    st.stop()

left, right = st.columns([3, 2])
with left:
    st.subheader(t("fi.monthly"))
    st.plotly_chart(
        charts.stacked_by(
            queries.cost_by_funding_level(scope), "month", "funding_level", "total_cost"
        ),
        width="stretch",
    )
with right:
    mapview.render(scope, queries.cost_12m_by_bureau(scope), t("ov.cost_12m", v="").rstrip("：: "))

st.subheader(t("fi.by_bureau"))
month = ui.translated(st.selectbox, t("month"), months, format_func=fmt.month, key="finance_month")
tables.show(queries.cost_by_bureau(scope, month), f"workforce_cost_{month:%Y%m}")
if not scope.names:
    st.caption(t("suppressed"))

st.subheader(t("fi.budget"))
growth0, rate0 = queries.budget_defaults(scope)
c1, c2, c3 = st.columns(3)
growth_pct = c1.number_input(
    t("fi.growth"), -10.0, 30.0, round(growth0 * 100, 2), 0.5, key="growth"
)
rate_pct = c2.number_input(t("fi.rate"), 0.0, 60.0, round(rate0 * 100, 2), 0.5, key="rate")
# the published assumptions themselves at the defaults, so the defaults reproduce the mart
growth = growth0 if growth_pct == round(growth0 * 100, 2) else growth_pct / 100
rate = rate0 if rate_pct == round(rate0 * 100, 2) else rate_pct / 100
budget = queries.budget_projection(scope, growth, rate)
ui.metric(
    c3,
    t("fi.budget_total"),
    fmt.wan(budget["total_cost"].sum()),
    help=t("fi.budget_published", v=fmt.wan(budget["published_total"].sum())),
)
tables.show(budget, "budget_projection")
document_buttons.offer(scope, "budget")
st.markdown(f"**{t('fi.by_level')}**")
tables.show(
    budget.group_by("funding_level", maintain_order=True).agg(
        pl.col(
            "planned_headcount",
            "pay_cost",
            "employer_insurance",
            "accident_premium",
            "other_cost",
            "total_cost",
        ).sum()
    ),
    "budget_by_funding_level",
)
