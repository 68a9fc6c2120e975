-- A19_UNRECORDED_ENFORCEMENT (第19条): an auxiliary on an enforcement incident whose work was
-- not fully audio-video recorded (recorded = false). One finding per incident x auxiliary.
{{ row_rule(
    'A19_UNRECORDED_ENFORCEMENT',
    'int_incidents__auxiliary_attendance',
    'enforcement and recorded = false',
    [('reported_at', 'cast(reported_at as varchar)'), ('task', 'task'), ('recorded', 'recorded')],
    incident_id='incident_id',
    month='reported_month',
) }}
