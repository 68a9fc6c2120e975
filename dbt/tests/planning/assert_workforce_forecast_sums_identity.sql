-- Why: the recruitment plan reads forecast_headcount month by month and the page shows the
-- separations beside it; both must tell one story: forecast_headcount(k) =
-- forecast_headcount(k − 1) − expected_separations(k) + known_hires(k), and
-- cumulative_separations(k) = cumulative_separations(k − 1) + expected_separations(k)
-- (to 1e-6: each figure is rounded to 1e-9).
with

forecast as (

    select * from {{ ref('workforce_forecast') }}

),

paired as (

    select
        current_month.as_of_month,
        current_month.bureau_code,
        current_month.category,
        current_month.horizon_months,
        previous_month.forecast_headcount - current_month.expected_separations
            + current_month.known_hires - current_month.forecast_headcount as headcount_gap,
        previous_month.cumulative_separations + current_month.expected_separations
            - current_month.cumulative_separations as cumulative_gap
    from forecast as current_month
    left join forecast as previous_month
        on previous_month.as_of_month = current_month.as_of_month
        and previous_month.bureau_code = current_month.bureau_code
        and previous_month.category = current_month.category
        and previous_month.horizon_months = current_month.horizon_months - 1
    where current_month.horizon_months > 0

)

select *
from paired
where headcount_gap is null
    or abs(headcount_gap) > 1e-6
    or abs(cumulative_gap) > 1e-6
