{#-
    Incremental by month (GitHub issue 6). The month-grain facts and marts are
    `materialized='incremental'` with `incremental_by_month('month')` (delete+insert keyed on
    the month; insert_overwrite of month partitions on Spark): a run recomputes only the
    months whose raw rows changed since the model last ran.

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
    {{ return(api.Relation.create(database=target.get('database'), schema='raw', identifier='_load_log')) }}
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
    The incremental config of a month-grain model (`month_column`: its month), as each engine
    can replace months: delete+insert keyed on the month (DuckDB, PostgreSQL); on Spark, whose
    Parquet tables take no delete, a table partitioned by the month and insert_overwrite,
    which replaces exactly the partitions (months) the run computed.
-#}
{% macro incremental_by_month(month_column) -%}
    {{ return(adapter.dispatch('incremental_by_month', 'auxforce')(month_column)) }}
{%- endmacro %}

{% macro default__incremental_by_month(month_column) -%}
    {{ return({'incremental_strategy': 'delete+insert', 'unique_key': month_column}) }}
{%- endmacro %}

{% macro spark__incremental_by_month(month_column) -%}
    {{ return({'incremental_strategy': 'insert_overwrite', 'partition_by': [month_column]}) }}
{%- endmacro %}

{#-
    The incremental config of a model whose every run gives its whole table (a history that
    never loses a row, compliance_finding_history): delete+insert keyed on `unique_key`; on
    Spark insert_overwrite, partitioned by `partition_column` because Spark overwrites a
    table the run reads (the previous history) only partition by partition. Every partition
    present before is present after (no row leaves), so none keeps stale rows.
-#}
{% macro incremental_whole_table(unique_key, partition_column) -%}
    {{ return(adapter.dispatch('incremental_whole_table', 'auxforce')(unique_key, partition_column)) }}
{%- endmacro %}

{% macro default__incremental_whole_table(unique_key, partition_column) -%}
    {{ return({'incremental_strategy': 'delete+insert', 'unique_key': unique_key}) }}
{%- endmacro %}

{% macro spark__incremental_whole_table(unique_key, partition_column) -%}
    {{ return({'incremental_strategy': 'insert_overwrite', 'partition_by': [partition_column]}) }}
{%- endmacro %}

{#-
    post_hook of the incremental models: drop months that no longer exist upstream at all
    (a run only replaces the months the new batch has rows for).
-#}
{% macro delete_vanished_months(month_column, upstream_months_sql) -%}
    {{ return(adapter.dispatch('delete_vanished_months', 'auxforce')(month_column, upstream_months_sql)) }}
{%- endmacro %}

{% macro default__delete_vanished_months(month_column, upstream_months_sql) -%}
    {%- if is_incremental_run() -%}
        delete from {{ this }}
        where {{ month_column }} not in ({{ upstream_months_sql }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Spark: the vanished months' partitions dropped (found when the hook runs, after the insert). -#}
{% macro spark__delete_vanished_months(month_column, upstream_months_sql) -%}
    {%- set vanished = [] -%}
    {%- if execute and is_incremental_run() -%}
        {%- set found = run_query(
            'select distinct cast(' ~ month_column ~ ' as string) from ' ~ this
            ~ ' where ' ~ month_column ~ ' not in (' ~ upstream_months_sql ~ ')') -%}
        {%- set vanished = found.columns[0].values() -%}
    {%- endif -%}
    {%- if vanished | length > 0 -%}
        alter table {{ this }} drop if exists
        {%- for month in vanished %}
            partition ({{ month_column }} = '{{ month }}'){{ "," if not loop.last }}
        {%- endfor %}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
