-- A34_NO_ACCIDENT_COVER (第34条 根据岗位危险性购买人身意外伤害保险): a person-month in service
-- on a post whose danger class is high (ref_post_weights) with no accident policy of the
-- person with start_date <= the month's last day <= end_date.
with

person_months as (

    select * from {{ ref('int_payroll__person_months_in_service') }}

),

roster_rows as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

findings as (

    select
        person_months.unit_code,
        person_months.person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('person_months.month') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('post', 'person_months.post'),
            ('danger_class', 'person_months.danger_class'),
            ('month_end', 'cast(person_months.month_end as ' ~ type_string() ~ ')'),
        ]) }} as evidence,
        {{ evidence_rows([evidence_row('roster', 'roster_rows.source_file', 'roster_rows.source_row')]) }} as evidence_rows
    from person_months
    left join roster_rows
        on roster_rows.person_key = person_months.person_key
        and roster_rows.snapshot_month = person_months.month
    where person_months.danger_class = 'high'
        and not person_months.has_accident_cover

),

final as (

    select {{ rule_columns('A34_NO_ACCIDENT_COVER') }}
    from findings

)

select * from final
