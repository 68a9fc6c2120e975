-- Incident x auxiliary: every auxiliary row of incident_staff with the incident's facts and
-- the person's roster status in the month the incident was reported (Art. 19, 20, 32).
with

staff as (

    select * from {{ ref('stg_incident_staff__attendance') }}
    where staff_type = 'auxiliary'

),

incidents as (

    select * from {{ ref('int_incidents__incidents') }}

),

roster as (

    select * from {{ ref('int_roster__person_months') }}

),

final as (

    select
        staff.incident_id,
        staff.staff_key as person_key,
        staff.task,
        staff.recorded,
        incidents.unit_code,
        incidents.bureau_code,
        incidents.prefecture_code,
        incidents.reported_at,
        incidents.reported_month,
        incidents.enforcement,
        incidents.incident_type,
        roster.status as roster_status,
        roster.unit_code as roster_unit_code
    from staff
    inner join incidents
        on incidents.incident_id = staff.incident_id
    left join roster
        on roster.person_key = staff.staff_key
        and roster.month = incidents.reported_month

)

select * from final
