"""数据质量: who has delivered which month, a return workbook (回执) per file, freshness of
each source, check results, the load log and the rows held back; each bureau sees its own
files (lib/db.py)."""

import polars as pl
import streamlit as st
from lib import fmt, quality, queries, receipt, tables, ui
from lib.i18n import col, lang, t, value

_STATUS_COLOURS = {
    "ds.delivered": "background-color: #E2EFDA",
    "ds.missing": "background-color: #F8CBAD",
    "ds.rejected": "background-color: #FFE699",
}

scope = ui.view_scope()
lang_ = lang()
st.header(t("page.quality"))

meta = queries.publish_meta(scope)
if not meta.is_empty():
    st.caption(t("dq.meta", run=meta["run_id"][0], at=fmt.timestamp(meta["published_at"][0])))

st.subheader(t("dq.delivery"))
sources = queries.delivery_sources(scope)
if not sources:
    st.info(t("none"))
else:
    default = sources.index("roster") if "roster" in sources else 0
    source = ui.translated(
        st.selectbox,
        t("dq.delivery_source"),
        sources,
        index=default,
        format_func=value,
        key="dq_source",
    )
    long = queries.delivery_status(scope, source)
    latest = long["month"].max()
    missing = long.filter((pl.col("month") == latest) & (pl.col("status") != "delivered"))
    names = dict(source=value(source), month=fmt.month(latest))
    if missing.is_empty():
        st.success(t("dq.delivery_all", **names))
    else:
        bureaus = "、".join(missing["bureau_name"].to_list())
        st.warning(t("dq.delivery_missing", bureaus=bureaus, **names))
    grid = quality.delivery_grid(long, lang_).rename(
        {"bureau_name": col("bureau_name"), "bureau_code": col("bureau_code")}
    )
    colours = {t(key): css for key, css in _STATUS_COLOURS.items()}
    st.dataframe(
        grid.to_pandas().style.map(lambda v: colours.get(v, "")),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("dq.delivery_note", month=fmt.month(latest)))

st.subheader(t("dq.receipt"))
files = queries.receipt_files(scope)
if files.is_empty():
    st.info(t("none"))
else:
    # the first file with something to send back, else the newest
    flagged = files.with_row_index().filter(
        (pl.col("rows_quarantined") > 0) | (pl.col("status") == "rejected")
    )
    picked = ui.translated(
        st.selectbox,
        t("dq.receipt_file"),
        range(files.height),
        index=flagged["index"][0] if not flagged.is_empty() else 0,
        format_func=lambda i: t(
            "dq.receipt_label",
            file=files["file"][i],
            status=value(files["status"][i]),
            held=fmt.number(files["rows_quarantined"][i]),
        ),
        key="dq_receipt",
    )
    chosen = files.row(picked, named=True)
    st.download_button(
        t("dq.receipt_download"),
        # built, and logged in the access log like a table export, only when downloaded
        data=lambda: receipt.download(scope, chosen, lang_),
        file_name=receipt.file_name(chosen["file"]),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="receipt_xlsx",
        on_click="ignore",
    )

st.subheader(t("dq.freshness"))
tables.show(queries.freshness(scope), "source_freshness")

st.subheader(t("dq.checks"))
checks = queries.check_results(scope)
failed = checks.filter(~checks["passed"]).height
if failed:
    st.warning(t("dq.checks_failed", n=fmt.number(failed)))
if checks.is_empty():
    st.info(t("none"))
else:
    result = pl.when("passed").then(pl.lit(t("dq.passed"))).otherwise(pl.lit(t("dq.failed")))
    worded = quality.with_labels(checks, lang_).with_columns(result.alias("passed"))
    tables.show(worded, "check_results")

st.subheader(t("dq.load_log"))
tables.show(queries.load_log(scope), "load_log", height=300)

st.subheader(t("dq.quarantine"))
tables.show(quality.with_labels(queries.quarantine(scope, lang_), lang_), "quarantine", height=300)
