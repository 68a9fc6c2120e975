{#-
    Seeds on Spark. dbt-spark's own macros declare the yml column types as written (Spark has
    no unsized varchar and no double precision: spark_type_name translates them) and, in
    session mode, bind values by formatting them into the SQL: a quote inside a value breaks
    the statement and an empty cell arrives as the text 'None' (dbt-labs/dbt-adapters#487).
    Here values are written as escaped literals and empty cells as null.
-#}
{% macro spark__create_csv_table(model, agate_table) %}
  {%- set column_override = model['config'].get('column_types', {}) -%}
  {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}

  {% set sql %}
    create table {{ this.render() }} (
        {%- for col_name in agate_table.column_names -%}
            {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
            {%- set type = spark_type_name(column_override.get(col_name, inferred_type)) -%}
            {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }} {{ type }} {%- if not loop.last -%}, {%- endif -%}
        {%- endfor -%}
    )
    {{ file_format_clause() }}
  {% endset %}

  {% call statement('_') -%}
    {{ sql }}
  {%- endcall %}

  {{ return(sql) }}
{% endmacro %}

{#- A seed cell as a Spark SQL literal: null, or a string literal (backslash and quote escaped). -#}
{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- else -%}
        '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}

{% macro spark__load_csv_rows(model, agate_table) %}
  {%- set column_override = model['config'].get('column_types', {}) -%}
  {%- set types = [] -%}
  {%- for col_name in agate_table.column_names -%}
      {%- do types.append(spark_type_name(
          column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)))) -%}
  {%- endfor -%}
  {%- set statements = [] -%}
  {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
      {%- set sql -%}
          insert into {{ this.render() }} values
          {% for row in chunk -%}
              ({%- for value in row -%}
                  cast({{ spark_seed_literal(value) }} as {{ types[loop.index0] }})
                  {%- if not loop.last %}, {% endif -%}
              {%- endfor -%})
              {%- if not loop.last %},{% endif %}
          {% endfor %}
      {%- endset -%}
      {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
      {%- do statements.append(sql) -%}
  {%- endfor -%}
  {{ return(statements[0] if statements else '') }}
{% endmacro %}
