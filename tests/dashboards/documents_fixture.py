"""The issue-14 relations of the fixture snapshot the approval documents read: quota_request
(hand-made requests and reasons beside the fixture's quota_proposal), recruitment_plan
(hand-made hires per quarter, plan year 2027, both quota bases), recruitment_plan_rollup (what
dbt's rollup makes of them), salary_adjustment_rollup (what dbt makes of the fixture's
salary_adjustment_cost) and the regulation seed, with the columns and types of the real
published snapshot.

Plan lines (approved basis; planned hires Q1..Q4, what each quarter defers):
    云南省公安厅 civilian 1 0 1 0, duty 1 1 0 0;  昆明 civilian 1 0 0 1, duty 1 1 0 0;
    五华 civilian 1 1 0 0, duty over quota (38 < 41) 0 0 0 0;  盘龙 civilian 1 0 1 0, duty 1 1 0 0;
    曲靖 civilian 1 0 0 0, duty 1 0 1 0 and one unmet after Q4;
    麒麟 civilian 1 0 0 1, duty 2 1 1 0 (Q1 asks 3, one deferred to Q2).
The proposed basis caps at quota_proposal's quotas; 盘龙 duty then plans 2 in Q1, 五华 duty has
no vacancy (41 = 41) instead of being over quota.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

ARTICLES = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "ref_regulation_articles.csv"

_SQL = f"""
create table reference.ref_regulation_articles as
select * from read_csv('{ARTICLES}', types={{'article_no': 'INTEGER'}});

-- the bureaus' own requests for 2027 (盘龙 duty filed none) and why each proposal is what it
-- is, as dbt's quota_request says it from the fixture proposal's bounds (damping 10 %)
create temp table requests as
select * from (values
    ('530000000000', 'civilian', 23, 'need_share',
        '按需求份额测算 21.0 人（总量控制内），取整安排'),
    ('530000000000', 'duty', 14, 'need_share',
        '按需求份额测算 12.4 人（总量控制内），取整安排'),
    ('530100000000', 'civilian', 18, 'need_share',
        '按需求份额测算 16.2 人（总量控制内），取整安排'),
    ('530100000000', 'duty', 35, 'need_share',
        '按需求份额测算 31.4 人（总量控制内），取整安排'),
    ('530102000000', 'civilian', 6, 'held_by_bound',
        '现额度 5 人，±10% 的动态调整幅度不足 1 人，额度不变'),
    ('530102000000', 'duty', 44, 'growth_limited',
        '增幅受动态调整幅度限制：按上限 41 人安排（现额度 38 人 × (1 + 10%)，向下取整）'),
    ('530103000000', 'civilian', 11, 'growth_limited',
        '增幅受动态调整幅度限制：按上限 11 人安排（现额度 10 人 × (1 + 10%)，向下取整）'),
    ('530103000000', 'duty', null, 'growth_limited',
        '增幅受动态调整幅度限制：按上限 41 人安排（现额度 38 人 × (1 + 10%)，向下取整）'),
    ('530300000000', 'civilian', 14, 'need_share',
        '按需求份额测算 13.3 人（总量控制内），取整安排'),
    ('530300000000', 'duty', 29, 'need_share',
        '按需求份额测算 26.7 人（总量控制内），取整安排'),
    ('530302000000', 'civilian', 9, 'held_by_bound',
        '现额度 8 人，±10% 的动态调整幅度不足 1 人，额度不变'),
    ('530302000000', 'duty', 36, 'growth_limited',
        '增幅受动态调整幅度限制：按上限 36 人安排（现额度 33 人 × (1 + 10%)，向下取整）')
) t(bureau_code, category, requested_quota, reason_code, reason);

create table marts.quota_request as
select p.bureau_code, p.year, p.category, d.bureau_name, d.tier as bureau_tier,
    d.prefecture_code, p.base_year, cast(2026 as integer) as need_year, p.current_quota,
    p.headcount, n.required_fte, cast(r.requested_quota as bigint) as requested_quota,
    p.proposed_quota, p.change, p.lower_bound, p.upper_bound, p.damping_bound, r.reason_code,
    r.reason, 'reason ' || r.reason_code as reason_en
from marts.quota_proposal p
join marts.dim_bureau d using (bureau_code)
join requests r using (bureau_code, category)
left join marts.staffing_need n on n.bureau_code = p.bureau_code and n.category = p.category
    and n.year = 2026;

-- planned hires per quarter and what each quarter defers, per basis
create temp table plan_lines as
select * from (values
    ('530000000000', 'civilian', 1, 0, 1, 0, 0, 0, 0, 0, false),
    ('530000000000', 'duty', 1, 1, 0, 0, 0, 0, 0, 0, false),
    ('530100000000', 'civilian', 1, 0, 0, 1, 0, 0, 0, 0, false),
    ('530100000000', 'duty', 1, 1, 0, 0, 0, 0, 0, 0, false),
    ('530102000000', 'civilian', 1, 1, 0, 0, 0, 0, 0, 0, false),
    ('530102000000', 'duty', 0, 0, 0, 0, 0, 0, 0, 0, true),
    ('530103000000', 'civilian', 1, 0, 1, 0, 0, 0, 0, 0, false),
    ('530103000000', 'duty', 1, 1, 0, 0, 0, 0, 0, 0, false),
    ('530300000000', 'civilian', 1, 0, 0, 0, 0, 0, 0, 0, false),
    ('530300000000', 'duty', 1, 0, 1, 0, 0, 0, 0, 1, false),
    ('530302000000', 'civilian', 1, 0, 0, 1, 0, 0, 0, 0, false),
    ('530302000000', 'duty', 2, 1, 1, 0, 1, 0, 0, 0, false)
) t(bureau_code, category, p1, p2, p3, p4, d1, d2, d3, d4, over_quota);

create temp table plan_quarters as
with bases as (
    select l.*, 'approved' as quota_basis, q.approved_quota as cap
    from plan_lines l
    join marts.quota_utilization q on q.bureau_code = l.bureau_code
        and q.category = l.category and q.year = 2026
    union all
    select l.* replace (
            case when l.bureau_code = '530103000000' and l.category = 'duty' then 2
                else l.p1 end as p1,
            false as over_quota),
        'proposed', p.proposed_quota
    from plan_lines l
    join marts.quota_proposal p using (bureau_code, category)
)
select b.bureau_code, b.category, b.quota_basis, b.cap, b.over_quota, k.quarter,
    [b.p1, b.p2, b.p3, b.p4][k.quarter] as planned,
    [b.d1, b.d2, b.d3, b.d4][k.quarter] as deferred_out,
    case when k.quarter = 1 then 0 else [b.d1, b.d2, b.d3, b.d4][k.quarter - 1] end
        as deferred_in
from bases b cross join (values (1), (2), (3), (4)) k(quarter);

create table marts.recruitment_plan as
select cast(2027 as integer) as plan_year, p.quota_basis, cast(p.quarter as integer) as quarter,
    p.bureau_code, p.category, d.bureau_name, d.tier as bureau_tier, d.prefecture_code,
    d.tier = 'county' as is_grassroots_tier,
    cast(dense_rank() over (partition by p.quota_basis, p.quarter
        order by case d.tier when 'county' then 0 when 'prefecture' then 1 else 2 end,
            p.bureau_code, p.category) as bigint) as priority_rank,
    cast(2026 as integer) as quota_year,
    p.quota_basis = 'approved' and p.bureau_code = '530000000000' as quota_carried_forward,
    cast(p.cap as bigint) as cap_quota,
    cast(q.headcount - 1 as double) as forecast_headcount_max,
    cast(p.planned + p.deferred_out - p.deferred_in as bigint) as requested_hires,
    cast(p.deferred_in as bigint) as deferred_in, cast(p.planned as bigint) as planned_hires,
    cast(p.deferred_out as bigint) as deferred_out,
    cast(sum(p.planned) over (partition by p.quota_basis, p.bureau_code, p.category
        order by p.quarter) as bigint) as cumulative_planned_hires,
    cast(q.headcount - 1 + sum(p.planned) over (partition by p.quota_basis, p.bureau_code,
        p.category order by p.quarter) as double) as headcount_after_plan_max,
    r.code as cap_reason_code, r.zh as cap_reason, r.en as cap_reason_en,
    case p.category when 'civilian' then '大专及以上' else '高中（中专）及以上' end
        as education_requirement,
    case p.category when 'civilian' then 'junior college (dazhuan) or above'
        else 'senior high school (or secondary vocational school) or above' end
        as education_requirement_en,
    '第13条第（五）项' as education_article, cast(8 as bigint) as places_per_quarter
from plan_quarters p
join marts.dim_bureau d using (bureau_code)
join marts.quota_utilization q on q.bureau_code = p.bureau_code and q.category = p.category
    and q.year = 2026
join (values
    ('over_quota', '预测人数超出用人额度，暂停招聘',
        'Forecast headcount above the quota: no recruitment'),
    ('deferred_unmet', '年度岗前培训名额不足，未满足部分列入下年度招聘计划',
        'The year''s pre-service training places fall short: the rest goes to next year''s plan'),
    ('places_limited', '本季度岗前培训名额已满，未满足部分顺延至下季度',
        'This quarter''s pre-service training places are used up: the rest moves to the next '
        || 'quarter'),
    ('within_quota', '在用人额度内补足预测减员', 'Replaces forecast separations up to the quota'),
    ('no_vacancy', '本季度无新增空缺，无需招聘', 'No new vacancy this quarter: no recruitment')
) r(code, zh, en) on r.code = case
    when p.over_quota then 'over_quota'
    when p.deferred_out > 0 and p.quarter = 4 then 'deferred_unmet'
    when p.deferred_out > 0 then 'places_limited'
    when p.planned > 0 then 'within_quota'
    else 'no_vacancy' end;

-- what dbt's recruitment_plan_rollup makes of it: prefecture and province, each category and
-- 'all', each quarter and 0 = the year
create table marts.recruitment_plan_rollup as
with periods as (
    select plan_year, quota_basis, bureau_code, bureau_tier, prefecture_code, category, quarter,
        is_grassroots_tier, cap_quota, forecast_headcount_max, requested_hires, planned_hires,
        deferred_out, case when quarter = 4 then deferred_out else 0 end as unmet
    from marts.recruitment_plan
    union all
    select plan_year, quota_basis, bureau_code, any_value(bureau_tier), any_value(prefecture_code),
        category, 0, bool_or(is_grassroots_tier), max(cap_quota), max(forecast_headcount_max),
        sum(requested_hires), sum(planned_hires),
        sum(case when quarter = 4 then deferred_out else 0 end),
        sum(case when quarter = 4 then deferred_out else 0 end)
    from marts.recruitment_plan group by plan_year, quota_basis, bureau_code, category
), scoped as (
    select *, 'prefecture' as scope_level, prefecture_code as scope_code from periods
    where bureau_tier <> 'province'
    union all
    select *, 'province', '530000' from periods
), categorised as (
    select *, category as scope_category from scoped
    union all
    select *, 'all' from scoped
)
select c.plan_year, c.quota_basis, c.scope_level, c.scope_code, c.scope_category as category,
    cast(c.quarter as integer) as quarter, any_value(s.division_name) as scope_name,
    c.scope_code as prefecture_code, any_value(s.bureau_code) as bureau_code,
    cast(count(*) as bigint) as lines, cast(sum(c.cap_quota) as bigint) as cap_quota,
    cast(sum(c.forecast_headcount_max) as double) as forecast_headcount_max,
    cast(sum(c.requested_hires) as bigint) as requested_hires,
    cast(sum(c.planned_hires) as bigint) as planned_hires,
    cast(sum(case when c.is_grassroots_tier then c.planned_hires else 0 end) as bigint)
        as planned_hires_grassroots_tier,
    cast(sum(c.deferred_out) as bigint) as deferred_out, cast(sum(c.unmet) as bigint) as unmet
from categorised c
join marts.dim_bureau s on s.prefecture_code = c.scope_code
    and s.tier = case c.scope_level when 'province' then 'province' else 'prefecture' end
group by c.plan_year, c.quota_basis, c.scope_level, c.scope_code, c.scope_category, c.quarter;

-- what dbt's salary_adjustment_rollup makes of salary_adjustment_cost: each prefecture (its
-- bureau and counties) and the province (every bureau), per year and target
create table marts.salary_adjustment_rollup as
with scoped as (
    select *, 'prefecture' as scope_level, prefecture_code as scope_code
    from marts.salary_adjustment_cost where bureau_tier <> 'province'
    union all
    select *, 'province', '530000' from marts.salary_adjustment_cost
)
select c.scope_level, c.scope_code, c.year, c.target_pct, any_value(s.division_name) as scope_name,
    c.scope_code as prefecture_code, any_value(s.bureau_code) as bureau_code,
    max(c.target_ratio) as target_ratio, cast(count(*) as bigint) as bureaus,
    cast(sum(c.people) as bigint) as people,
    cast(sum(c.paid_person_months) as bigint) as paid_person_months,
    cast(sum(c.people_below_target) as bigint) as people_below_target,
    cast(sum(c.pay_gap) as decimal(18,2)) as pay_gap,
    cast(sum(c.employer_insurance) as decimal(18,2)) as employer_insurance,
    cast(sum(c.adjustment_cost) as decimal(18,2)) as adjustment_cost
from scoped c
join marts.dim_bureau s on s.prefecture_code = c.scope_code
    and s.tier = case c.scope_level when 'province' then 'province' else 'prefecture' end
group by c.scope_level, c.scope_code, c.year, c.target_pct;
"""


def add_documents(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_SQL)
