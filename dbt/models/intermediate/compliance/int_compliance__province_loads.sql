-- Province: the newest raw load of its data (max raw._load_log.loaded_at over the loads that
-- count for it, macros/incremental/load_log_province.sql), the time the finding history
-- stamps the province's findings with (issue 15): in a build over several provinces, one
-- province's delivery must not move another's first_seen, last_seen or closed_at. One row
-- per province of the org units; loaded_at null if no load counts for it.
with

provinces as (

    select distinct province_code
    from {{ ref('int_org__unit_bureaus') }}
    where province_code is not null

),

loads as (

    select
        {{ load_log_province() }} as load_province,
        loaded_at
    from {{ load_log_relation() }}

),

final as (

    select
        cast(provinces.province_code as {{ type_string() }}) as province_code,
        cast(max(loads.loaded_at) as timestamp) as loaded_at
    from provinces
    left join loads
        on {{ load_counts_for('loads.load_province', 'provinces.province_code', 'provinces') }}
    group by provinces.province_code

)

select * from final
