-- A34_INSURANCE_MISSING (第34条): a person-month in service x insurance type (pension,
-- medical, maternity, unemployment, injury) with no payroll row at all, or that type's
-- employer contribution null or 0. Maternity is skipped in years whose rates mark it merged
-- into medical insurance. detail = the insurance type.
with

person_months as (

    select * from {{ ref('int_payroll__person_months_in_service') }}

),

by_type as (

    {% for t in ['pension', 'medical', 'maternity', 'unemployment', 'injury'] %}
    select
        unit_code,
        person_key,
        month,
        has_payroll,
        contribution_base,
        cast('{{ t }}' as varchar) as insurance_type,
        {{ t }}_er as employer_contribution
    from person_months
    {%- if t == 'maternity' %}
    where not maternity_merged
    {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

findings as (

    select
        unit_code,
        person_key,
        cast(null as varchar) as incident_id,
        {{ format_month('month') }} as period,
        insurance_type as detail,
        {{ json_object([
            ('insurance_type', 'insurance_type'),
            ('has_payroll', 'has_payroll'),
            ('employer_contribution', 'employer_contribution'),
            ('contribution_base', 'contribution_base'),
        ]) }} as evidence
    from by_type
    where not has_payroll
        or employer_contribution is null
        or employer_contribution = 0

),

final as (

    select {{ rule_columns('A34_INSURANCE_MISSING') }}
    from findings

)

select * from final
