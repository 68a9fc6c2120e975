{#-
    Text periods of compliance findings (docs/rules-interpretation.md): `YYYY-MM` for a
    month, `YYYY` for a year.
-#}
{% macro format_month(date_expr) -%}
    {{ return(adapter.dispatch('format_month', 'auxforce')(date_expr)) }}
{%- endmacro %}

{% macro default__format_month(date_expr) -%}
    cast(extract(year from {{ date_expr }}) as {{ type_string() }}) || '-'
    || lpad(cast(extract(month from {{ date_expr }}) as {{ type_string() }}), 2, '0')
{%- endmacro %}

{% macro duckdb__format_month(date_expr) -%}
    strftime({{ date_expr }}, '%Y-%m')
{%- endmacro %}

{% macro postgres__format_month(date_expr) -%}
    to_char({{ date_expr }}, 'YYYY-MM')
{%- endmacro %}

{% macro format_year(year_expr) -%}
    cast({{ year_expr }} as {{ type_string() }})
{%- endmacro %}
