{#-
    Shared by A28 (assessment) and A35 (physical exam): a person in service all 12 months of
    a year Y closed in the person's province with no `record_type` record dated Y-01-01 .. the window end. The window
    end is given as SQL expressions over `full_years.year` (e.g. 'full_years.year + 1', 3, 31).
    unit_code = the person's roster unit in the last in-service month of Y.
-#}
{% macro missing_annual_record(rule_id, record_type, window_end_year, window_end_month, window_end_day) %}
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where is_in_service

),

years as (

    select * from {{ ref('int_roster__years') }}
    where is_closed

),

hr_records as (

    select * from {{ ref('stg_hr_records__records') }}
    where record_type = '{{ record_type }}'

),

full_years as (

    select
        person_months.person_key,
        person_months.year,
        count(distinct person_months.month) as months_in_service,
        max(person_months.month) as last_month
    from person_months
    inner join years
        on years.province_code = person_months.province_code
        and years.year = person_months.year
    group by person_months.person_key, person_months.year
    having count(distinct person_months.month) = 12

),

recorded as (

    select distinct
        full_years.person_key,
        full_years.year
    from full_years
    inner join hr_records
        on hr_records.person_key = full_years.person_key
        and hr_records.record_date >= {{ date_from_parts('full_years.year', 1, 1) }}
        and hr_records.record_date <= {{ date_from_parts(window_end_year, window_end_month, window_end_day) }}

),

findings as (

    select
        last_unit.unit_code,
        full_years.person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_year('full_years.year') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('year', 'full_years.year'),
            ('months_in_service', 'full_years.months_in_service'),
            ('window_from', 'cast(' ~ date_from_parts('full_years.year', 1, 1) ~ ' as ' ~ type_string() ~ ')'),
        ]) }} as evidence,
        {{ evidence_rows([evidence_row('roster', 'roster_rows.source_file', 'roster_rows.source_row')]) }} as evidence_rows
    from full_years
    left join recorded
        on recorded.person_key = full_years.person_key
        and recorded.year = full_years.year
    inner join person_months as last_unit
        on last_unit.person_key = full_years.person_key
        and last_unit.month = full_years.last_month
    left join {{ ref('stg_roster__monthly_snapshots') }} as roster_rows
        on roster_rows.person_key = full_years.person_key
        and roster_rows.snapshot_month = full_years.last_month
    where recorded.person_key is null

),

final as (

    select {{ rule_columns(rule_id) }}
    from findings

)

select * from final
{% endmacro %}
