-- Bureau x month: social insurance coverage of the person-months in service (第34条).
-- A gap of a type = a person-month in service with no payroll row, or that type's employer
-- contribution null or 0 (maternity not counted in years it is merged into medical) —
-- exactly the A34_INSURANCE_MISSING findings.
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('month', 'select month from ' ~ ref('int_payroll__person_months_in_service')) }}",
    **incremental_by_month('month'),
) }}
{%- set types = ['pension', 'medical', 'maternity', 'unemployment', 'injury'] %}
with

person_months as (

    select * from {{ ref('int_payroll__person_months_in_service') }}
    where {{ is_changed_month('month', ['roster', 'payroll'], whole_window=['org_units', 'accident_insurance']) }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

flagged as (

    select
        *,
        {%- for t in types %}
        (not has_payroll or coalesce({{ t }}_er, 0) = 0)
            {%- if t == 'maternity' %} and not maternity_merged{% endif %} as {{ t }}_gap,
        {%- endfor %}
        -- base the employer should have contributed on: the reported base, raised to the floor
        greatest(coalesce(contribution_base, base_floor), base_floor) as due_base
    from person_months

),

costed as (

    select
        *,
        (
        {%- for t in types %}
            case
                when {{ t }}_gap then coalesce({{ t }}_employer_rate, 0) * due_base
                {%- if t == 'maternity' %}
                when maternity_merged then 0
                {%- endif %}
                when contribution_base < base_floor
                    then coalesce({{ t }}_employer_rate, 0) * (base_floor - contribution_base)
                else 0
            end{{ " +" if not loop.last }}
        {%- endfor %}
        ) as shortfall,
        {% for t in types %}{{ t }}_gap{{ " or " if not loop.last }}{% endfor %} as any_gap
    from flagged

),

aggregated as (

    select
        bureau_code,
        month,
        count(*) as person_months,
        sum(case when has_payroll then 0 else 1 end) as no_payroll_months,
        {%- for t in types %}
        sum(case when {{ t }}_gap then 1 else 0 end) as gap_{{ t }},
        {%- endfor %}
        sum(case when any_gap then 1 else 0 end) as person_months_with_gap,
        sum(case when has_payroll and contribution_base < base_floor then 1 else 0 end)
            as base_below_floor_months,
        sum(case when danger_class = 'high' then 1 else 0 end) as high_danger_person_months,
        sum(case when danger_class = 'high' and not has_accident_cover then 1 else 0 end)
            as no_accident_cover_months,
        sum(shortfall) as estimated_shortfall
    from costed
    where bureau_code is not null
    group by 1, 2

),

final as (

    select
        -- grain
        cast(aggregated.bureau_code as {{ type_string() }}) as bureau_code,
        cast(aggregated.month as date) as month,
        cast(extract(year from aggregated.month) as integer) as year,

        -- where
        cast(units.tier as {{ type_string() }}) as bureau_tier,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(units.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- coverage
        cast(aggregated.person_months as bigint) as person_months,
        cast(aggregated.no_payroll_months as bigint) as no_payroll_months,
        {%- for t in types %}
        cast(aggregated.gap_{{ t }} as bigint) as gap_{{ t }},
        {%- endfor %}
        cast(aggregated.person_months_with_gap as bigint) as person_months_with_gap,
        cast(
            1.0 - {{ safe_ratio('aggregated.person_months_with_gap', 'aggregated.person_months') }}
        as {{ type_double() }}) as coverage_rate,
        cast(aggregated.base_below_floor_months as bigint) as base_below_floor_months,
        cast(aggregated.high_danger_person_months as bigint) as high_danger_person_months,
        cast(aggregated.no_accident_cover_months as bigint) as no_accident_cover_months,
        {{ money('coalesce(aggregated.estimated_shortfall, 0)') }} as estimated_shortfall,

        -- incremental bookkeeping (macros/incremental/incremental_months.sql)
        cast({{ loaded_at_watermark() }} as timestamp) as loaded_at_watermark
    from aggregated
    left join units
        on units.unit_code = aggregated.bureau_code

)

select * from final
