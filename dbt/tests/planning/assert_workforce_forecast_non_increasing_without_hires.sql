-- Why: without recruitment the forecast can only lose people; a month with no known hire
-- whose forecast_headcount rose above the month before would mean a probability above 1 or
-- a person counted twice.
with

forecast as (

    select * from {{ ref('workforce_forecast') }}

)

select current_month.*
from forecast as current_month
inner join forecast as previous_month
    on previous_month.as_of_month = current_month.as_of_month
    and previous_month.bureau_code = current_month.bureau_code
    and previous_month.category = current_month.category
    and previous_month.horizon_months = current_month.horizon_months - 1
where current_month.known_hires = 0
    and current_month.forecast_headcount > previous_month.forecast_headcount + 1e-9
