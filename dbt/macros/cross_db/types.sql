{#-
    Type names that differ between engines. Models cast with these (`cast(x as {{ type_string() }})`);
    yml contracts keep the ANSI names (varchar, double precision), which spark__cast below
    translates where dbt builds a contract's empty schema.
-#}

{#- Unsized text: varchar (DuckDB, PostgreSQL), string (Spark, which wants varchar sized). -#}
{% macro type_string() -%}
    {{ return(adapter.dispatch('type_string', 'auxforce')()) }}
{%- endmacro %}

{% macro default__type_string() -%}
    varchar
{%- endmacro %}

{% macro spark__type_string() -%}
    string
{%- endmacro %}

{#-
    64-bit float: double precision (ANSI), double (Spark has no `double precision`). Not
    dbt.type_float(), which is 32-bit on Spark.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'auxforce')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{#- An ANSI type name as Spark spells it (other names unchanged). -#}
{% macro spark_type_name(type) -%}
    {%- set spark_names = {'varchar': 'string', 'text': 'string', 'double precision': 'double'} -%}
    {{- spark_names.get(type | trim | lower, type) -}}
{%- endmacro %}

{#-
    dbt's cast on Spark: contracts (their empty-schema query casts null to each declared type)
    and unit-test fixtures declare ANSI names.
-#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ spark_type_name(type) }})
{%- endmacro %}
