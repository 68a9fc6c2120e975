-- A19_UNRECORDED_ENFORCEMENT (第19条): an auxiliary on an enforcement incident whose work was
-- not fully audio-video recorded (recorded = false). One finding per incident x auxiliary.
{{ incident_attendance_rule(
    'A19_UNRECORDED_ENFORCEMENT',
    'enforcement and recorded = false',
    [('recorded', 'recorded')],
) }}
