{#-
    Tenure bands of the workforce forecast (separation rates by tenure band and category):
    (label, first completed month of service). Chinese labels: they are what a planner reads.
-#}
{% macro tenure_bands() -%}
    {{ return([('不满1年', 0), ('1–3年', 12), ('3–5年', 36), ('5–10年', 60), ('10年以上', 120)]) }}
{%- endmacro %}

{#-
    Completed months of service on the first day of `month_expr` since `hire_date_expr`
    (0 before the hire date): 12 x years + months between them, less one when the hire day
    is after the 1st (that last month is not complete on the 1st). Hired 2024-03-15: 11 on
    2025-03-01, 12 on 2025-04-01; hired 2024-03-01: 12 on 2025-03-01.
-#}
{% macro months_of_service(hire_date_expr, month_expr) -%}
    greatest(
        0,
        cast(
            12 * (extract(year from {{ month_expr }}) - extract(year from {{ hire_date_expr }}))
            + extract(month from {{ month_expr }}) - extract(month from {{ hire_date_expr }})
            - case when extract(day from {{ hire_date_expr }}) > 1 then 1 else 0 end
        as integer)
    )
{%- endmacro %}

{#- The tenure band label of a person on the first day of `month_expr`. -#}
{% macro tenure_band(hire_date_expr, month_expr) -%}
    {%- set bands = tenure_bands() -%}
    case
    {%- for label, first_month in bands | reverse %}
        {%- if not loop.last %}
        when {{ months_of_service(hire_date_expr, month_expr) }} >= {{ first_month }} then '{{ label }}'
        {%- else %}
        else '{{ label }}'
        {%- endif %}
    {%- endfor %}
    end
{%- endmacro %}
