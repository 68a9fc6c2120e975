-- A16_NO_VALID_CONTRACT (第16条): a person-month in service with no contract on file, or whose
-- last day lies outside contract_start..contract_end. A contract with a start and no end is
-- open-ended (无固定期限) and valid from its start.
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where is_in_service

),

roster_rows as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

findings as (

    select
        person_months.unit_code,
        person_months.person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('person_months.month') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('month_end', 'cast(person_months.month_end as ' ~ type_string() ~ ')'),
            ('contract_start', 'cast(person_months.contract_start as ' ~ type_string() ~ ')'),
            ('contract_end', 'cast(person_months.contract_end as ' ~ type_string() ~ ')'),
            ('reason', "case when person_months.contract_start is null then 'no_contract' when person_months.month_end < person_months.contract_start then 'not_started' else 'expired' end"),
        ]) }} as evidence,
        {{ evidence_rows([evidence_row('roster', 'roster_rows.source_file', 'roster_rows.source_row')]) }} as evidence_rows
    from person_months
    left join roster_rows
        on roster_rows.person_key = person_months.person_key
        and roster_rows.snapshot_month = person_months.month
    where person_months.contract_start is null
        or person_months.month_end < person_months.contract_start
        or (person_months.contract_end is not null and person_months.month_end > person_months.contract_end)

),

final as (

    select {{ rule_columns('A16_NO_VALID_CONTRACT') }}
    from findings

)

select * from final
