-- A35_OVERTIME_UNCOMPENSATED (第35条): a payroll row of any person-month on the roster (in
-- service or not) with overtime_hours > 0, overtime_pay = 0 and comp_time_hours <
-- overtime_hours: overtime neither paid nor compensated with time off.
with

roster as (

    select * from {{ ref('int_roster__person_months') }}

),

roster_rows as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

payroll as (

    select * from {{ ref('stg_payroll__monthly_pay') }}

),

findings as (

    select
        roster.unit_code,
        payroll.person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('payroll.pay_month') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {#- hours as doubles: JSON prints them alike on every engine (DuckDB writes a
            DECIMAL(12,2) as a double, 17.0; Spark keeps the scale, 17.00) -#}
        {{ json_object([
            ('overtime_hours', 'cast(payroll.overtime_hours as ' ~ type_double() ~ ')'),
            ('overtime_pay', 'payroll.overtime_pay'),
            ('comp_time_hours', 'cast(payroll.comp_time_hours as ' ~ type_double() ~ ')'),
        ]) }} as evidence,
        {{ evidence_rows([
            evidence_row('payroll', 'payroll.source_file', 'payroll.source_row'),
            evidence_row('roster', 'roster_rows.source_file', 'roster_rows.source_row'),
        ]) }} as evidence_rows
    from payroll
    inner join roster
        on roster.person_key = payroll.person_key
        and roster.month = payroll.pay_month
    left join roster_rows
        on roster_rows.person_key = payroll.person_key
        and roster_rows.snapshot_month = payroll.pay_month
    where payroll.overtime_hours > 0
        and payroll.overtime_pay = 0
        and payroll.comp_time_hours < payroll.overtime_hours

),

final as (

    select {{ rule_columns('A35_OVERTIME_UNCOMPENSATED') }}
    from findings

)

select * from final
