-- One row per incident with who attended (Art. 8: auxiliaries work under police lead) and
-- where it belongs (the owning bureau of the incident's unit).
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('reported_month', 'select distinct ' ~ month_start('reported_at') ~ ' from ' ~ source('incidents', 'incidents')) }}",
    **incremental_by_month('reported_month'),
) }}
with

incidents as (

    -- the months to recompute only (every month on a full build)
    select * from {{ ref('stg_incidents__incidents') }}
    where {{ is_changed_month(month_start('reported_at'), ['incidents', 'incident_staff']) }}

),

staff as (

    -- the staff of the months to recompute only (every month on a full build)
    select * from {{ ref('stg_incident_staff__attendance') }}
    where {{ is_changed_month('incident_month', ['incidents', 'incident_staff']) }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

attendance as (

    select
        incident_id,
        sum(case when staff_type = 'auxiliary' then 1 else 0 end) as auxiliary_staff,
        sum(case when staff_type = 'police' then 1 else 0 end) as police_staff
    from staff
    group by incident_id

),

final as (

    select
        incidents.incident_id,
        incidents.unit_code,
        units.bureau_code,
        units.county_bureau_code,
        -- the unit's province; a unit missing from org_units: its code's first 2 digits
        coalesce(units.province_code, {{ province_code('incidents.unit_code') }}) as province_code,
        units.prefecture_code,
        incidents.reported_at,
        {{ month_start('incidents.reported_at') }} as reported_month,
        cast(extract(year from incidents.reported_at) as integer) as year,
        incidents.incident_type,
        incidents.enforcement,
        incidents.handling_minutes,
        cast(coalesce(attendance.auxiliary_staff, 0) as integer) as auxiliary_staff,
        cast(coalesce(attendance.police_staff, 0) as integer) as police_staff,
        -- staff-hours on the incident: handling time x auxiliaries sent (at least one person)
        cast(incidents.handling_minutes as {{ type_double() }}) / 60.0
            * greatest(coalesce(attendance.auxiliary_staff, 0), 1) as auxiliary_staff_hours,
        -- incremental bookkeeping (macros/incremental/incremental_months.sql)
        {{ loaded_at_watermark() }} as loaded_at_watermark
    from incidents
    left join attendance
        on attendance.incident_id = incidents.incident_id
    left join units
        on units.unit_code = incidents.unit_code

)

select * from final
