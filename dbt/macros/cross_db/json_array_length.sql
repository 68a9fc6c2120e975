{#- Number of elements of a JSON array held as text (0 for a JSON value that is no array in DuckDB). -#}
{% macro json_array_length(expr) -%}
    {{ return(adapter.dispatch('json_array_length', 'auxforce')(expr)) }}
{%- endmacro %}

{% macro default__json_array_length(expr) -%}
    json_array_length(cast({{ expr }} as json))
{%- endmacro %}

{% macro duckdb__json_array_length(expr) -%}
    json_array_length({{ expr }})
{%- endmacro %}

{% macro spark__json_array_length(expr) -%}
    coalesce(json_array_length({{ expr }}), 0)
{%- endmacro %}
