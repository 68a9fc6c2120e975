-- One row per compliance finding of the 18 rules (output contract; docs/rules-interpretation.md).
-- Each rule is its own model (models/intermediate/compliance/rules/rule_*.sql); this mart
-- unions them and adds article, severity and where the finding belongs.
-- (rule_id, person_key, incident_id, unit_code, period, detail) identify a finding; finding_id
-- hashes the stable part of them.
{%- set rule_models = [
    'rule_a6_over_quota', 'rule_a8_unled_enforcement', 'rule_a13_underage_at_hire',
    'rule_a13_education_below_requirement', 'rule_a15_disqualified_hire',
    'rule_a16_no_valid_contract', 'rule_a19_unrecorded_enforcement', 'rule_a20_forbidden_task',
    'rule_a27_no_preservice_training', 'rule_a28_no_annual_assessment',
    'rule_a29_equipment_not_returned', 'rule_a32_duty_while_suspended', 'rule_a33_below_min_wage',
    'rule_a34_insurance_missing', 'rule_a34_base_below_floor', 'rule_a34_no_accident_cover',
    'rule_a35_no_physical_exam', 'rule_a35_overtime_uncompensated',
] %}
with

{% for m in rule_models %}
{{ m }} as (

    select * from {{ ref(m) }}

),

{% endfor %}
catalog as (

    select * from {{ ref('int_compliance__rule_catalog') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

findings as (

    {% for m in rule_models %}
    select * from {{ m }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        -- identity, stable across builds (compliance_finding_history keys on it): the rule,
        -- the finding's subject (person and/or incident; the bureau for A6, which has
        -- neither), its period and detail. unit_code is left out where there is a person or
        -- an incident: a person's latest unit may change between builds (a transfer), the
        -- finding does not.
        cast(
            {{ dbt.hash(dbt.concat([
                "findings.rule_id", "'|'",
                "coalesce(findings.person_key, '')", "'|'",
                "coalesce(findings.incident_id, '')", "'|'",
                "case when findings.person_key is null and findings.incident_id is null then coalesce(findings.unit_code, '') else '' end", "'|'",
                "coalesce(findings.period, '')", "'|'",
                "coalesce(findings.detail, '')",
            ])) }}
        as {{ type_string() }}) as finding_id,
        cast(findings.rule_id as {{ type_string() }}) as rule_id,
        cast(catalog.article as {{ type_string() }}) as article,
        cast(catalog.article_no as integer) as article_no,
        cast(catalog.severity as {{ type_string() }}) as severity,

        -- where
        cast(findings.unit_code as {{ type_string() }}) as unit_code,
        cast(units.bureau_code as {{ type_string() }}) as bureau_code,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(units.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- who, what, when
        cast(findings.person_key as {{ type_string() }}) as person_key,
        cast(findings.incident_id as {{ type_string() }}) as incident_id,
        cast(findings.period as {{ type_string() }}) as period,
        cast(findings.detail as {{ type_string() }}) as detail,
        cast(findings.evidence as {{ type_string() }}) as evidence,
        -- the records it rests on: [{"source", "file", "row"}], row = the spreadsheet row
        cast(findings.evidence_rows as {{ type_string() }}) as evidence_rows
    from findings
    inner join catalog
        on catalog.rule_id = findings.rule_id
    left join units
        on units.unit_code = findings.unit_code

)

select * from final
