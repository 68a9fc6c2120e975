"""用人额度申报表 (第6条): per bureau x category the approved quota and headcount of the base year,
the need, the bureau's own request, the proposed quota, the change and why. Every figure and
the reason are the mart quota_request's (dbt); the totals are plain sums of the lines."""

from __future__ import annotations

from lib import db
from lib.documents import common, layout
from lib.documents.text import tr
from lib.i18n import value
from lib.scope import Scope

KEY = "quota_request"
_SQL = f"""select bureau_code, bureau_name, bureau_tier, prefecture_code, category, year,
    base_year, need_year, current_quota, headcount, required_fte, requested_quota,
    proposed_quota, change, damping_bound, reason, reason_en
from quota_request
where year = (select max(year) from quota_request)
order by {common.LINE_ORDER}, category"""
_MEASURES = (
    "current_quota",
    "headcount",
    "required_fte",
    "requested_quota",
    "proposed_quota",
    "change",
)


def year(scope: Scope) -> int | None:
    # None: no line in this scope
    return db.read(scope, "select max(year) as y from quota_request")["y"][0]


def sheet(scope: Scope, lang: str) -> layout.Sheet:
    frame = db.read(scope, _SQL)
    if frame.is_empty():
        raise ValueError("no quota request in this scope")
    lines = [
        {
            **r,
            "bureau": r["bureau_name"],
            "category_label": value(r["category"], lang),
            "reason": r["reason"] if lang == "zh" else r["reason_en"],
        }
        for r in frame.iter_rows(named=True)
    ]
    first = lines[0]
    notes = [
        tr(
            "qr.note_base",
            lang,
            base=first["base_year"],
            need=first["need_year"],
            bound=round(first["damping_bound"] * 100),
        )
    ]
    if any(line["requested_quota"] is None for line in lines):
        notes.append(tr("qr.note_unfiled", lang, year=first["year"]))
    columns = (
        layout.Column("bureau", tr("bureau", lang)),
        layout.Column("category_label", tr("category", lang), max_width=8),
        layout.Column("current_quota", tr("qr.current", lang), "people"),
        layout.Column("headcount", tr("qr.headcount", lang), "people"),
        layout.Column("required_fte", tr("qr.required", lang), "decimal"),
        layout.Column("requested_quota", tr("qr.requested", lang), "people"),
        layout.Column("proposed_quota", tr("qr.proposed", lang), "people"),
        layout.Column("change", tr("qr.change", lang), "people"),
        layout.Column("reason", tr("qr.reason", lang), max_width=40),
    )
    filer = common.filing(scope)
    rows = common.with_totals(
        lines, common.summed(lines, _MEASURES), common.prefecture_names(scope), lang, True
    )
    return layout.Sheet(
        name=tr("qr.name", lang),
        title=tr("qr.title", lang, year=first["year"]),
        filer=tr("filer", lang, name=filer.bureau_name),
        year=tr("year", lang, year=first["year"]),
        as_of=common.as_of(scope, lang),
        units=tr("units", lang, units=tr("people", lang)),
        columns=columns,
        rows=rows,
        notes=tuple(notes),
        articles=common.articles(scope, KEY, lang),
    )
