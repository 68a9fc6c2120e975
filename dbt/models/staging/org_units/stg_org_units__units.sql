-- 机构 (org_units): renames and types only; one row per key (unit_code),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
with

source as (

    select * from {{ source('org_units', 'org_units') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by unit_code
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(unit_code as {{ type_string() }}) as unit_code,
        cast(unit_name as {{ type_string() }}) as unit_name,
        cast(parent_code as {{ type_string() }}) as parent_code,
        cast(tier as {{ type_string() }}) as tier,
        cast(unit_kind as {{ type_string() }}) as unit_kind,
        cast(admin_code as {{ type_string() }}) as admin_code,
        cast(coalesce(agency, 'police') as {{ type_string() }}) as agency,
        cast(population as bigint) as population,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
