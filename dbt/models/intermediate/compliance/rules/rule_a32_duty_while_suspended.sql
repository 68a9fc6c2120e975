-- A32_DUTY_WHILE_SUSPENDED (第32条 调查期间暂停履行职责): an auxiliary on an incident reported
-- in a month whose roster row for that person has status suspended.
{{ row_rule(
    'A32_DUTY_WHILE_SUSPENDED',
    'int_incidents__auxiliary_attendance',
    "roster_status = 'suspended'",
    [
        ('reported_at', 'cast(reported_at as ' ~ type_string() ~ ')'),
        ('task', 'task'),
        ('roster_status', 'roster_status'),
        ('roster_unit_code', 'roster_unit_code'),
    ],
    incident_id='incident_id',
    month='reported_month',
    lineage=[
        ('incident_staff', 'stg_incident_staff__attendance', "lineage_1.incident_id = matched.incident_id and lineage_1.staff_type = 'auxiliary' and lineage_1.staff_key = matched.person_key"),
        ('incidents', 'stg_incidents__incidents', 'lineage_2.incident_id = matched.incident_id'),
        ('roster', 'stg_roster__monthly_snapshots', 'lineage_3.person_key = matched.person_key and lineage_3.snapshot_month = matched.reported_month'),
    ],
) }}
