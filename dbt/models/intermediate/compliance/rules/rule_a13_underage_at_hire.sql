-- A13_UNDERAGE_AT_HIRE (第13条 年满十八周岁): birth_date + 18 years > hire_date, i.e. the
-- 18th birthday falls after the hire date (hired on the 18th birthday is fine). Birth date is
-- the one ingestion derived from, and checked against, the ID number. Period = hire month.
-- The age (18) is the dbt var aux_min_hire_age (macros/compliance_evidence.sql).
{%- set min_age = compliance_thresholds()['min_hire_age'] %}
with

people as (

    select * from {{ ref('int_roster__person_latest') }}

),

findings as (

    select
        unit_code,
        person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('hire_month') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('birth_date', 'cast(birth_date as ' ~ type_string() ~ ')'),
            ('hire_date', 'cast(hire_date as ' ~ type_string() ~ ')'),
            ('min_hire_age', min_age),
            ('birthday_of_min_age', 'cast(' ~ dbt.dateadd('year', min_age, 'birth_date') ~ ' as ' ~ type_string() ~ ')'),
        ]) }} as evidence,
        {{ evidence_rows([evidence_row('roster', 'source_file', 'source_row')]) }} as evidence_rows
    from people
    where cast({{ dbt.dateadd('year', min_age, 'birth_date') }} as date) > hire_date

),

final as (

    select {{ rule_columns('A13_UNDERAGE_AT_HIRE') }}
    from findings

)

select * from final
