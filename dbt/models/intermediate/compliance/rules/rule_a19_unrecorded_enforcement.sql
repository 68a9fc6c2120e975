-- A19_UNRECORDED_ENFORCEMENT (第19条): an auxiliary on an enforcement incident whose work was
-- not fully audio-video recorded (recorded = false). One finding per incident x auxiliary.
{{ row_rule(
    'A19_UNRECORDED_ENFORCEMENT',
    'int_incidents__auxiliary_attendance',
    'enforcement and recorded = false',
    [('reported_at', 'cast(reported_at as ' ~ type_string() ~ ')'), ('task', 'task'), ('recorded', 'recorded')],
    incident_id='incident_id',
    month='reported_month',
    lineage=[
        ('incident_staff', 'stg_incident_staff__attendance', "lineage_1.incident_id = matched.incident_id and lineage_1.staff_type = 'auxiliary' and lineage_1.staff_key = matched.person_key"),
        ('incidents', 'stg_incidents__incidents', 'lineage_2.incident_id = matched.incident_id'),
    ],
) }}
