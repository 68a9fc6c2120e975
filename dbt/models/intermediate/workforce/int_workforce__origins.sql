-- Province x origin month of the workforce forecast (第10条 招聘计划, 第6条 动态调整), each
-- province on its own roster months (int_roster__calendar): the latest roster month, forecast 1..24 months ahead (workforce_forecast), and every month T with at
-- least 6 roster months before it and T + 12 on or before the latest month, forecast 12
-- months ahead for the backtest (workforce_forecast_backtest). Rates of an origin come from
-- its own window only: person-months from max(first roster month, T − 36) to T − 1, each
-- outcome read on the next month's roster (so on T's roster at the latest: no leakage).
{%- set horizon = var('workforce_forecast_horizon_months', 24) %}
{%- set backtest_horizon = var('workforce_backtest_horizon_months', 12) %}
{%- set window_months = var('workforce_rate_window_months', 36) %}
{%- set min_history = var('workforce_min_history_months', 6) %}
with

calendar as (

    select * from {{ ref('int_roster__calendar') }}

),

with_history as (

    select
        calendar.province_code,
        calendar.month,
        calendar.first_roster_month,
        calendar.last_roster_month,
        row_number() over (partition by calendar.province_code order by calendar.month) - 1
            as history_months
    from calendar

),

final as (

    select
        -- grain
        province_code,
        month as origin_month,

        -- what the origin is for
        month = last_roster_month as is_forecast_origin,
        month < last_roster_month as is_backtest_origin,
        case when month = last_roster_month then {{ horizon }} else {{ backtest_horizon }} end
            as max_horizon_months,

        -- the rates' window (person-months whose outcome is read on the next roster)
        history_months,
        greatest(
            first_roster_month,
            cast({{ dbt.dateadd('month', -window_months, 'month') }} as date)
        ) as window_start,
        cast({{ dbt.dateadd('month', -1, 'month') }} as date) as window_end
    from with_history
    where history_months >= {{ min_history }}
        and (
            month = last_roster_month
            or cast({{ dbt.dateadd('month', backtest_horizon, 'month') }} as date) <= last_roster_month
        )

)

select * from final
