-- A6_OVER_QUOTA (第6条, 第10条 总量控制): the headcount of the year (headcount on the latest
-- roster month present in that year) exceeds the approved quota of the bureau x category.
-- unit_code = bureau_code; period = year; detail = category.
with

utilization as (

    select * from {{ ref('int_planning__quota_utilization') }}

),

findings as (

    select
        bureau_code as unit_code,
        cast(null as varchar) as person_key,
        cast(null as varchar) as incident_id,
        {{ format_year('year') }} as period,
        category as detail,
        {{ json_object([
            ('year', 'year'),
            ('category', 'category'),
            ('headcount_month', 'cast(headcount_month as varchar)'),
            ('headcount', 'headcount'),
            ('approved_quota', 'approved_quota'),
            ('excess', 'headcount - approved_quota'),
        ]) }} as evidence
    from utilization
    where over_quota

),

final as (

    select {{ rule_columns('A6_OVER_QUOTA') }}
    from findings

)

select * from final
