-- Why: Art. 10 在用人额度内提出招聘计划 — with the plan's recruits on the roster from the first
-- day of their quarter (and assumed to stay), no bureau x category may exceed the quota it is
-- capped by in any month of the plan year. Checked month by month against the forecast the
-- plan was built from (latest as-of), for every basis, wherever the forecast itself is within
-- the cap (a bureau already above it plans nothing). Returns the months that exceed it.
with

forecast as (

    select * from {{ ref('workforce_forecast') }}
    where as_of_month = (select max(as_of_month) from {{ ref('workforce_forecast') }})

),

plan as (

    select * from {{ ref('recruitment_plan') }}

)

select
    plan.plan_year,
    plan.quota_basis,
    plan.bureau_code,
    plan.category,
    forecast.month,
    forecast.forecast_headcount,
    plan.cumulative_planned_hires,
    plan.cap_quota
from plan
inner join forecast
    on forecast.bureau_code = plan.bureau_code
    and forecast.category = plan.category
    and extract(year from forecast.month) = plan.plan_year
    and extract(quarter from forecast.month) = plan.quarter
where forecast.forecast_headcount <= plan.cap_quota
    and forecast.forecast_headcount + plan.cumulative_planned_hires > plan.cap_quota + 1e-6
