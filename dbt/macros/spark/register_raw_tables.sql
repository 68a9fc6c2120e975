{#-
    on-run-start (dbt_project.yml): on Spark, the raw tables dbt reads (every source of schema
    raw and raw._load_log) as external Parquet tables over the raw lake ingestion writes
    (dagster_project/defs/ingestion/lake.py; docs/raw-layer.md): folder
    AUXFORCE_LAKE_DIR/<table without its leading _>/province=<code>/month=<YYYY-MM|none>/.
    Partition discovery makes every province of the lake one table, with columns `province`
    and `month` (strings: type inference would read 530000 as a number). Re-created on every
    run: a drop of an external table leaves its files, and a new table sees the current
    partitions and columns. Nothing on other engines, where ingestion writes raw.* itself.
-#}
{% macro register_raw_tables() -%}
    {{ return(adapter.dispatch('register_raw_tables', 'auxforce')()) }}
{%- endmacro %}

{% macro default__register_raw_tables() -%}
{%- endmacro %}

{% macro spark__register_raw_tables() -%}
    {%- if execute -%}
        {%- set lake_dir = env_var('AUXFORCE_LAKE_DIR', env_var('AUXFORCE_DATA_DIR', 'data') ~ '/lake') -%}
        {%- set tables = ['_load_log'] -%}
        {%- for node in graph.sources.values() if node.schema == 'raw' -%}
            {%- do tables.append(node.identifier) -%}
        {%- endfor -%}
        {%- do run_query('set spark.sql.sources.partitionColumnTypeInference.enabled = false') -%}
        {%- do run_query('create database if not exists raw') -%}
        {%- for table in tables | unique -%}
            {%- do run_query('drop table if exists raw.`' ~ table ~ '`') -%}
            {%- do run_query(
                'create table raw.`' ~ table ~ '` using parquet location \'' ~ lake_dir ~ '/' ~ table.lstrip('_') ~ '\''
            ) -%}
            {#- the partitions on disk into the metastore: a new table lists none by itself -#}
            {%- do run_query('msck repair table raw.`' ~ table ~ '`') -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
