-- A34_NO_ACCIDENT_COVER (第34条 根据岗位危险性购买人身意外伤害保险): a person-month in service
-- on a post whose danger class is high (ref_post_weights) with no accident policy of the
-- person with start_date <= the month's last day <= end_date.
with

person_months as (

    select * from {{ ref('int_payroll__person_months_in_service') }}

),

findings as (

    select
        unit_code,
        person_key,
        cast(null as varchar) as incident_id,
        {{ format_month('month') }} as period,
        cast(null as varchar) as detail,
        {{ json_object([
            ('post', 'post'),
            ('danger_class', 'danger_class'),
            ('month_end', 'cast(month_end as varchar)'),
        ]) }} as evidence
    from person_months
    where danger_class = 'high'
        and not has_accident_cover

),

final as (

    select {{ rule_columns('A34_NO_ACCIDENT_COVER') }}
    from findings

)

select * from final
