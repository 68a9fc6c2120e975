{#- The first `YYYY-MM` in a file name as text, or null (monthly landing files carry their month). -#}
{% macro month_in_file_name(expr) -%}
    {{ return(adapter.dispatch('month_in_file_name', 'auxforce')(expr)) }}
{%- endmacro %}

{% macro default__month_in_file_name(expr) -%}
    substring({{ expr }} similar '%#"(19|20)[0-9][0-9]-(0[1-9]|1[0-2])#"%' escape '#')
{%- endmacro %}

{% macro duckdb__month_in_file_name(expr) -%}
    nullif(regexp_extract({{ expr }}, '(19|20)[0-9]{2}-(0[1-9]|1[0-2])'), '')
{%- endmacro %}

{% macro postgres__month_in_file_name(expr) -%}
    substring({{ expr }} from '(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])')
{%- endmacro %}

{% macro spark__month_in_file_name(expr) -%}
    nullif(regexp_extract({{ expr }}, '((19|20)[0-9]{2}-(0[1-9]|1[0-2]))', 1), '')
{%- endmacro %}
