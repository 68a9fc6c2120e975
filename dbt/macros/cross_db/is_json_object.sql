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

{% macro postgres__is_json_object(expr) -%}
    {#- PostgreSQL 15 has no IS JSON predicate (16+); a text that does not parse raises. -#}
    coalesce(json_typeof(cast({{ expr }} as json)) = 'object', false)
{%- endmacro %}

{% macro spark__is_json_object(expr) -%}
    {#- json_object_keys is null for an array, a scalar or a text that does not parse -#}
    coalesce(json_object_keys({{ expr }}) is not null, false)
{%- endmacro %}
