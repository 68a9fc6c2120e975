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
        cast('{{ t }}' as {{ type_string() }}) as insurance_type,
        {{ t }}_er as employer_contribution
    from person_months
    {%- if t == 'maternity' %}
    where not maternity_merged
    {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

roster_rows as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

payroll_rows as (

    select * from {{ ref('stg_payroll__monthly_pay') }}

),

findings as (

    select
        by_type.unit_code,
        by_type.person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('by_type.month') }} as period,
        by_type.insurance_type as detail,
        {{ json_object([
            ('insurance_type', 'by_type.insurance_type'),
            ('has_payroll', 'by_type.has_payroll'),
            ('employer_contribution', 'by_type.employer_contribution'),
            ('contribution_base', 'by_type.contribution_base'),
        ]) }} as evidence,
        {{ evidence_rows([
            evidence_row('roster', 'roster_rows.source_file', 'roster_rows.source_row'),
            evidence_row('payroll', 'payroll_rows.source_file', 'payroll_rows.source_row'),
        ]) }} as evidence_rows
    from by_type
    left join roster_rows
        on roster_rows.person_key = by_type.person_key
        and roster_rows.snapshot_month = by_type.month
    left join payroll_rows
        on payroll_rows.person_key = by_type.person_key
        and payroll_rows.pay_month = by_type.month
    where not by_type.has_payroll
        or by_type.employer_contribution is null
        or by_type.employer_contribution = 0

),

final as (

    select {{ rule_columns('A34_INSURANCE_MISSING') }}
    from findings

)

select * from final
