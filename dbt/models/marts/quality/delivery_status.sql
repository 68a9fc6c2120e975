-- 报送情况: per bureau, monthly source and month whether the bureau's file arrived
-- (delivered), arrived and was rejected as a whole (rejected) or never arrived (missing),
-- so a planner sees who has not sent this month's roster. A bureau is expected to deliver a
-- source every month from the month of its first file of that source (loaded or rejected)
-- through the window's end: the latest month any bureau of its province sent a file of any
-- monthly source for (each province delivers on its own schedule).
with recursive

file_versions as (

    select * from {{ ref('stg_load_log__file_versions') }}

),

bureaus as (

    select * from {{ ref('dim_bureau') }}

),

-- files of a month and a bureau (a skipped file's bytes were delivered under another name)
monthly_files as (

    select
        bureaus.bureau_code,
        bureaus.province_code,
        bureaus.prefecture_code,
        file_versions.source,
        file_versions.month,
        file_versions.status,
        file_versions.rows_loaded,
        file_versions.rows_quarantined,
        file_versions.loaded_at
    from file_versions
    inner join bureaus
        on bureaus.admin_code = file_versions.admin_code
    where file_versions.month is not null
        and file_versions.status in ('loaded', 'rejected')
        and file_versions.source <> 'unassigned'

),

tracked as (

    select
        bureau_code,
        province_code,
        prefecture_code,
        source,
        min(month) as first_month
    from monthly_files
    group by bureau_code, province_code, prefecture_code, source

),

window_end as (

    select province_code, max(month) as last_month
    from monthly_files
    group by province_code

),

months (province_code, month) as (

    select province_code, min(first_month) from tracked group by province_code

    union all

    select months.province_code, cast({{ dbt.dateadd('month', 1, 'months.month') }} as date)
    from months
    inner join window_end
        on window_end.province_code = months.province_code
    where months.month < window_end.last_month

),

expected as (

    select
        tracked.bureau_code,
        tracked.province_code,
        tracked.prefecture_code,
        tracked.source,
        months.month
    from tracked
    inner join months
        on months.province_code = tracked.province_code
        and months.month >= tracked.first_month

),

arrived as (

    select
        bureau_code,
        source,
        month,
        sum(case when status = 'loaded' then 1 else 0 end) as files_loaded,
        sum(case when status = 'rejected' then 1 else 0 end) as files_rejected,
        sum(rows_loaded) as rows_loaded,
        sum(rows_quarantined) as rows_quarantined,
        max(loaded_at) as last_loaded_at
    from monthly_files
    group by bureau_code, source, month

),

final as (

    select
        -- the bureau, source and month
        cast(expected.bureau_code as {{ type_string() }}) as bureau_code,
        cast(expected.province_code as {{ type_string() }}) as province_code,
        cast(expected.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(expected.source as {{ type_string() }}) as source,
        cast(expected.month as date) as month,

        -- the verdict: one loaded file is a delivery, whatever else arrived
        cast(
            case
                when arrived.files_loaded > 0 then 'delivered'
                when arrived.files_rejected > 0 then 'rejected'
                else 'missing'
            end
        as {{ type_string() }}) as status,

        -- what arrived
        cast(coalesce(arrived.files_loaded, 0) as bigint) as files_loaded,
        cast(coalesce(arrived.files_rejected, 0) as bigint) as files_rejected,
        cast(coalesce(arrived.rows_loaded, 0) as bigint) as rows_loaded,
        cast(coalesce(arrived.rows_quarantined, 0) as bigint) as rows_quarantined,
        cast(arrived.last_loaded_at as timestamp) as last_loaded_at
    from expected
    left join arrived
        on arrived.bureau_code = expected.bureau_code
        and arrived.source = expected.source
        and arrived.month = expected.month

)

select * from final
