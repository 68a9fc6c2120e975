-- Why: the planning pages show unit-level headcount (fct_headcount_monthly) and bureau-level
-- use of quota (quota_utilization) side by side; both must count the same people on the
-- latest roster month of each year, or the two pages contradict each other.
with

units_total as (

    select
        year,
        category,
        sum(headcount) as headcount
    from {{ ref('fct_headcount_monthly') }}
    where month in (
        select max(month) from {{ ref('fct_headcount_monthly') }} group by year
    )
    group by year, category

),

bureaus_total as (

    select
        year,
        category,
        sum(headcount) as headcount
    from {{ ref('quota_utilization') }}
    where headcount_month is not null
    group by year, category

)

select
    units_total.year,
    units_total.category,
    units_total.headcount as unit_headcount,
    bureaus_total.headcount as bureau_headcount
from units_total
left join bureaus_total
    on bureaus_total.year = units_total.year
    and bureaus_total.category = units_total.category
where coalesce(bureaus_total.headcount, -1) <> units_total.headcount
