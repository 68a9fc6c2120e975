{#- True when the text parses as a JSON object. -#}
{% macro is_json_object(expr) -%}
    {{ return(adapter.dispatch('is_json_object', 'auxforce')(expr)) }}
{%- endmacro %}

{% macro default__is_json_object(expr) -%}
    ({{ expr }} is json object)
{%- endmacro %}

{% macro duckdb__is_json_object(expr) -%}
    coalesce(json_valid({{ expr }}) and json_type({{ expr }}) = 'OBJECT', false)
{%- endmacro %}
