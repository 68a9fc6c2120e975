-- A20_FORBIDDEN_TASK (第20条): an auxiliary's task on an incident is forbidden work:
-- investigation (调查取证), coercive_measure (刑事强制措施), penalty_decision (处罚决定),
-- weapon_custody (武器保管) or secret_matter (涉密事项), enforcement or not.
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
            ('enforcement', 'enforcement'),
        ]) }} as evidence
    from attendance
    where task in (
        'investigation', 'coercive_measure', 'penalty_decision', 'weapon_custody', 'secret_matter'
    )

),

final as (

    select {{ rule_columns('A20_FORBIDDEN_TASK') }}
    from findings

)

select * from final
