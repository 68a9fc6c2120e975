-- Bureau x roster year x category: how many auxiliaries the work needs, by component
-- (第6条 用人额度 set by need; 第10条 招聘计划 within it; 第3条 分类: civilian / duty).
-- Workload-based staffing (Wilson & Weiss 2012; Northwestern CPS Police Allocation Manual):
--   required_fte = reactive_fte + proactive_fte + fixed_post_fte + support_fte, where
--   reactive_fte   = Σ_type attending staff-hours x auxiliary share of attendance ÷ A  (duty)
--   proactive_fte  = reactive_fte x proactive_share ÷ (1 − proactive_share)            (duty)
--   fixed_post_fte = Σ_post positions x hours of cover ÷ A   (ref_fixed_posts; the post's category)
--   support_fte    = civilian_support_ratio x duty FTE of the three lines above     (civilian)
--   A = available hours per FTE = 52 x 40 − (leave + holidays + training + sickness) x 8.
-- Computed in int_planning__staffing_need; int_planning__bureau_needs carries the totals.
with

need as (

    select * from {{ ref('int_planning__staffing_need') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

-- whether the fixed posts of a tier and category rest on assumed post configurations
-- (ref_fixed_posts.is_estimate: counts of windows, seats and positions are project assumptions)
post_assumptions as (

    select
        bureau_tier,
        category,
        bool_or(cast(is_estimate as boolean)) as fixed_posts_is_estimate
    from {{ ref('ref_fixed_posts') }}
    group by 1, 2

),

final as (

    select
        -- grain
        cast(need.bureau_code as {{ type_string() }}) as bureau_code,
        cast(need.year as integer) as year,
        cast(need.category as {{ type_string() }}) as category,

        -- where
        cast(units.unit_name as {{ type_string() }}) as bureau_name,
        cast(need.bureau_tier as {{ type_string() }}) as bureau_tier,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(need.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(need.population as bigint) as population,
        cast(need.population_is_estimate as boolean) as population_is_estimate,

        -- reactive workload (incidents)
        cast(need.months_observed as integer) as months_observed,
        cast(need.incidents as bigint) as incidents,
        cast(need.reactive_hours as {{ type_double() }}) as reactive_hours,
        cast(need.reactive_fte as {{ type_double() }}) as reactive_fte,

        -- proactive patrol
        cast(need.proactive_hours as {{ type_double() }}) as proactive_hours,
        cast(need.proactive_fte as {{ type_double() }}) as proactive_fte,

        -- fixed posts
        cast(need.fixed_positions as {{ type_double() }}) as fixed_positions,
        cast(need.fixed_cover_hours as {{ type_double() }}) as fixed_cover_hours,
        cast(need.fixed_post_fte as {{ type_double() }}) as fixed_post_fte,
        cast(
            need.fixed_cover_hours / nullif(need.fixed_positions, 0) / need.available_hours_per_fte
        as {{ type_double() }}) as relief_factor,
        cast(
            case when need.fixed_positions > 0 then post_assumptions.fixed_posts_is_estimate end
        as boolean) as fixed_posts_is_estimate,

        -- civilian support
        cast(need.support_fte as {{ type_double() }}) as support_fte,

        -- total and actual
        cast(need.required_fte as {{ type_double() }}) as required_fte,
        cast(need.headcount as bigint) as headcount,
        cast(need.approved_quota as bigint) as approved_quota,
        cast(need.headcount - need.required_fte as {{ type_double() }}) as staffing_gap,
        cast(
            need.headcount / nullif(need.required_fte, 0)
        as {{ type_double() }}) as staffing_ratio,

        -- parameters
        cast(need.available_hours_per_fte as {{ type_double() }}) as available_hours_per_fte,
        cast(need.proactive_share as {{ type_double() }}) as proactive_share,
        cast(need.civilian_support_ratio as {{ type_double() }}) as civilian_support_ratio
    from need
    left join units
        on units.unit_code = need.bureau_code
    left join post_assumptions
        on post_assumptions.bureau_tier = need.bureau_tier
        and post_assumptions.category = need.category

)

select * from final
