-- 警情出警人员 (incident_staff): renames and types only; one row per key (incident_id, staff_type, staff_key).
-- No dedupe here, unlike the other sources: ingestion replaces every staff row of an
-- incident with the latest file's rows (docs/raw-layer.md), so raw holds each key once, and a
-- window over ~50 M province rows would be recomputed by every consumer of this view.
-- The uniqueness test below proves the invariant on every build.
with

source as (

    select * from {{ source('incident_staff', 'incident_staff') }}

),

final as (

    select
        cast(incident_id as {{ type_string() }}) as incident_id,
        cast(staff_type as {{ type_string() }}) as staff_type,
        cast(staff_key as {{ type_string() }}) as staff_key,
        cast(task as {{ type_string() }}) as task,
        cast(recorded as boolean) as recorded,
        -- the month the incident was reported, filled by ingestion: incremental runs read
        -- the staff of the months they recompute by it, not by a join over every incident
        cast(incident_month as date) as incident_month,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from final
