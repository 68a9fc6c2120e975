-- Incident x auxiliary: every auxiliary row of incident_staff with the incident's facts and
-- the person's roster status in the month the incident was reported (Art. 19, 20, 32).
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='reported_month',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('reported_month', 'select distinct reported_month from ' ~ ref('int_incidents__incidents')) }}",
) }}
with

incidents as (

    select * from {{ ref('int_incidents__incidents') }}
    where {{ is_changed_month('reported_month', ['incidents', 'incident_staff', 'roster']) }}

),

staff as (

    {%- if is_incremental_run() %}
    -- the incidents of the months to recompute only, ranked before filtering (as staging does)
    select incident_id, staff_type, staff_key, task, recorded
    from ({{ latest_raw_rows(
        source('incident_staff', 'incident_staff'), ['incident_id', 'staff_type', 'staff_key'],
        'incident_id in (select incident_id from incidents)'
    ) }}) as changed
    where staff_type = 'auxiliary'
    {%- else %}
    select * from {{ ref('stg_incident_staff__attendance') }}
    where staff_type = 'auxiliary'
    {%- endif %}

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
