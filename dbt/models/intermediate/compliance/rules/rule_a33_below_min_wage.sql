-- A33_BELOW_MIN_WAGE (第33条; 最低工资规定): a person-month in service with a payroll row where
-- base_pay + level_pay + post_allowance + performance_pay + other_pay (overtime and hazard
-- pay excluded) < the monthly minimum wage in force for the unit's wage class (latest
-- valid_from <= the month's first day; class looked up by the unit's admin_code).
with

person_months as (

    select * from {{ ref('int_payroll__person_months_in_service') }}
    where has_payroll

),

findings as (

    select
        unit_code,
        person_key,
        cast(null as varchar) as incident_id,
        {{ format_month('month') }} as period,
        cast(null as varchar) as detail,
        {{ json_object([
            ('min_wage_pay', 'min_wage_pay'),
            ('min_wage_monthly', 'min_wage_monthly'),
            ('wage_class', 'wage_class'),
            ('admin_code', 'effective_admin_code'),
            ('gross_pay', 'gross_pay'),
        ]) }} as evidence
    from person_months
    where min_wage_pay < min_wage_monthly

),

final as (

    select {{ rule_columns('A33_BELOW_MIN_WAGE') }}
    from findings

)

select * from final
