{#-
    Evidence of a compliance finding as JSON text. `pairs` is a list of (key, sql expression)
    tuples; values keep their JSON type (numbers stay numbers, null stays null).
-#}
{% macro json_object(pairs) -%}
    {{ return(adapter.dispatch('json_object', 'auxforce')(pairs)) }}
{%- endmacro %}

{% macro default__json_object(pairs) -%}
    {#- ANSI SQL:2016 JSON_OBJECT (Trino, PostgreSQL 16, Oracle). -#}
    json_object(
    {%- for key, expr in pairs %}
        '{{ key }}' value {{ expr }}{{ "," if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

{% macro duckdb__json_object(pairs) -%}
    cast(json_object(
    {%- for key, expr in pairs %}
        '{{ key }}', {{ expr }}{{ "," if not loop.last }}
    {%- endfor %}
    ) as {{ type_string() }})
{%- endmacro %}

{% macro postgres__json_object(pairs) -%}
    {#- PostgreSQL 15 lacks the ANSI JSON_OBJECT constructor (16+). -#}
    cast(json_build_object(
    {%- for key, expr in pairs %}
        '{{ key }}', {{ expr }}{{ "," if not loop.last }}
    {%- endfor %}
    ) as {{ type_string() }})
{%- endmacro %}

{% macro spark__json_object(pairs) -%}
    {#- a struct keeps the keys' order; nulls written as null, not left out -#}
    to_json(named_struct(
    {%- for key, expr in pairs %}
        '{{ key }}', {{ expr }}{{ "," if not loop.last }}
    {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}
