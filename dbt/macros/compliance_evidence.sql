{#-
    Evidence to the row (issue 13): every finding carries `evidence_rows`, a JSON array of
    {"source", "file", "row"}: for each record the finding rests on, its landing file (raw
    `_file`, the path below the source folder) and the spreadsheet row the clerk sees (raw
    `_row`), read from the staging lineage columns source_file / source_row.

    evidence_row(source, file, row): one JSON object, or null when `file` is null (a record
    that does not exist, e.g. the missing payroll row of A34_INSURANCE_MISSING).
    evidence_rows(items): the JSON array of `items`, SQL expressions each giving null, one
    evidence_row or several joined by commas (ordered_string_agg of evidence_row); nulls are skipped.
    concat_ws is the same in DuckDB, PostgreSQL and Spark.
-#}
{% macro evidence_row(source, file, row) -%}
    case when {{ file }} is not null then {{ json_object([
        ('source', "'" ~ source ~ "'"),
        ('file', file),
        ('row', row),
    ]) }} end
{%- endmacro %}

{% macro evidence_rows(items) -%}
    cast('[' || concat_ws(','{% for item in items %}, {{ item }}{% endfor %}) || ']' as {{ type_string() }})
{%- endmacro %}

{#-
    Thresholds of the rules that have one, as dbt vars with the regulation's values as
    defaults (`--vars '{aux_min_hire_age: 18}'`); the rule models and the rule catalogue read
    them from here, so the catalogue always states the thresholds the build used.
-#}
{% macro compliance_thresholds() -%}
    {{ return({
        'min_hire_age': var('aux_min_hire_age', 18),
        'equipment_return_days': var('aux_equipment_return_days', 30),
    }) }}
{%- endmacro %}
