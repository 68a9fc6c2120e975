-- A32_DUTY_WHILE_SUSPENDED (第32条 调查期间暂停履行职责): an auxiliary on an incident reported
-- in a month whose roster row for that person has status suspended.
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
            ('roster_status', 'roster_status'),
            ('roster_unit_code', 'roster_unit_code'),
        ]) }} as evidence
    from attendance
    where roster_status = 'suspended'

),

final as (

    select {{ rule_columns('A32_DUTY_WHILE_SUSPENDED') }}
    from findings

)

select * from final
