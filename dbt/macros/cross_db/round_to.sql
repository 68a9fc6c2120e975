{#- round(expr, digits) for a DOUBLE expression (PostgreSQL rounds to digits only on NUMERIC). -#}
{% macro round_to(expr, digits) -%}
    {{ return(adapter.dispatch('round_to', 'auxforce')(expr, digits)) }}
{%- endmacro %}

{% macro default__round_to(expr, digits) -%}
    round({{ expr }}, {{ digits }})
{%- endmacro %}

{% macro postgres__round_to(expr, digits) -%}
    round(cast({{ expr }} as numeric), {{ digits }})
{%- endmacro %}
