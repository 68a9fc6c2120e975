-- A15_DISQUALIFIED_HIRE (第15条): the person is on the roster (was hired) although the
-- background check (政审) failed. Period = hire month.
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
            ('background_check', 'background_check'),
            ('background_reason', 'background_reason'),
            ('hire_date', 'cast(hire_date as ' ~ type_string() ~ ')'),
        ]) }} as evidence,
        {{ evidence_rows([evidence_row('roster', 'source_file', 'source_row')]) }} as evidence_rows
    from people
    where background_check = 'fail'

),

final as (

    select {{ rule_columns('A15_DISQUALIFIED_HIRE') }}
    from findings

)

select * from final
