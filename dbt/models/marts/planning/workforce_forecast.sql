-- as_of_month x bureau x category x month (horizon 0..24): the workforce forecast from the
-- latest roster (第10条 在用人额度内提出招聘计划 — the recruitment plan starts from it; 第6条
-- 动态调整). Σ over the people counting on the as-of roster of int_workforce__person_survival
-- (statutory retirement, the contract end on file x the non-renewal rate, attrition by tenure
-- band and category; docs/workforce-forecast.md), at the bureau and category they have on
-- that roster. forecast_headcount = expected headcount on the month's roster without new
-- recruitment; horizon 0 is the actual. Σ identity: forecast_headcount(k) =
-- forecast_headcount(k − 1) − expected_separations(k) + known_hires(k).
with

survival as (

    select * from {{ ref('int_workforce__person_survival') }}

),

origins as (

    select * from {{ ref('int_workforce__origins') }}
    where is_forecast_origin

),

bureaus as (

    select * from {{ ref('dim_bureau') }}

),

aggregated as (

    select
        survival.origin_month as as_of_month,
        survival.month,
        survival.horizon_months,
        survival.bureau_code,
        survival.category,
        sum(case when survival.entry_horizon = 0 then 1 else 0 end) as start_headcount,
        {{ exact_sum('survival.expected_retirement') }} as expected_retirements,
        {{ exact_sum('survival.expected_contract_exit') }} as expected_contract_exits,
        {{ exact_sum('survival.expected_attrition') }} as expected_attrition,
        sum(survival.known_hire) as known_hires,
        {{ exact_sum('survival.p_counting') }} as forecast_headcount
    from survival
    inner join origins
        on origins.province_code = survival.province_code
        and origins.origin_month = survival.origin_month
    where survival.bureau_code is not null
    group by 1, 2, 3, 4, 5

),

final as (

    select
        -- grain
        cast(aggregated.as_of_month as date) as as_of_month,
        cast(aggregated.month as date) as month,
        cast(aggregated.horizon_months as integer) as horizon_months,
        cast(aggregated.bureau_code as {{ type_string() }}) as bureau_code,
        cast(aggregated.category as {{ type_string() }}) as category,

        -- where
        cast(bureaus.bureau_name as {{ type_string() }}) as bureau_name,
        cast(bureaus.tier as {{ type_string() }}) as bureau_tier,
        cast(bureaus.province_code as {{ type_string() }}) as province_code,
        cast(bureaus.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- measures
        cast(aggregated.start_headcount as bigint) as start_headcount,
        cast({{ round_to('aggregated.expected_retirements', 9) }} as {{ type_double() }}) as expected_retirements,
        cast({{ round_to('aggregated.expected_contract_exits', 9) }} as {{ type_double() }}) as expected_contract_exits,
        cast({{ round_to('aggregated.expected_attrition', 9) }} as {{ type_double() }}) as expected_attrition,
        cast({{ round_to(
            'aggregated.expected_retirements + aggregated.expected_contract_exits + aggregated.expected_attrition', 9
        ) }} as {{ type_double() }}) as expected_separations,
        cast(aggregated.known_hires as bigint) as known_hires,
        cast({{ round_to('aggregated.forecast_headcount', 9) }} as {{ type_double() }}) as forecast_headcount,
        cast({{ round_to(
            'sum(aggregated.expected_retirements + aggregated.expected_contract_exits + aggregated.expected_attrition) over (
                partition by aggregated.bureau_code, aggregated.category order by aggregated.horizon_months
                rows between unbounded preceding and current row
            )', 9
        ) }} as {{ type_double() }}) as cumulative_separations
    from aggregated
    left join bureaus
        on bureaus.bureau_code = aggregated.bureau_code

)

select * from final
