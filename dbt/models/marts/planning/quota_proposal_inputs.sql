-- Bureau x category of the base year: everything the quota proposal reads (第6条). The mart
-- quota_proposal and the dashboards' what-if (marts.quota_proposal_whatif in the snapshot)
-- both run macros/whatif/quota_proposal.sql over this table, so the page recomputes from the
-- very rows the published proposal came from.
--   keys: every bureau x category with a quota row or staff in the base year (latest quota
--   year with an approved quota; var proposal_base_year overrides); indicators of the latest
--   roster year up to the base year (int_planning__bureau_needs), repeated on each category.
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

need_year as (

    select max(needs.year) as year
    from needs
    cross join base
    where needs.year <= base.base_year

),

final as (

    select
        -- grain
        cast(quotas.bureau_code as {{ type_string() }}) as bureau_code,
        cast(quotas.category as {{ type_string() }}) as category,

        -- where
        cast(quotas.bureau_tier as {{ type_string() }}) as bureau_tier,
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
        on quotas.year = base.base_year
    cross join need_year
    left join needs
        on needs.bureau_code = quotas.bureau_code
        and needs.year = need_year.year

)

select * from final
