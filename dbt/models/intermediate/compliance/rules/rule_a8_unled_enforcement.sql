-- A8_UNLED_ENFORCEMENT (第8条): an enforcement incident with at least one auxiliary row in
-- incident_staff and no police row: auxiliaries may not enforce alone.
-- evidence_rows: the incident's row and each of its auxiliary staff rows.
with

incidents as (

    select * from {{ ref('int_incidents__incidents') }}

),

flagged as (

    select * from incidents
    where enforcement
        and auxiliary_staff >= 1
        and police_staff = 0

),

incident_rows as (

    select * from {{ ref('stg_incidents__incidents') }}

),

staff_rows as (

    -- the staff of the flagged incidents only (the join reads ~50 M province rows once)
    select
        staff.incident_id,
        {{ ordered_string_agg(evidence_row('incident_staff', 'staff.source_file', 'staff.source_row'), "','", 'staff.source_file, staff.source_row') }} as rows_json
    from {{ ref('stg_incident_staff__attendance') }} as staff
    inner join flagged
        on flagged.incident_id = staff.incident_id
    where staff.staff_type = 'auxiliary'
    group by staff.incident_id

),

findings as (

    select
        flagged.unit_code,
        cast(null as {{ type_string() }}) as person_key,
        flagged.incident_id,
        {{ format_month('flagged.reported_month') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('reported_at', 'cast(flagged.reported_at as ' ~ type_string() ~ ')'),
            ('incident_type', 'flagged.incident_type'),
            ('auxiliary_staff', 'flagged.auxiliary_staff'),
            ('police_staff', 'flagged.police_staff'),
        ]) }} as evidence,
        {{ evidence_rows([
            evidence_row('incidents', 'incident_rows.source_file', 'incident_rows.source_row'),
            'staff_rows.rows_json',
        ]) }} as evidence_rows
    from flagged
    left join incident_rows
        on incident_rows.incident_id = flagged.incident_id
    left join staff_rows
        on staff_rows.incident_id = flagged.incident_id

),

final as (

    select {{ rule_columns('A8_UNLED_ENFORCEMENT') }}
    from findings

)

select * from final
