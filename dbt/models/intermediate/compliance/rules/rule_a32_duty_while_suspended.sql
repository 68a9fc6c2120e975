-- A32_DUTY_WHILE_SUSPENDED (第32条 调查期间暂停履行职责): an auxiliary on an incident reported
-- in a month whose roster row for that person has status suspended.
{{ incident_attendance_rule(
    'A32_DUTY_WHILE_SUSPENDED',
    "roster_status = 'suspended'",
    [('roster_status', 'roster_status'), ('roster_unit_code', 'roster_unit_code')],
) }}
