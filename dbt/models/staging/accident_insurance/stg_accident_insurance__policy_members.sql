-- 人身意外伤害保险 (accident_insurance): renames and types only; one row per key (policy_no, person_key),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
with

source as (

    select * from {{ source('accident_insurance', 'accident_insurance') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by policy_no, person_key
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(policy_no as {{ type_string() }}) as policy_no,
        cast(person_key as {{ type_string() }}) as person_key,
        cast(insurer as {{ type_string() }}) as insurer,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(sum_insured as decimal(18, 2)) as sum_insured,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
