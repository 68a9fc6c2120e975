-- The load log (raw._load_log, docs/office-files.md): one row per landed file version
-- (file, sha256), its newest log row. A re-check of held-back rows appends a row for the same
-- bytes, so the newest one carries the file's settled counts. The month is the file's
-- partition, else the `YYYY-MM` in its name; admin_code the bureau its name names.
with

load_log as (

    select * from {{ load_log_relation() }}

),

ranked as (

    select
        *,
        row_number() over (partition by file, sha256 order by loaded_at desc) as version_rank
    from load_log

),

final as (

    select
        cast(file as {{ type_string() }}) as file,
        cast(sha256 as {{ type_string() }}) as sha256,
        cast(source as {{ type_string() }}) as source,
        cast(admin_code as {{ type_string() }}) as admin_code,
        cast(
            substr(coalesce(partition, {{ month_in_file_name('file') }}), 1, 7) || '-01'
        as date) as month,
        cast(status as {{ type_string() }}) as status,
        cast(rows_read as bigint) as rows_read,
        cast(rows_loaded as bigint) as rows_loaded,
        cast(rows_quarantined as bigint) as rows_quarantined,
        cast(loaded_at as timestamp) as loaded_at
    from ranked
    where version_rank = 1

)

select * from final
