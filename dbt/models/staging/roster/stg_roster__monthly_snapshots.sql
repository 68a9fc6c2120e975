-- 辅警花名册 (roster): renames and types only; one row per key (snapshot_month, person_key),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
with

source as (

    select * from {{ source('roster', 'roster') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by snapshot_month, person_key
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(snapshot_month as date) as snapshot_month,
        cast(person_key as {{ type_string() }}) as person_key,
        cast(gender as {{ type_string() }}) as gender,
        cast(birth_date as date) as birth_date,
        cast(coalesce(nationality, '中国') as {{ type_string() }}) as nationality,
        cast(education as {{ type_string() }}) as education,
        cast(category as {{ type_string() }}) as category,
        cast(post as {{ type_string() }}) as post,
        cast(level as bigint) as level,
        cast(unit_code as {{ type_string() }}) as unit_code,
        cast(hire_date as date) as hire_date,
        cast(contract_start as date) as contract_start,
        cast(contract_end as date) as contract_end,
        cast(status as {{ type_string() }}) as status,
        cast(status_since as date) as status_since,
        cast(separation_reason as {{ type_string() }}) as separation_reason,
        cast(coalesce(priority_group, 'none') as {{ type_string() }}) as priority_group,
        cast(background_check as {{ type_string() }}) as background_check,
        cast(background_reason as {{ type_string() }}) as background_reason,
        cast(coalesce(relaxed_by_notice, false) as boolean) as relaxed_by_notice,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
