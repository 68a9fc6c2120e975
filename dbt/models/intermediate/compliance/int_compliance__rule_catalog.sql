-- The 18 rules as a table (macros/compliance_rules.sql): rule_id -> article, severity, title,
-- what fires it and its thresholds (dbt vars filled in).
{%- set texts = compliance_rule_texts() %}
with

catalog as (

    {% for r in compliance_rules() %}
    {%- set fires_zh, fires_en, threshold_zh, threshold_en = texts[r.rule_id] %}
    select
        cast('{{ r.rule_id }}' as {{ type_string() }}) as rule_id,
        cast('第{{ r.article_no }}条' as {{ type_string() }}) as article,
        cast({{ r.article_no }} as integer) as article_no,
        cast('{{ r.severity }}' as {{ type_string() }}) as severity,
        cast('{{ r.grain }}' as {{ type_string() }}) as grain,
        cast('{{ r.title_zh }}' as {{ type_string() }}) as title_zh,
        cast('{{ r.title_en }}' as {{ type_string() }}) as title_en,
        cast('{{ fires_zh }}' as {{ type_string() }}) as fires_zh,
        cast('{{ fires_en }}' as {{ type_string() }}) as fires_en,
        cast('{{ threshold_zh }}' as {{ type_string() }}) as threshold_zh,
        cast('{{ threshold_en }}' as {{ type_string() }}) as threshold_en
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from catalog

)

select * from final
