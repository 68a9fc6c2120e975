-- Province x rule: the rule catalogue (issue 13), each of the 18 rules with its plain-Chinese
-- title, what fires it, its thresholds (the dbt vars the build used), severity and the text of
-- its article of the regulation (seed ref_regulation_articles, parsed from
-- docs/regulation.zh.txt), once for every province in the org units (the rules apply in each).
with

catalog as (

    select * from {{ ref('int_compliance__rule_catalog') }}

),

articles as (

    select * from {{ ref('ref_regulation_articles') }}

),

provinces as (

    select distinct province_code from {{ ref('int_org__unit_bureaus') }}

),

final as (

    select
        -- grain
        cast(provinces.province_code as {{ type_string() }}) as province_code,
        cast(catalog.rule_id as {{ type_string() }}) as rule_id,

        -- the rule
        cast(catalog.title_zh as {{ type_string() }}) as title_zh,
        cast(catalog.title_en as {{ type_string() }}) as title_en,
        cast(catalog.fires_zh as {{ type_string() }}) as fires_zh,
        cast(catalog.fires_en as {{ type_string() }}) as fires_en,
        cast(catalog.threshold_zh as {{ type_string() }}) as threshold_zh,
        cast(catalog.threshold_en as {{ type_string() }}) as threshold_en,
        cast(catalog.severity as {{ type_string() }}) as severity,
        cast(catalog.grain as {{ type_string() }}) as grain,
        cast(catalog.article as {{ type_string() }}) as article,
        cast(catalog.article_no as integer) as article_no,
        cast(articles.article as {{ type_string() }}) as article_heading,
        cast(articles.text as {{ type_string() }}) as article_text
    from provinces
    cross join catalog
    left join articles
        on articles.article_no = catalog.article_no

)

select * from final
