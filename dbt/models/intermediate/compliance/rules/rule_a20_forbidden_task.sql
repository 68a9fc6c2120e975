-- A20_FORBIDDEN_TASK (第20条): an auxiliary's task on an incident is forbidden work:
-- investigation (调查取证), coercive_measure (刑事强制措施), penalty_decision (处罚决定),
-- weapon_custody (武器保管) or secret_matter (涉密事项), enforcement or not.
{{ row_rule(
    'A20_FORBIDDEN_TASK',
    'int_incidents__auxiliary_attendance',
    "task in ('investigation', 'coercive_measure', 'penalty_decision', 'weapon_custody', 'secret_matter')",
    [('reported_at', 'cast(reported_at as ' ~ type_string() ~ ')'), ('task', 'task'), ('enforcement', 'enforcement')],
    incident_id='incident_id',
    month='reported_month',
    lineage=[
        ('incident_staff', 'stg_incident_staff__attendance', "lineage_1.incident_id = matched.incident_id and lineage_1.staff_type = 'auxiliary' and lineage_1.staff_key = matched.person_key"),
        ('incidents', 'stg_incidents__incidents', 'lineage_2.incident_id = matched.incident_id'),
    ],
) }}
