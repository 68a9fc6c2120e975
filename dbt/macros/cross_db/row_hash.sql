{#- A 64-bit hash of several columns (nulls hash alike), for cheap grouping before an exact compare. -#}
{% macro row_hash(columns) -%}
    {{ return(adapter.dispatch('row_hash', 'auxforce')(columns)) }}
{%- endmacro %}

{% macro default__row_hash(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}

{% macro postgres__row_hash(columns) -%}
    hashtextextended(row({{ columns | join(', ') }})::text, 0)
{%- endmacro %}

{#- Spark's hash() is 32-bit. -#}
{% macro spark__row_hash(columns) -%}
    xxhash64({{ columns | join(', ') }})
{%- endmacro %}
