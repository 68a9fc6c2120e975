-- 警情出警人员 (incident_staff): renames and types only; one row per key (incident_id, staff_type, staff_key),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
with

source as (

    select * from {{ source('incident_staff', 'incident_staff') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by incident_id, staff_type, staff_key
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(incident_id as varchar) as incident_id,
        cast(staff_type as varchar) as staff_type,
        cast(staff_key as varchar) as staff_key,
        cast(task as varchar) as task,
        cast(recorded as boolean) as recorded,

        -- lineage
        cast(_file as varchar) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
