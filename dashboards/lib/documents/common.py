"""What every approval document reads besides its own lines, all through the scoped reader:
who files it (the approving level of the scope), the data's as-of, the bureaus in the order
lines are printed, and the articles it relies on (quoted from the published regulation)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import polars as pl

from lib import db
from lib.documents import layout
from lib.documents.text import ARTICLES, tr
from lib.i18n import value
from lib.scope import Scope

# lines: a prefecture's bureaus together, the province and prefecture bureau before counties
LINE_ORDER = """prefecture_code, case bureau_tier when 'province' then 0 when 'prefecture' then 1
    else 2 end, bureau_code"""
_CLAUSE = re.compile(r"[^。；\n]*[。；]?")


class Filing(NamedTuple):
    """The approving level a document is filed by: the one bureau of the scope whose parent is
    outside it (the province bureau for province-wide roles, a prefecture bureau for its
    prefecture, a county bureau for itself)."""

    bureau_code: str
    bureau_name: str
    admin_code: str
    tier: str
    prefecture_code: str


def filing(scope: Scope) -> Filing:
    bureaus = db.read(
        scope,
        "select bureau_code, bureau_name, admin_code, tier, prefecture_code, parent_bureau_code "
        "from dim_bureau",
    )
    inside = bureaus["bureau_code"].to_list()
    roots = bureaus.filter(
        pl.col("parent_bureau_code").is_null() | ~pl.col("parent_bureau_code").is_in(inside)
    )
    if roots.height != 1:
        raise ValueError(
            f"a document is filed by one approving level; this scope has {roots.height}: "
            f"{roots['bureau_name'].to_list()}"
        )
    row = roots.row(0, named=True)
    return Filing(**{field: row[field] for field in Filing._fields})


def as_of(scope: Scope, lang: str) -> str:
    """数据截至: the latest roster month of the scope and when the snapshot was published."""
    month = db.read(scope, "select max(headcount_month) as m from quota_utilization")["m"][0]
    published = db.read(scope, "select max(published_at) as p from publish_meta")["p"][0]
    if month is None:
        shown = "—"
    else:
        shown = f"{month.year}年{month.month}月" if lang == "zh" else f"{month:%b %Y}"
    return tr("as_of", lang, month=shown, published=f"{published:%Y-%m-%d %H:%M}")


def prefecture_names(scope: Scope) -> dict[str, str]:
    """prefecture_code -> its prefecture bureau's name (昆明市公安局), for subtotal rows."""
    names = db.read(
        scope,
        "select prefecture_code, bureau_name from dim_bureau "
        "where tier in ('prefecture', 'province')",
    )
    return dict(names.iter_rows())


def _clause(text: str, phrase: str) -> tuple[str, bool]:
    """The clause of `text` holding `phrase` (between 。 or ； or a paragraph break), and
    whether it opens the article."""
    clauses = [c.strip() for c in _CLAUSE.findall(text) if c.strip()]
    for i, clause in enumerate(clauses):
        if phrase in clause:
            return clause, i == 0
    raise ValueError(f"the regulation's text no longer holds {phrase!r}")


def articles(scope: Scope, document: str, lang: str) -> tuple[str, ...]:
    """第N条 and the clauses quoted, one paragraph per article, from ref_regulation_articles
    (the regulation as published in the snapshot, dbt/seeds)."""
    quoted = ARTICLES[document]
    numbers = sorted({n for n, _ in quoted})
    texts = db.read(
        scope,
        "select article_no, article, text from ref_regulation_articles "
        "where list_contains($numbers, article_no)",
        numbers=numbers,
    )
    by_number = {r["article_no"]: r for r in texts.iter_rows(named=True)}
    out = []
    for n in numbers:
        row = by_number[n]
        parts = []
        for number, phrase in quoted:
            if number == n:
                clause, opening = _clause(row["text"], phrase)
                parts.append(clause if opening and not parts else f"……{clause}")
        heading = row["article"] if lang == "zh" else f"Art. {n}"
        out.append(f"{heading}　{''.join(parts)}")
    return tuple(out)


# (prefecture_code or None for the whole document, category or None for both) -> the figures
Totals = Callable[[str | None, str | None], Mapping[str, object]]


def summed(
    lines: Sequence[Mapping[str, object]],
    keys: Sequence[str],
    fixed: Mapping[str, object] | None = None,
) -> Totals:
    """Totals as plain sums of the lines shown (for documents without a rollup mart), with
    `fixed` values beside them (what every line of the block shares)."""

    def totals(prefecture: str | None, category: str | None) -> Mapping[str, object]:
        chosen = [
            line
            for line in lines
            if prefecture in (None, line["prefecture_code"])
            and category in (None, line.get("category"))
        ]
        return {**layout.sums(chosen, keys), **(fixed or {})}

    return totals


def with_totals(
    lines: Sequence[Mapping[str, object]],
    totals: Totals,
    names: Mapping[str, str],
    lang: str,
    by_category: bool,
    total_label: str | None = None,
    before_total: Sequence[layout.Row] = (),
) -> tuple[layout.Row, ...]:
    """The lines, a subtotal after each prefecture's lines when the document spans several
    (and the prefecture has more than one bureau), `before_total`, the total, and with
    `by_category` the total of each category (其中：文职 / 勤务). Lines carry prefecture_code,
    bureau_code, category (the code) and their printed values; the label goes under "bureau"."""
    rows: list[layout.Row] = []
    prefectures = list(dict.fromkeys(line["prefecture_code"] for line in lines))
    for code in prefectures:
        group = [line for line in lines if line["prefecture_code"] == code]
        rows += [layout.Row(line) for line in group]
        if len(prefectures) > 1 and len({line["bureau_code"] for line in group}) > 1:
            label = tr("subtotal", lang, name=names.get(str(code), code))
            rows.append(layout.Row({**totals(str(code), None), "bureau": label}, "subtotal"))
    rows += before_total
    label = total_label or tr("total", lang)
    rows.append(layout.Row({**totals(None, None), "bureau": label}, "total"))
    if by_category:
        for code in dict.fromkeys(line["category"] for line in lines):
            label = tr("of_category", lang, category=value(str(code), lang))
            rows.append(layout.Row({**totals(None, str(code)), "bureau": label}, "total"))
    return tuple(rows)
