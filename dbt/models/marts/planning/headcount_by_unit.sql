-- Unit x month x category x post x level: who works where (第3条 分类, 第26条 层级, 第6条
-- 倾斜基层). headcount = distinct people with status active or suspended on the month's roster,
-- as fct_headcount_monthly, split by the roster's post and level. Only units with headcount.
-- bureau_code (the owning bureau) lets the dashboards scope the rows by bureau; a county's
-- stations (基层所队) carry the county bureau's code.
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where counts_in_headcount

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

aggregated as (

    select
        month,
        unit_code,
        category,
        post,
        level,
        count(distinct person_key) as headcount,
        count(distinct case when status = 'suspended' then person_key end) as suspended
    from person_months
    group by 1, 2, 3, 4, 5

),

final as (

    select
        -- grain
        cast(aggregated.unit_code as {{ type_string() }}) as unit_code,
        cast(aggregated.month as date) as month,
        cast(aggregated.category as {{ type_string() }}) as category,
        cast(aggregated.post as {{ type_string() }}) as post,
        cast(aggregated.level as integer) as level,

        -- where
        cast(units.unit_name as {{ type_string() }}) as unit_name,
        cast(units.tier as {{ type_string() }}) as unit_tier,
        cast(units.unit_kind as {{ type_string() }}) as unit_kind,
        cast(units.bureau_code as {{ type_string() }}) as bureau_code,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(units.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(extract(year from aggregated.month) as integer) as year,

        -- measures
        cast(aggregated.headcount as bigint) as headcount,
        cast(aggregated.suspended as bigint) as suspended
    from aggregated
    left join units
        on units.unit_code = aggregated.unit_code

)

select * from final
