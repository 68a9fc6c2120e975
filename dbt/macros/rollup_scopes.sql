{#-
    Each row of `rows` (a CTE or relation with bureau_code, bureau_tier, province_code and
    prefecture_code)
    once for every roll-up scope that holds it, with the scope's columns:
      prefecture scope: the rows of the prefecture's bureaus (its prefecture bureau and its
                        counties; not the province bureau's), scope_code = prefecture_code,
                        scope_bureau_code = the prefecture bureau;
      province scope:   every row of the province (province_code), scope_code = the
                        province bureau's prefecture_code, scope_bureau_code = the province
                        bureau;
    scope_name = the scope bureau's division name. One definition for every *_rollup mart
    (recruitment_plan_rollup, salary_adjustment_rollup), so the scoped reader filters them alike.
-#}
{% macro rollup_scopes(rows) -%}
    select
        {{ rows }}.*,
        'prefecture' as scope_level,
        {{ rows }}.prefecture_code as scope_code,
        scope_bureau.bureau_code as scope_bureau_code,
        scope_bureau.division_name as scope_name
    from {{ rows }}
    left join {{ ref('dim_bureau') }} as scope_bureau
        on scope_bureau.tier = 'prefecture'
        and scope_bureau.prefecture_code = {{ rows }}.prefecture_code
    where {{ rows }}.bureau_tier <> 'province'

    union all

    select
        {{ rows }}.*,
        'province',
        scope_bureau.prefecture_code,
        scope_bureau.bureau_code,
        scope_bureau.division_name
    from {{ rows }}
    inner join {{ ref('dim_bureau') }} as scope_bureau
        on scope_bureau.tier = 'province'
        and scope_bureau.province_code = {{ rows }}.province_code
{%- endmacro %}
