-- A19_UNRECORDED_ENFORCEMENT (第19条): an auxiliary on an enforcement incident whose work was
-- not fully audio-video recorded (recorded = false). One finding per incident x auxiliary.
with

attendance as (

    select * from {{ ref('int_incidents__auxiliary_attendance') }}

),

findings as (

    select
        unit_code,
        person_key,
        incident_id,
        {{ format_month('reported_month') }} as period,
        cast(null as varchar) as detail,
        {{ json_object([
            ('reported_at', 'cast(reported_at as varchar)'),
            ('task', 'task'),
            ('recorded', 'recorded'),
        ]) }} as evidence
    from attendance
    where enforcement
        and recorded = false

),

final as (

    select {{ rule_columns('A19_UNRECORDED_ENFORCEMENT') }}
    from findings

)

select * from final
