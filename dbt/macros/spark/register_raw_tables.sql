{#-
    on-run-start (dbt_project.yml): on Spark, the raw tables dbt reads (every source of schema
    raw and raw._load_log) as external Parquet tables over AUXFORCE_SPARK_DIR/raw/<table>
    (written by dagster_project/engines/spark_raw.py). Re-created on every run: a drop of an
    external table leaves its files, and a new table sees the current files and columns.
    Nothing on other engines, where ingestion writes raw.* itself.
-#}
{% macro register_raw_tables() -%}
    {{ return(adapter.dispatch('register_raw_tables', 'auxforce')()) }}
{%- endmacro %}

{% macro default__register_raw_tables() -%}
{%- endmacro %}

{% macro spark__register_raw_tables() -%}
    {%- if execute -%}
        {%- set raw_dir = env_var('AUXFORCE_SPARK_DIR', 'data/spark') ~ '/raw' -%}
        {%- set tables = ['_load_log'] -%}
        {%- for node in graph.sources.values() if node.schema == 'raw' -%}
            {%- do tables.append(node.identifier) -%}
        {%- endfor -%}
        {%- do run_query('create database if not exists raw') -%}
        {%- for table in tables | unique -%}
            {%- do run_query('drop table if exists raw.`' ~ table ~ '`') -%}
            {%- do run_query(
                'create table raw.`' ~ table ~ '` using parquet location \'' ~ raw_dir ~ '/' ~ table ~ '\''
            ) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
