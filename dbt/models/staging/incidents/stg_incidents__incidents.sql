-- 警情 (incidents): renames and types only; one row per key (incident_id).
-- No dedupe here: ingestion replaces an incident id across all months, so raw holds each id
-- once (docs/raw-layer.md), and a window over ~25 M province rows as a table was the largest
-- step of a new month's build. The uniqueness test below proves the invariant on every build.
with

source as (

    select * from {{ source('incidents', 'incidents') }}

),

final as (

    select
        cast(incident_id as {{ type_string() }}) as incident_id,
        cast(unit_code as {{ type_string() }}) as unit_code,
        cast(reported_at as timestamp) as reported_at,
        cast(incident_type as {{ type_string() }}) as incident_type,
        cast(enforcement as boolean) as enforcement,
        cast(handling_minutes as bigint) as handling_minutes,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from final
