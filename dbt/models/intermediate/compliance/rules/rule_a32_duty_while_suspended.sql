-- A32_DUTY_WHILE_SUSPENDED (第32条 调查期间暂停履行职责): an auxiliary on an incident reported
-- in a month whose roster row for that person has status suspended.
{{ row_rule(
    'A32_DUTY_WHILE_SUSPENDED',
    'int_incidents__auxiliary_attendance',
    "roster_status = 'suspended'",
    [
        ('reported_at', 'cast(reported_at as varchar)'),
        ('task', 'task'),
        ('roster_status', 'roster_status'),
        ('roster_unit_code', 'roster_unit_code'),
    ],
    incident_id='incident_id',
    month='reported_month',
) }}
