-- Bureau x next year x category: next year's quotas (第6条: 总量控制, 倾斜基层, 动态调整, 分类使用).
--  1. need share of each bureau = Σ_k weight_k x (indicator_k of the bureau ÷ province Σ),
--     indicators population (county bureaus), incidents, workload hours (annualised, latest
--     roster year) and current quota; times (1 + grassroots_weight x grassroots share), renormalised;
--  2. split over categories by the bureau's current quota mix (else its headcount mix);
--  3. need_based_quota = province_total x need share (undamped);
--  4. damping: each key stays within [ceil(current x (1 - bound)), floor(current x (1 + bound))];
--     the damped allocation is clamp(s x need_based, lower, upper) with the one s that makes
--     the sum equal the province total (the remainder is redistributed proportionally to need);
--  5. integers by largest remainder; ties: fraction desc, grassroots share desc, bureau_code,
--     category. Σ proposed = province_total whenever Σ lower <= total <= Σ upper.
{%- set w = var('indicator_weights') %}
with

quotas as (

    select * from {{ ref('int_planning__quota_utilization') }}

),

needs as (

    select * from {{ ref('int_planning__bureau_needs') }}

),

base as (

    select
        coalesce(
            {{ var_or_null('proposal_base_year') }},
            (select max(year) from quotas where approved_quota > 0)
        ) as base_year
    from (select 1 as one) as single_row

),

-- keys: every bureau x category with a quota row or staff in the base year
current_keys as (

    select
        quotas.bureau_code,
        quotas.category,
        quotas.bureau_tier,
        quotas.prefecture_code,
        quotas.approved_quota as current_quota,
        quotas.headcount,
        base.base_year
    from quotas
    inner join base
        on quotas.year = base.base_year

),

settings as (

    select
        base_year,
        base_year + 1 as proposal_year,
        cast(coalesce(
            {{ var_or_null('province_total') }},
            (select sum(current_quota) from current_keys)
        ) as bigint) as province_total,
        cast({{ var('damping_bound') }} as double precision) as damping_bound,
        cast({{ var('grassroots_weight') }} as double precision) as grassroots_weight
    from base

),

-- need indicators of the latest roster year up to the base year
need_year as (

    select max(needs.year) as year
    from needs
    cross join base
    where needs.year <= base.base_year

),

bureau_current as (

    select
        bureau_code,
        sum(current_quota) as current_quota,
        sum(headcount) as headcount,
        count(*) as key_count
    from current_keys
    group by bureau_code

),

bureau_indicators as (

    select
        bureau_current.bureau_code,
        bureau_current.current_quota,
        bureau_current.headcount,
        bureau_current.key_count,
        coalesce(needs.grassroots_share, 0) as grassroots_share,
        cast(coalesce(needs.population, 0) as double precision) as x_population,
        coalesce(needs.annual_incidents, 0) as x_incidents,
        coalesce(needs.annual_workload_hours, 0) as x_workload,
        cast(bureau_current.current_quota as double precision) as x_current
    from bureau_current
    cross join need_year
    left join needs
        on needs.bureau_code = bureau_current.bureau_code
        and needs.year = need_year.year

),

indicator_totals as (

    select
        sum(x_population) as t_population,
        sum(x_incidents) as t_incidents,
        sum(x_workload) as t_workload,
        sum(x_current) as t_current
    from bureau_indicators

),

bureau_need as (

    select
        bureau_indicators.*,
        (
            {{ w.population }} * coalesce(x_population / nullif(t_population, 0), 0)
            + {{ w.incidents }} * coalesce(x_incidents / nullif(t_incidents, 0), 0)
            + {{ w.workload }} * coalesce(x_workload / nullif(t_workload, 0), 0)
            + {{ w.current }} * coalesce(x_current / nullif(t_current, 0), 0)
        ) * (1 + {{ var('grassroots_weight') }} * grassroots_share) as weighted_need
    from bureau_indicators
    cross join indicator_totals

),

bureau_share as (

    select
        *,
        coalesce(weighted_need / nullif(sum(weighted_need) over (), 0), 0) as bureau_need_share
    from bureau_need

),

key_need as (

    select
        current_keys.*,
        bureau_share.grassroots_share,
        bureau_share.bureau_need_share,
        bureau_share.bureau_need_share * coalesce(
            cast(current_keys.current_quota as double precision) / nullif(bureau_share.current_quota, 0),
            cast(current_keys.headcount as double precision) / nullif(bureau_share.headcount, 0),
            1.0 / bureau_share.key_count
        ) as need_share,
        settings.province_total,
        settings.proposal_year,
        settings.damping_bound,
        settings.grassroots_weight
    from current_keys
    inner join bureau_share
        on bureau_share.bureau_code = current_keys.bureau_code
    cross join settings

),

bounded as (

    select
        *,
        province_total * need_share as need_based_quota,
        cast(ceil({{ round_to('current_quota * (1 - damping_bound)', 6) }}) as bigint) as lower_bound,
        cast(floor({{ round_to('current_quota * (1 + damping_bound)', 6) }}) as bigint) as upper_bound
    from key_need

),

-- s candidates: where a key hits its lower or upper bound (f(s) is piecewise linear between)
breakpoints as (

    select cast(0 as double precision) as scale_factor
    union
    select lower_bound / need_based_quota from bounded where need_based_quota > 0
    union
    select upper_bound / need_based_quota from bounded where need_based_quota > 0

),

allocated_at as (

    select
        breakpoints.scale_factor,
        sum(
            least(greatest(breakpoints.scale_factor * bounded.need_based_quota, bounded.lower_bound),
                bounded.upper_bound)
        ) as allocated
    from breakpoints
    cross join bounded
    group by breakpoints.scale_factor

),

bracket as (

    select
        max(case when allocated <= settings.province_total then scale_factor end) as scale_lo,
        min(case when allocated >= settings.province_total then scale_factor end) as scale_hi
    from allocated_at
    cross join settings

),

solved as (

    select
        case
            when bracket.scale_lo is null then bracket.scale_hi  -- total below Σ lower
            when bracket.scale_hi is null then bracket.scale_lo  -- total above Σ upper
            when lo.allocated = settings.province_total or hi.allocated = lo.allocated
                then bracket.scale_lo
            else bracket.scale_lo
                + (settings.province_total - lo.allocated)
                * (bracket.scale_hi - bracket.scale_lo) / (hi.allocated - lo.allocated)
        end as scale_factor
    from bracket
    cross join settings
    left join allocated_at as lo
        on lo.scale_factor = bracket.scale_lo
    left join allocated_at as hi
        on hi.scale_factor = bracket.scale_hi

),

damped as (

    select
        bounded.*,
        cast({{ round_to(
            'least(greatest(solved.scale_factor * bounded.need_based_quota, bounded.lower_bound),
                bounded.upper_bound)',
            6
        ) }} as double precision) as damped_quota
    from bounded
    cross join solved

),

floored as (

    select
        *,
        cast(floor(damped_quota) as bigint) as floor_quota,
        damped_quota - floor(damped_quota) as remainder_fraction
    from damped

),

ranked as (

    select
        *,
        province_total - sum(floor_quota) over () as seats_left,
        row_number() over (
            order by remainder_fraction desc, grassroots_share desc, bureau_code, category
        ) as remainder_rank
    from floored

),

final as (

    select
        -- grain
        cast(bureau_code as varchar) as bureau_code,
        cast(proposal_year as integer) as year,
        cast(category as varchar) as category,

        -- where
        cast(bureau_tier as varchar) as bureau_tier,
        cast(prefecture_code as varchar) as prefecture_code,

        -- from
        cast(base_year as integer) as base_year,
        cast(current_quota as bigint) as current_quota,
        cast(headcount as bigint) as headcount,
        cast(grassroots_share as double precision) as grassroots_share,

        -- need and damping
        cast(need_share as double precision) as need_share,
        cast(need_based_quota as double precision) as need_based_quota,
        cast(lower_bound as bigint) as lower_bound,
        cast(upper_bound as bigint) as upper_bound,
        cast(damped_quota as double precision) as damped_quota,

        -- proposal
        cast(
            least(floor_quota + case when remainder_rank <= seats_left then 1 else 0 end, upper_bound)
        as bigint) as proposed_quota,
        cast(
            least(floor_quota + case when remainder_rank <= seats_left then 1 else 0 end, upper_bound)
            - current_quota
        as bigint) as change,

        -- parameters
        cast(province_total as bigint) as province_total,
        cast(damping_bound as double precision) as damping_bound,
        cast(grassroots_weight as double precision) as grassroots_weight
    from ranked

)

select * from final
