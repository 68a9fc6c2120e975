-- Bureau x month x category: what the auxiliary workforce costs (第5条 经费列入预算, 第33条, 第34条).
-- Payroll rows are placed by the person's roster row of the same month (unit -> owning bureau).
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('month', 'select month from ' ~ ref('int_roster__person_months')) }}",
    **incremental_by_month('month'),
) }}
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where {{ is_changed_month('month', ['roster', 'payroll'], whole_window=['org_units', 'accident_insurance']) }}

),

payroll as (

    select * from {{ ref('stg_payroll__monthly_pay') }}
    where {{ is_changed_month('pay_month', ['roster', 'payroll'], whole_window=['org_units', 'accident_insurance']) }}

),

policies as (

    select * from {{ ref('stg_accident_insurance__policy_members') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

headcount as (

    select
        bureau_code,
        month,
        category,
        count(distinct person_key) as headcount
    from person_months
    where counts_in_headcount
        and bureau_code is not null
    group by 1, 2, 3

),

paid as (

    select
        person_months.bureau_code,
        person_months.month,
        person_months.category,
        count(*) as paid_people,
        sum(payroll.gross_pay) as gross_pay,
        sum(
            coalesce(payroll.pension_er, 0) + coalesce(payroll.medical_er, 0)
            + coalesce(payroll.maternity_er, 0) + coalesce(payroll.unemployment_er, 0)
            + coalesce(payroll.injury_er, 0)
        ) as employer_insurance
    from payroll
    inner join person_months
        on person_months.person_key = payroll.person_key
        and person_months.month = payroll.pay_month
    where person_months.bureau_code is not null
    group by 1, 2, 3

),

insured as (

    select
        person_months.bureau_code,
        person_months.month,
        person_months.category,
        count(distinct person_months.person_key) as insured_people
    from person_months
    inner join policies
        on policies.person_key = person_months.person_key
        and policies.start_date <= person_months.month_end
        and policies.end_date >= person_months.month_end
    where person_months.counts_in_headcount
        and person_months.bureau_code is not null
    group by 1, 2, 3

),

keys as (

    select bureau_code, month, category from headcount
    union
    select bureau_code, month, category from paid

),

joined as (

    select
        keys.bureau_code,
        keys.month,
        keys.category,
        coalesce(headcount.headcount, 0) as headcount,
        coalesce(paid.paid_people, 0) as paid_people,
        coalesce(insured.insured_people, 0) as insured_people,
        coalesce(paid.gross_pay, 0) as gross_pay,
        coalesce(paid.employer_insurance, 0) as employer_insurance,
        -- premium accrued monthly for each insured head (var accident_premium_per_head, yuan/year);
        -- a double, as DuckDB divides (Spark would keep a decimal)
        cast(coalesce(insured.insured_people, 0) * {{ var('accident_premium_per_head') }}
            as {{ type_double() }}) / 12.0 as accident_premium
    from keys
    left join headcount
        on headcount.bureau_code = keys.bureau_code
        and headcount.month = keys.month
        and headcount.category = keys.category
    left join paid
        on paid.bureau_code = keys.bureau_code
        and paid.month = keys.month
        and paid.category = keys.category
    left join insured
        on insured.bureau_code = keys.bureau_code
        and insured.month = keys.month
        and insured.category = keys.category

),

final as (

    select
        -- grain
        cast(joined.bureau_code as {{ type_string() }}) as bureau_code,
        cast(month as date) as month,
        cast(category as {{ type_string() }}) as category,
        cast(extract(year from month) as integer) as year,

        -- where
        cast(units.tier as {{ type_string() }}) as bureau_tier,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(units.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- people
        cast(headcount as bigint) as headcount,
        cast(paid_people as bigint) as paid_people,
        cast(insured_people as bigint) as insured_people,

        -- money (yuan)
        {{ money('gross_pay') }} as gross_pay,
        {{ money('employer_insurance') }} as employer_insurance,
        {{ money('accident_premium') }} as accident_premium,
        cast({{ money('gross_pay') }} + {{ money('employer_insurance') }}
            + {{ money('accident_premium') }} as decimal(18, 2)) as total_cost,
        {{ money('(gross_pay + employer_insurance + accident_premium) / nullif(headcount, 0)') }}
            as cost_per_head,

        -- incremental bookkeeping (macros/incremental/incremental_months.sql)
        cast({{ loaded_at_watermark() }} as timestamp) as loaded_at_watermark
    from joined
    left join units
        on units.unit_code = joined.bureau_code

)

select * from final
