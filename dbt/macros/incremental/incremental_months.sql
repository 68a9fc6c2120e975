{#-
    Incremental by month (GitHub issue 6). The month-grain facts and marts are
    `materialized='incremental'`, `incremental_strategy='delete+insert'`, `unique_key='month'`:
    a run recomputes only the months whose raw rows changed since the model last ran.

    * Watermark: every row carries `loaded_at_watermark` = the newest `raw._load_log.loaded_at`
      when its month was computed (ingestion stamps a file's rows `_loaded_at` = that
      `loaded_at`). max(loaded_at_watermark) of the model is the last load the model has seen.
    * Changed months: months of raw rows with `_loaded_at` > the watermark (the month column of
      roster, payroll; the reported month of incidents) plus the partition month of every file
      of those sources logged after the watermark (this catches a corrected file that
      *removed* rows); incident_staff: `incident_month`, which ingestion fills with the month of
      the incident each row names. A corrected old month gets a new `_loaded_at`, so it is
      recomputed like a new month.
    * Whole-window sources (org_units: the owning bureau of every unit; accident_insurance:
      cover of every month, and an old policy version leaves no trace) and a monthly file
      without a month in its name recompute every month.
    * Seeds and dbt vars are not watched: after changing them run `dbt build --full-refresh`.
-#}

{#- is_incremental(), false in unit tests (there `this` is none; fixtures stand for the whole input). -#}
{% macro is_incremental_run() -%}
    {{ return(this is not none and model.resource_type != 'unit_test' and is_incremental()) }}
{%- endmacro %}

{#-
    raw._load_log (docs/raw-layer.md) as a relation, not a dbt source: every ingestion asset
    writes it, so as a source it would show up in Dagster as an upstream asset nobody makes.
-#}
{% macro load_log_relation() -%}
    {{ return(api.Relation.create(database=target.database, schema='raw', identifier='_load_log')) }}
{%- endmacro %}

{#- The newest raw load: stored on every row of the months this run computes. -#}
{% macro loaded_at_watermark() -%}
    {%- if model.resource_type == 'unit_test' -%}
    cast(null as timestamp)
    {%- else -%}
    cast((select max(loaded_at) from {{ load_log_relation() }}) as timestamp)
    {%- endif -%}
{%- endmacro %}

{#-
    Boolean SQL: the month expression is one of the months to recompute (`true` on a full
    build). `sources`: monthly raw sources the model reads, from
    roster | payroll | incidents | incident_staff. `whole_window`: non-monthly sources whose
    change recomputes every month.
-#}
{% macro is_changed_month(month_expr, sources, whole_window=['org_units']) -%}
    {#- unit tests run the full-build branch (their fixtures stand for the whole input) -#}
    {%- if not is_incremental_run() -%}
        true
    {%- else -%}
        {%- set month_of = {
            'roster': 'snapshot_month',
            'payroll': 'pay_month',
            'incidents': month_start('reported_at'),
            'incident_staff': 'incident_month',
        } -%}
        {%- set log = load_log_relation() -%}
        {%- set watermark -%}
            (select coalesce(max(loaded_at_watermark), cast('1900-01-01' as timestamp)) from {{ this }})
        {%- endset -%}
        (
            exists (
                select 1
                from {{ log }}
                where loaded_at > {{ watermark }}
                    and status = 'loaded'
                    and (
                        source in ('{{ whole_window | join("', '") }}')
                        or (
                            source in ('{{ sources | join("', '") }}')
                            and coalesce(partition, {{ month_in_file_name('file') }}) is null
                        )
                    )
            )
            or {{ month_expr }} in (
                select cast(
                    substr(coalesce(partition, {{ month_in_file_name('file') }}), 1, 7) || '-01'
                as date)
                from {{ log }}
                where loaded_at > {{ watermark }}
                    and status = 'loaded'
                    and source in ('{{ sources | join("', '") }}')
                    and coalesce(partition, {{ month_in_file_name('file') }}) is not null
                {%- for s in sources if s in month_of %}
                union
                select distinct cast({{ month_of[s] }} as date)
                from {{ source(s, s) }}
                where _loaded_at > {{ watermark }}
                {%- endfor %}
            )
        )
    {%- endif -%}
{%- endmacro %}

{#-
    post_hook of the incremental models: drop months that no longer exist upstream at all
    (delete+insert only replaces the months the new batch has rows for).
-#}
{% macro delete_vanished_months(month_column, upstream_months_sql) -%}
    {%- if is_incremental_run() -%}
        delete from {{ this }}
        where {{ month_column }} not in ({{ upstream_months_sql }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
