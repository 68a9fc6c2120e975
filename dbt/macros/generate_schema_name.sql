{#-
    Custom schemas are used exactly as given (staging, intermediate, marts, reference),
    not prefixed with the target schema: the dashboards and Dagster read `marts.*` by name.
    A node without a custom schema lands in the target schema (main).
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
