{#- Aggregate: the texts of a group joined by `delimiter` in the order of `order_by` (SQL). -#}
{% macro ordered_string_agg(expr, delimiter, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'auxforce')(expr, delimiter, order_by)) }}
{%- endmacro %}

{% macro default__ordered_string_agg(expr, delimiter, order_by) -%}
    string_agg(
            {{ expr }}, {{ delimiter }}
            order by {{ order_by }}
        )
{%- endmacro %}

{#- Spark 4: listagg (string_agg is its synonym) takes its order as WITHIN GROUP. -#}
{% macro spark__ordered_string_agg(expr, delimiter, order_by) -%}
    listagg({{ expr }}, {{ delimiter }}) within group (order by {{ order_by }})
{%- endmacro %}
