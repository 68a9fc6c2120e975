-- A29_EQUIPMENT_NOT_RETURNED (第29条): a roster row with status separated whose 30-day window
-- has passed by the as-of date (status_since + 30 days <= as-of date) and no equipment_return
-- record with value 'returned' dated status_since .. status_since + 30 days.
-- Period = month of status_since; unit_code = the unit of the person's latest roster row
-- (person attributes of person-grain rules, docs/rules-interpretation.md).
-- The 30 days are the dbt var aux_equipment_return_days (macros/compliance_evidence.sql).
{%- set return_days = compliance_thresholds()['equipment_return_days'] %}
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where status = 'separated'
        and status_since is not null

),

people as (

    select * from {{ ref('int_roster__person_latest') }}

),

calendar as (

    select distinct province_code, as_of_date from {{ ref('int_roster__calendar') }}

),

hr_records as (

    select * from {{ ref('stg_hr_records__records') }}
    where record_type = 'equipment_return'
        and value = 'returned'

),

separations as (

    select
        person_key,
        status_since,
        unit_code,
        province_code,
        month,
        row_number() over (
            partition by person_key, status_since order by month desc
        ) as recency_rank
    from person_months

),

due as (

    select
        separations.person_key,
        separations.status_since,
        separations.month as separation_month,
        coalesce(people.unit_code, separations.unit_code) as unit_code,
        cast({{ dbt.dateadd('day', return_days, 'separations.status_since') }} as date) as return_deadline
    from separations
    inner join calendar
        on calendar.province_code = separations.province_code
    left join people
        on people.person_key = separations.person_key
    where separations.recency_rank = 1
        and cast({{ dbt.dateadd('day', return_days, 'separations.status_since') }} as date)
            <= calendar.as_of_date

),

returned as (

    select distinct
        due.person_key,
        due.status_since
    from due
    inner join hr_records
        on hr_records.person_key = due.person_key
        and hr_records.record_date >= due.status_since
        and hr_records.record_date <= due.return_deadline

),

roster_rows as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

findings as (

    select
        due.unit_code,
        due.person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('due.status_since') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('status_since', 'cast(due.status_since as ' ~ type_string() ~ ')'),
            ('return_deadline', 'cast(due.return_deadline as ' ~ type_string() ~ ')'),
        ]) }} as evidence,
        {{ evidence_rows([evidence_row('roster', 'roster_rows.source_file', 'roster_rows.source_row')]) }} as evidence_rows
    from due
    left join roster_rows
        on roster_rows.person_key = due.person_key
        and roster_rows.snapshot_month = due.separation_month
    left join returned
        on returned.person_key = due.person_key
        and returned.status_since = due.status_since
    where returned.person_key is null

),

final as (

    select {{ rule_columns('A29_EQUIPMENT_NOT_RETURNED') }}
    from findings

)

select * from final
