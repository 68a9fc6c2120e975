{#-
    Shared by A19, A20 and A32: one finding per incident x auxiliary of
    int_incidents__auxiliary_attendance that meets `condition` (SQL over its columns).
    `evidence`: extra (key, SQL) pairs after reported_at and task.
-#}
{% macro incident_attendance_rule(rule_id, condition, evidence) %}
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
        ] + evidence) }} as evidence
    from attendance
    where {{ condition }}

),

final as (

    select {{ rule_columns(rule_id) }}
    from findings

)

select * from final
{% endmacro %}
