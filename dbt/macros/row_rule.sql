{#-
    A compliance rule that is one finding per row of one model meeting `condition` (A19, A20,
    A32 over incident attendance; A33, A34 over payroll person-months). `evidence`: (key, SQL)
    pairs; `incident_id` and `month`: SQL over the model's columns.
    `lineage`: the records the finding rests on, for `evidence_rows` (macros/compliance_evidence.sql):
    a list of (source, staging model, join condition) where the condition relates the staging
    row (alias `lineage_N`) to the finding (alias `matched`, carrying the model's columns).
-#}
{% macro row_rule(rule_id, model_name, condition, evidence, incident_id=none, month='month', lineage=[]) %}
{%- set incident_id = incident_id or 'cast(null as ' ~ type_string() ~ ')' %}
with

candidates as (

    select * from {{ ref(model_name) }}

),

matched as (

    select
        *,
        {{ incident_id }} as finding_incident_id,
        {{ format_month(month) }} as finding_period,
        {{ json_object(evidence) }} as finding_evidence
    from candidates
    where {{ condition }}

),

findings as (

    select
        matched.unit_code,
        matched.person_key,
        matched.finding_incident_id as incident_id,
        matched.finding_period as period,
        cast(null as {{ type_string() }}) as detail,
        matched.finding_evidence as evidence,
        {{ evidence_rows(lineage_items(lineage)) }} as evidence_rows
    from matched
    {%- for source, model, on in lineage %}
    left join {{ ref(model) }} as lineage_{{ loop.index }}
        on {{ on }}
    {%- endfor %}

),

final as (

    select {{ rule_columns(rule_id) }}
    from findings

)

select * from final
{% endmacro %}

{#- The evidence_row of each lineage join of row_rule. -#}
{% macro lineage_items(lineage) -%}
    {%- set items = [] -%}
    {%- for source, model, on in lineage -%}
        {%- do items.append(evidence_row(source, 'lineage_' ~ loop.index ~ '.source_file', 'lineage_' ~ loop.index ~ '.source_row')) -%}
    {%- endfor -%}
    {{ return(items) }}
{%- endmacro %}
