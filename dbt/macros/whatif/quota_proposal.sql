{#-
  The quota proposal (第6条: 总量控制, 倾斜基层, 动态调整, 分类使用), ONE implementation for
  the mart `quota_proposal` and for the dashboards' what-if `marts.quota_proposal_whatif(...)`,
  a DuckDB table macro that publish creates in the snapshot from this same macro
  (dagster_project/whatif.py renders it with plain Jinja). So the body may use only its two
  arguments: no ref(), var() or project macros (whatif.py renders with StrictUndefined and
  fails on any); the SQL is portable (DuckDB, PostgreSQL).

  inputs: one row per bureau x category of the base year (mart quota_proposal_inputs): bureau_code,
          category, province_code, bureau_tier, prefecture_code, base_year, current_quota, headcount,
          grassroots_share, population, annual_incidents, annual_workload_hours (the bureau's
          indicators, repeated on each of its categories).
  params: damping_bound, grassroots_weight, w_population, w_incidents, w_workload, w_current and
          province_total (null = the province's Σ current_quota): one row for every province
          (the dashboards' what-if), or with per_province one row per province_code (mart
          quota_proposal_parameters).

  Every step runs within a province (province_code): each province allocates its own total
  among its own bureaus, so a build over several provinces gives each what it alone gives.

  1. need share of each bureau = Σ_k w_k x (indicator_k of the bureau ÷ province Σ),
     indicators population (county bureaus), incidents, workload hours (annualised, latest
     roster year) and current quota; times (1 + grassroots_weight x grassroots share), renormalised;
  2. split over categories by the bureau's current quota mix (else its headcount mix, else even);
  3. need_based_quota = province_total x need share (undamped);
  4. damping: each key stays within [ceil(current x (1 - bound)), floor(current x (1 + bound))];
     the damped allocation is clamp(s x need_based, lower, upper) with the one s that makes
     the sum equal the province total (the remainder is redistributed proportionally to need);
     keys without need (need share 0, e.g. organs when the current-quota weight is 0) stay at
     their lower bound, unless every key with need is at its upper bound: the places still
     left then go to them in proportion to their room (upper − lower);
  5. integers by largest remainder; ties: fraction desc, grassroots share desc, bureau_code,
     category. Σ proposed = province_total whenever Σ lower <= total <= Σ upper.
  Rounding to 6 decimals (bounds, damped quota) goes through DECIMAL(38,12), which both
  engines round alike, so float noise never flips a bound or a remainder tie.
-#}
{% macro quota_proposal_sql(inputs, params, per_province=false) -%}
with

keys as (

    select * from {{ inputs }}

),

parameters as (

    select * from {{ params }}

),

settings as (

    select
        keys.province_code,
        cast(max(keys.base_year) as integer) as base_year,
        cast(max(keys.base_year) + 1 as integer) as proposal_year,
        cast(coalesce(max(parameters.province_total), sum(keys.current_quota)) as bigint)
            as province_total,
        cast(max(parameters.damping_bound) as {{ type_double() }}) as damping_bound,
        cast(max(parameters.grassroots_weight) as {{ type_double() }}) as grassroots_weight,
        cast(max(parameters.w_population) as {{ type_double() }}) as w_population,
        cast(max(parameters.w_incidents) as {{ type_double() }}) as w_incidents,
        cast(max(parameters.w_workload) as {{ type_double() }}) as w_workload,
        cast(max(parameters.w_current) as {{ type_double() }}) as w_current
    from keys
    {%- if per_province %}
    inner join parameters
        on parameters.province_code = keys.province_code
    {%- else %}
    cross join parameters
    {%- endif %}
    group by keys.province_code

),

bureau_indicators as (

    select
        province_code,
        bureau_code,
        sum(current_quota) as current_quota,
        sum(headcount) as headcount,
        count(*) as key_count,
        coalesce(max(grassroots_share), 0) as grassroots_share,
        cast(coalesce(max(population), 0) as {{ type_double() }}) as x_population,
        cast(coalesce(max(annual_incidents), 0) as {{ type_double() }}) as x_incidents,
        cast(coalesce(max(annual_workload_hours), 0) as {{ type_double() }}) as x_workload,
        cast(sum(current_quota) as {{ type_double() }}) as x_current
    from keys
    group by province_code, bureau_code

),

indicator_totals as (

    select
        province_code,
        sum(x_population) as t_population,
        sum(x_incidents) as t_incidents,
        sum(x_workload) as t_workload,
        sum(x_current) as t_current
    from bureau_indicators
    group by province_code

),

bureau_need as (

    select
        bureau_indicators.*,
        (
            settings.w_population * coalesce(x_population / nullif(t_population, 0), 0)
            + settings.w_incidents * coalesce(x_incidents / nullif(t_incidents, 0), 0)
            + settings.w_workload * coalesce(x_workload / nullif(t_workload, 0), 0)
            + settings.w_current * coalesce(x_current / nullif(t_current, 0), 0)
        ) * (1 + settings.grassroots_weight * grassroots_share) as weighted_need
    from bureau_indicators
    inner join indicator_totals
        on indicator_totals.province_code = bureau_indicators.province_code
    inner join settings
        on settings.province_code = bureau_indicators.province_code

),

bureau_share as (

    select
        *,
        coalesce(
            weighted_need / nullif(sum(weighted_need) over (partition by province_code), 0), 0
        ) as bureau_need_share
    from bureau_need

),

key_need as (

    select
        keys.bureau_code,
        keys.category,
        keys.bureau_tier,
        keys.prefecture_code,
        keys.current_quota,
        keys.headcount,
        bureau_share.grassroots_share,
        bureau_share.bureau_need_share * coalesce(
            cast(keys.current_quota as {{ type_double() }}) / nullif(bureau_share.current_quota, 0),
            cast(keys.headcount as {{ type_double() }}) / nullif(bureau_share.headcount, 0),
            1.0 / bureau_share.key_count
        ) as need_share,
        settings.*
    from keys
    inner join bureau_share
        on bureau_share.bureau_code = keys.bureau_code
    inner join settings
        on settings.province_code = keys.province_code

),

bounded as (

    select
        *,
        province_total * need_share as need_based_quota,
        cast(ceil(round(cast(current_quota * (1 - damping_bound) as decimal(38, 12)), 6)) as bigint)
            as lower_bound,
        cast(floor(round(cast(current_quota * (1 + damping_bound) as decimal(38, 12)), 6)) as bigint)
            as upper_bound
    from key_need

),

-- s candidates: where a key hits its lower or upper bound (f(s) is piecewise linear between)
breakpoints as (

    select province_code, cast(0 as {{ type_double() }}) as scale_factor from settings
    union
    select province_code, lower_bound / need_based_quota from bounded where need_based_quota > 0
    union
    select province_code, upper_bound / need_based_quota from bounded where need_based_quota > 0

),

allocated_at as (

    select
        breakpoints.province_code,
        breakpoints.scale_factor,
        sum(
            least(greatest(breakpoints.scale_factor * bounded.need_based_quota, bounded.lower_bound),
                bounded.upper_bound)
        ) as allocated
    from breakpoints
    inner join bounded
        on bounded.province_code = breakpoints.province_code
    group by breakpoints.province_code, breakpoints.scale_factor

),

bracket as (

    select
        allocated_at.province_code,
        max(case when allocated <= settings.province_total then scale_factor end) as scale_lo,
        min(case when allocated >= settings.province_total then scale_factor end) as scale_hi
    from allocated_at
    inner join settings
        on settings.province_code = allocated_at.province_code
    group by allocated_at.province_code

),

solved as (

    select
        bracket.province_code,
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
    inner join settings
        on settings.province_code = bracket.province_code
    left join allocated_at as lo
        on lo.province_code = bracket.province_code
        and lo.scale_factor = bracket.scale_lo
    left join allocated_at as hi
        on hi.province_code = bracket.province_code
        and hi.scale_factor = bracket.scale_hi

),

clamped as (

    select
        bounded.*,
        least(greatest(solved.scale_factor * bounded.need_based_quota, bounded.lower_bound),
            bounded.upper_bound) as clamped_quota
    from bounded
    inner join solved
        on solved.province_code = bounded.province_code

),

-- keys without need sit at their lower bound; when every key with need is at its upper bound
-- and places are still left, those keys take them in proportion to their room
idle as (

    select
        clamped.province_code,
        max(settings.province_total) - sum(clamped.clamped_quota) as places_left,
        sum(case when clamped.need_based_quota > 0 then 0
            else clamped.upper_bound - clamped.lower_bound end) as idle_room
    from clamped
    inner join settings
        on settings.province_code = clamped.province_code
    group by clamped.province_code

),

damped as (

    select
        clamped.*,
        cast(round(cast(
            clamped.clamped_quota
            + case
                when idle.places_left > 1e-9 and idle.idle_room > 0
                    and clamped.need_based_quota <= 0
                    then least(idle.places_left, idle.idle_room)
                        * (clamped.upper_bound - clamped.lower_bound) / idle.idle_room
                else 0
            end
        as decimal(38, 12)), 6) as {{ type_double() }}) as damped_quota,
        sum(clamped.lower_bound) over (partition by clamped.province_code) as total_lower_bound,
        sum(clamped.upper_bound) over (partition by clamped.province_code) as total_upper_bound
    from clamped
    inner join idle
        on idle.province_code = clamped.province_code

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
        province_total - sum(floor_quota) over (partition by province_code) as seats_left,
        row_number() over (
            partition by province_code
            order by remainder_fraction desc, grassroots_share desc, bureau_code, category
        ) as remainder_rank
    from floored

),

final as (

    select
        -- grain
        cast(bureau_code as {{ type_string() }}) as bureau_code,
        cast(proposal_year as integer) as year,
        cast(category as {{ type_string() }}) as category,

        -- where
        cast(bureau_tier as {{ type_string() }}) as bureau_tier,
        cast(province_code as {{ type_string() }}) as province_code,
        cast(prefecture_code as {{ type_string() }}) as prefecture_code,

        -- from
        cast(base_year as integer) as base_year,
        cast(current_quota as bigint) as current_quota,
        cast(headcount as bigint) as headcount,
        cast(grassroots_share as {{ type_double() }}) as grassroots_share,

        -- need and damping
        cast(need_share as {{ type_double() }}) as need_share,
        cast(need_based_quota as {{ type_double() }}) as need_based_quota,
        cast(lower_bound as bigint) as lower_bound,
        cast(upper_bound as bigint) as upper_bound,
        cast(damped_quota as {{ type_double() }}) as damped_quota,

        -- proposal
        cast(
            least(floor_quota + case when remainder_rank <= seats_left then 1 else 0 end, upper_bound)
        as bigint) as proposed_quota,
        cast(
            least(floor_quota + case when remainder_rank <= seats_left then 1 else 0 end, upper_bound)
            - current_quota
        as bigint) as change,

        -- parameters, and the totals the damping bound leaves reachable
        cast(province_total as bigint) as province_total,
        cast(damping_bound as {{ type_double() }}) as damping_bound,
        cast(grassroots_weight as {{ type_double() }}) as grassroots_weight,
        cast(w_population as {{ type_double() }}) as w_population,
        cast(w_incidents as {{ type_double() }}) as w_incidents,
        cast(w_workload as {{ type_double() }}) as w_workload,
        cast(w_current as {{ type_double() }}) as w_current,
        cast(total_lower_bound as bigint) as total_lower_bound,
        cast(total_upper_bound as bigint) as total_upper_bound
    from ranked

)

select * from final
{%- endmacro %}
