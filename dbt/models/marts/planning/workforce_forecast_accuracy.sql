-- Province x category ('civilian', 'duty', 'all'): the backtest's accuracy over every origin and
-- bureau of the province (workforce_forecast_backtest; 第10条 — the error a recruitment plan built on the forecast
-- carries). Over backtest rows with actual_retained > 0:
--   mape           = mean of |forecast − actual_retained| ÷ actual_retained;
--   bias_pct       = Σ (forecast − actual_retained) ÷ Σ actual_retained (> 0: the forecast
--                    keeps too many people, so it under-states separations);
--   mean_pct_error = mean of (forecast − actual_retained) ÷ actual_retained.
-- 'all' is computed over bureau totals (both categories summed per origin and bureau), not
-- as an average of the two categories.
with

backtest as (

    select * from {{ ref('workforce_forecast_backtest') }}

),

rows_by_category as (

    select
        province_code,
        category,
        origin_month,
        bureau_code,
        forecast_headcount,
        actual_retained
    from backtest

    union all

    select
        province_code,
        'all' as category,
        origin_month,
        bureau_code,
        {{ exact_sum('forecast_headcount') }} as forecast_headcount,
        sum(actual_retained) as actual_retained
    from backtest
    group by province_code, origin_month, bureau_code

),

errors as (

    select
        province_code,
        category,
        origin_month,
        forecast_headcount - actual_retained as error,
        actual_retained,
        (forecast_headcount - actual_retained) / cast(actual_retained as {{ type_double() }}) as pct_error
    from rows_by_category
    where actual_retained > 0

),

final as (

    select
        -- grain
        cast(province_code as {{ type_string() }}) as province_code,
        cast(category as {{ type_string() }}) as category,

        -- measures
        cast(count(distinct origin_month) as bigint) as origins,
        cast(count(*) as bigint) as bureau_origins,
        cast({{ round_to('cast(' ~ exact_sum('abs(pct_error)') ~ ' as ' ~ type_double() ~ ') / count(pct_error)', 9) }}
            as {{ type_double() }}) as mape,
        cast({{ round_to(exact_sum('error') ~ ' / cast(sum(actual_retained) as ' ~ type_double() ~ ')', 9) }}
            as {{ type_double() }}) as bias_pct,
        cast({{ round_to('cast(' ~ exact_sum('pct_error') ~ ' as ' ~ type_double() ~ ') / count(pct_error)', 9) }}
            as {{ type_double() }}) as mean_pct_error
    from errors
    group by province_code, category

)

select * from final
