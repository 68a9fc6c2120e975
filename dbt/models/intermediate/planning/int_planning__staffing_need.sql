-- Bureau x roster year x category: required FTE by the workload-based staffing model
-- (第6条 用人额度 by need, 第10条 招聘计划; vars in dbt_project.yml, posts in ref_fixed_posts):
--   available     A = available_hours_per_fte() (52 x 40 - (leave + holidays + training + sickness) x 8)
--   reactive      R = Σ_type annual attending staff-hours x auxiliary share of attendance (duty)
--   proactive     P = R x proactive_share ÷ (1 - proactive_share)   (patrol FTE = R ÷ (A x (1 - p)))
--   fixed posts   F = Σ_post positions x hours of cover ÷ A         (by the post's category)
--   support       S = civilian_support_ratio x (R + P) ÷ A + ratio x F_duty   (civilian)
--   required FTE  = R ÷ A + P ÷ A + F (duty);  F_civilian + S (civilian).
-- Every bureau x roster year x category has a row (0 where a component does not apply).
with

population as (

    select * from {{ ref('int_planning__bureau_population') }}

),

years as (

    select * from {{ ref('int_roster__years') }}

),

reactive as (

    select * from {{ ref('int_planning__reactive_workload') }}

),

fixed_posts as (

    select * from {{ ref('int_planning__fixed_posts') }}

),

quotas as (

    select * from {{ ref('int_planning__quota_utilization') }}

),

categories as (

    select 'civilian' as category
    union all
    select 'duty' as category

),

reactive_by_bureau as (

    select
        bureau_code,
        year,
        sum(incidents) as incidents,
        sum(annual_reactive_hours) as reactive_hours
    from reactive
    group by 1, 2

),

fixed_by_category as (

    select
        bureau_code,
        category,
        sum(positions) as fixed_positions,
        sum(positions * hours_of_cover) as fixed_cover_hours,
        sum(fixed_post_fte) as fixed_post_fte
    from fixed_posts
    group by 1, 2

),

keys as (

    select
        population.bureau_code,
        population.bureau_tier,
        population.province_code,
        population.prefecture_code,
        population.population,
        population.population_is_estimate,
        years.year,
        years.roster_months as months_observed,
        categories.category,
        {{ available_hours_per_fte() }} as available_hours_per_fte,
        cast({{ var('proactive_share') }} as {{ type_double() }}) as proactive_share,
        cast({{ var('civilian_support_ratio') }} as {{ type_double() }}) as civilian_support_ratio
    from population
    inner join years
        on years.province_code = population.province_code
    cross join categories

),

-- duty components first: civilian support is a ratio to them
duty as (

    select
        keys.bureau_code,
        keys.year,
        coalesce(reactive_by_bureau.reactive_hours, 0) as reactive_hours,
        coalesce(reactive_by_bureau.reactive_hours, 0) * keys.proactive_share
            / (1 - keys.proactive_share) as proactive_hours,
        coalesce(fixed_by_category.fixed_post_fte, 0) as fixed_post_fte
    from keys
    left join reactive_by_bureau
        on reactive_by_bureau.bureau_code = keys.bureau_code
        and reactive_by_bureau.year = keys.year
    left join fixed_by_category
        on fixed_by_category.bureau_code = keys.bureau_code
        and fixed_by_category.category = 'duty'
    where keys.category = 'duty'

),

components as (

    select
        keys.*,
        coalesce(reactive_by_bureau.incidents, 0) as incidents,

        -- reactive and proactive workload (duty only)
        case when keys.category = 'duty' then duty.reactive_hours else 0 end as reactive_hours,
        case when keys.category = 'duty' then duty.proactive_hours else 0 end as proactive_hours,

        -- fixed posts of the category
        coalesce(fixed_by_category.fixed_positions, 0) as fixed_positions,
        coalesce(fixed_by_category.fixed_cover_hours, 0) as fixed_cover_hours,
        coalesce(fixed_by_category.fixed_post_fte, 0) as fixed_post_fte,

        -- duty FTE the civilian support ratio applies to
        (duty.reactive_hours + duty.proactive_hours) / keys.available_hours_per_fte
            + duty.fixed_post_fte as duty_fte_supported,

        -- actual staff of the year
        coalesce(quotas.headcount, 0) as headcount,
        coalesce(quotas.approved_quota, 0) as approved_quota
    from keys
    inner join duty
        on duty.bureau_code = keys.bureau_code
        and duty.year = keys.year
    left join reactive_by_bureau
        on reactive_by_bureau.bureau_code = keys.bureau_code
        and reactive_by_bureau.year = keys.year
    left join fixed_by_category
        on fixed_by_category.bureau_code = keys.bureau_code
        and fixed_by_category.category = keys.category
    left join quotas
        on quotas.bureau_code = keys.bureau_code
        and quotas.year = keys.year
        and quotas.category = keys.category

),

fte as (

    select
        *,
        reactive_hours / available_hours_per_fte as reactive_fte,
        proactive_hours / available_hours_per_fte as proactive_fte,
        case
            when category = 'civilian' then civilian_support_ratio * duty_fte_supported
            else 0
        end as support_fte
    from components

),

final as (

    select
        *,
        reactive_fte + proactive_fte + fixed_post_fte + support_fte as required_fte
    from fte

)

select * from final
