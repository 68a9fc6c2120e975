-- A20_FORBIDDEN_TASK (第20条): an auxiliary's task on an incident is forbidden work:
-- investigation (调查取证), coercive_measure (刑事强制措施), penalty_decision (处罚决定),
-- weapon_custody (武器保管) or secret_matter (涉密事项), enforcement or not.
{{ row_rule(
    'A20_FORBIDDEN_TASK',
    'int_incidents__auxiliary_attendance',
    "task in ('investigation', 'coercive_measure', 'penalty_decision', 'weapon_custody', 'secret_matter')",
    [('reported_at', 'cast(reported_at as varchar)'), ('task', 'task'), ('enforcement', 'enforcement')],
    incident_id='incident_id',
    month='reported_month',
) }}
