-- 警力 (police_strength): renames and types only; one row per key (unit_code, year),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
with

source as (

    select * from {{ source('police_strength', 'police_strength') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by unit_code, year
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(unit_code as {{ type_string() }}) as unit_code,
        cast(year as bigint) as year,
        cast(police_count as bigint) as police_count,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
