-- Plan year x quota basis x scope (prefecture | province) x category (civilian | duty | all) x
-- quarter (1-4, 0 = the year): the recruitment plan's totals (第10条 招聘计划; 第6条 用人额度),
-- the only place pages and documents read totals from.
--   prefecture scope = the lines of the prefecture's bureaus (its prefecture bureau and its
--                      counties), scope code = prefecture_code, bureau_code = the prefecture bureau;
--   province scope   = every line of the province (the province bureau's lines too), scope
--                      code = the province bureau's prefecture_code, bureau_code = the
--                      province bureau;
--   quarter 0        = the year: requested and planned summed over the quarters, the line's
--                      largest forecast of the year, unmet = what Q4 could not serve.
with

plan as (

    select * from {{ ref('recruitment_plan') }}

),

-- each line once per quarter and once for the year (quarter 0)
line_periods as (

    select
        plan_year,
        quota_basis,
        bureau_code,
        bureau_tier,
        province_code,
        prefecture_code,
        category,
        quarter,
        is_grassroots_tier,
        cap_quota,
        forecast_headcount_max,
        requested_hires,
        planned_hires,
        deferred_out,
        case when quarter = 4 then deferred_out else 0 end as unmet
    from plan

    union all

    select
        plan_year,
        quota_basis,
        bureau_code,
        max(bureau_tier),
        max(province_code),
        max(prefecture_code),
        category,
        0,
        max(case when is_grassroots_tier then 1 else 0 end) = 1,
        max(cap_quota),
        max(forecast_headcount_max),
        sum(requested_hires),
        sum(planned_hires),
        sum(case when quarter = 4 then deferred_out else 0 end),
        sum(case when quarter = 4 then deferred_out else 0 end)
    from plan
    group by plan_year, quota_basis, bureau_code, category

),

-- each line counts in its prefecture (not the province bureau's) and in the province
scoped as (

    {{ rollup_scopes('line_periods') }}

),

-- each line counts in its category and in 'all'
categorised as (

    select scoped.*, scoped.category as scope_category from scoped
    union all
    select scoped.*, 'all' from scoped

),

totals as (

    select
        plan_year,
        quota_basis,
        province_code,
        scope_level,
        scope_code,
        scope_bureau_code,
        scope_name,
        scope_category as category,
        quarter,
        count(*) as lines,
        sum(cap_quota) as cap_quota,
        {{ exact_sum('forecast_headcount_max') }} as forecast_headcount_max,
        sum(requested_hires) as requested_hires,
        sum(planned_hires) as planned_hires,
        sum(case when is_grassroots_tier then planned_hires else 0 end)
            as planned_hires_grassroots_tier,
        sum(deferred_out) as deferred_out,
        sum(unmet) as unmet
    from categorised
    group by
        plan_year, quota_basis, province_code, scope_level, scope_code, scope_bureau_code, scope_name,
        scope_category, quarter

),

final as (

    select
        -- grain
        cast(totals.plan_year as integer) as plan_year,
        cast(totals.quota_basis as {{ type_string() }}) as quota_basis,
        cast(totals.province_code as {{ type_string() }}) as province_code,
        cast(totals.scope_level as {{ type_string() }}) as scope_level,
        cast(totals.scope_code as {{ type_string() }}) as scope_code,
        cast(totals.category as {{ type_string() }}) as category,
        cast(totals.quarter as integer) as quarter,

        -- the scope, as the scoped reader filters it
        cast(totals.scope_name as {{ type_string() }}) as scope_name,
        cast(totals.scope_code as {{ type_string() }}) as prefecture_code,
        cast(totals.scope_bureau_code as {{ type_string() }}) as bureau_code,

        -- measures
        cast(totals.lines as bigint) as lines,
        cast(totals.cap_quota as bigint) as cap_quota,
        cast(totals.forecast_headcount_max as {{ type_double() }}) as forecast_headcount_max,
        cast(totals.requested_hires as bigint) as requested_hires,
        cast(totals.planned_hires as bigint) as planned_hires,
        cast(totals.planned_hires_grassroots_tier as bigint) as planned_hires_grassroots_tier,
        cast(totals.deferred_out as bigint) as deferred_out,
        cast(totals.unmet as bigint) as unmet
    from totals

)

select * from final
