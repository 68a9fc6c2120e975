"""人员预测与招聘计划 (第十条 在用人额度内提出招聘计划; 第六条 倾斜基层; 第十三条 学历条件):
the workforce expected in 12 and 24 months without new recruitment, the separation rates it
rests on and how well it did on the past (backtest), the recruitment plan by quarter within
the approved or the proposed quota, and the approval documents (报批材料) to hand in. Every
figure comes from a mart; the page picks, formats and offers downloads."""

import streamlit as st
from lib import charts, document_buttons, fmt, recruitment, tables, ui
from lib.i18n import lang, t

scope = ui.view_scope()
st.header(t("page.recruitment"))

as_of = recruitment.as_of(scope)
with st.container(key="forecast"):
    if as_of is None:  # fewer roster months than the rates need (docs/workforce-forecast.md)
        st.info(t("none"))
    else:
        st.subheader(t("rc.forecast", month=fmt.month(as_of)))
        st.plotly_chart(
            charts.forecast(recruitment.forecast_by_month(scope)),
            width="stretch",
            key="forecast_chart",
        )
        st.caption(t("rc.forecast_note"))
        tables.show(recruitment.forecast_by_bureau(scope), f"workforce_forecast_{as_of:%Y%m}")

with st.container(key="backtest"):
    st.subheader(t("rc.backtest"))
    accuracy = recruitment.accuracy(scope)
    if accuracy.is_empty():
        st.info(t("rc.no_backtest"))
    else:
        tiles = st.columns(len(accuracy))
        for tile, row in zip(tiles, accuracy.iter_rows(named=True), strict=True):
            ui.metric(
                tile,
                t("rc.accuracy", category=t(f"rc.cat_{row['category']}")),
                f"{fmt.pct(row['mape'])} / {fmt.signed_pct(row['bias_pct']) or fmt.DASH}",
            )
        st.caption(t("rc.backtest_note", origins=int(accuracy["origins"].max())))
        tables.show(recruitment.backtest(scope), "workforce_forecast_backtest")
    with st.expander(t("rc.rates")):
        tables.show(recruitment.separation_rates(scope), "workforce_separation_rates")

with st.container(key="plan"):
    year = recruitment.plan_year(scope)
    st.subheader(t("rc.plan", year=year or fmt.DASH))
    basis = ui.translated(
        st.radio,
        t("rc.basis"),
        recruitment.BASES,
        format_func=lambda b: t(f"rc.basis_{b}"),
        horizontal=True,
        key="plan_basis",
    )
    lines = recruitment.plan_lines(scope, basis, lang())
    if lines.is_empty():
        st.info(t("none"))
    else:
        st.caption(t("rc.plan_note"))
        tables.show(lines, f"recruitment_plan_{year}_{basis}")
        totals = recruitment.plan_totals(scope, basis)
        if not totals.is_empty():  # a county scope holds no prefecture or province total
            tables.show(totals, f"recruitment_plan_totals_{year}")

with st.container(key="documents"):
    st.subheader(t("rc.documents"))
    st.caption(t("rc.documents_note"))
    document_buttons.offer(scope, basis=basis)
