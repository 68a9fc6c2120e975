-- Bureau x fixed post (staffing model, 第6条 / 第10条): positions that must be covered for a
-- set number of hours whatever the incident load (窗口服务, 接线查询, 监管场所, 检查站, 交通岗,
-- 社区), from ref_fixed_posts by bureau tier.
--   positions       = seed positions (basis bureau), or ceil(positions x population ÷ 100,000)
--                     (basis per_100k_population: at least one in a populated county);
--   hours_of_cover  = hours_per_day x days_per_year, per position (shift pattern);
--   relief_factor   = hours_of_cover ÷ available hours per FTE (macro available_hours_per_fte);
--   fixed_post_fte  = positions x relief_factor.
with

posts as (

    select * from {{ ref('ref_fixed_posts') }}

),

population as (

    select * from {{ ref('int_planning__bureau_population') }}

),

positioned as (

    select
        population.bureau_code,
        population.bureau_tier,
        population.prefecture_code,
        posts.post,
        posts.category,
        posts.basis,
        cast(
            case
                when posts.basis = 'bureau' then posts.positions
                when posts.basis = 'per_100k_population'
                    then ceil(cast(posts.positions as {{ type_double() }})
                        * coalesce(population.population, 0) / 100000.0)
            end
        as {{ type_double() }}) as positions,
        cast(posts.hours_per_day as {{ type_double() }})
            * posts.days_per_year as hours_of_cover,
        {{ available_hours_per_fte() }} as available_hours_per_fte
    from population
    inner join posts
        on posts.bureau_tier = population.bureau_tier

),

final as (

    select
        *,
        hours_of_cover / available_hours_per_fte as relief_factor,
        positions * hours_of_cover / available_hours_per_fte as fixed_post_fte
    from positioned

)

select * from final
