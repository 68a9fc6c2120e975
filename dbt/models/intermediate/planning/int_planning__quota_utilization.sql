-- Bureau x year x category: approved quota against the headcount of the year (第6条, 第10条).
-- One row for every key with a quota row or any headcount (output contract). The headcount of
-- a year is the headcount (active + suspended) on the latest roster month present in that year.
with

quotas as (

    select * from {{ ref('stg_quotas__approved_quotas') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

person_months as (

    select * from {{ ref('int_roster__person_months') }}

),

calendar as (

    select * from {{ ref('int_roster__calendar') }}
    where is_latest_month_of_year

),

-- quotas are set per bureau; a quota filed on a non-bureau unit counts for its owning bureau
quota_by_bureau as (

    select
        coalesce(units.bureau_code, quotas.unit_code) as bureau_code,
        cast(quotas.year as integer) as year,
        quotas.category,
        sum(quotas.approved) as approved_quota,
        sum(quotas.requested) as requested_quota
    from quotas
    left join units
        on units.unit_code = quotas.unit_code
    group by 1, 2, 3

),

headcount_by_bureau as (

    select
        person_months.bureau_code,
        calendar.year,
        person_months.category,
        calendar.month as headcount_month,
        count(distinct person_months.person_key) as headcount
    from person_months
    inner join calendar
        on calendar.province_code = person_months.province_code
        and calendar.month = person_months.month
    where person_months.counts_in_headcount
        and person_months.bureau_code is not null
    group by 1, 2, 3, 4

),

keys as (

    select bureau_code, year, category from quota_by_bureau
    union
    select bureau_code, year, category from headcount_by_bureau

),

final as (

    select
        keys.bureau_code,
        keys.year,
        keys.category,
        -- a quota filed on a unit missing from org_units: its code's province
        coalesce(bureau.province_code, {{ province_code('keys.bureau_code') }}) as province_code,
        bureau.tier as bureau_tier,
        bureau.prefecture_code,
        calendar.month as headcount_month,
        cast(coalesce(quota_by_bureau.approved_quota, 0) as bigint) as approved_quota,
        cast(coalesce(quota_by_bureau.requested_quota, 0) as bigint) as requested_quota,
        cast(coalesce(headcount_by_bureau.headcount, 0) as bigint) as headcount
    from keys
    left join quota_by_bureau
        on quota_by_bureau.bureau_code = keys.bureau_code
        and quota_by_bureau.year = keys.year
        and quota_by_bureau.category = keys.category
    left join headcount_by_bureau
        on headcount_by_bureau.bureau_code = keys.bureau_code
        and headcount_by_bureau.year = keys.year
        and headcount_by_bureau.category = keys.category
    left join units as bureau
        on bureau.unit_code = keys.bureau_code
    left join calendar
        on calendar.province_code = bureau.province_code
        and calendar.year = keys.year

),

measures as (

    select
        *,
        {{ safe_ratio('headcount', 'approved_quota') }} as utilization,
        approved_quota - headcount as vacancies,
        headcount > approved_quota as over_quota
    from final

)

select * from measures
