-- A34_BASE_BELOW_FLOOR (第34条): a person-month in service with a payroll row whose
-- contribution_base is not null and below the year's floor (ref_insurance_rates.base_floor).
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
            ('contribution_base', 'contribution_base'),
            ('base_floor', 'base_floor'),
            ('year', 'year'),
        ]) }} as evidence
    from person_months
    where contribution_base is not null
        and contribution_base < base_floor

),

final as (

    select {{ rule_columns('A34_BASE_BELOW_FLOOR') }}
    from findings

)

select * from final
