-- A6_OVER_QUOTA (第6条, 第10条 总量控制): the headcount of the year (headcount on the latest
-- roster month present in that year) exceeds the approved quota of the bureau x category.
-- unit_code = bureau_code; period = year; detail = category.
with

utilization as (

    select * from {{ ref('int_planning__quota_utilization') }}

),

quotas as (

    select * from {{ ref('stg_quotas__approved_quotas') }}

),

quota_rows as (

    select
        unit_code,
        year,
        category,
        {{ ordered_string_agg(evidence_row("quotas", "source_file", "source_row"), "','", 'source_file, source_row') }} as rows_json
    from quotas
    group by unit_code, year, category

),

findings as (

    select
        utilization.bureau_code as unit_code,
        cast(null as {{ type_string() }}) as person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_year('utilization.year') }} as period,
        utilization.category as detail,
        {{ json_object([
            ('year', 'utilization.year'),
            ('category', 'utilization.category'),
            ('headcount_month', 'cast(headcount_month as ' ~ type_string() ~ ')'),
            ('headcount', 'headcount'),
            ('approved_quota', 'approved_quota'),
            ('excess', 'headcount - approved_quota'),
        ]) }} as evidence,
        {{ evidence_rows(['quota_rows.rows_json']) }} as evidence_rows
    from utilization
    left join quota_rows
        on quota_rows.unit_code = utilization.bureau_code
        and quota_rows.year = utilization.year
        and quota_rows.category = utilization.category
    where utilization.over_quota

),

final as (

    select {{ rule_columns('A6_OVER_QUOTA') }}
    from findings

)

select * from final
