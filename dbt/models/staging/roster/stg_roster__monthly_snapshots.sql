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
        cast(person_key as varchar) as person_key,
        cast(gender as varchar) as gender,
        cast(birth_date as date) as birth_date,
        cast(coalesce(nationality, '中国') as varchar) as nationality,
        cast(education as varchar) as education,
        cast(category as varchar) as category,
        cast(post as varchar) as post,
        cast(level as bigint) as level,
        cast(unit_code as varchar) as unit_code,
        cast(hire_date as date) as hire_date,
        cast(contract_start as date) as contract_start,
        cast(contract_end as date) as contract_end,
        cast(status as varchar) as status,
        cast(status_since as date) as status_since,
        cast(separation_reason as varchar) as separation_reason,
        cast(coalesce(priority_group, 'none') as varchar) as priority_group,
        cast(background_check as varchar) as background_check,
        cast(background_reason as varchar) as background_reason,
        cast(coalesce(relaxed_by_notice, false) as boolean) as relaxed_by_notice,

        -- lineage
        cast(_file as varchar) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
