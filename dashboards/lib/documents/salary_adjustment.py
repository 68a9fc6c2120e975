"""薪酬调整测算表 (第33条 薪酬标准参照当地社会平均收入水平、动态调整; 第34条 社会保险): per
bureau and pay target (a share of the local average wage) the people, those below the target,
the pay gap, the employer insurance on it and the adjustment cost, from the pay of the latest
closed year. The lines are the mart salary_adjustment_cost's (dbt, per person; amounts
blanked by the scoped reader where 1-4 people are below a target), one block per target. The
total is salary_adjustment_rollup's (prefecture or province: every bureau, the blanked ones
too) and the line "其余 N 个单位" before it the bureaus blanked together (the total less the
lines shown), unless the reader blanks the total as well; subtotals are plain sums of the
lines shown, and so is a county bureau's total, which the rollup has no level for."""

from __future__ import annotations

from collections.abc import Sequence

from lib import db
from lib.documents import common, layout
from lib.documents.text import tr
from lib.scope import Scope

KEY = "salary_adjustment"
DEFAULT_TARGETS = (60,)  # the salary page's default target
_SQL = f"""select * from (
    select s.bureau_code, d.bureau_name, d.tier as bureau_tier, d.prefecture_code, s.year,
        s.target_pct, s.target_ratio, s.local_avg_wage, s.target_annual_pay, s.people,
        s.people_below_target, s.pay_gap, s.employer_rate, s.employer_insurance,
        s.adjustment_cost
    from salary_adjustment_cost s
    join dim_bureau d on d.bureau_code = s.bureau_code
    where s.year = (select max(year) from salary_adjustment_cost)
        and list_contains($targets, s.target_pct))
order by target_pct, {common.LINE_ORDER}"""
_ROLLUP = """select scope_level, scope_code, target_pct, target_ratio, people,
    people_below_target, pay_gap, employer_insurance, adjustment_cost
from salary_adjustment_rollup
where year = $year and list_contains($targets, target_pct)"""
_SUMMED = ("people", "people_below_target", "pay_gap", "employer_insurance", "adjustment_cost")
_LEVELS = {"province": "province", "prefecture": "prefecture"}  # a county has no rollup row


def year(scope: Scope) -> int | None:
    # None: no line in this scope
    return db.read(scope, "select max(year) as y from salary_adjustment_cost")["y"][0]


def _rollup(scope: Scope, filing: common.Filing, year: int, targets: list[int]) -> dict[int, dict]:
    """target_pct -> the rollup row of the filer's level (none for a county bureau)."""
    level = _LEVELS.get(filing.tier)
    frame = db.read(scope, _ROLLUP, year=year, targets=targets)
    return {
        r["target_pct"]: r
        for r in frame.iter_rows(named=True)
        if (r["scope_level"], r["scope_code"]) == (level, filing.prefecture_code)
    }


def _block(
    block: list[dict], total: dict | None, names: dict[str, str], lang: str, label: str | None
) -> tuple[layout.Row, ...]:
    """One target's lines, subtotals and total: the rollup's `total` with the blanked lines
    together before it while its money is shown; plain sums of the lines without a rollup."""
    summed = common.summed(block, _SUMMED, {"target_ratio": block[0]["target_ratio"]})
    if total is None:
        return common.with_totals(block, summed, names, lang, False, label)
    figures = {k: total[k] for k in (*_SUMMED, "target_ratio")}
    blanked = [line for line in block if line["adjustment_cost"] is None]
    residual: tuple[layout.Row, ...] = ()
    if blanked and total["adjustment_cost"] is not None:
        shown = [line for line in block if line["adjustment_cost"] is not None]
        merged = {k: total[k] - sum(line[k] for line in shown) for k in _SUMMED}
        merged |= {
            "bureau": tr("sa.residual_line", lang, n=len(blanked)),
            "target_ratio": total["target_ratio"],
        }
        residual = (layout.Row(merged, "subtotal"),)
    return common.with_totals(
        block,
        lambda prefecture, _: summed(prefecture, None) if prefecture else figures,
        names,
        lang,
        False,
        label,
        residual,
    )


def _notes(lines: list[dict], totals: dict[int, dict], tier: str, lang: str) -> list[str]:
    first = lines[0]
    notes = [tr("sa.note", lang, year=first["year"], rate=f"{first['employer_rate']:.2%}")]
    blanked = {line["target_pct"] for line in lines if line["adjustment_cost"] is None}
    if not blanked:
        return notes
    notes.append(tr("sa.blanked", lang))
    if not totals:
        return [*notes, tr("sa.left_out", lang)]
    withheld = sorted(pct for pct in blanked if totals[pct]["adjustment_cost"] is None)
    if len(withheld) < len(blanked):
        notes.append(tr("sa.residual", lang))
    if withheld:
        # the province's users read every prefecture's total too
        also = tr("sa.also_prefectures", lang) if tier == "province" else ""
        pcts = "、".join(f"{p}%" for p in withheld)
        notes.append(tr("sa.total_blanked", lang, pcts=pcts, also=also))
    return notes


def sheet(scope: Scope, lang: str, targets: Sequence[int] = DEFAULT_TARGETS) -> layout.Sheet:
    frame = db.read(scope, _SQL, targets=[int(t) for t in targets])
    missing = set(targets) - set(frame["target_pct"].to_list())
    if frame.is_empty() or missing:
        raise ValueError(f"targets {sorted(missing) or list(targets)} are not in the mart's grid")
    lines = [{**r, "bureau": r["bureau_name"]} for r in frame.iter_rows(named=True)]
    first = lines[0]
    filing = common.filing(scope)
    totals = _rollup(scope, filing, first["year"], [int(t) for t in targets])
    names = common.prefecture_names(scope)
    rows: list[layout.Row] = []
    for pct in targets:
        label = tr("sa.subtotal", lang, pct=pct) if len(targets) > 1 else None
        block = [line for line in lines if line["target_pct"] == pct]
        rows += _block(block, totals.get(pct), names, lang, label)
    columns = (
        layout.Column("bureau", tr("bureau", lang)),
        layout.Column("target_ratio", tr("sa.target", lang), "percent"),
        layout.Column("local_avg_wage", tr("sa.local_wage", lang), "money"),
        layout.Column("target_annual_pay", tr("sa.target_pay", lang), "money"),
        layout.Column("people", tr("sa.people", lang), "people"),
        layout.Column("people_below_target", tr("sa.below", lang), "people"),
        layout.Column("pay_gap", tr("sa.gap", lang), "money"),
        layout.Column("employer_insurance", tr("sa.insurance", lang), "money"),
        layout.Column("adjustment_cost", tr("sa.cost", lang), "money"),
    )
    return layout.Sheet(
        name=tr("sa.name", lang),
        title=tr("sa.title", lang, year=first["year"]),
        filer=tr("filer", lang, name=filing.bureau_name),
        year=tr("year", lang, year=first["year"]),
        as_of=common.as_of(scope, lang),
        units=tr("units", lang, units=tr("people_money", lang)),
        columns=columns,
        rows=tuple(rows),
        notes=tuple(_notes(lines, totals, filing.tier, lang)),
        articles=common.articles(scope, KEY, lang),
    )


def suffix(lang: str, targets: Sequence[int] = DEFAULT_TARGETS) -> str:
    """The targets in the file name (目标60%)."""
    pcts = "-".join(f"{int(t)}%" for t in targets)
    return f"目标{pcts}" if lang == "zh" else f"target_{pcts}"
