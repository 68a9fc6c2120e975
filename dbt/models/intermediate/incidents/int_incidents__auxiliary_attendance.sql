-- Incident x auxiliary: every auxiliary row of incident_staff with the incident's facts and
-- the person's roster status in the month the incident was reported (Art. 19, 20, 32).
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('reported_month', 'select distinct reported_month from ' ~ ref('int_incidents__incidents')) }}",
    **incremental_by_month('reported_month'),
) }}
with

incidents as (

    select * from {{ ref('int_incidents__incidents') }}
    where {{ is_changed_month('reported_month', ['incidents', 'incident_staff', 'roster']) }}

),

staff as (

    -- the staff of the months to recompute only (every month on a full build)
    select * from {{ ref('stg_incident_staff__attendance') }}
    where {{ is_changed_month('incident_month', ['incidents', 'incident_staff', 'roster']) }}
        and staff_type = 'auxiliary'

),

roster as (

    select * from {{ ref('int_roster__person_months') }}
    where {{ is_changed_month('month', ['incidents', 'incident_staff', 'roster']) }}

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
        roster.unit_code as roster_unit_code,
        -- incremental bookkeeping (macros/incremental/incremental_months.sql)
        {{ loaded_at_watermark() }} as loaded_at_watermark
    from staff
    inner join incidents
        on incidents.incident_id = staff.incident_id
    left join roster
        on roster.person_key = staff.staff_key
        and roster.month = incidents.reported_month

)

select * from final
