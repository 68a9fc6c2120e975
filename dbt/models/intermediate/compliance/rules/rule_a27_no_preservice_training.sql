-- A27_NO_PRESERVICE_TRAINING (第27条 岗前培训): no pre_service_training record dated on or
-- before the later of (the person's first incident as an auxiliary, the last day of the hire
-- month). Period = hire month.
-- People hired before the first roster month are checked too (issue 13): their hire month
-- lies before the data, so the data can only show a missing record or a late one: no
-- pre_service_training record at all, or none dated on or before their first incident in
-- the data (with no incident in the data, any record satisfies the rule). Their findings
-- carry evidence before_window = true: they rest on records older than the data window.
-- evidence_rows: the latest roster row (hire date, unit), the staff row of the first
-- incident, and the earliest pre-service training record when there is one (a late one).
with

people as (

    select * from {{ ref('int_roster__person_latest') }}

),

calendar as (

    select distinct province_code, first_roster_month from {{ ref('int_roster__calendar') }}

),

attendance as (

    select * from {{ ref('int_incidents__auxiliary_attendance') }}

),

hr_records as (

    select * from {{ ref('stg_hr_records__records') }}
    where record_type = 'pre_service_training'

),

-- each person's first incident (earliest reported_at, then incident_id): a grouped min_by,
-- not a ranking window, which sorted every attendance (54 M rows at province scale)
first_duty as (

    select
        person_key,
        min_by(incident_id, (reported_at, incident_id)) as incident_id,
        cast(min(reported_at) as date) as first_incident_date
    from attendance
    group by person_key

),

first_training as (

    select
        person_key,
        record_date,
        source_file,
        source_row,
        row_number() over (
            partition by person_key order by record_date, source_file, source_row
        ) as training_rank
    from hr_records

),

deadlines as (

    select
        people.person_key,
        people.unit_code,
        people.hire_date,
        people.hire_month,
        people.source_file,
        people.source_row,
        first_duty.incident_id as first_incident_id,
        first_duty.first_incident_date,
        people.hire_date < calendar.first_roster_month as before_window,
        case
            -- hired before the data and no incident in it: no deadline the data can show
            when people.hire_date < calendar.first_roster_month
                and first_duty.first_incident_date is null
                then null
            when first_duty.first_incident_date > {{ month_end('people.hire_month') }}
                then first_duty.first_incident_date
            else {{ month_end('people.hire_month') }}
        end as training_deadline
    from people
    inner join calendar
        on calendar.province_code = people.province_code
    left join first_duty
        on first_duty.person_key = people.person_key

),

trained as (

    select distinct deadlines.person_key
    from deadlines
    inner join hr_records
        on hr_records.person_key = deadlines.person_key
        and (
            deadlines.training_deadline is null
            or hr_records.record_date <= deadlines.training_deadline
        )

),

staff_rows as (

    select * from {{ ref('stg_incident_staff__attendance') }}
    where staff_type = 'auxiliary'

),

findings as (

    select
        deadlines.unit_code,
        deadlines.person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('deadlines.hire_month') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('hire_date', 'cast(deadlines.hire_date as ' ~ type_string() ~ ')'),
            ('first_incident_date', 'cast(deadlines.first_incident_date as ' ~ type_string() ~ ')'),
            ('training_deadline', 'cast(deadlines.training_deadline as ' ~ type_string() ~ ')'),
            ('first_training_date', 'cast(first_training.record_date as ' ~ type_string() ~ ')'),
            ('before_window', 'deadlines.before_window'),
        ]) }} as evidence,
        {{ evidence_rows([
            evidence_row('roster', 'deadlines.source_file', 'deadlines.source_row'),
            evidence_row('incident_staff', 'staff_rows.source_file', 'staff_rows.source_row'),
            evidence_row('hr_records', 'first_training.source_file', 'first_training.source_row'),
        ]) }} as evidence_rows
    from deadlines
    left join trained
        on trained.person_key = deadlines.person_key
    left join first_training
        on first_training.person_key = deadlines.person_key
        and first_training.training_rank = 1
    left join staff_rows
        on staff_rows.incident_id = deadlines.first_incident_id
        and staff_rows.staff_key = deadlines.person_key
    where trained.person_key is null

),

final as (

    select {{ rule_columns('A27_NO_PRESERVICE_TRAINING') }}
    from findings

)

select * from final
