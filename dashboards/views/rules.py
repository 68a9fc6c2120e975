"""规则与条例: the rule catalogue (what fires each of the 18 rules, thresholds, severity) with
the text of the article of the regulation each rule enforces."""

import polars as pl
import streamlit as st
from lib import findings, tables, ui
from lib.i18n import lang, t

scope = ui.view_scope()
st.header(t("page.rules"))
st.caption(t("ru.intro"))

catalog = findings.catalog(scope)
zh = lang() == "zh"
shown = catalog.select(
    pl.col("title_zh" if zh else "title_en").alias("title"),
    pl.col("article"),
    pl.col("severity"),
    pl.col("fires_zh" if zh else "fires_en").alias("fires"),
    pl.col("threshold_zh" if zh else "threshold_en").alias("threshold"),
    pl.col("rule_id"),
)
tables.show(shown, "compliance_rule_catalog", height=36 * (shown.height + 1) + 3)

st.subheader(t("ru.articles"))
for article in catalog.unique("article_no", maintain_order=True).iter_rows(named=True):
    rules = catalog.filter(pl.col("article_no") == article["article_no"])
    names = "、".join(rules["title_zh" if zh else "title_en"].to_list())
    heading = article["article_heading"] or article["article"]
    with st.expander(f"{heading} · {names}"):
        st.markdown((article["article_text"] or "").replace("\n", "\n\n"))
