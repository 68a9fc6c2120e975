{#-
    The province whose data a raw._load_log row loaded, null where the log cannot tell (issue
    15: the finding history stamps each province with the newest load of its own data).
    Spark reads the raw lake, whose folders are per province (<lake>/load_log/province=<code>/,
    the partition column `province`): every row knows its province. Other engines read one
    DuckDB (or PostgreSQL) warehouse, which ingestion keeps to one province: the division
    code in the file name (admin_code) names it where the file has one; org_units, quotas
    and police_strength name none (null: int_compliance__province_loads counts such a row,
    and one naming a division of no province of the build, for every province).
-#}
{% macro load_log_province() -%}
    {{ return(adapter.dispatch('load_log_province', 'auxforce')()) }}
{%- endmacro %}

{% macro default__load_log_province() -%}
    case when admin_code is not null then {{ province_code('admin_code') }} end
{%- endmacro %}

{% macro spark__load_log_province() -%}
    province
{%- endmacro %}

{#- Whether a load of province `load_province` (load_log_province(), null = unknown) counts
    for the build's province `province`; `provinces` is a relation of the build's provinces.
    Spark: its own province only (the lake says which). Elsewhere: also an unknown one, or one
    of no province of the build (a warehouse is one province: every load is that province's). -#}
{% macro load_counts_for(load_province, province, provinces) -%}
    {{ return(adapter.dispatch('load_counts_for', 'auxforce')(load_province, province, provinces)) }}
{%- endmacro %}

{% macro default__load_counts_for(load_province, province, provinces) -%}
    ({{ load_province }} = {{ province }}
        or {{ load_province }} is null
        or {{ load_province }} not in (select province_code from {{ provinces }}))
{%- endmacro %}

{% macro spark__load_counts_for(load_province, province, provinces) -%}
    {{ load_province }} = {{ province }}
{%- endmacro %}
