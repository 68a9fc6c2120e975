"""The small-cell rule's threshold, and the salary adjustment's relations of the scoped reader
(lib/db.py): which bureau rows of salary_adjustment_cost and which totals of
salary_adjustment_rollup may show their money to a role without person names.

A bureau's adjustment cost sums the pay gaps of its people below the target, so with one to
four of them it gives their pay away; and along the grid of targets the cost at two targets
differs by (difference of targets) × people below the lower one + the gaps of the people in
between. So a bureau's money at a target is shown only if 0 or at least MIN_PEOPLE people are
below it and 0 or at least MIN_PEOPLE more than at the last target shown (a walk along the
grid): any two targets shown then differ by 0 or at least MIN_PEOPLE people.

A total (a prefecture, the province) less the bureau rows shown is the blanked bureaus
together, the residual; each of them can also be taken off at a target where its row is
shown. So a total's money is shown only where
- the residual's people below the target (`hidden`) pass the same walk, and
- what the residual leaves unknown (`unknown`) is 0 or at least MIN_PEOPLE people: for each
  blanked bureau the fewest people between its count and 0 or its count at a target shown (at
  least 1, or it would not be blanked), summed; a residual of one bureau is never shown.
The province's users also read every prefecture's total: the province's total less those
shown and the bureau rows shown is the province bureau (if blanked) and the residuals of the
prefectures whose total is blanked (`unshown`, and what it leaves unknown,
`unshown_unknown`), which must pass the walk and the floor too.
"""

from __future__ import annotations

MIN_PEOPLE = 5
SMALL = f"between 1 and {MIN_PEOPLE - 1}"
ADJUSTMENT_MONEY = ("pay_gap", "employer_insurance", "adjustment_cost")


def walk(
    name: str,
    source: str,
    keys: tuple[str, ...],
    counts: tuple[str, ...],
    floors: tuple[str, ...] = (),
) -> str:
    """CTEs ending in `name`: the rows of `source` (one per `keys` and target_pct) with
    money_shown, walked along each `keys`' targets in ascending order: shown where each of
    `floors` and `counts` is 0 or at least MIN_PEOPLE and each of `counts` differs by 0 or at
    least MIN_PEOPLE (either way: a residual can shrink as bureaus come out of it) from its
    value at the last target shown (0 before the first)."""
    cols = ", ".join(keys)

    def ok(last: str) -> str:
        floor = [f"g.{c} not {SMALL}" for c in (*floors, *counts)]
        steps = [f"abs(g.{c} - {last.format(c)}) not {SMALL}" for c in counts]
        return " and ".join(floor + steps)

    def kept(last: str) -> str:
        return ", ".join(
            f"case when {ok(last)} then g.{c} else {last.format(c)} end as last_{c}" for c in counts
        )

    g_cols = ", ".join(f"g.{k}" for k in keys)
    on = " and ".join(f"g.{k} = w.{k}" for k in keys)
    return f"""{name}_grid as (
        select *, row_number() over (partition by {cols} order by target_pct) as step
        from {source}),
    {name}_walk as (
        select {g_cols}, g.step, {ok("0")} as shown, {kept("0")}
        from {name}_grid g where g.step = 1
        union all
        select {g_cols}, g.step, {ok("w.last_{}")}, {kept("w.last_{}")}
        from {name}_walk w join {name}_grid g on {on} and g.step = w.step + 1),
    {name} as (
        select {name}_grid.* exclude (step), {name}_walk.shown as money_shown
        from {name}_grid join {name}_walk using ({cols}, step))"""


_BUREAUS = walk(
    "bureaus", "marts.salary_adjustment_cost", ("bureau_code", "year"), ("people_below_target",)
)
ADJUSTMENT = f"(with recursive {_BUREAUS} select * from bureaus)"

_SCOPE_KEYS = ("scope_level", "scope_code", "year")
# a blanked row: its people below, and the fewest of them its rows shown leave unknown
_PARTS = """bureau_parts as (
        select h.bureau_code, h.bureau_tier, h.province_code, h.prefecture_code, h.year,
            h.target_pct,
            case when h.money_shown then 0 else h.people_below_target end as hidden,
            case when h.money_shown then 0 else least(h.people_below_target,
                coalesce(min(abs(h.people_below_target - s.people_below_target)),
                    h.people_below_target)) end as unknown
        from bureaus h
        left join bureaus s on s.bureau_code = h.bureau_code and s.year = h.year
            and s.money_shown
        group by h.bureau_code, h.bureau_tier, h.province_code, h.prefecture_code, h.year,
            h.target_pct, h.money_shown, h.people_below_target)"""
_PREFECTURES = walk("prefectures", "prefecture_counts", _SCOPE_KEYS, ("hidden",), ("unknown",))
_PROVINCES = walk(
    "provinces",
    "province_counts",
    _SCOPE_KEYS,
    ("hidden", "unshown"),
    ("unknown", "unshown_unknown"),
)
# a total's bureaus: its prefecture's, or every bureau of its province (a snapshot may hold
# several provinces: each province's total is its own bureaus' sum)
_IN_SCOPE = """b.province_code = r.province_code and (r.scope_level = 'province'
            or (b.prefecture_code = r.scope_code and b.bureau_tier <> 'province'))"""
ADJUSTMENT_ROLLUP = f"""(with recursive {_BUREAUS},
    {_PARTS},
    residual_counts as (
        select r.province_code, r.scope_level, r.scope_code, r.year, r.target_pct,
            sum(b.hidden) as hidden, sum(b.unknown) as unknown
        from marts.salary_adjustment_rollup r
        join bureau_parts b on b.year = r.year and b.target_pct = r.target_pct
            and ({_IN_SCOPE})
        group by r.province_code, r.scope_level, r.scope_code, r.year, r.target_pct),
    prefecture_counts as (select * from residual_counts where scope_level = 'prefecture'),
    {_PREFECTURES},
    province_counts as (
        select c.scope_level, c.scope_code, c.year, c.target_pct, c.hidden, c.unknown,
            sum(u.hidden) as unshown, sum(u.unknown) as unshown_unknown
        from residual_counts c
        join (select province_code, year, target_pct, hidden, unknown
            from bureau_parts where bureau_tier = 'province'
            union all
            select province_code, year, target_pct,
                case when money_shown then 0 else hidden end,
                case when money_shown then 0 else unknown end
            from prefectures) u using (province_code, year, target_pct)
        where c.scope_level = 'province'
        group by c.scope_level, c.scope_code, c.year, c.target_pct, c.hidden, c.unknown),
    {_PROVINCES},
    shown as (
        select scope_level, scope_code, year, target_pct, money_shown from prefectures
        union all
        select scope_level, scope_code, year, target_pct, money_shown from provinces)
    select r.*, shown.money_shown
    from marts.salary_adjustment_rollup r
    join shown using (scope_level, scope_code, year, target_pct))"""
