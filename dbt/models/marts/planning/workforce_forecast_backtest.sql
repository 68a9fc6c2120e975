-- origin_month x bureau x category: the forecast made at month T for T + 12 against what the
-- roster of T + 12 shows (第10条, 第6条 — how far a recruitment plan can trust the forecast).
-- Every origin T with at least 6 roster months before it and T + 12 on or before the latest
-- roster month (int_workforce__origins); rates from the history before T only.
--   forecast_headcount  Σ p(12) of int_workforce__person_survival (the forecast's formula);
--   actual_retained     people counting on T's roster (and known hires) who count on T + 12's
--                       roster, at their bureau and category on T's roster;
--   actual_headcount    everyone counting on T + 12's roster at that bureau and category
--                       (recruitment in between included: context only);
--   error = forecast_headcount − actual_retained; abs_pct_error = |error| ÷ actual_retained.
{%- set horizon = var('workforce_backtest_horizon_months', 12) %}
with

survival as (

    select * from {{ ref('int_workforce__person_survival') }}
    where horizon_months = {{ horizon }}

),

origins as (

    select * from {{ ref('int_workforce__origins') }}
    where is_backtest_origin

),

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where counts_in_headcount

),

bureaus as (

    select * from {{ ref('dim_bureau') }}

),

forecast as (

    select
        survival.origin_month,
        survival.month as target_month,
        survival.bureau_code,
        survival.category,
        sum(case when survival.entry_horizon = 0 then 1 else 0 end) as origin_headcount,
        {{ exact_sum('survival.p_counting') }} as forecast_headcount,
        sum(case when target.person_key is not null then 1 else 0 end) as actual_retained
    from survival
    inner join origins
        on origins.province_code = survival.province_code
        and origins.origin_month = survival.origin_month
    left join person_months as target
        on target.person_key = survival.person_key
        and target.month = survival.month
    where survival.bureau_code is not null
    group by 1, 2, 3, 4

),

actual as (

    select
        origins.origin_month,
        person_months.month as target_month,
        person_months.bureau_code,
        person_months.category,
        count(distinct person_months.person_key) as actual_headcount
    from origins
    inner join person_months
        on person_months.month = cast({{ dbt.dateadd('month', horizon, 'origins.origin_month') }} as date)
    where person_months.bureau_code is not null
    group by 1, 2, 3, 4

),

joined as (

    select
        coalesce(forecast.origin_month, actual.origin_month) as origin_month,
        coalesce(forecast.target_month, actual.target_month) as target_month,
        coalesce(forecast.bureau_code, actual.bureau_code) as bureau_code,
        coalesce(forecast.category, actual.category) as category,
        coalesce(forecast.origin_headcount, 0) as origin_headcount,
        coalesce(forecast.forecast_headcount, 0) as forecast_headcount,
        coalesce(forecast.actual_retained, 0) as actual_retained,
        coalesce(actual.actual_headcount, 0) as actual_headcount
    from forecast
    full outer join actual
        on actual.origin_month = forecast.origin_month
        and actual.bureau_code = forecast.bureau_code
        and actual.category = forecast.category

),

final as (

    select
        -- grain
        cast(joined.origin_month as date) as origin_month,
        cast(joined.bureau_code as {{ type_string() }}) as bureau_code,
        cast(joined.category as {{ type_string() }}) as category,

        -- attributes
        cast(joined.target_month as date) as target_month,
        cast(bureaus.bureau_name as {{ type_string() }}) as bureau_name,
        cast(bureaus.tier as {{ type_string() }}) as bureau_tier,
        cast(bureaus.province_code as {{ type_string() }}) as province_code,
        cast(bureaus.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- measures
        cast(joined.origin_headcount as bigint) as origin_headcount,
        cast({{ round_to('joined.forecast_headcount', 9) }} as {{ type_double() }}) as forecast_headcount,
        cast(joined.actual_retained as bigint) as actual_retained,
        cast(joined.actual_headcount as bigint) as actual_headcount,
        cast({{ round_to('joined.forecast_headcount - joined.actual_retained', 9) }} as {{ type_double() }})
            as error,
        cast({{ round_to(
            'abs(joined.forecast_headcount - joined.actual_retained) / nullif(cast(joined.actual_retained as ' ~ type_double() ~ '), 0)', 9
        ) }} as {{ type_double() }}) as abs_pct_error
    from joined
    left join bureaus
        on bureaus.bureau_code = joined.bureau_code

)

select * from final
