-- The 18 rules as a table (macros/compliance_rules.sql): rule_id -> article, severity, title,
-- what fires it and its thresholds (dbt vars filled in).
{%- set texts = compliance_rule_texts() %}
with

catalog as (

    {% for r in compliance_rules() %}
    {%- set fires_zh, fires_en, threshold_zh, threshold_en = texts[r.rule_id] %}
    select
        cast('{{ r.rule_id }}' as varchar) as rule_id,
        cast('第{{ r.article_no }}条' as varchar) as article,
        cast({{ r.article_no }} as integer) as article_no,
        cast('{{ r.severity }}' as varchar) as severity,
        cast('{{ r.grain }}' as varchar) as grain,
        cast('{{ r.title_zh }}' as varchar) as title_zh,
        cast('{{ r.title_en }}' as varchar) as title_en,
        cast('{{ fires_zh }}' as varchar) as fires_zh,
        cast('{{ fires_en }}' as varchar) as fires_en,
        cast('{{ threshold_zh }}' as varchar) as threshold_zh,
        cast('{{ threshold_en }}' as varchar) as threshold_en
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from catalog

)

select * from final
