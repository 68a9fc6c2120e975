-- The 18 rules as a table (macros/compliance_rules.sql): rule_id -> article, severity, title.
with

catalog as (

    {% for r in compliance_rules() %}
    select
        cast('{{ r.rule_id }}' as varchar) as rule_id,
        cast('第{{ r.article_no }}条' as varchar) as article,
        cast({{ r.article_no }} as integer) as article_no,
        cast('{{ r.severity }}' as varchar) as severity,
        cast('{{ r.grain }}' as varchar) as grain,
        cast('{{ r.title_zh }}' as varchar) as title_zh,
        cast('{{ r.title_en }}' as varchar) as title_en
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from catalog

)

select * from final
