-- Person-months in service (docs/rules-interpretation.md) with what the pay and insurance
-- rules compare them to: the month's payroll row (if any), the county's minimum wage in
-- force (Art. 33), the year's contribution floor and rates (Art. 34), the post's danger
-- class and whether an accident policy covers the month's last day (Art. 34).
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('month', 'select month from ' ~ ref('int_roster__person_months')) }}",
    **incremental_by_month('month'),
) }}
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where is_in_service
        and {{ is_changed_month('month', ['roster', 'payroll'], whole_window=['org_units', 'accident_insurance']) }}

),

payroll as (

    select * from {{ ref('stg_payroll__monthly_pay') }}
    where {{ is_changed_month('pay_month', ['roster', 'payroll'], whole_window=['org_units', 'accident_insurance']) }}

),

wage_classes as (

    select * from {{ ref('ref_min_wage_class') }}

),

min_wage as (

    select * from {{ ref('int_ref__min_wage_in_force') }}

),

rates as (

    select * from {{ ref('int_ref__insurance_rates_by_year') }}

),

post_weights as (

    select * from {{ ref('ref_post_weights') }}

),

policies as (

    select * from {{ ref('stg_accident_insurance__policy_members') }}

),

covered as (

    select distinct
        person_months.person_key,
        person_months.month
    from person_months
    inner join policies
        on policies.person_key = person_months.person_key
        and policies.start_date <= person_months.month_end
        and policies.end_date >= person_months.month_end

),

final as (

    select
        -- grain
        person_months.month,
        person_months.person_key,
        person_months.month_end,
        person_months.year,

        -- where and who
        person_months.unit_code,
        person_months.bureau_code,
        person_months.province_code,
        person_months.prefecture_code,
        person_months.effective_admin_code,
        person_months.is_grassroots,
        person_months.category,
        person_months.post,
        person_months.level,
        person_months.hire_date,
        person_months.contract_start,
        person_months.contract_end,

        -- pay (Art. 33, 35)
        payroll.person_key is not null as has_payroll,
        payroll.base_pay,
        payroll.level_pay,
        payroll.post_allowance,
        payroll.hazard_allowance,
        payroll.performance_pay,
        payroll.overtime_pay,
        payroll.other_pay,
        payroll.gross_pay,
        payroll.overtime_hours,
        payroll.comp_time_hours,
        -- pay compared with the minimum wage: overtime and hazard pay excluded
        payroll.base_pay + payroll.level_pay + payroll.post_allowance
            + payroll.performance_pay + payroll.other_pay as min_wage_pay,
        wage_classes.wage_class,
        min_wage.monthly_amount as min_wage_monthly,

        -- social insurance (Art. 34)
        payroll.contribution_base,
        payroll.pension_er,
        payroll.medical_er,
        payroll.maternity_er,
        payroll.unemployment_er,
        payroll.injury_er,
        payroll.pension_ee,
        payroll.medical_ee,
        payroll.unemployment_ee,
        rates.base_floor,
        rates.base_ceiling,
        coalesce(rates.maternity_merged, false) as maternity_merged,
        rates.pension_employer_rate,
        rates.medical_employer_rate,
        rates.maternity_employer_rate,
        rates.unemployment_employer_rate,
        rates.injury_employer_rate,

        -- personal accident insurance (Art. 34)
        post_weights.danger_class,
        covered.person_key is not null as has_accident_cover,

        -- incremental bookkeeping (macros/incremental/incremental_months.sql)
        {{ loaded_at_watermark() }} as loaded_at_watermark

    from person_months
    left join payroll
        on payroll.person_key = person_months.person_key
        and payroll.pay_month = person_months.month
    left join wage_classes
        on cast(wage_classes.admin_code as {{ type_string() }}) = person_months.effective_admin_code
    left join min_wage
        on min_wage.province_code = person_months.province_code
        and min_wage.wage_class = cast(wage_classes.wage_class as {{ type_string() }})
        and min_wage.month = person_months.month
    left join rates
        on rates.year = person_months.year
    left join post_weights
        on post_weights.post = person_months.post
    left join covered
        on covered.person_key = person_months.person_key
        and covered.month = person_months.month

)

select * from final
