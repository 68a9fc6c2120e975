-- Bureau x year x category: this year's quota, headcount, utilisation and need beside last
-- year's, with the changes (第6条 动态调整: quotas follow the change in need; 第10条).
-- One formula per figure: the figures are quota_utilization's and staffing_need's; this model
-- only puts year − 1 beside them and takes the differences.
--   *_change = this year − last year;  *_change_pct = change ÷ last year (null when last is 0)
--   utilization_change = utilization − prior_utilization (a difference of ratios, 0.05 = 5 points)
with

quota as (

    select * from {{ ref('quota_utilization') }}

),

need as (

    select * from {{ ref('staffing_need') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

keys as (

    select bureau_code, year, category from quota
    union
    select bureau_code, year, category from need

),

this_year as (

    select
        keys.bureau_code,
        keys.year,
        keys.category,
        coalesce(quota.approved_quota, 0) as approved_quota,
        -- headcount of a year without roster months is unknown, not 0
        case
            when quota.headcount_month is not null or need.bureau_code is not null
                then coalesce(quota.headcount, need.headcount, 0)
        end as headcount,
        case
            when quota.headcount_month is not null or need.bureau_code is not null
                then quota.utilization
        end as utilization,
        need.required_fte,
        need.staffing_gap
    from keys
    left join quota
        on quota.bureau_code = keys.bureau_code
        and quota.year = keys.year
        and quota.category = keys.category
    left join need
        on need.bureau_code = keys.bureau_code
        and need.year = keys.year
        and need.category = keys.category

),

final as (

    select
        -- grain
        cast(this_year.bureau_code as {{ type_string() }}) as bureau_code,
        cast(this_year.year as integer) as year,
        cast(this_year.category as {{ type_string() }}) as category,

        -- where
        cast(units.unit_name as {{ type_string() }}) as bureau_name,
        cast(units.tier as {{ type_string() }}) as bureau_tier,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(units.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(this_year.year - 1 as integer) as prior_year,

        -- quota
        cast(this_year.approved_quota as bigint) as approved_quota,
        cast(prior.approved_quota as bigint) as prior_approved_quota,
        cast(this_year.approved_quota - prior.approved_quota as bigint) as approved_quota_change,

        -- headcount
        cast(this_year.headcount as bigint) as headcount,
        cast(prior.headcount as bigint) as prior_headcount,
        cast(this_year.headcount - prior.headcount as bigint) as headcount_change,
        cast(
            (this_year.headcount - prior.headcount) / nullif(cast(prior.headcount as {{ type_double() }}), 0)
        as {{ type_double() }}) as headcount_change_pct,

        -- utilisation
        cast(this_year.utilization as {{ type_double() }}) as utilization,
        cast(prior.utilization as {{ type_double() }}) as prior_utilization,
        cast(this_year.utilization - prior.utilization as {{ type_double() }}) as utilization_change,

        -- need
        cast(this_year.required_fte as {{ type_double() }}) as required_fte,
        cast(prior.required_fte as {{ type_double() }}) as prior_required_fte,
        cast(this_year.required_fte - prior.required_fte as {{ type_double() }}) as required_fte_change,
        cast(
            (this_year.required_fte - prior.required_fte) / nullif(prior.required_fte, 0)
        as {{ type_double() }}) as required_fte_change_pct,
        cast(this_year.staffing_gap as {{ type_double() }}) as staffing_gap,
        cast(prior.staffing_gap as {{ type_double() }}) as prior_staffing_gap
    from this_year
    left join this_year as prior
        on prior.bureau_code = this_year.bureau_code
        and prior.year = this_year.year - 1
        and prior.category = this_year.category
    left join units
        on units.unit_code = this_year.bureau_code

)

select * from final
