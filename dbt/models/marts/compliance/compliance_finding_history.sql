-- Finding history (issue 13): every finding compliance_violations has ever held, keyed by its
-- stable finding_id, with first_seen, last_seen (the newest load of the data in which it was
-- first and last found), closed_at (that of the first build that no longer found it) and
-- close_reason.
--
-- An incremental model keyed on finding_id rather than a dbt snapshot: a snapshot records
-- only changes, so it cannot say when a finding was last seen, and it writes to its own
-- schema (the publish step copies marts); this model stamps every build, keeps the last
-- evidence of a closed finding, and is ordinary SQL on DuckDB and PostgreSQL.
-- full_refresh = false: `dbt build --full-refresh` (needed after a seed, var or SQL change)
-- rebuilds compliance_violations but never wipes this history. A build only runs after
-- compliance_violations and its tests passed (dbt build skips it otherwise).
--
-- close_reason: data_corrected (数据已更正) when a finding is gone from the current build;
-- rectified (已整改) will come from the case store. A closed finding found again is reopened:
-- closed_at and close_reason cleared, reopened_at set, first_seen kept.
{{ config(
    materialized='incremental',
    full_refresh=false,
    on_schema_change='append_new_columns',
    **incremental_whole_table('finding_id', 'rule_id'),
) }}
{#- "seen" means seen in the data delivered up to the newest load of the finding's province
    (int_compliance__province_loads over raw._load_log), not at the build's clock time: a
    rebuild with no new delivery changes no row, and in a build over several provinces one
    province's delivery moves no other province's times. A finding without a province (a
    row closed before the history had the column) takes the newest load of any province. -#}
{%- set built_at = 'coalesce(stamps.loaded_at, newest.loaded_at)' %}
{%- set columns = [
    'rule_id', 'article', 'article_no', 'severity', 'unit_code', 'bureau_code',
    'province_code', 'prefecture_code', 'person_key', 'incident_id', 'period', 'detail', 'evidence',
    'evidence_rows',
] %}
with

current_findings as (

    select * from {{ ref('compliance_violations') }}

),

stamps as (

    select * from {{ ref('int_compliance__province_loads') }}

),

newest as (

    select max(loaded_at) as loaded_at from stamps

),

{% if is_incremental() %}
{#- a column added since the history was first built (province_code) stays null on the rows
    of findings closed before it came (a unit test's `this` is given rows: all columns) -#}
{%- set kept = columns if this is string
    else adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list %}
previous as (

    select * from {{ this }}

),

{% endif %}
merged as (

    {% if is_incremental() %}
    -- every finding of the history (the model gives the whole table, so that Spark can
    -- overwrite it): current ones, open ones the current build no longer has (closed now),
    -- and findings closed before and still gone, whose rows stay as they were
    select
        coalesce(current_findings.finding_id, previous.finding_id) as finding_id,
        {%- for c in columns %}
        case when current_findings.finding_id is not null
            then current_findings.{{ c }} else {{ 'previous.' ~ c if c in kept else 'null' }} end as {{ c }},
        {%- endfor %}
        coalesce(previous.first_seen, {{ built_at }}) as first_seen,
        case when current_findings.finding_id is not null
            then {{ built_at }} else previous.last_seen end as last_seen,
        case when current_findings.finding_id is null
            then coalesce(previous.closed_at, {{ built_at }}) end as closed_at,
        case when current_findings.finding_id is null
            then coalesce(previous.close_reason, 'data_corrected') end as close_reason,
        case when current_findings.finding_id is not null and previous.closed_at is not null
            then {{ built_at }} else previous.reopened_at end as reopened_at
    from current_findings
    full outer join previous
        on previous.finding_id = current_findings.finding_id
    left join stamps
        on stamps.province_code = coalesce(current_findings.province_code,
            {{ 'previous.province_code' if 'province_code' in kept else 'null' }})
    cross join newest
    {% else %}
    select
        current_findings.finding_id,
        {%- for c in columns %}
        current_findings.{{ c }},
        {%- endfor %}
        {{ built_at }} as first_seen,
        {{ built_at }} as last_seen,
        cast(null as timestamp) as closed_at,
        cast(null as {{ type_string() }}) as close_reason,
        cast(null as timestamp) as reopened_at
    from current_findings
    left join stamps
        on stamps.province_code = current_findings.province_code
    cross join newest
    {% endif %}

),

final as (

    select
        cast(finding_id as {{ type_string() }}) as finding_id,
        {%- for c in columns %}
        {%- if c == 'article_no' %}
        cast({{ c }} as integer) as {{ c }},
        {%- else %}
        cast({{ c }} as {{ type_string() }}) as {{ c }},
        {%- endif %}
        {%- endfor %}
        cast(first_seen as timestamp) as first_seen,
        cast(last_seen as timestamp) as last_seen,
        cast(closed_at as timestamp) as closed_at,
        cast(close_reason as {{ type_string() }}) as close_reason,
        cast(case when closed_at is null then 'open' else 'closed' end as {{ type_string() }}) as status,
        cast(reopened_at as timestamp) as reopened_at
    from merged

)

select * from final
