"""全国概览 (the ministry): every province's figures of a year side by side, read from
province_summary, which the national summary snapshot holds for every province (a province's
snapshot holds its own row only)."""

import streamlit as st
from lib import charts, fmt, queries, tables, ui
from lib.i18n import t

scope = ui.view_scope()
st.header(t("page.national"))

years = queries.summary_years(scope)
if not years:
    st.info(t("none"))
    st.stop()
year = st.selectbox(t("year"), years, key="national_year")
rows = queries.province_summary(scope, year)

# counts over the provinces shown; the ratios stay per province (province_summary)
tiles = st.columns(4)
ui.metric(tiles[0], t("na.provinces"), fmt.count(rows.height, "个"))
ui.metric(tiles[1], t("na.quota"), fmt.count(rows["approved_quota"].sum()))
ui.metric(tiles[2], t("na.headcount"), fmt.count(rows["headcount"].sum()))
ui.metric(tiles[3], t("na.findings"), fmt.count(rows["findings"].sum(), "条"))

st.subheader(t("na.utilization"))
st.plotly_chart(charts.hbars(rows, "province_name", "utilization", percent=True), width="stretch")
st.subheader(t("na.table"))
tables.show(rows, f"province_summary_{year}")
st.caption(t("na.note"))
