"""Download buttons for the approval documents (lib/documents) on the page a planner is on:
the 报批材料 section of 人员预测与招聘计划 offers all four, 额度与编配 its 用人额度申报表,
经费预算 its 经费预算表 and 薪酬对标 its 薪酬调整测算表."""

from __future__ import annotations

import streamlit as st

from lib.documents import DOCUMENTS
from lib.i18n import lang, t
from lib.scope import Scope

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def offer(scope: Scope, *keys: str, basis: str | None = None, target: int | None = None) -> None:
    """One button per document of `keys` (all four when none), side by side; the
    recruitment plan on quota `basis` and the salary estimate at `target` % when given."""
    language = lang()
    chosen = keys or tuple(DOCUMENTS)
    # a narrowed area may hold no line of a document: no button for it
    years = {key: DOCUMENTS[key].year(scope) for key in chosen}
    offered = [key for key in chosen if years[key] is not None]
    for column, key in zip(st.columns(max(len(chosen), 4)), offered, strict=False):
        doc = DOCUMENTS[key]
        options: dict[str, object] = {}
        if key == "recruitment_plan" and basis:
            options["basis"] = basis
        if key == "salary_adjustment" and target is not None:
            options["targets"] = (target,)
        column.download_button(
            t("rc.download", title=doc.title(language)),
            # built when clicked, outside this script run, with the scope of this run
            data=lambda doc=doc, options=options: doc.download(scope, language, **options),
            file_name=doc.file_name(scope, language, years[key], **options),
            mime=_XLSX,
            key=f"document_{key}",
            on_click="ignore",
        )
