{#-
    A compliance rule that is one finding per row of one model meeting `condition` (A19, A20,
    A32 over incident attendance; A33, A34 over payroll person-months). `evidence`: (key, SQL)
    pairs; `incident_id` and `month`: SQL over the model's columns.
-#}
{% macro row_rule(rule_id, model_name, condition, evidence, incident_id='cast(null as varchar)', month='month') %}
with

candidates as (

    select * from {{ ref(model_name) }}

),

findings as (

    select
        unit_code,
        person_key,
        {{ incident_id }} as incident_id,
        {{ format_month(month) }} as period,
        cast(null as varchar) as detail,
        {{ json_object(evidence) }} as evidence
    from candidates
    where {{ condition }}

),

final as (

    select {{ rule_columns(rule_id) }}
    from findings

)

select * from final
{% endmacro %}
