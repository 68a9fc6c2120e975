-- Plan year x quota basis x bureau x category x quarter: how many recruits a bureau may ask
-- for in each quarter of the plan year so that its headcount never exceeds the quota it is
-- capped by (第10条 在用人额度内提出招聘计划; 第6条 用人额度), before the province's
-- pre-service training places (第27条 岗前培训) are shared out in recruitment_plan.
-- Each province plans on its own (its as-of month, quota years and proposal year):
--   plan year   = the year after the forecast's as-of month (the latest roster month);
--   cap         = approved: the key's approved quota of the latest quota year <= plan year
--                 (a quota year is a year with any approved quota in the province, as
--                 quota_proposal_inputs reads them; an earlier year is carried forward);
--                 proposed: quota_proposal.proposed_quota (its year, whichever it is);
--   allowance   = max(0, floor(cap - max forecast headcount of the quarter's 3 months)):
--                 hires arrive on the quarter's first day and stay, the plan's own recruits
--                 are assumed not to leave within the year (conservative for the cap);
--   cumulative  = min of the allowances of this and every later quarter (a hire made now
--                 is still on the roster then), so never decreasing;
--   requested   = cumulative(q) - cumulative(q - 1).
with

forecast as (

    select * from {{ ref('workforce_forecast') }}

),

quotas as (

    select * from {{ ref('quota_utilization') }}

),

proposal as (

    select * from {{ ref('quota_proposal') }}

),

bureaus as (

    select * from {{ ref('dim_bureau') }}

),

plan as (

    select
        province_code,
        max(as_of_month) as as_of_month,
        cast(extract(year from max(as_of_month)) + 1 as integer) as plan_year
    from forecast
    group by province_code

),

quarters as (

    {% for q in range(1, 5) -%}
    select {{ q }} as quarter{{ " union all" if not loop.last }}
    {% endfor %}

),

-- the latest forecast, months of the plan year, without new recruitment
quarter_forecast as (

    select
        forecast.bureau_code,
        forecast.category,
        cast(extract(quarter from forecast.month) as integer) as quarter,
        max(forecast.forecast_headcount) as forecast_headcount_max
    from forecast
    inner join plan
        on plan.province_code = forecast.province_code
        and plan.as_of_month = forecast.as_of_month
    where extract(year from forecast.month) = plan.plan_year
    group by 1, 2, 3

),

quota_years as (

    select province_code, year
    from quotas
    group by province_code, year
    having sum(approved_quota) > 0

),

approved_ranked as (

    select
        quotas.bureau_code,
        quotas.category,
        quotas.year as quota_year,
        quotas.approved_quota as cap_quota,
        row_number() over (
            partition by quotas.bureau_code, quotas.category order by quotas.year desc
        ) as recency
    from quotas
    inner join quota_years
        on quota_years.province_code = quotas.province_code
        and quota_years.year = quotas.year
    inner join plan
        on plan.province_code = quotas.province_code
    where quotas.year <= plan.plan_year

),

caps as (

    select 'approved' as quota_basis, bureau_code, category, quota_year, cap_quota
    from approved_ranked
    where recency = 1

    union all

    select 'proposed', proposal.bureau_code, proposal.category, proposal.year, proposal.proposed_quota
    from proposal
    inner join (
        select province_code, max(year) as year from proposal group by province_code
    ) as proposal_year
        on proposal_year.province_code = proposal.province_code
        and proposal_year.year = proposal.year

),

-- every bureau x category with a forecast or a cap, on both bases
keys as (

    select bureau_code, category from quarter_forecast
    union
    select bureau_code, category from caps

),

bases as (

    select 'approved' as quota_basis
    union all
    select 'proposed'

),

lines as (

    select
        plan.plan_year,
        bases.quota_basis,
        keys.bureau_code,
        keys.category,
        quarters.quarter,
        caps.quota_year,
        coalesce(caps.quota_year < plan.plan_year, false) as quota_carried_forward,
        coalesce(caps.cap_quota, 0) as cap_quota,
        coalesce(quarter_forecast.forecast_headcount_max, 0) as forecast_headcount_max
    from keys
    inner join bureaus
        on bureaus.bureau_code = keys.bureau_code
    cross join bases
    cross join quarters
    inner join plan
        on plan.province_code = bureaus.province_code
    left join caps
        on caps.quota_basis = bases.quota_basis
        and caps.bureau_code = keys.bureau_code
        and caps.category = keys.category
    left join quarter_forecast
        on quarter_forecast.bureau_code = keys.bureau_code
        and quarter_forecast.category = keys.category
        and quarter_forecast.quarter = quarters.quarter

),

allowances as (

    select
        *,
        -- rounded first so float noise of the forecast (7.0000000001) never costs a place
        greatest(
            0, cast(floor({{ round_to('cap_quota - forecast_headcount_max', 6) }}) as bigint)
        ) as quarter_allowance
    from lines

),

cumulative as (

    select
        *,
        min(quarter_allowance) over (
            partition by quota_basis, bureau_code, category
            order by quarter
            rows between current row and unbounded following
        ) as cumulative_allowed
    from allowances

),

final as (

    select
        -- grain
        cast(cumulative.plan_year as integer) as plan_year,
        cast(cumulative.quota_basis as {{ type_string() }}) as quota_basis,
        cast(cumulative.bureau_code as {{ type_string() }}) as bureau_code,
        cast(cumulative.category as {{ type_string() }}) as category,
        cast(cumulative.quarter as integer) as quarter,

        -- the bureau
        cast(bureaus.bureau_name as {{ type_string() }}) as bureau_name,
        cast(bureaus.tier as {{ type_string() }}) as bureau_tier,
        cast(bureaus.province_code as {{ type_string() }}) as province_code,
        cast(bureaus.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- the cap
        cast(cumulative.quota_year as integer) as quota_year,
        cast(cumulative.quota_carried_forward as boolean) as quota_carried_forward,
        cast(cumulative.cap_quota as bigint) as cap_quota,

        -- measures
        cast(cumulative.forecast_headcount_max as {{ type_double() }}) as forecast_headcount_max,
        cast(cumulative.quarter_allowance as bigint) as quarter_allowance,
        cast(cumulative.cumulative_allowed as bigint) as cumulative_allowed,
        cast(
            cumulative.cumulative_allowed - coalesce(
                lag(cumulative.cumulative_allowed) over (
                    partition by cumulative.quota_basis, cumulative.bureau_code, cumulative.category
                    order by cumulative.quarter
                ),
                0
            ) as bigint
        ) as requested_hires
    from cumulative
    left join bureaus
        on bureaus.bureau_code = cumulative.bureau_code

)

select * from final
