-- 警情 (incidents): renames and types only; one row per key (incident_id),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
-- A table, unlike the other staging views: at province scale (~25 M incidents) each of its
-- tests and consumers would otherwise recompute the window below.
{{ config(materialized='table') }}
with

source as (

    select * from {{ source('incidents', 'incidents') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by incident_id
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(incident_id as varchar) as incident_id,
        cast(unit_code as varchar) as unit_code,
        cast(reported_at as timestamp) as reported_at,
        cast(incident_type as varchar) as incident_type,
        cast(enforcement as boolean) as enforcement,
        cast(handling_minutes as bigint) as handling_minutes,

        -- lineage
        cast(_file as varchar) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
