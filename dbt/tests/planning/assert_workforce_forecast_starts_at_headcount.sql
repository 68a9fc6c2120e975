-- Why: horizon 0 of the forecast is the actual: the headcount the planning pages show for the
-- as-of month (fct_headcount_monthly, by bureau and category), less the recruits listed on
-- that roster before their hire month (known hires, counted from their hire month on; none in
-- the demo province). A difference would mean the forecast starts from other people.
with

forecast as (

    select * from {{ ref('workforce_forecast') }}
    where horizon_months = 0

),

headcount as (

    select
        headcount.month,
        headcount.bureau_code,
        headcount.category,
        sum(headcount.headcount) as headcount
    from {{ ref('fct_headcount_monthly') }} as headcount
    where headcount.month in (select as_of_month from forecast)
        and headcount.bureau_code is not null
    group by 1, 2, 3

),

early_recruits as (

    select
        month,
        bureau_code,
        category,
        count(*) as recruits
    from {{ ref('int_roster__person_months') }}
    where counts_in_headcount
        and hire_date > {{ month_end('month') }}
        and month in (select as_of_month from forecast)
    group by 1, 2, 3

),

compared as (

    select
        coalesce(forecast.bureau_code, headcount.bureau_code) as bureau_code,
        coalesce(forecast.category, headcount.category) as category,
        forecast.forecast_headcount,
        forecast.start_headcount,
        headcount.headcount - coalesce(early_recruits.recruits, 0) as expected_headcount
    from forecast
    full outer join headcount
        on headcount.month = forecast.as_of_month
        and headcount.bureau_code = forecast.bureau_code
        and headcount.category = forecast.category
    left join early_recruits
        on early_recruits.month = headcount.month
        and early_recruits.bureau_code = headcount.bureau_code
        and early_recruits.category = headcount.category

)

select *
from compared
where coalesce(expected_headcount, 0) <> coalesce(start_headcount, 0)
    or coalesce(expected_headcount, 0) <> coalesce(forecast_headcount, 0)
