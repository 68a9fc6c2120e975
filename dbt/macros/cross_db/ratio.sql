{#- numerator / denominator as DOUBLE, null when the denominator is 0 or null. -#}
{% macro safe_ratio(numerator, denominator) -%}
    cast({{ numerator }} as {{ type_double() }}) / nullif(cast({{ denominator }} as {{ type_double() }}), 0)
{%- endmacro %}

{#- Money: DECIMAL(18,2) yuan (output contract). -#}
{% macro money(expr) -%}
    cast(round(cast({{ expr }} as decimal(38, 4)), 2) as decimal(18, 2))
{%- endmacro %}

{#- The month as its first day, from a date or timestamp. -#}
{% macro month_start(expr) -%}
    cast({{ dbt.date_trunc('month', expr) }} as date)
{%- endmacro %}

{#- The month's last day. -#}
{% macro month_end(month_start_expr) -%}
    cast({{ dbt.last_day(month_start_expr, 'month') }} as date)
{%- endmacro %}

{#- A dbt var that may be null in dbt_project.yml, rendered as SQL (null or the value). -#}
{% macro var_or_null(name) -%}
    {%- set v = var(name, none) -%}
    {%- if v is none -%}null{%- else -%}{{ v }}{%- endif -%}
{%- endmacro %}
