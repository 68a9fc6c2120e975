"""经费预算表 (第5条 所需经费列入本级财政预算, 第7条 经费保障, 第34条 社会保险): per bureau the
planned headcount and next year's pay, employer insurance, accident insurance, other costs,
total and cost per head, with the assumptions they rest on. Every figure is the mart
budget_projection's (dbt; amounts of a bureau of 1-4 people blanked by the scoped reader);
the totals are plain sums of the lines shown."""

from __future__ import annotations

from lib import db
from lib.documents import common, layout
from lib.documents.text import tr
from lib.i18n import value
from lib.scope import Scope

KEY = "budget"
_SQL = f"""select * from (
    select b.bureau_code, d.bureau_name, d.tier as bureau_tier, d.prefecture_code, b.year,
        b.base_year, b.funding_level, b.planned_headcount, b.base_monthly_gross, b.pay_cost,
        b.employer_insurance, b.accident_premium, b.other_cost, b.total_cost,
        b.cost_per_head, b.salary_growth, b.employer_rate, b.base_floor, b.base_ceiling,
        b.rates_year, b.accident_premium_per_head, b.other_cost_per_head
    from budget_projection b
    join dim_bureau d on d.bureau_code = b.bureau_code
    where b.year = (select max(year) from budget_projection))
order by {common.LINE_ORDER}"""
_SUMMED = (
    "planned_headcount",
    "pay_cost",
    "employer_insurance",
    "accident_premium",
    "other_cost",
    "total_cost",
)
_MONEY = (*_SUMMED[1:], "base_monthly_gross", "cost_per_head")


def year(scope: Scope) -> int | None:
    # None: no line in this scope
    return db.read(scope, "select max(year) as y from budget_projection")["y"][0]


def _assumptions(first: dict, lang: str) -> str:
    return tr(
        "bp.note_assumptions",
        lang,
        growth=f"{first['salary_growth']:.1%}",
        rate=f"{first['employer_rate']:.2%}",
        floor=f"{first['base_floor']:,.2f}",
        ceiling=f"{first['base_ceiling']:,.2f}",
        rates_year=first["rates_year"],
        accident=f"{first['accident_premium_per_head']:,.2f}",
        other=f"{first['other_cost_per_head']:,.2f}",
    )


def sheet(scope: Scope, lang: str) -> layout.Sheet:
    frame = db.read(scope, _SQL)
    if frame.is_empty():
        raise ValueError("no budget projection in this scope")
    lines = [
        {**r, "bureau": r["bureau_name"], "level": value(r["funding_level"], lang)}
        for r in frame.iter_rows(named=True)
    ]
    first = lines[0]
    notes = [_assumptions(first, lang)]
    if any(line[k] is None for line in lines for k in _MONEY):
        notes.append(tr("bp.blanked", lang))
    money = ("base_monthly_gross", "pay_cost", "employer_insurance", "accident_premium")
    columns = (
        layout.Column("bureau", tr("bureau", lang)),
        layout.Column("level", tr("bp.level", lang), max_width=14),
        layout.Column("planned_headcount", tr("bp.planned", lang), "people"),
        *(
            layout.Column(k, tr(f"bp.{label}", lang), "money")
            for k, label in zip(money, ("monthly", "pay", "insurance", "accident"), strict=True)
        ),
        layout.Column("other_cost", tr("bp.other", lang), "money"),
        layout.Column("total_cost", tr("bp.total", lang), "money"),
        layout.Column("cost_per_head", tr("bp.per_head", lang), "money"),
    )
    rows = common.with_totals(
        lines, common.summed(lines, _SUMMED), common.prefecture_names(scope), lang, False
    )
    return layout.Sheet(
        name=tr("bp.name", lang),
        title=tr("bp.title", lang, year=first["year"]),
        filer=tr("filer", lang, name=common.filing(scope).bureau_name),
        year=tr("year", lang, year=first["year"]),
        as_of=common.as_of(scope, lang),
        units=tr("units", lang, units=tr("people_money", lang)),
        columns=columns,
        rows=rows,
        notes=tuple(notes),
        articles=common.articles(scope, KEY, lang),
    )
