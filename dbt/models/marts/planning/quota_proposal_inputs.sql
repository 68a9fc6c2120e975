-- Bureau x category of the base year: everything the quota proposal reads (第6条). The mart
-- quota_proposal and the dashboards' what-if (marts.quota_proposal_whatif in the snapshot)
-- both run macros/whatif/quota_proposal.sql over this table, so the page recomputes from the
-- very rows the published proposal came from.
--   keys: every bureau x category with a quota row or staff in the base year (the province's
--   latest quota year with an approved quota; var proposal_base_year overrides); indicators of
--   the province's latest roster year up to the base year (int_planning__bureau_needs), repeated on each category.
with

quotas as (

    select * from {{ ref('int_planning__quota_utilization') }}

),

needs as (

    select * from {{ ref('int_planning__bureau_needs') }}

),

-- each province's base year and the latest need year up to it
base as (

    select
        province_code,
        coalesce(
            {{ var_or_null('proposal_base_year') }},
            max(case when approved_quota > 0 then year end)
        ) as base_year
    from quotas
    group by province_code

),

need_year as (

    select
        base.province_code,
        max(needs.year) as year
    from base
    inner join needs
        on needs.province_code = base.province_code
        and needs.year <= base.base_year
    group by base.province_code

),

final as (

    select
        -- grain
        cast(quotas.bureau_code as {{ type_string() }}) as bureau_code,
        cast(quotas.category as {{ type_string() }}) as category,

        -- where
        cast(quotas.bureau_tier as {{ type_string() }}) as bureau_tier,
        cast(quotas.province_code as {{ type_string() }}) as province_code,
        cast(quotas.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- base year
        cast(base.base_year as integer) as base_year,
        cast(quotas.approved_quota as bigint) as current_quota,
        cast(quotas.headcount as bigint) as headcount,

        -- need indicators of the bureau (need_year)
        cast(need_year.year as integer) as need_year,
        cast(needs.grassroots_share as {{ type_double() }}) as grassroots_share,
        cast(needs.population as bigint) as population,
        cast(needs.annual_incidents as {{ type_double() }}) as annual_incidents,
        cast(needs.annual_workload_hours as {{ type_double() }}) as annual_workload_hours
    from quotas
    inner join base
        on base.province_code = quotas.province_code
        and base.base_year = quotas.year
    left join need_year
        on need_year.province_code = quotas.province_code
    left join needs
        on needs.bureau_code = quotas.bureau_code
        and needs.year = need_year.year

)

select * from final
