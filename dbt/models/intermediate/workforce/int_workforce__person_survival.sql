-- Origin x person x horizon (0..max_horizon_months of the origin): the probability that a
-- person counting in headcount on the origin's roster still counts k months later, and the
-- expected separations of month k by kind. One formula for the forecast and the backtest
-- (第10条 招聘计划 rests on it through workforce_forecast; docs/workforce-forecast.md):
--   p(0) = 1 (0 for a known future hire: on T's roster, hire_date after T's month end);
--   p(k) = 0 from the statutory retirement month on (ref_retirement_rules), and before a
--          known hire's hire month; p = 1 in that hire month;
--   p(k) = Π over months j ≤ k after entry of (1 − h_j) x (1 − c_j), where h_j = the attrition
--          hazard of the person's category and tenure band on T+j's first day, c_j = the
--          category's non-renewal rate in the month the contract on file ends (or T+1 for a
--          contract ending in T's own month), else 0 (open-ended, none, or lapsed before T);
--          computed as exp(Σ ln(1 − h_j) + ln(1 − c_j)) (0 once a factor is 0).
--   Month k's separations, of the mass counting before them (p(k − 1) + a hire of month k):
--   all of it in the retirement month; else contract = mass x c_k, attrition = mass x
--   (1 − c_k) x h_k. So p(k) = p(k − 1) + hire − retirement − contract − attrition.
-- Doubles rounded to 12 decimals: a rebuild gives the same figures, hand-worked tests compare.
{%- set max_horizon = [var('workforce_forecast_horizon_months', 24), var('workforce_backtest_horizon_months', 12)] | max %}
with

origins as (

    select * from {{ ref('int_workforce__origins') }}

),

person_months as (

    select * from {{ ref('int_workforce__person_months') }}

),

rates as (

    select * from {{ ref('int_workforce__separation_rates') }}

),

horizons as (

    {%- for k in range(0, max_horizon + 1) %}
    select {{ k }} as horizon_months
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

cohort as (

    select
        origins.origin_month,
        origins.max_horizon_months,
        person_months.person_key,
        person_months.bureau_code,
        person_months.province_code,
        person_months.category,
        person_months.hire_date,
        person_months.retirement_month,
        case
            when person_months.hire_date > {{ month_end('origins.origin_month') }} then
                cast(
                    12 * (extract(year from person_months.hire_date) - extract(year from origins.origin_month))
                    + extract(month from person_months.hire_date) - extract(month from origins.origin_month)
                as integer)
            else 0
        end as entry_horizon,
        case
            when person_months.contract_end_month >= origins.origin_month then
                greatest(
                    person_months.contract_end_month,
                    cast({{ dbt.dateadd('month', 1, 'origins.origin_month') }} as date)
                )
        end as contract_exit_month
    from origins
    inner join person_months
        on person_months.province_code = origins.province_code
        and person_months.month = origins.origin_month

),

expanded as (

    select
        cohort.origin_month,
        cohort.person_key,
        cohort.bureau_code,
        cohort.province_code,
        cohort.category,
        horizons.horizon_months,
        cohort.entry_horizon,
        cast({{ dbt.dateadd('month', 'horizons.horizon_months', 'cohort.origin_month') }} as date) as month,
        cohort.hire_date,
        cohort.retirement_month,
        cohort.contract_exit_month
    from cohort
    inner join horizons
        on horizons.horizon_months <= cohort.max_horizon_months

),

hazards as (

    select
        expanded.*,
        coalesce(expanded.retirement_month <= expanded.month, false) as is_retired,
        case when expanded.horizon_months > expanded.entry_horizon
            then coalesce(attrition.applied_monthly_rate, 0) else 0 end as attrition_hazard,
        case when expanded.horizon_months > expanded.entry_horizon
            and expanded.month = expanded.contract_exit_month
            then coalesce(non_renewal.applied_monthly_rate, 0) else 0 end as contract_hazard
    from expanded
    left join rates as attrition
        on attrition.province_code = expanded.province_code
        and attrition.origin_month = expanded.origin_month
        and attrition.category = expanded.category
        and attrition.rate_kind = 'attrition'
        and attrition.tenure_band = {{ tenure_band('expanded.hire_date', 'expanded.month') }}
    left join rates as non_renewal
        on non_renewal.province_code = expanded.province_code
        and non_renewal.origin_month = expanded.origin_month
        and non_renewal.category = expanded.category
        and non_renewal.rate_kind = 'contract_non_renewal'

),

cumulated as (

    select
        hazards.*,
        sum(
            case when attrition_hazard < 1 and contract_hazard < 1
                then ln(1 - attrition_hazard) + ln(1 - contract_hazard) else 0 end
        ) over (
            partition by origin_month, person_key order by horizon_months
            rows between unbounded preceding and current row
        ) as log_survival,
        max(case when attrition_hazard >= 1 or contract_hazard >= 1 then 1 else 0 end) over (
            partition by origin_month, person_key order by horizon_months
            rows between unbounded preceding and current row
        ) as has_certain_exit
    from hazards

),

survival as (

    select
        cumulated.*,
        case when horizon_months = entry_horizon and entry_horizon > 0 then 1 else 0 end
            as known_hire,
        case
            when horizon_months = 0 then case when entry_horizon = 0 then 1.0 else 0.0 end
            when horizon_months < entry_horizon or is_retired or has_certain_exit = 1 then 0.0
            else exp(log_survival)
        end as p_counting
    from cumulated

),

flows as (

    select
        survival.*,
        case when horizon_months = 0 then 0.0 else
            coalesce(lag(p_counting) over (
                partition by origin_month, person_key order by horizon_months
            ), 0) + known_hire
        end as mass_before
    from survival

),

final as (

    select
        -- grain
        origin_month,
        person_key,
        horizon_months,

        -- attributes (at the origin)
        month,
        bureau_code,
        province_code,
        category,
        entry_horizon,
        retirement_month,
        contract_exit_month,
        attrition_hazard,
        contract_hazard,

        -- measures
        cast(known_hire as integer) as known_hire,
        cast({{ round_to('p_counting', 12) }} as {{ type_double() }}) as p_counting,
        cast({{ round_to('case when is_retired then mass_before else 0 end', 12) }} as {{ type_double() }})
            as expected_retirement,
        cast({{ round_to('case when is_retired then 0 else mass_before * contract_hazard end', 12) }}
            as {{ type_double() }}) as expected_contract_exit,
        cast({{ round_to(
            'case when is_retired then 0 else mass_before * (1 - contract_hazard) * attrition_hazard end', 12
        ) }} as {{ type_double() }}) as expected_attrition
    from flows

)

select * from final
