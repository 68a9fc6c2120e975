"""A small published snapshot with known figures, so dashboard tests need no pipeline run.

Six bureaus in two prefectures (昆明 530100 with counties 五华 530102 and 盘龙 530103; 曲靖
530300 with county 麒麟 530302) plus the province bureau; 24 months 2024-11..2026-10.
Figures are built in SQL from a few base numbers so that tests can recompute them. Every
table has the columns (names, order and types) of the real published snapshot, so the tests
guard the real contract (test_real_snapshot.py compares them when a real snapshot is given).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.defs.publish.whatif import create_macros
from tests.dashboards.documents_fixture import add_documents
from tests.dashboards.findings_fixture import add_findings
from tests.dashboards.forecast_fixture import add_forecast
from tests.dashboards.national_fixture import add_province_summary

SEED = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "ref_divisions.csv"

PROVINCE = "530000000000"
KUNMING = "530100000000"
WUHUA = "530102000000"
PANLONG = "530103000000"
QUJING = "530300000000"
QILIN = "530302000000"
ALL_BUREAUS = (PROVINCE, KUNMING, WUHUA, PANLONG, QUJING, QILIN)
# what each demo login may see (tests/dashboards and dashboards/README.md use the same users)
SCOPE_OF_USER = {
    "province": ALL_BUREAUS,
    "finance": ALL_BUREAUS,
    "auditor": ALL_BUREAUS,
    "kunming": (KUNMING, WUHUA, PANLONG),
    "wuhua": (WUHUA,),
}

_SCHEMAS = """
create schema marts; create schema reference; create schema quality; create schema pii;
create schema _publish;
"""

# quota_proposal and budget_projection are what the marts' own SQL (the what-if macros,
# created between the parts below by write_snapshot) makes of the fixture's inputs, as in dbt.
_SQL = f"""

create temp table bureau as
select * from (values
    ('{PROVINCE}', '云南省公安厅', 'province', '530000', '530000', null),
    ('{KUNMING}', '昆明市公安局', 'prefecture', '530100', '530100', '{PROVINCE}'),
    ('{WUHUA}', '昆明市公安局五华分局', 'county', '530100', '530102', '{KUNMING}'),
    ('{PANLONG}', '昆明市公安局盘龙分局', 'county', '530100', '530103', '{KUNMING}'),
    ('{QUJING}', '曲靖市公安局', 'prefecture', '530300', '530300', '{PROVINCE}'),
    ('{QILIN}', '曲靖市公安局麒麟分局', 'county', '530300', '530302', '{QUJING}')
) t(bureau_code, bureau_name, tier, prefecture_code, admin_code, parent_bureau_code);

create table marts.dim_bureau as
select bureau_code, bureau_name, tier, 'police' as agency, parent_bureau_code,
    case when tier = 'county' then parent_bureau_code end as prefecture_bureau_code,
    prefecture_code, admin_code, bureau_name as division_name,
    cast(604292 as bigint) as population, cast(102.7 as double) as longitude,
    cast(25.0 as double) as latitude, cast(10 as bigint) as units,
    cast(9 as bigint) as grassroots_units
from bureau;

-- base headcount and monthly pay per head; duty grows by one person from 2025-11
create temp table base as
select * from (values
    ('{PROVINCE}', 'civilian', 20, 4400.00), ('{PROVINCE}', 'duty', 10, 5000.00),
    ('{KUNMING}', 'civilian', 15, 4200.00), ('{KUNMING}', 'duty', 30, 4800.00),
    ('{WUHUA}', 'civilian', 3, 4100.00), ('{WUHUA}', 'duty', 40, 4700.00),
    ('{PANLONG}', 'civilian', 8, 4000.00), ('{PANLONG}', 'duty', 35, 4600.00),
    ('{QUJING}', 'civilian', 12, 3900.00), ('{QUJING}', 'duty', 25, 4400.00),
    ('{QILIN}', 'civilian', 6, 3700.00), ('{QILIN}', 'duty', 30, 4200.00)
) t(bureau_code, category, heads, pay);

create temp table months as
select cast(m as date) as month
from range(date '2024-11-01', date '2026-11-01', interval 1 month) r(m);

create table marts.workforce_cost_monthly as
with h as (
    select b.bureau_code, m.month, b.category, b.pay,
        b.heads + case when b.category = 'duty' and m.month >= date '2025-11-01' then 1 else 0 end
            as headcount
    from base b cross join months m
)
select h.bureau_code, h.month, h.category, cast(year(h.month) as integer) as year,
    d.tier as bureau_tier, d.prefecture_code, cast(headcount as bigint) as headcount,
    cast(headcount as bigint) as paid_people, cast(headcount as bigint) as insured_people,
    cast(headcount * pay as decimal(18,2)) as gross_pay,
    cast(round(headcount * pay * 0.2465, 2) as decimal(18,2)) as employer_insurance,
    cast(case when category = 'duty' then headcount * 15 else 0 end as decimal(18,2))
        as accident_premium,
    cast(headcount * pay + round(headcount * pay * 0.2465, 2)
        + case when category = 'duty' then headcount * 15 else 0 end as decimal(18,2))
        as total_cost,
    cast(round((headcount * pay + round(headcount * pay * 0.2465, 2)
        + case when category = 'duty' then headcount * 15 else 0 end) / headcount, 2)
        as decimal(18,2)) as cost_per_head,
    timestamp '2026-11-03 08:00:00' as loaded_at_watermark  -- incremental bookkeeping
from h join bureau d using (bureau_code);

create table marts.quota_utilization as
with y as (
    select w.bureau_code, year(w.month) as year, w.category, w.headcount
    from marts.workforce_cost_monthly w
    where w.month in (date '2025-12-01', date '2026-10-01')
), q as (
    select y.*, case when bureau_code = '{WUHUA}' and category = 'duty' then 38
        else headcount + 2 end as approved_quota
    from y
)
select q.bureau_code, cast(q.year as integer) as year, q.category, d.bureau_name,
    d.tier as bureau_tier, d.prefecture_code,
    cast(case when q.year = 2025 then date '2025-12-01' else date '2026-10-01' end as date)
        as headcount_month,
    cast(approved_quota as bigint) as approved_quota,
    cast(approved_quota + 1 as bigint) as requested_quota, cast(headcount as bigint) as headcount,
    cast(headcount / approved_quota as double) as utilization,
    cast(approved_quota - headcount as bigint) as vacancies,
    headcount > approved_quota as over_quota
from q join bureau d using (bureau_code);

-- required FTE R per county = incidents x 2.5 h ÷ 1,019 h; staffing_need splits it into its
-- components (duty 0.85 R: reactive 0.5, proactive 0.2, fixed posts 0.15; civilian 0.15 R:
-- fixed posts 0.05, support 0.10); 麒麟's population is an estimate of the divisions seed
create temp table grassroots_base as
select q.bureau_code, q.year, d.bureau_name, d.prefecture_code, d.admin_code,
    cast(sum(q.headcount) as bigint) as aux_total,
    cast(round(sum(q.headcount) * 0.7) as bigint) as aux_grassroots,
    cast(round(sum(q.headcount) * 0.7) / sum(q.headcount) as double) as grassroots_share,
    cast(p.police as bigint) as police_count,
    cast(sum(q.headcount) / p.police as double) as aux_per_police,
    cast(p.population as bigint) as population,
    q.bureau_code = '{QILIN}' as population_is_estimate,
    cast(sum(q.headcount) / p.population * 10000 as double) as aux_per_10k_population,
    cast(12 as integer) as months_observed, cast(p.incidents as bigint) as incidents,
    cast(p.incidents * 2.5 as double) as workload_hours,
    cast(p.incidents * 2.5 as double) as annual_workload_hours,
    cast(p.incidents * 0.5 as double) as proactive_hours,
    cast(round(p.incidents * 2.5 / 1019, 1) as double) as required_fte,
    cast(sum(q.headcount) - round(p.incidents * 2.5 / 1019, 1) as double) as staffing_gap,
    cast(round(p.incidents * 2.5 / 1019, 1) * 0.5 * 1019 as double) as reactive_hours,
    cast(3 as double) as fixed_positions,
    cast(round(p.incidents * 2.5 / 1019, 1) * 0.2 as double) as fixed_post_fte,
    cast(round(p.incidents * 2.5 / 1019, 1) * 0.1 as double) as support_fte,
    cast(round(p.incidents * 2.5 / 1019, 1) * 0.85 as double) as required_fte_duty,
    cast(round(p.incidents * 2.5 / 1019, 1) * 0.15 as double) as required_fte_civilian,
    cast(1019 as double) as available_hours_per_person,
    cast(0.6 as double) as target_incident_share, cast(1.2 as double) as relief_factor
from marts.quota_utilization q
join bureau d using (bureau_code)
join (values ('{WUHUA}', 30, 604292, 18000), ('{PANLONG}', 28, 604292, 14000),
    ('{QILIN}', 25, 640642, 12000)) p(bureau_code, police, population, incidents)
    using (bureau_code)
group by q.bureau_code, q.year, d.bureau_name, d.prefecture_code, d.admin_code, p.police,
    p.population, p.incidents;

create table marts.grassroots_allocation as
select g.*, cast(p.aux_total as bigint) as prior_aux_total,
    cast(g.aux_total - p.aux_total as bigint) as aux_total_change,
    cast(p.required_fte as double) as prior_required_fte,
    cast(g.required_fte - p.required_fte as double) as required_fte_change
from grassroots_base g
left join grassroots_base p on p.bureau_code = g.bureau_code and p.year = g.year - 1;

-- what dbt's quota_proposal_inputs hands the proposal: the 2026 quotas and need indicators
create table marts.quota_proposal_inputs as
select q.bureau_code, q.category, q.bureau_tier, q.prefecture_code,
    cast(2026 as integer) as base_year, q.approved_quota as current_quota, q.headcount,
    cast(2026 as integer) as need_year, g.grassroots_share, g.population,
    cast(g.incidents as double) as annual_incidents, g.annual_workload_hours
from marts.quota_utilization q
left join marts.grassroots_allocation g on g.bureau_code = q.bureau_code and g.year = q.year
where q.year = 2026;

-- the dbt vars of the published proposal; the province adds 4 places to the current total
create table marts.quota_proposal_parameters as
select cast(sum(current_quota) + 4 as bigint) as province_total,
    cast(0.10 as double) as damping_bound, cast(0.5 as double) as grassroots_weight,
    cast(0.25 as double) as w_population, cast(0.15 as double) as w_incidents,
    cast(0.30 as double) as w_workload, cast(0.30 as double) as w_current
from marts.quota_proposal_inputs;

"""

_PROPOSAL = """
create table marts.quota_proposal as
select * from marts.quota_proposal_whatif(
    (select province_total from marts.quota_proposal_parameters),
    (select damping_bound from marts.quota_proposal_parameters),
    (select grassroots_weight from marts.quota_proposal_parameters),
    (select w_population from marts.quota_proposal_parameters),
    (select w_incidents from marts.quota_proposal_parameters),
    (select w_workload from marts.quota_proposal_parameters),
    (select w_current from marts.quota_proposal_parameters));

-- what dbt's budget_projection hands the costing (its budget_inputs), then the costing itself
create table marts.budget_projection as
with c as (
    select p.bureau_code, d.tier, d.prefecture_code, sum(p.current_quota) as current_quota,
        sum(p.headcount) as current_headcount, sum(p.proposed_quota) as planned_headcount,
        round(sum(p.proposed_quota * b.pay) / sum(p.proposed_quota), 2) as base_monthly_gross
    from marts.quota_proposal p
    join base b using (bureau_code, category)
    join bureau d using (bureau_code)
    group by all
)
select bureau_code, cast(2027 as integer) as year, tier as funding_level, prefecture_code,
    cast(2026 as integer) as base_year, cast(current_quota as bigint) as current_quota,
    cast(current_headcount as bigint) as current_headcount,
    cast(planned_headcount as bigint) as planned_headcount,
    cast(base_monthly_gross as decimal(18,2)) as base_monthly_gross,
    cast(4500 as decimal(18,2)) as base_floor, cast(22000 as decimal(18,2)) as base_ceiling,
    cast(2027 as integer) as rates_year, cast(180 as decimal(18,2)) as accident_premium_per_head,
    cast(3000 as decimal(18,2)) as other_cost_per_head
from c;
"""

_BUDGET = """
create table marts.budget_costed as select * from marts.budget_projection_whatif(0.03, 0.2465);
drop table marts.budget_projection;
alter table marts.budget_costed rename to budget_projection;
"""

# issue 12: need by component, last year beside this year, units, hires and separations
_PLANNING = f"""

-- county bureaus: the components of grassroots_allocation's required FTE (see above); the
-- other bureaus need 0.9 x their headcount (duty: reactive 0.5, proactive 0.2, fixed 0.2;
-- civilian: fixed 0.4, support 0.5 of it)
create table marts.staffing_need as
with n as (
    select q.bureau_code, q.year, q.category, d.bureau_name, d.tier, d.prefecture_code,
        g.population, g.population_is_estimate, q.headcount, q.approved_quota,
        case when g.bureau_code is not null
            then g.required_fte * case when q.category = 'duty' then 0.85 else 0.15 end
            else 0.9 * q.headcount end as need,
        g.bureau_code is not null as is_county
    from marts.quota_utilization q
    join bureau d using (bureau_code)
    left join marts.grassroots_allocation g using (bureau_code, year)
), c as (
    select n.*,
        case when category = 'duty'
            then need * case when is_county then 0.5 / 0.85 else 0.5 / 0.9 end
            else 0 end as reactive_fte,
        case when category = 'duty'
            then need * case when is_county then 0.2 / 0.85 else 0.2 / 0.9 end
            else 0 end as proactive_fte,
        need * case when category = 'duty' and is_county then 0.15 / 0.85
            when category = 'duty' then 0.2 / 0.9
            when is_county then 0.05 / 0.15 else 0.4 / 0.9 end as fixed_post_fte
    from n
)
select bureau_code, cast(year as integer) as year, category, bureau_name, tier as bureau_tier,
    prefecture_code, cast(population as bigint) as population,
    cast(population_is_estimate as boolean) as population_is_estimate,
    cast(12 as integer) as months_observed, cast(0 as bigint) as incidents,
    cast(reactive_fte * 1848 as double) as reactive_hours,
    cast(reactive_fte as double) as reactive_fte,
    cast(proactive_fte * 1848 as double) as proactive_hours,
    cast(proactive_fte as double) as proactive_fte, cast(2 as double) as fixed_positions,
    cast(fixed_post_fte * 1848 as double) as fixed_cover_hours,
    cast(fixed_post_fte as double) as fixed_post_fte,
    cast(fixed_post_fte * 1848 / 2 / 1848 as double) as relief_factor,
    true as fixed_posts_is_estimate,
    cast(need - reactive_fte - proactive_fte - fixed_post_fte as double) as support_fte,
    cast(need as double) as required_fte, cast(headcount as bigint) as headcount,
    cast(approved_quota as bigint) as approved_quota,
    cast(headcount - need as double) as staffing_gap,
    cast(headcount / nullif(need, 0) as double) as staffing_ratio,
    cast(1848 as double) as available_hours_per_fte, cast(0.4 as double) as proactive_share,
    cast(0.15 as double) as civilian_support_ratio
from c;

-- what dbt's planning_year_over_year makes of the two: year − 1 beside each year
create table marts.planning_year_over_year as
with y as (
    select q.bureau_code, q.year, q.category, q.bureau_name, q.bureau_tier, q.prefecture_code,
        q.approved_quota, q.headcount, q.utilization, n.required_fte, n.staffing_gap
    from marts.quota_utilization q
    left join marts.staffing_need n using (bureau_code, year, category)
)
select y.bureau_code, y.year, y.category, y.bureau_name, y.bureau_tier, y.prefecture_code,
    cast(y.year - 1 as integer) as prior_year, y.approved_quota,
    p.approved_quota as prior_approved_quota,
    y.approved_quota - p.approved_quota as approved_quota_change, y.headcount,
    p.headcount as prior_headcount, y.headcount - p.headcount as headcount_change,
    cast((y.headcount - p.headcount) / nullif(p.headcount, 0) as double) as headcount_change_pct,
    y.utilization, p.utilization as prior_utilization,
    y.utilization - p.utilization as utilization_change, y.required_fte,
    p.required_fte as prior_required_fte, y.required_fte - p.required_fte as required_fte_change,
    (y.required_fte - p.required_fte) / nullif(p.required_fte, 0) as required_fte_change_pct,
    y.staffing_gap, p.staffing_gap as prior_staffing_gap
from y
left join y p on p.bureau_code = y.bureau_code and p.year = y.year - 1
    and p.category = y.category;

-- each bureau's organ holds the bureau's staff at its level (bureau_level), except that a
-- county's duty staff work in two stations (基层所队): two thirds patrol at the first, a
-- third community at the second, one of the patrol staff a level up
create temp table fixture_units as
select * from (values
    ('530102010000', '五华分局护国派出所', '{WUHUA}'),
    ('530102020000', '五华分局华山派出所', '{WUHUA}'),
    ('530103010000', '盘龙分局拓东派出所', '{PANLONG}'),
    ('530103020000', '盘龙分局鼓楼派出所', '{PANLONG}'),
    ('530302010000', '麒麟分局南宁派出所', '{QILIN}'),
    ('530302020000', '麒麟分局建宁派出所', '{QILIN}')
) t(unit_code, unit_name, bureau_code);

create table marts.headcount_by_unit as
with cells as (
    select w.bureau_code as unit_code, w.month, w.category,
        case when w.category = 'civilian' then 'window_service' else 'patrol' end as post,
        l.level, w.bureau_code, w.headcount
    from marts.workforce_cost_monthly w join bureau_level l using (bureau_code)
    join bureau d using (bureau_code)
    where not (d.tier = 'county' and w.category = 'duty')
    union all
    select u.unit_code, w.month, w.category,
        case when u.unit_code like '%010000' then 'patrol' else 'community' end, l.level,
        w.bureau_code,
        case when u.unit_code like '%010000' then w.headcount - w.headcount // 3 - 1
            else w.headcount // 3 end
    from marts.workforce_cost_monthly w join bureau_level l using (bureau_code)
    join fixture_units u using (bureau_code)
    where w.category = 'duty'
    union all
    select u.unit_code, w.month, w.category, 'patrol', l.level + 1, w.bureau_code, 1
    from marts.workforce_cost_monthly w join bureau_level l using (bureau_code)
    join fixture_units u using (bureau_code)
    where w.category = 'duty' and u.unit_code like '%010000'
)
select c.unit_code, c.month, c.category, c.post, cast(c.level as integer) as level,
    coalesce(u.unit_name, d.bureau_name) as unit_name,
    case when u.unit_code is null then d.tier else 'station' end as unit_tier,
    case when u.unit_code is null then 'organ' else 'grassroots' end as unit_kind,
    c.bureau_code, d.prefecture_code, cast(year(c.month) as integer) as year,
    cast(c.headcount as bigint) as headcount, cast(0 as bigint) as suspended
from cells c join bureau d using (bureau_code)
left join fixture_units u using (unit_code);

-- one hire and one separation per bureau and category every March, and the duty person
-- added in 2025-11 as a hire
create table marts.workforce_flows_monthly as
with f as (
    select w.bureau_code, w.month, w.category, w.bureau_tier, w.prefecture_code, w.headcount,
        case when month(w.month) = 3 then 1 else 0 end
            + case when w.category = 'duty' and w.month = date '2025-11-01' then 1 else 0 end
            as hires,
        case when month(w.month) = 3 then 1 else 0 end as separations
    from marts.workforce_cost_monthly w
)
select bureau_code, month, category, bureau_tier, prefecture_code,
    cast(year(month) as integer) as year, cast(headcount as bigint) as headcount,
    cast(hires as bigint) as hires, cast(separations as bigint) as separations,
    cast(hires - separations as bigint) as net_change
from f;
"""

_SQL_REST = f"""

create table reference.ref_average_wage as
select prefecture_code, cast(year as integer) as year, cast(avg_annual_wage as integer)
    as avg_annual_wage, 'urban_non_private_in_post' as scope, 'fixture' as source,
    prefecture_code <> '530000' as is_estimate
from (values ('530000', 2024, 110206), ('530100', 2024, 118000),
    ('530300', 2024, 97000)) t(prefecture_code, year, avg_annual_wage);

-- what dbt's salary_adjustment_cost makes of 2025 (the closed year): every person of a group
-- is paid the group's pay for 12 months; the duty person added in 2025-11 for 2 months; and
-- temporary staff paid for part of 2025 (outside the cost mart's groups), below 45 % of the
-- local wage but not 40 %: 2 at 曲靖市公安局 and 3 at 麒麟分局 5 months at 3,500 (43 % of
-- 97,000 a year), 3 at the province bureau 4 months at 4,000 (44 % of 110,206), so that the
-- 薪酬调整测算表 merges blanked bureaus (documents_fixture.py, salary_adjustment_rollup)
create table marts.salary_adjustment_cost as
with people as (
    select bureau_code, pay, 12 as months, heads as n from base
    union all
    select bureau_code, pay, 2, 1 from base where category = 'duty'
    union all
    select * from (values ('{QUJING}', 3500.00, 5, 2), ('{QILIN}', 3500.00, 5, 3),
        ('{PROVINCE}', 4000.00, 4, 3)) t(bureau_code, pay, months, n)
), gaps as (
    select p.bureau_code, cast(t.target_pct as integer) as target_pct,
        a.avg_annual_wage as wage, p.n, p.months,
        greatest(0, t.target_pct / 100.0 * a.avg_annual_wage * p.months / 12.0
            - p.pay * p.months) as gap
    from people p
    cross join range(40, 151, 5) t(target_pct)
    join bureau d using (bureau_code)
    join reference.ref_average_wage a on a.prefecture_code = d.prefecture_code
), summed as (
    select bureau_code, target_pct, max(wage) as wage, sum(n) as people,
        sum(n * months) as paid_person_months,
        sum(case when gap > 0 then n else 0 end) as people_below_target,
        round(sum(n * gap), 2) as pay_gap
    from gaps group by bureau_code, target_pct
)
select s.bureau_code, cast(2025 as integer) as year, s.target_pct, d.tier as bureau_tier,
    d.prefecture_code, cast(s.target_pct / 100.0 as double) as target_ratio,
    cast(s.wage as decimal(18,2)) as local_avg_wage,
    cast(round(s.target_pct / 100.0 * s.wage, 2) as decimal(18,2)) as target_annual_pay,
    cast(s.people as bigint) as people, cast(s.paid_person_months as bigint) as paid_person_months,
    cast(s.people_below_target as bigint) as people_below_target,
    cast(s.pay_gap as decimal(18,2)) as pay_gap, cast(0.2465 as double) as employer_rate,
    cast(round(s.pay_gap * 0.2465, 2) as decimal(18,2)) as employer_insurance,
    cast(s.pay_gap + round(s.pay_gap * 0.2465, 2) as decimal(18,2)) as adjustment_cost
from summed s join bureau d using (bureau_code);

create table marts.salary_benchmark as
select d.prefecture_code, cast(year(w.month) as integer) as year, w.category,
    cast(sum(w.headcount) as bigint) as person_months,
    cast(sum(w.headcount) as bigint) as paid_person_months,
    cast(max(w.headcount) as bigint) as people,
    cast(round(sum(w.gross_pay) / sum(w.headcount) * 12, 2) as decimal(18,2))
        as avg_annual_gross,
    cast(2020.00 as decimal(18,2)) as avg_monthly_min_wage_pay,
    cast(a.avg_annual_wage as decimal(18,2)) as local_avg_wage, 2024 as benchmark_year,
    a.is_estimate as local_avg_wage_is_estimate,
    cast(round(sum(w.gross_pay) / sum(w.headcount) * 12 / a.avg_annual_wage, 4) as double)
        as ratio_to_local_avg,
    cast(2020.00 as decimal(18,2)) as avg_min_wage_monthly,
    cast(case when d.prefecture_code = '530300' and w.category = 'civilian' then 2 else 0 end
        as bigint) as below_min_wage_months,
    cast(1.0 as double) as expected_pay_index,
    cast(a.avg_annual_wage as decimal(18,2)) as expected_annual_pay,
    cast(round(sum(w.gross_pay) / sum(w.headcount) * 12 / a.avg_annual_wage, 4) as double)
        as ratio_to_expected_pay
from marts.workforce_cost_monthly w
join marts.dim_bureau d using (bureau_code)
join reference.ref_average_wage a on a.prefecture_code = d.prefecture_code
where d.prefecture_code is not null
group by d.prefecture_code, year(w.month), w.category, a.avg_annual_wage, a.is_estimate;

-- each bureau's staff hold one level: 昆明's civilians split 15 / 3 (五华) / 8 (盘龙), so 五华's
-- level 3 is a group under five people and 盘龙's level 4 the next smallest of its category
create temp table bureau_level as
select * from (values ('{PROVINCE}', 8), ('{KUNMING}', 6), ('{WUHUA}', 3), ('{PANLONG}', 4),
    ('{QUJING}', 6), ('{QILIN}', 2)) t(bureau_code, level);

create table marts.salary_benchmark_by_level as
select d.prefecture_code, cast(year(w.month) as integer) as year, w.category,
    cast(l.level as integer) as level,
    cast(sum(w.headcount) as bigint) as person_months,
    cast(sum(w.headcount) as bigint) as paid_person_months,
    cast(max(w.headcount) as bigint) as people,
    cast(round(sum(w.gross_pay) / sum(w.headcount) * 12, 2) as decimal(18,2))
        as avg_annual_gross,
    cast(round(sum(w.gross_pay) / sum(w.headcount) - 150, 2) as decimal(18,2))
        as avg_monthly_min_wage_pay,
    cast(a.avg_annual_wage as decimal(18,2)) as local_avg_wage, 2024 as benchmark_year,
    a.is_estimate as local_avg_wage_is_estimate,
    cast(round(sum(w.gross_pay) / sum(w.headcount) * 12 / a.avg_annual_wage, 4) as double)
        as ratio_to_local_avg,
    cast(2020.00 as decimal(18,2)) as avg_min_wage_monthly,
    cast(case when d.prefecture_code = '530300' and w.category = 'civilian' and l.level = 6
        then 2 else 0 end as bigint) as below_min_wage_months,
    cast(1.0 as double) as expected_pay_index,
    cast(a.avg_annual_wage as decimal(18,2)) as expected_annual_pay,
    cast(round(sum(w.gross_pay) / sum(w.headcount) * 12 / a.avg_annual_wage, 4) as double)
        as ratio_to_expected_pay
from marts.workforce_cost_monthly w
join marts.dim_bureau d using (bureau_code)
join bureau_level l using (bureau_code)
join reference.ref_average_wage a on a.prefecture_code = d.prefecture_code
where d.prefecture_code is not null
group by d.prefecture_code, year(w.month), w.category, l.level, a.avg_annual_wage,
    a.is_estimate;

create table marts.insurance_coverage as
with g as (
    select w.bureau_code, w.month, sum(w.headcount) as pm,
        case when bureau_code = '{WUHUA}' and month >= date '2026-01-01' then 2 else 0 end
            as pension,
        case when bureau_code = '{QILIN}' then 1 else 0 end as injury
    from marts.workforce_cost_monthly w group by w.bureau_code, w.month
)
select g.bureau_code, g.month, cast(year(g.month) as integer) as year, d.tier as bureau_tier,
    d.prefecture_code, cast(pm as bigint) as person_months,
    cast(0 as bigint) as no_payroll_months, cast(pension as bigint) as gap_pension,
    cast(0 as bigint) as gap_medical, cast(0 as bigint) as gap_maternity,
    cast(0 as bigint) as gap_unemployment, cast(injury as bigint) as gap_injury,
    cast(pension + injury as bigint) as person_months_with_gap,
    cast(1 - (pension + injury) / pm as double) as coverage_rate,
    cast(0 as bigint) as base_below_floor_months, cast(0 as bigint) as high_danger_person_months,
    cast(injury as bigint) as no_accident_cover_months,
    cast(pension * 697.12 + injury * 12.60 as decimal(18,2)) as estimated_shortfall,
    timestamp '2026-11-03 08:00:00' as loaded_at_watermark
from g join bureau d using (bureau_code);

create table marts.compliance_violations as
select md5(rule_id || unit_code || coalesce(person_key, '') || period) as finding_id, rule_id,
    '第' || cast(regexp_extract(rule_id, '^A(\\d+)_', 1) as integer) || '条' as article,
    cast(regexp_extract(rule_id, '^A(\\d+)_', 1) as integer) as article_no,
    severity, unit_code, bureau_code, prefecture_code, person_key, incident_id, period, detail,
    evidence
from (values
    ('A6_OVER_QUOTA', '', 'medium', '{WUHUA}', '{WUHUA}', '530100', null, null,
        '2026', 'duty', '{{"headcount": 41, "approved_quota": 38}}'),
    ('A16_NO_VALID_CONTRACT', '', 'medium', '530102010000', '{WUHUA}', '530100',
        'pk_wh_001', null, '2026-09', null, '{{"contract_end": "2026-08-31"}}'),
    ('A34_INSURANCE_MISSING', '', 'high', '530102010000', '{WUHUA}', '530100',
        'pk_wh_002', null, '2026-10', 'pension', '{{"employer_pension": 0}}'),
    ('A8_UNLED_ENFORCEMENT', '', 'high', '530103020000', '{PANLONG}', '530100',
        null, 'INC-PL-0007', '2026-08', null, '{{"auxiliaries": 2, "police": 0}}'),
    ('A20_FORBIDDEN_TASK', '', 'high', '530302010000', '{QILIN}', '530300',
        'pk_ql_001', 'INC-QL-0003', '2026-07', null, '{{"task": "investigation"}}'),
    ('A33_BELOW_MIN_WAGE', '', 'medium', '{QUJING}', '{QUJING}', '530300',
        'pk_qj_001', null, '2025-11', null, '{{"pay": 1800.00, "min_wage": 2020.00}}'),
    ('A15_DISQUALIFIED_HIRE', '', 'high', '{PROVINCE}', '{PROVINCE}', '530000',
        'pk_pr_001', null, '2025-03', null, '{{"background_check": "fail"}}')
) t(rule_id, article, severity, unit_code, bureau_code, prefecture_code, person_key,
    incident_id, period, detail, evidence);

create table pii.person_names as
select * from (values ('pk_wh_001', '张三'), ('pk_wh_002', '李四'), ('pk_ql_001', '王五'),
    ('pk_qj_001', '赵六'), ('pk_pr_001', '钱七')) t(person_key, name);

create table reference.ref_divisions as
select * from read_csv('{SEED}', types={{'admin_code': 'VARCHAR', 'parent_code': 'VARCHAR'}});

-- Landed files (the path below landing/, the bureau's admin code in the name): roster and
-- payroll of every bureau for 2026-08..10, except that 盘龙 has not sent October's roster and
-- 麒麟's September payroll was rejected; 五华's and 曲靖's October rosters hold rows back, and
-- 五华's was re-checked (a second log row for the same bytes); org_units names no bureau.
create temp table delivered as
select s.source, b.admin_code, m.month,
    s.source || '/' || b.admin_code || '/' || s.source || '_' || b.admin_code || '_'
        || strftime(m.month, '%Y-%m') || '.xlsx' as file
from (values ('roster'), ('payroll')) s(source)
cross join bureau b
cross join (values (date '2026-08-01'), (date '2026-09-01'), (date '2026-10-01')) m(month)
where not (s.source = 'roster' and b.admin_code = '530103' and m.month = date '2026-10-01');

create temp table layouts as
select * from (values
    ('roster', '{{"columns": {{"A": "统计月份", "B": "身份证号", "C": "姓  名", "D": "类别", '
        || '"E": "机构代码", "F": "入职日期（年月日）"}}, "fields": {{"snapshot_month": "A", '
        || '"id_number": "B", "name": "C", "category": "D", "unit_code": "E", '
        || '"hire_date": "F"}}}}'),
    ('payroll', '{{"columns": {{"A": "发放月份", "B": "身份证号", "C": "基本工资（元）", '
        || '"D": "应发工资"}}, "fields": {{"pay_month": "A", "id_number": "B", "base_pay": "C", '
        || '"gross_pay": "D"}}}}')
) t(source, layout);

create temp table files as
select d.file, md5(d.file) as sha256, d.source, strftime(d.month, '%Y-%m') as partition,
    d.admin_code,
    case when d.file = 'payroll/530302/payroll_530302_2026-09.xlsx' then 'rejected'
        else 'loaded' end as status,
    case when d.file = 'roster/530102/roster_530102_2026-10.xlsx' then 2
        when d.file = 'roster/530300/roster_530300_2026-10.xlsx' then 1 else 0 end as held,
    timestamp '2026-11-03 08:00:00' - to_days(cast(date '2026-10-01' - d.month as integer))
        as loaded_at
from delivered d;

create table quality.load_log as
select file, sha256, source, partition, rows_read, rows_loaded, rows_quarantined, status,
    message, loaded_at, rows_layout, sheet, header_rows, admin_code, layout
from (
    select f.file, f.sha256, f.source, f.partition,
        cast(case when f.status = 'loaded' then 40 + f.held else 0 end as bigint) as rows_read,
        cast(case when f.status = 'loaded' then 40 else 0 end as bigint) as rows_loaded,
        cast(f.held as bigint) as rows_quarantined, f.status,
        case when f.status = 'rejected'
            then '缺少必需列：基本工资（base_pay） / Missing required column: base_pay'
            when f.held = 2 then '重新核对 / Re-checked' end as message,
        f.loaded_at, cast(case when f.status = 'loaded' then 2 else 0 end as bigint) as rows_layout,
        case when f.status = 'loaded' then '数据' end as sheet,
        case when f.status = 'loaded' then '3' end as header_rows, f.admin_code,
        case when f.status = 'loaded' then l.layout end as layout
    from files f join layouts l using (source)
    union all  -- 五华's roster as first settled, before the re-check loaded one more row
    select f.file, f.sha256, f.source, f.partition, 42, 39, 3, 'loaded', null,
        f.loaded_at - interval 1 day, 2, '数据', '3', f.admin_code, l.layout
    from files f join layouts l using (source) where f.held = 2
    union all
    select 'org_units/org_units.csv', 'aa04', 'org_units', null, 12, 12, 0, 'loaded', null,
        timestamp '2026-06-01 10:00:00', 0, null, '1', null, null
);

create table quality.quarantine as
select file, md5(file) as sha256, source, cast(row_number as bigint) as row_number, column_name,
    value, rule, message_zh, message_en, timestamp '2026-11-03 08:00:00' as quarantined_at,
    '数据' as sheet, cell
from (values
    ('roster/530102/roster_530102_2026-10.xlsx', 'roster', 17, 'id_number', '5***',
        'id_checksum', '身份证号校验位错误', 'ID number check character is wrong (GB 11643)',
        'B17'),
    ('roster/530102/roster_530102_2026-10.xlsx', 'roster', 30, 'hire_date', '2026-13-01',
        'bad_date',
        '“入职日期（hire_date）”不是有效日期（应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYY年MM月DD日）',
        '''hire_date'' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYY年MM月DD日)', 'F30'),
    ('roster/530102/roster_530102_2026-10.xlsx', 'roster', 30, 'category', '协警', 'bad_enum',
        '“类别（category）”的取值不在规范代码表中',
        '''category'' is not one of the contract''s codes',
        'D30'),
    ('roster/530300/roster_530300_2026-10.xlsx', 'roster', 12, 'category', '临时工', 'bad_enum',
        '“类别（category）”的取值不在规范代码表中',
        '''category'' is not one of the contract''s codes',
        'D12')
) t(file, source, row_number, column_name, value, rule, message_zh, message_en, cell);

create table quality.quarantine_rows as
select file, md5(file) as sha256, source, '数据' as sheet, cast(row_number as bigint) as row_number,
    cells
from (values
    ('roster/530102/roster_530102_2026-10.xlsx', 'roster', 17, '{{"A": "2026-10", "B": "5***", '
        || '"C": "张***", "D": "勤务", "E": "530102010000", "F": "2021-06-01"}}'),
    ('roster/530102/roster_530102_2026-10.xlsx', 'roster', 30, '{{"A": "2026-10", "B": "5***", '
        || '"C": "李***", "D": "协警", "E": "530102010000", "F": "2026-13-01"}}'),
    ('roster/530300/roster_530300_2026-10.xlsx', 'roster', 12, '{{"A": "2026-10", "B": "5***", '
        || '"C": "王***", "D": "临时工", "E": "530300010000", "F": "2020-01-01"}}')
) t(file, source, row_number, cells);

create table quality.check_results as
select source, batch_files, check_name, passed, cast(rows_checked as bigint) as rows_checked,
    cast(unexpected_count as bigint) as unexpected_count, detail, checked_at
from (values
    ('roster', 'roster/530102/roster_530102_2026-10.xlsx, roster/530300/roster_530300_2026-10.xlsx',
        'expect_column_values_to_not_be_null(person_key)', true, 80, 0, null,
        timestamp '2026-11-03 08:05:00'),
    ('payroll', 'payroll/530102/payroll_530102_2026-10.xlsx',
        'expect_column_values_to_be_between(gross_pay)', true, 40, 0, null,
        timestamp '2026-11-03 08:05:00'),
    ('org_units', 'org_units/org_units.csv', 'expect_column_values_to_be_unique(unit_code)',
        false, 12, 1, '[''530102010000'']', timestamp '2026-11-03 08:05:00')
) t(source, batch_files, check_name, passed, rows_checked, unexpected_count, detail,
    checked_at);

-- what dbt's delivery_status makes of the files above: every bureau delivers both sources
-- from 2026-08, the window ends 2026-10
create table marts.delivery_status as
with settled as (
    select source, admin_code, cast(partition || '-01' as date) as month,
        count(*) filter (where status = 'loaded') as files_loaded,
        count(*) filter (where status = 'rejected') as files_rejected,
        sum(rows_loaded) as rows_loaded, sum(rows_quarantined) as rows_quarantined,
        max(loaded_at) as last_loaded_at
    from (select * from quality.load_log
        qualify row_number() over (partition by file, sha256 order by loaded_at desc) = 1)
    where partition is not null
    group by all
)
select b.bureau_code, b.prefecture_code, s.source, m.month,
    case when d.files_loaded > 0 then 'delivered' when d.files_rejected > 0 then 'rejected'
        else 'missing' end as status,
    cast(coalesce(d.files_loaded, 0) as bigint) as files_loaded,
    cast(coalesce(d.files_rejected, 0) as bigint) as files_rejected,
    cast(coalesce(d.rows_loaded, 0) as bigint) as rows_loaded,
    cast(coalesce(d.rows_quarantined, 0) as bigint) as rows_quarantined, d.last_loaded_at
from (values ('roster'), ('payroll')) s(source)
cross join bureau b
cross join (values (date '2026-08-01'), (date '2026-09-01'), (date '2026-10-01')) m(month)
left join settled d on d.source = s.source and d.admin_code = b.admin_code and d.month = m.month;

create table _publish.meta as
select timestamp '2026-11-03 08:10:00' as published_at, 'run-fixture-0001' as run_id;
"""


# Every mart carries its province (issue 15), the fixture's all Yunnan: the column goes where
# dbt puts it, before prefecture_code (the roll-ups: before scope_level), else first.
_PROVINCE_CODE = PROVINCE[:6]
_PROVINCE_BEFORE = {
    "recruitment_plan_rollup": "scope_level",
    "salary_adjustment_rollup": "scope_level",
}


def add_province_code(con: duckdb.DuckDBPyConnection) -> None:
    """Give every marts table of the fixture that lacks it a province_code column."""
    tables = con.execute(
        """select table_name, list(column_name order by ordinal_position)
        from information_schema.columns
        where table_catalog = current_database() and table_schema = 'marts'
        group by table_name
        having not list_contains(list(column_name), 'province_code')"""
    ).fetchall()
    for table, columns in tables:
        before = _PROVINCE_BEFORE.get(table, "prefecture_code")
        at = columns.index(before) if before in columns else 0
        names = [f'"{c}"' for c in columns]
        names.insert(at, f"'{_PROVINCE_CODE}' as province_code")
        con.execute(
            f"create or replace table marts.{table} as select {', '.join(names)} from marts.{table}"
        )


def write_snapshot(path: Path) -> Path:
    """Write the fixture snapshot to `path` (replacing it atomically, as publish does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        con.execute(_SCHEMAS)
        con.execute(_SQL)
        add_province_code(con)
        # as publish does: the dbt macros the marts are built with, over their input tables
        create_macros(con, "quota_proposal_whatif")
        con.execute(_PROPOSAL)
        add_province_code(con)
        create_macros(con, "budget_projection_whatif")
        con.execute(_BUDGET)
        con.execute(_SQL_REST)
        con.execute(_PLANNING)
        add_findings(con)  # issue 13: evidence rows, finding history, rule catalogue
        add_documents(con)  # issue 14: what the approval documents read
        add_forecast(con)  # issue 14: the workforce forecast, its rates and backtest
        add_province_summary(con)  # issue 15: the province's row of the national summary
        add_province_code(con)
    tmp.replace(path)
    return path
