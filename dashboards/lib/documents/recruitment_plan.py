"""招聘计划表 (第10条 在用人额度内提出招聘计划; 第13条 文化程度; 第6条 倾斜基层; 第27条 岗前培训):
per bureau x category the quota cap, the hires planned in each quarter and the year, what goes
to next year's plan, why, and who may apply. The lines are the mart recruitment_plan's, the
totals and subtotals the rollup's (recruitment_plan_rollup: prefecture and province); a county
bureau's document, which the rollup has no level for, sums its own lines."""

from __future__ import annotations

from collections.abc import Mapping

from lib import db
from lib.documents import common, layout
from lib.documents.text import tr
from lib.i18n import value
from lib.scope import Scope

KEY = "recruitment_plan"
BASES = ("approved", "proposed")
_QUARTERS = (1, 2, 3, 4)
_QUARTER_NAMES = {"zh": "一二三四", "en": ("Q1", "Q2", "Q3", "Q4")}
_LINES = f"""select plan_year, quota_basis, quarter, bureau_code, category, bureau_name,
    bureau_tier, prefecture_code, quota_year, quota_carried_forward, cap_quota, planned_hires,
    deferred_out, cap_reason, cap_reason_en, education_requirement, education_requirement_en
from recruitment_plan
where plan_year = (select max(plan_year) from recruitment_plan) and quota_basis = $basis
order by {common.LINE_ORDER}, category, quarter"""
_ROLLUP = """select scope_level, scope_code, category, quarter, cap_quota, planned_hires, unmet
from recruitment_plan_rollup
where plan_year = $year and quota_basis = $basis"""
_MEASURES = ("cap_quota", "q1", "q2", "q3", "q4", "planned_year", "unmet")


def year(scope: Scope) -> int | None:
    # None: no line in this scope
    return db.read(scope, "select max(plan_year) as y from recruitment_plan")["y"][0]


def _quarter(q: int, lang: str) -> str:
    return _QUARTER_NAMES[lang][q - 1]


def _reason(quarters: list[dict], lang: str) -> str:
    """The quarters' reasons, each once, with the quarters it applies to (一、二季度：…)."""
    text = "cap_reason" if lang == "zh" else "cap_reason_en"
    by_reason: dict[str, list[int]] = {}
    for q in quarters:
        by_reason.setdefault(q[text], []).append(q["quarter"])
    if len(by_reason) == 1:
        return next(iter(by_reason))
    sep, join = ("；", "、") if lang == "zh" else ("; ", ", ")
    return sep.join(
        tr("rp.quarters", lang, quarters=join.join(_quarter(q, lang) for q in qs), reason=r)
        for r, qs in by_reason.items()
    )


def _lines(frame: list[dict], lang: str) -> list[dict]:
    """One line per bureau x category from its four quarters."""
    lines: dict[tuple[str, str], list[dict]] = {}
    for r in frame:
        lines.setdefault((r["bureau_code"], r["category"]), []).append(r)
    out = []
    for quarters in lines.values():
        first, by_q = quarters[0], {q["quarter"]: q for q in quarters}
        planned = {f"q{q}": by_q[q]["planned_hires"] if q in by_q else None for q in _QUARTERS}
        carried = next((q["quota_year"] for q in quarters if q["quota_carried_forward"]), None)
        education = "education_requirement" if lang == "zh" else "education_requirement_en"
        out.append(
            {
                "bureau_code": first["bureau_code"],
                "prefecture_code": first["prefecture_code"],
                "category": first["category"],
                "bureau": first["bureau_name"],
                "category_label": value(first["category"], lang),
                "cap_quota": max(q["cap_quota"] for q in quarters),
                **planned,
                "planned_year": sum(v for v in planned.values() if v is not None),
                "unmet": by_q[4]["deferred_out"] if 4 in by_q else None,
                "reason": _reason(quarters, lang),
                "carried_from": carried,
                "education": first[education],
            }
        )
    return out


def _rollup_totals(
    scope: Scope, plan_year: int, basis: str, filing: common.Filing, lines: list[dict]
) -> common.Totals:
    """Totals from the rollup: a prefecture's subtotal from its prefecture row, the document's
    total from the filer's level; plain sums where the rollup has no row (a county)."""
    rollup = db.read(scope, _ROLLUP, year=plan_year, basis=basis)
    cells: dict[tuple[str, str, str, int], dict] = {
        (r["scope_level"], r["scope_code"], r["category"], r["quarter"]): r
        for r in rollup.iter_rows(named=True)
    }
    own = {"province": "province", "prefecture": "prefecture"}.get(filing.tier)
    fallback = common.summed(lines, _MEASURES)

    def totals(prefecture: str | None, category: str | None) -> Mapping[str, object]:
        level = "prefecture" if prefecture else own
        code = prefecture or filing.prefecture_code
        cat = category or "all"
        year_row = cells.get((level or "", code, cat, 0))
        if year_row is None:
            return fallback(prefecture, category)
        return {
            "cap_quota": year_row["cap_quota"],
            **{f"q{q}": cells[(level, code, cat, q)]["planned_hires"] for q in _QUARTERS},
            "planned_year": year_row["planned_hires"],
            "unmet": year_row["unmet"],
        }

    return totals


def sheet(scope: Scope, lang: str, basis: str = "approved") -> layout.Sheet:
    if basis not in BASES:
        raise ValueError(f"quota basis {basis!r} is not one of {BASES}")
    frame = list(db.read(scope, _LINES, basis=basis).iter_rows(named=True))
    if not frame:
        raise ValueError("no recruitment plan in this scope")
    plan_year = frame[0]["plan_year"]
    lines = _lines(frame, lang)
    notes = [tr("rp.note_plan", lang)]
    carried = {line["carried_from"] for line in lines} - {None}
    if carried:
        years = ("、" if lang == "zh" else ", ").join(map(str, sorted(carried)))
        notes.append(tr("rp.note_carried", lang, year=plan_year, years=years))
    if len(carried) > 1 or (carried and any(line["carried_from"] is None for line in lines)):
        for line in lines:  # not every line: say which ones
            if line["carried_from"] is not None:
                line["reason"] = tr("rp.carried", lang, year=line["carried_from"]) + line["reason"]
    filing = common.filing(scope)
    totals = _rollup_totals(scope, plan_year, basis, filing, lines)
    columns = (
        layout.Column("bureau", tr("bureau", lang)),
        layout.Column("category_label", tr("category", lang), max_width=8),
        layout.Column("cap_quota", tr("rp.cap", lang), "people"),
        *(
            layout.Column(f"q{q}", tr("rp.q", lang, q=_quarter(q, lang)), "people")
            for q in _QUARTERS
        ),
        layout.Column("planned_year", tr("rp.year_total", lang), "people"),
        layout.Column("unmet", tr("rp.unmet", lang), "people"),
        layout.Column("reason", tr("rp.reason", lang), max_width=36),
        layout.Column("education", tr("rp.education", lang), max_width=14),
    )
    return layout.Sheet(
        name=tr("rp.name", lang),
        title=tr("rp.title", lang, year=plan_year),
        subtitle=tr("rp.basis", lang, basis=tr(f"rp.basis.{basis}", lang)),
        filer=tr("filer", lang, name=filing.bureau_name),
        year=tr("year", lang, year=plan_year),
        as_of=common.as_of(scope, lang),
        units=tr("units", lang, units=tr("people", lang)),
        columns=columns,
        rows=common.with_totals(lines, totals, common.prefecture_names(scope), lang, True),
        notes=tuple(notes),
        articles=common.articles(scope, KEY, lang),
    )


def suffix(lang: str, basis: str = "approved") -> str:
    """The quota basis in the file name (both may be downloaded side by side)."""
    return {"approved": "核定额度", "proposed": "建议额度"}[basis] if lang == "zh" else basis
