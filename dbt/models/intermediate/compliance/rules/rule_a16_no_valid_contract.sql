-- A16_NO_VALID_CONTRACT (第16条): a person-month in service with no contract on file, or whose
-- last day lies outside contract_start..contract_end. A contract with a start and no end is
-- open-ended (无固定期限) and valid from its start.
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where is_in_service

),

findings as (

    select
        unit_code,
        person_key,
        cast(null as varchar) as incident_id,
        {{ format_month('month') }} as period,
        cast(null as varchar) as detail,
        {{ json_object([
            ('month_end', 'cast(month_end as varchar)'),
            ('contract_start', 'cast(contract_start as varchar)'),
            ('contract_end', 'cast(contract_end as varchar)'),
            ('reason', "case when contract_start is null then 'no_contract' when month_end < contract_start then 'not_started' else 'expired' end"),
        ]) }} as evidence
    from person_months
    where contract_start is null
        or month_end < contract_start
        or (contract_end is not null and month_end > contract_end)

),

final as (

    select {{ rule_columns('A16_NO_VALID_CONTRACT') }}
    from findings

)

select * from final
