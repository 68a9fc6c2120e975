-- 人事记录 (hr_records): renames and types only; one row per key (person_key, record_type, record_date, value),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
with

source as (

    select * from {{ source('hr_records', 'hr_records') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by person_key, record_type, record_date, value
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(person_key as {{ type_string() }}) as person_key,
        cast(record_type as {{ type_string() }}) as record_type,
        cast(record_date as date) as record_date,
        cast(value as {{ type_string() }}) as value,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
