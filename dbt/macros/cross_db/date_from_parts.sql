{#- A DATE from integer year, month, day expressions. -#}
{% macro date_from_parts(year, month, day) -%}
    {{ return(adapter.dispatch('date_from_parts', 'auxforce')(year, month, day)) }}
{%- endmacro %}

{% macro default__date_from_parts(year, month, day) -%}
    cast(
        cast({{ year }} as {{ type_string() }}) || '-'
        || lpad(cast({{ month }} as {{ type_string() }}), 2, '0') || '-'
        || lpad(cast({{ day }} as {{ type_string() }}), 2, '0')
    as date)
{%- endmacro %}

{% macro duckdb__date_from_parts(year, month, day) -%}
    make_date(cast({{ year }} as integer), cast({{ month }} as integer), cast({{ day }} as integer))
{%- endmacro %}

{% macro postgres__date_from_parts(year, month, day) -%}
    make_date(cast({{ year }} as integer), cast({{ month }} as integer), cast({{ day }} as integer))
{%- endmacro %}
