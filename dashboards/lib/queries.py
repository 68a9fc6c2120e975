"""Every query the pages run: parameterised SQL over scoped relations, through `db.read`.

Money leaves as DOUBLE yuan (display only; the marts keep DECIMAL(18,2)); tables show it
with two decimals (lib/tables.py). Pay averages over fewer than MIN_PEOPLE people come back
null unless the scope may see small groups (auditor): lib/db.py blanks them in the pay marts,
and the queries below that average workforce_cost_monthly do the same.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from lib.db import MIN_PEOPLE, read
from lib.scope import Scope

INSURANCE_TYPES = ("pension", "medical", "maternity", "unemployment", "injury")


# ── directory ────────────────────────────────────────────────────────────────────────────
def bureaus(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select bureau_code, bureau_name, tier, prefecture_code, admin_code
        from dim_bureau order by bureau_code""",
    )


def divisions(scope: Scope) -> pl.DataFrame:
    return read(scope, "select admin_code, name, level, parent_code from ref_divisions")


# ── overview ─────────────────────────────────────────────────────────────────────────────
def monthly_trend(scope: Scope, months: int = 24) -> pl.DataFrame:
    """Headcount and cost per month over the last `months` months of the snapshot."""
    return read(
        scope,
        """select month, sum(headcount)::bigint as headcount, sum(total_cost)::double as total_cost
        from workforce_cost_monthly
        where month > (select max(month) from workforce_cost_monthly) - to_months($months)
        group by month order by month""",
        months=months,
    )


def coverage_trend(scope: Scope, months: int = 24) -> pl.DataFrame:
    return read(
        scope,
        """select month, sum(person_months)::bigint as person_months,
            sum(coverage_rate * person_months) / nullif(sum(person_months), 0) as coverage_rate
        from insurance_coverage
        where month > (select max(month) from insurance_coverage) - to_months($months)
        group by month order by month""",
        months=months,
    )


def utilization_by_year(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select year, sum(approved_quota)::bigint as approved_quota,
            sum(headcount)::bigint as headcount,
            sum(headcount) / nullif(sum(approved_quota), 0) as utilization
        from quota_utilization group by year order by year""",
    )


def violation_counts(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select count(*) as findings, count(*) filter (where severity = 'high') as high
        from compliance_violations""",
    )


def headcount_by_bureau(scope: Scope) -> pl.DataFrame:
    """Map input: headcount of each bureau on the latest month."""
    return read(
        scope,
        """select bureau_code, sum(headcount)::double as num, 1.0 as den
        from workforce_cost_monthly
        where month = (select max(month) from workforce_cost_monthly)
        group by bureau_code""",
    )


# ── planning ─────────────────────────────────────────────────────────────────────────────
def quota_years(scope: Scope) -> list[int]:
    df = read(scope, "select distinct year from quota_utilization order by year desc")
    return df["year"].to_list()


def quota_utilization(scope: Scope, year: int) -> pl.DataFrame:
    """Quota, headcount and utilisation of `year` (quota_utilization's rows) with last year's
    figures and the changes beside them (planning_year_over_year: computed in dbt)."""
    return read(
        scope,
        """select b.bureau_name, q.category, q.approved_quota, y.prior_approved_quota,
            y.approved_quota_change, q.headcount, y.prior_headcount, y.headcount_change,
            q.utilization, y.prior_utilization, y.utilization_change, q.vacancies,
            q.over_quota, q.bureau_code
        from quota_utilization q join dim_bureau b using (bureau_code)
        left join planning_year_over_year y using (bureau_code, year, category)
        where q.year = $year order by q.bureau_code, q.category""",
        year=year,
    )


def staffing_need(scope: Scope, year: int) -> pl.DataFrame:
    """Required FTE of `year` per bureau and category with its components beside headcount
    and approved quota, last year's need beside (staffing_need, planning_year_over_year).
    The estimate flags come back as codes the tables label (估算 / 按岗位配置假设测算)."""
    return read(
        scope,
        """select b.bureau_name, n.category, n.population,
            case when n.population_is_estimate then 'estimate'
                when not n.population_is_estimate then 'published' end as population_source,
            n.reactive_fte, n.proactive_fte, n.fixed_post_fte,
            case when n.fixed_posts_is_estimate then 'assumed_posts' end as fixed_post_basis,
            n.support_fte, n.required_fte, y.prior_required_fte, y.required_fte_change,
            n.headcount, n.approved_quota, n.bureau_code
        from staffing_need n join dim_bureau b using (bureau_code)
        left join planning_year_over_year y using (bureau_code, year, category)
        where n.year = $year order by n.bureau_code, n.category""",
        year=year,
    )


def staffing_assumptions(scope: Scope, year: int) -> dict[str, float] | None:
    """The staffing model's assumptions the need of `year` was computed with (dbt vars, the
    same on every row of staffing_need)."""
    df = read(
        scope,
        """select max(available_hours_per_fte) as available_hours_per_fte,
            max(proactive_share) as proactive_share,
            max(civilian_support_ratio) as civilian_support_ratio
        from staffing_need where year = $year""",
        year=year,
    )
    row = df.row(0, named=True) if df.height else None
    return row if row and row["available_hours_per_fte"] is not None else None


def utilization_by_bureau(scope: Scope, year: int) -> pl.DataFrame:
    return read(
        scope,
        """select bureau_code, sum(headcount)::double as num,
            nullif(sum(approved_quota), 0)::double as den
        from quota_utilization where year = $year group by bureau_code""",
        year=year,
    )


def grassroots(scope: Scope, year: int) -> pl.DataFrame:
    return read(
        scope,
        """select b.bureau_name, g.aux_total::bigint as aux_total,
            g.prior_aux_total::bigint as prior_aux_total,
            g.aux_total_change::bigint as aux_total_change,
            g.required_fte::double as required_fte,
            g.prior_required_fte::double as prior_required_fte,
            g.staffing_gap::double as staffing_gap,
            g.aux_grassroots::bigint as aux_grassroots, g.grassroots_share,
            g.police_count::bigint as police_count, g.aux_per_police,
            g.population::bigint as population,
            case when g.population_is_estimate then 'estimate'
                when not g.population_is_estimate then 'published' end as population_source,
            g.aux_per_10k_population, g.incidents::bigint as incidents, g.bureau_code
        from grassroots_allocation g join dim_bureau b using (bureau_code)
        where g.year = $year order by g.bureau_code""",
        year=year,
    )


LEVELS = range(1, 9)  # roster.level 1..8 (data contract, Art. 26)
_BY_LEVEL_COLUMNS = ", ".join(
    f"coalesce(sum(h.headcount) filter (where h.level = {n}), 0)::bigint as level_{n}"
    for n in LEVELS
)


def headcount_month(scope: Scope, year: int) -> dt.date | None:
    """The month the headcount of `year` is taken on: the year's latest roster month."""
    df = read(
        scope, "select max(month) as month from headcount_by_unit where year = $year", year=year
    )
    return df["month"][0] if df.height else None


def headcount_by_post(scope: Scope, month: dt.date) -> pl.DataFrame:
    """Headcount of `month` by category and post, one column per level (headcount_by_unit)."""
    return read(
        scope,
        f"""select h.category, h.post, {_BY_LEVEL_COLUMNS},
            sum(h.headcount)::bigint as headcount
        from headcount_by_unit h where h.month = $month
        group by h.category, h.post order by h.category, h.post""",
        month=month,
    )


def county_bureau(scope: Scope) -> dict[str, str] | None:
    """The county bureau the view is narrowed to (a county login, or a county picked in the
    sidebar): bureau_code and bureau_name; None when the view spans more than one bureau."""
    df = read(scope, "select bureau_code, bureau_name, tier from dim_bureau")
    if df.height != 1 or df["tier"][0] != "county":
        return None
    return df.select("bureau_code", "bureau_name").row(0, named=True)


def units_of_county(scope: Scope, bureau_code: str, month: dt.date) -> pl.DataFrame:
    """The units of one county bureau (its stations 基层所队 and its organ) on `month`, by
    post, one column per level (headcount_by_unit)."""
    return read(
        scope,
        f"""select h.unit_name, h.unit_kind, h.category, h.post, {_BY_LEVEL_COLUMNS},
            sum(h.headcount)::bigint as headcount, h.unit_code
        from headcount_by_unit h
        where h.month = $month and h.bureau_code = $bureau_code
        group by h.unit_code, h.unit_name, h.unit_kind, h.category, h.post
        order by h.unit_kind desc, h.unit_code, h.category, h.post""",
        month=month,
        bureau_code=bureau_code,
    )


def workforce_flows(scope: Scope) -> pl.DataFrame:
    """Hires, separations and headcount per month over the scope (workforce_flows_monthly)."""
    return read(
        scope,
        """select month, sum(hires)::bigint as hires, sum(separations)::bigint as separations,
            sum(net_change)::bigint as net_change, sum(headcount)::bigint as headcount
        from workforce_flows_monthly group by month order by month""",
    )


def workload_need(scope: Scope, year: int) -> tuple[pl.DataFrame, bool]:
    """Auxiliaries against workload-based need (area, aux_total, required_fte), most
    understaffed first: per county bureau, or summed per prefecture when the rows span
    several (one bar per bureau is unreadable for the ~130 county bureaus of the province).
    The flag says whether it was summed."""
    df = read(
        scope,
        """select coalesce(d.name, g.prefecture_code) as prefecture_name, b.bureau_name,
            g.aux_total::double as aux_total, g.required_fte::double as required_fte
        from grassroots_allocation g
        join dim_bureau b using (bureau_code)
        left join ref_divisions d on d.admin_code = g.prefecture_code
        where g.year = $year""",
        year=year,
    )
    by_prefecture = df["prefecture_name"].n_unique() > 1
    area = "prefecture_name" if by_prefecture else "bureau_name"
    need = (
        df.group_by(area)
        .agg(pl.col("aux_total", "required_fte").sum())
        .rename({area: "area"})
        .sort(pl.col("aux_total") - pl.col("required_fte"), "area")
    )
    return need, by_prefecture


PROPOSAL_PARAMETERS = (
    "province_total",
    "damping_bound",
    "grassroots_weight",
    "w_population",
    "w_incidents",
    "w_workload",
    "w_current",
)


def proposal_parameters(scope: Scope) -> dict[str, float] | None:
    """The parameters the published quota proposal ran with (dbt vars), None without one."""
    df = read(scope, f"select {', '.join(PROPOSAL_PARAMETERS)} from quota_proposal_parameters")
    return df.row(0, named=True) if df.height else None


def proposal_whatif(scope: Scope, **parameters: float | None) -> pl.DataFrame:
    """The quota proposal recomputed by the mart's own SQL (the snapshot's
    marts.quota_proposal_whatif) with these parameters, over the whole province; the rows of
    the scope's bureaus, beside the published proposal. `parameters`: PROPOSAL_PARAMETERS
    (province_total None = Σ current quotas)."""
    return read(
        scope,
        """select b.bureau_name, b.tier, w.year, w.category, w.current_quota,
            p.proposed_quota, w.proposed_quota as live_quota, w.change as live_change,
            w.province_total, w.total_lower_bound, w.total_upper_bound, w.bureau_code
        from quota_proposal_whatif w
        join dim_bureau b using (bureau_code)
        left join quota_proposal p using (bureau_code, year, category)
        order by w.bureau_code, w.category""",
        **{name: parameters[name] for name in PROPOSAL_PARAMETERS},
    )


# ── finance ──────────────────────────────────────────────────────────────────────────────
_FUNDING = """funding as (
    select bureau_code, max_by(funding_level, year) as funding_level
    from budget_projection group by bureau_code
)"""


def cost_months(scope: Scope) -> list[dt.date]:
    df = read(scope, "select distinct month from workforce_cost_monthly order by month desc")
    return df["month"].to_list()


def cost_by_funding_level(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        f"""with {_FUNDING}
        select w.month, coalesce(f.funding_level, b.tier) as funding_level,
            sum(w.total_cost)::double as total_cost
        from workforce_cost_monthly w
        join dim_bureau b using (bureau_code)
        left join funding f using (bureau_code)
        where w.month > (select max(month) from workforce_cost_monthly) - interval 24 month
        group by all order by w.month, funding_level""",
    )


def cost_by_bureau(scope: Scope, month: dt.date) -> pl.DataFrame:
    return read(
        scope,
        f"""with {_FUNDING}
        select b.bureau_name, coalesce(f.funding_level, b.tier) as funding_level,
            sum(w.headcount)::bigint as headcount, sum(w.gross_pay)::double as gross_pay,
            sum(w.employer_insurance)::double as employer_insurance,
            sum(w.accident_premium)::double as accident_premium,
            sum(w.total_cost)::double as total_cost,
            case when $names or sum(w.headcount) >= $min_people
                then sum(w.total_cost)::double / nullif(sum(w.headcount), 0) end as cost_per_head,
            w.bureau_code
        from workforce_cost_monthly w
        join dim_bureau b using (bureau_code)
        left join funding f using (bureau_code)
        where w.month = $month
        group by all order by w.bureau_code""",
        month=month,
        names=scope.names,
        min_people=MIN_PEOPLE,
    )


def cost_12m_by_bureau(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select bureau_code, sum(total_cost)::double as num, 1.0 as den
        from workforce_cost_monthly
        where month > (select max(month) from workforce_cost_monthly) - interval 12 month
        group by bureau_code""",
    )


def budget_defaults(scope: Scope) -> tuple[float, float]:
    """The salary growth and employer insurance rate the published projection assumed."""
    df = read(
        scope,
        """select avg(salary_growth)::double as g, avg(employer_rate)::double as r
        from budget_projection""",
    )
    g, r = df.row(0)
    return (g or 0.0), (r or 0.0)


def budget_projection(scope: Scope, growth: float, rate: float) -> pl.DataFrame:
    """The budget re-costed under another salary growth and employer rate by the mart's own
    SQL (the snapshot's marts.budget_projection_whatif, macros/whatif/budget_projection.sql in
    dbt), beside the published total. At the published assumptions every figure equals the
    mart's."""
    return read(
        scope,
        """select b.bureau_name, w.funding_level, w.year, w.planned_headcount,
            w.pay_cost::double as pay_cost, w.employer_insurance::double as employer_insurance,
            w.accident_premium::double as accident_premium, w.other_cost::double as other_cost,
            w.total_cost::double as total_cost, p.total_cost::double as published_total,
            w.bureau_code
        from budget_projection_whatif w
        join dim_bureau b using (bureau_code)
        left join budget_projection p using (bureau_code, year)
        order by w.bureau_code""",
        salary_growth=growth,
        employer_rate=rate,
    )


# ── salary review ────────────────────────────────────────────────────────────────────────
# A prefecture without an average wage of its own falls back to its own province's figure
# (the bureau's province_code): the reference tables hold several provinces' rows, so there is
# no single "province row" to read (issue 15).
_PAY = """pay as (
    select bureau_code, category,
        sum(gross_pay)::double / nullif(sum(headcount), 0) * 12 as avg_annual_gross,
        max_by(headcount, month)::bigint as headcount,
        sum(employer_insurance)::double / nullif(sum(gross_pay), 0)::double as employer_rate
    from workforce_cost_monthly
    where month > (select max(month) from workforce_cost_monthly) - interval 12 month
    group by bureau_code, category
),
wage as (
    select prefecture_code as admin_code, max_by(avg_annual_wage, year)::double as local_avg_wage
    from ref_average_wage group by prefecture_code
),
bureau_pay as (
    select b.bureau_name, p.*,
        coalesce(wp.local_avg_wage, wv.local_avg_wage) as local_avg_wage
    from pay p
    join dim_bureau b using (bureau_code)
    left join wage wp on wp.admin_code = b.prefecture_code
    left join wage wv on wv.admin_code = b.province_code
)"""


def salary_years(scope: Scope) -> list[int]:
    df = read(scope, "select distinct year from salary_benchmark order by year desc")
    return df["year"].to_list()


def salary_benchmark(scope: Scope, year: int) -> pl.DataFrame:
    return read(
        scope,
        """select d.name as prefecture_name, s.category, s.people::bigint as people,
            s.person_months::bigint as person_months,
            s.avg_annual_gross::double as avg_annual_gross,
            s.local_avg_wage::double as local_avg_wage,
            case when s.local_avg_wage_is_estimate then 'estimate'
                when not s.local_avg_wage_is_estimate then 'published' end as wage_source,
            s.benchmark_year, s.ratio_to_local_avg,
            s.below_min_wage_months::bigint as below_min_wage_months, s.prefecture_code
        from salary_benchmark s
        left join ref_divisions d on d.admin_code = s.prefecture_code
        where s.year = $year order by s.prefecture_code, s.category""",
        year=year,
    )


def salary_by_level(scope: Scope, year: int) -> pl.DataFrame:
    """Pay per prefecture, category and level against the local average wage and, per
    month, against the minimum wage in force (Art. 26, 33)."""
    return read(
        scope,
        """select d.name as prefecture_name, s.category, s.level, s.people::bigint as people,
            s.person_months::bigint as person_months,
            s.avg_annual_gross::double as avg_annual_gross,
            s.local_avg_wage::double as local_avg_wage,
            case when s.local_avg_wage_is_estimate then 'estimate'
                when not s.local_avg_wage_is_estimate then 'published' end as wage_source,
            s.ratio_to_local_avg,
            s.avg_monthly_min_wage_pay::double as avg_monthly_min_wage_pay,
            s.avg_min_wage_monthly::double as avg_min_wage_monthly,
            s.below_min_wage_months::bigint as below_min_wage_months, s.prefecture_code
        from salary_benchmark_by_level s
        left join ref_divisions d on d.admin_code = s.prefecture_code
        where s.year = $year order by s.prefecture_code, s.category, s.level""",
        year=year,
    )


def bureau_pay(scope: Scope) -> pl.DataFrame:
    """Average annual pay per head over the last 12 months against the local average wage,
    with the bureau's below-minimum-wage findings (A33)."""
    return read(
        scope,
        f"""with {_PAY},
        a33 as (
            select bureau_code, count(*) as below_min_wage_findings
            from compliance_violations where rule_id = 'A33_BELOW_MIN_WAGE'
            group by bureau_code
        )
        select p.bureau_name, p.category, p.headcount,
            case when $names or p.headcount >= $min_people then p.avg_annual_gross end
                as avg_annual_gross,
            p.local_avg_wage,
            case when $names or p.headcount >= $min_people
                then p.avg_annual_gross / p.local_avg_wage end as ratio_to_local_avg,
            coalesce(a.below_min_wage_findings, 0)::bigint as below_min_wage_findings,
            p.bureau_code
        from bureau_pay p left join a33 a using (bureau_code)
        order by p.bureau_code, p.category""",
        names=scope.names,
        min_people=MIN_PEOPLE,
    )


def adjustment_targets(scope: Scope) -> tuple[int | None, list[int]]:
    """The year under review of salary_adjustment_cost and the targets (% of the local
    average wage) it was computed for."""
    df = read(
        scope,
        """select distinct year, target_pct from salary_adjustment_cost
        where year = (select max(year) from salary_adjustment_cost) order by target_pct""",
    )
    return (df["year"][0] if df.height else None), df["target_pct"].to_list()


def adjustment_cost(scope: Scope, target_pct: int) -> pl.DataFrame:
    """Cost, in the year under review, of paying everyone at least target_pct % of the local
    average wage, per bureau: salary_adjustment_cost (per person, dbt). Blanked where one to
    four people are below the target unless the scope may see small groups (lib/db.py)."""
    return read(
        scope,
        """select b.bureau_name, a.year, a.people, a.people_below_target,
            a.target_annual_pay::double as target_annual_pay, a.pay_gap::double as pay_gap,
            a.employer_insurance::double as employer_insurance,
            a.adjustment_cost::double as adjustment_cost, a.bureau_code
        from salary_adjustment_cost a join dim_bureau b using (bureau_code)
        where a.target_pct = $target_pct
          and a.year = (select max(year) from salary_adjustment_cost)
        order by a.bureau_code""",
        target_pct=target_pct,
    )


def pay_ratio_by_bureau(scope: Scope) -> pl.DataFrame:
    """Map input: pay per head against the local average (Σ pay ÷ Σ local benchmark)."""
    return read(
        scope,
        f"""with {_PAY}
        select bureau_code, sum(avg_annual_gross * headcount) as num,
            sum(local_avg_wage * headcount) as den
        from bureau_pay group by bureau_code""",
    )


# ── insurance and compliance ─────────────────────────────────────────────────────────────
def coverage_months(scope: Scope) -> list[dt.date]:
    df = read(scope, "select distinct month from insurance_coverage order by month desc")
    return df["month"].to_list()


def coverage_by_type(scope: Scope, month: dt.date) -> pl.DataFrame:
    gaps = ", ".join(f"sum(gap_{t})::bigint as {t}" for t in INSURANCE_TYPES)
    df = read(
        scope,
        f"""select sum(person_months)::bigint as person_months, {gaps},
            sum(estimated_shortfall)::double as estimated_shortfall
        from insurance_coverage where month = $month""",
        month=month,
    )
    person_months = df["person_months"][0] or 0
    return pl.DataFrame(
        {
            "insurance_type": list(INSURANCE_TYPES),
            "person_months": [person_months] * len(INSURANCE_TYPES),
            "gaps": [df[t][0] or 0 for t in INSURANCE_TYPES],
        }
    ).with_columns(
        coverage_rate=1
        - pl.col("gaps")
        / pl.when(pl.col("person_months") > 0).then(pl.col("person_months")).otherwise(None)
    )


def shortfall(scope: Scope, month: dt.date) -> float:
    df = read(
        scope,
        """select coalesce(sum(estimated_shortfall), 0)::double as s
        from insurance_coverage where month = $month""",
        month=month,
    )
    return df["s"][0]


def violation_options(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select distinct v.rule_id, v.article, v.article_no, v.period, v.bureau_code,
            b.bureau_name
        from compliance_violations v join dim_bureau b using (bureau_code)""",
    )


def violations(
    scope: Scope, rules: list[str], articles: list[str], bureaus: list[str], periods: list[str]
) -> pl.DataFrame:
    """The register, filtered (an empty filter list means all). The name column is filled
    only for scopes that may read names (the person_names relation is empty otherwise)."""
    df = read(
        scope,
        """select v.rule_id, v.article, v.severity, b.bureau_name, v.unit_code, v.period,
            v.person_key, n.name, v.incident_id, v.detail, v.evidence, v.bureau_code
        from compliance_violations v
        join dim_bureau b using (bureau_code)
        left join person_names n using (person_key)
        where (len($rules) = 0 or list_contains($rules::varchar[], v.rule_id))
          and (len($articles) = 0 or list_contains($articles::varchar[], v.article))
          and (len($bureaus) = 0 or list_contains($bureaus::varchar[], v.bureau_code))
          and (len($periods) = 0 or list_contains($periods::varchar[], v.period))
        order by v.period desc, v.article_no, v.rule_id, v.bureau_code, v.person_key,
            v.incident_id, v.finding_id""",
        rules=rules,
        articles=articles,
        bureaus=bureaus,
        periods=periods,
    )
    return df if scope.names else df.drop("name")


def related_findings(scope: Scope, person_key: str | None, incident_id: str | None) -> pl.DataFrame:
    return read(
        scope,
        """select v.rule_id, v.article, v.severity, b.bureau_name, v.period, v.detail,
            v.person_key, v.incident_id
        from compliance_violations v join dim_bureau b using (bureau_code)
        where v.person_key = $person_key or v.incident_id = $incident_id
        order by v.period, v.rule_id""",
        person_key=person_key,
        incident_id=incident_id,
    )


def quota_row(scope: Scope, bureau_code: str, year: int, category: str | None) -> pl.DataFrame:
    return read(
        scope,
        """select b.bureau_name, q.year, q.category, q.approved_quota, q.headcount,
            q.utilization, q.vacancies, q.over_quota
        from quota_utilization q join dim_bureau b using (bureau_code)
        where q.bureau_code = $bureau and q.year = $year
          and ($category is null or q.category = $category)""",
        bureau=bureau_code,
        year=year,
        category=category,
    )


def coverage_row(scope: Scope, bureau_code: str, month: dt.date) -> pl.DataFrame:
    gaps = ", ".join(f"c.gap_{t}::bigint as gap_{t}" for t in INSURANCE_TYPES)
    return read(
        scope,
        f"""select b.bureau_name, c.month, c.person_months::bigint as person_months, {gaps},
            c.coverage_rate, c.estimated_shortfall::double as estimated_shortfall
        from insurance_coverage c join dim_bureau b using (bureau_code)
        where c.bureau_code = $bureau and c.month = $month""",
        bureau=bureau_code,
        month=month,
    )


def violations_by_bureau(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select bureau_code, count(*)::double as num, 1.0 as den
        from compliance_violations group by bureau_code""",
    )


# ── data quality ─────────────────────────────────────────────────────────────────────────
def publish_meta(scope: Scope) -> pl.DataFrame:
    return read(scope, "select published_at, run_id from publish_meta")


# A re-check of held-back rows appends a load-log row for the same file and bytes: counts
# take each file version's newest row.
_FILES = """files as (
    select * from load_log
    qualify row_number() over (partition by file, sha256 order by loaded_at desc) = 1
)"""


def freshness(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        f"""with {_FILES}
        select source,
            max(loaded_at) filter (where status = 'loaded') as last_loaded_at,
            max(partition) filter (where status = 'loaded') as latest_partition,
            date_diff('day', max(loaded_at) filter (where status = 'loaded'),
                (select max(published_at) from publish_meta)) as days_before_publish,
            count(*)::bigint as files,
            count(*) filter (where status = 'rejected')::bigint as files_rejected,
            sum(rows_loaded)::bigint as rows_loaded,
            sum(rows_quarantined)::bigint as rows_quarantined
        from files group by source order by source""",
    )


def load_log(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        f"""with {_FILES}
        select loaded_at, source, file, partition, status, rows_read::bigint as rows_read,
            rows_loaded::bigint as rows_loaded, rows_quarantined::bigint as rows_quarantined,
            rows_layout::bigint as rows_layout, sheet, message
        from files order by loaded_at desc, file""",
    )


def check_results(scope: Scope) -> pl.DataFrame:
    return read(
        scope,
        """select checked_at, source, check_name, passed, rows_checked::bigint as rows_checked,
            unexpected_count::bigint as unexpected_count, detail
        from check_results order by passed, source, check_name""",
    )


def quarantine(scope: Scope, lang: str) -> pl.DataFrame:
    """Held-back values of the scope's files, the offending cell and the reason."""
    return read(
        scope,
        """select file, source, sheet, cell, row_number::bigint as row_number, column_name,
            value, case when $lang = 'zh' then message_zh else message_en end as message
        from quarantine order by quarantined_at desc, file, row_number, cell""",
        lang=lang,
    )


def receipt_files(scope: Scope) -> pl.DataFrame:
    """Every file version in scope with what its return workbook summarises, newest first."""
    return read(
        scope,
        f"""with {_FILES}
        select f.file, f.sha256, f.source, f.partition, f.status, f.message, f.sheet,
            f.header_rows, f.layout, f.loaded_at, f.rows_read::bigint as rows_read,
            f.rows_loaded::bigint as rows_loaded,
            f.rows_quarantined::bigint as rows_quarantined,
            f.rows_layout::bigint as rows_layout, b.bureau_name,
            (select max(published_at) from publish_meta) as published_at
        from files f
        left join (select admin_code, min(bureau_name) as bureau_name
            from dim_bureau group by admin_code) b using (admin_code)
        order by f.loaded_at desc, f.file""",
    )


def receipt_rows(scope: Scope, file: str, sha256: str) -> pl.DataFrame:
    """The held-back rows of one file version: row number and cells (JSON, by column letter)."""
    return read(
        scope,
        """select row_number::bigint as row_number, cells from quarantine_rows
        where file = $file and sha256 = $sha256 order by row_number""",
        file=file,
        sha256=sha256,
    )


def receipt_issues(scope: Scope, file: str, sha256: str) -> pl.DataFrame:
    """Why each of those rows was held back: the cell, the column and the reason."""
    return read(
        scope,
        """select row_number::bigint as row_number, cell, column_name, message_zh, message_en
        from quarantine where file = $file and sha256 = $sha256 order by row_number, cell""",
        file=file,
        sha256=sha256,
    )


def delivery_sources(scope: Scope) -> list[str]:
    df = read(scope, "select distinct source from delivery_status order by source")
    return df["source"].to_list()


def delivery_status(scope: Scope, source: str) -> pl.DataFrame:
    """delivery_status of one source with the bureaus' names (long: bureau × month)."""
    return read(
        scope,
        """select b.bureau_name, d.bureau_code, d.month, d.status
        from delivery_status d join dim_bureau b using (bureau_code)
        where d.source = $source order by d.bureau_code, d.month""",
        source=source,
    )


def summary_years(scope: Scope) -> list[int]:
    """Years of the national summary, newest first."""
    df = read(scope, "select distinct year from province_summary order by year desc")
    return df["year"].to_list()


def province_summary(scope: Scope, year: int) -> pl.DataFrame:
    """province_summary of one year: a row per province the scope covers whole."""
    return read(
        scope,
        """select province_code, province_name, bureaus, approved_quota, headcount,
            utilization, vacancies, bureaus_over_quota, grassroots_share, cost_months,
            total_cost, coverage_rate, findings, findings_high
        from province_summary where year = $year order by province_code""",
        year=year,
    )
