-- A29_EQUIPMENT_NOT_RETURNED (第29条): a roster row with status separated whose 30-day window
-- has passed by the as-of date (status_since + 30 days <= as-of date) and no equipment_return
-- record with value 'returned' dated status_since .. status_since + 30 days.
-- Period = month of status_since; unit_code = the unit of the person's latest roster row
-- (person attributes of person-grain rules, docs/rules-interpretation.md).
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

    select distinct as_of_date from {{ ref('int_roster__calendar') }}

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
        row_number() over (
            partition by person_key, status_since order by month desc
        ) as recency_rank
    from person_months

),

due as (

    select
        separations.person_key,
        separations.status_since,
        coalesce(people.unit_code, separations.unit_code) as unit_code,
        cast({{ dbt.dateadd('day', 30, 'separations.status_since') }} as date) as return_deadline
    from separations
    cross join calendar
    left join people
        on people.person_key = separations.person_key
    where separations.recency_rank = 1
        and cast({{ dbt.dateadd('day', 30, 'separations.status_since') }} as date)
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

findings as (

    select
        due.unit_code,
        due.person_key,
        cast(null as varchar) as incident_id,
        {{ format_month('due.status_since') }} as period,
        cast(null as varchar) as detail,
        {{ json_object([
            ('status_since', 'cast(due.status_since as varchar)'),
            ('return_deadline', 'cast(due.return_deadline as varchar)'),
        ]) }} as evidence
    from due
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
