-- A8_UNLED_ENFORCEMENT (第8条): an enforcement incident with at least one auxiliary row in
-- incident_staff and no police row: auxiliaries may not enforce alone.
with

incidents as (

    select * from {{ ref('int_incidents__incidents') }}

),

findings as (

    select
        unit_code,
        cast(null as varchar) as person_key,
        incident_id,
        {{ format_month('reported_month') }} as period,
        cast(null as varchar) as detail,
        {{ json_object([
            ('reported_at', 'cast(reported_at as varchar)'),
            ('incident_type', 'incident_type'),
            ('auxiliary_staff', 'auxiliary_staff'),
            ('police_staff', 'police_staff'),
        ]) }} as evidence
    from incidents
    where enforcement
        and auxiliary_staff >= 1
        and police_staff = 0

),

final as (

    select {{ rule_columns('A8_UNLED_ENFORCEMENT') }}
    from findings

)

select * from final
