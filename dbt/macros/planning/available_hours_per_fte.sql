{#- Net hours one FTE is available per year (staffing model, dbt_project.yml vars):
    weeks x weekly hours - (annual leave + public holidays + training + sickness) x daily
    hours; with the defaults 52 x 40 - (5 + 13 + 5 + 6) x 8 = 1,848 h. A double precision
    SQL expression (division by it is never integer division, on any adapter). -#}
{% macro available_hours_per_fte() -%}
    cast(
        {{ var('work_weeks_per_year') }} * {{ var('work_hours_per_week') }}
        - (
            {{ var('annual_leave_days') }} + {{ var('public_holiday_days') }}
            + {{ var('training_days') }} + {{ var('sickness_days') }}
        ) * {{ var('work_hours_per_day') }}
    as {{ type_double() }})
{%- endmacro %}
