-- A27_NO_PRESERVICE_TRAINING (第27条 岗前培训): no pre_service_training record dated on or
-- before the later of (the person's first incident as an auxiliary, the last day of the hire
-- month). Only people hired on or after the first roster month: earlier hires predate the
-- data. Period = hire month.
with

people as (

    select * from {{ ref('int_roster__person_latest') }}

),

calendar as (

    select distinct first_roster_month from {{ ref('int_roster__calendar') }}

),

attendance as (

    select * from {{ ref('int_incidents__auxiliary_attendance') }}

),

hr_records as (

    select * from {{ ref('stg_hr_records__records') }}
    where record_type = 'pre_service_training'

),

first_duty as (

    select
        person_key,
        cast(min(reported_at) as date) as first_incident_date
    from attendance
    group by person_key

),

deadlines as (

    select
        people.person_key,
        people.unit_code,
        people.hire_date,
        people.hire_month,
        first_duty.first_incident_date,
        case
            when first_duty.first_incident_date > {{ month_end('people.hire_month') }}
                then first_duty.first_incident_date
            else {{ month_end('people.hire_month') }}
        end as training_deadline
    from people
    cross join calendar
    left join first_duty
        on first_duty.person_key = people.person_key
    where people.hire_date >= calendar.first_roster_month

),

trained as (

    select distinct deadlines.person_key
    from deadlines
    inner join hr_records
        on hr_records.person_key = deadlines.person_key
        and hr_records.record_date <= deadlines.training_deadline

),

findings as (

    select
        deadlines.unit_code,
        deadlines.person_key,
        cast(null as varchar) as incident_id,
        {{ format_month('deadlines.hire_month') }} as period,
        cast(null as varchar) as detail,
        {{ json_object([
            ('hire_date', 'cast(deadlines.hire_date as varchar)'),
            ('first_incident_date', 'cast(deadlines.first_incident_date as varchar)'),
            ('training_deadline', 'cast(deadlines.training_deadline as varchar)'),
        ]) }} as evidence
    from deadlines
    left join trained
        on trained.person_key = deadlines.person_key
    where trained.person_key is null

),

final as (

    select {{ rule_columns('A27_NO_PRESERVICE_TRAINING') }}
    from findings

)

select * from final
