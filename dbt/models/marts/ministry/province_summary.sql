-- One row per province x year: the figures a ministry compares across provinces, each the sum
-- of the province's bureau rows of a mart (第6条 总量控制 and 倾斜基层, 第5条 经费, 第34条 保险,
-- the compliance register). Years are the quota years of quota_utilization.
with

utilization as (

    select * from {{ ref('quota_utilization') }}

),

allocation as (

    select * from {{ ref('grassroots_allocation') }}

),

costs as (

    select * from {{ ref('workforce_cost_monthly') }}

),

coverage as (

    select * from {{ ref('insurance_coverage') }}

),

violations as (

    select * from {{ ref('compliance_violations') }}

),

provinces as (

    select province_code, division_name as province_name
    from {{ ref('dim_bureau') }}
    where tier = 'province'

),

quota as (

    select
        province_code,
        year,
        count(distinct bureau_code) as bureaus,
        max(headcount_month) as headcount_month,
        sum(approved_quota) as approved_quota,
        sum(headcount) as headcount,
        sum(vacancies) as vacancies,
        count(distinct case when over_quota then bureau_code end) as bureaus_over_quota
    from utilization
    group by province_code, year

),

grassroots as (

    select
        province_code,
        year,
        sum(aux_total) as aux_total,
        sum(aux_grassroots) as aux_grassroots
    from allocation
    group by province_code, year

),

cost as (

    select
        province_code,
        year,
        count(distinct month) as cost_months,
        sum(total_cost) as total_cost
    from costs
    group by province_code, year

),

insurance as (

    select
        province_code,
        year,
        sum(person_months) as person_months,
        sum(person_months_with_gap) as person_months_with_gap
    from coverage
    group by province_code, year

),

findings as (

    select
        province_code,
        cast(substr(period, 1, 4) as integer) as year,
        count(*) as findings,
        sum(case when severity = 'high' then 1 else 0 end) as findings_high
    from violations
    group by province_code, cast(substr(period, 1, 4) as integer)

),

final as (

    select
        -- grain
        cast(quota.province_code as {{ type_string() }}) as province_code,
        cast(quota.year as integer) as year,

        -- the province
        cast(provinces.province_name as {{ type_string() }}) as province_name,
        cast(quota.bureaus as bigint) as bureaus,
        cast(quota.headcount_month as date) as headcount_month,

        -- quota and headcount (第6条 总量控制)
        cast(quota.approved_quota as bigint) as approved_quota,
        cast(quota.headcount as bigint) as headcount,
        cast(
            cast(quota.headcount as {{ type_double() }})
            / nullif(cast(quota.approved_quota as {{ type_double() }}), 0)
            as {{ type_double() }}
        ) as utilization,
        cast(quota.vacancies as bigint) as vacancies,
        cast(quota.bureaus_over_quota as bigint) as bureaus_over_quota,

        -- grassroots (第6条 倾斜基层)
        cast(coalesce(grassroots.aux_total, 0) as bigint) as aux_total,
        cast(coalesce(grassroots.aux_grassroots, 0) as bigint) as aux_grassroots,
        cast(
            cast(grassroots.aux_grassroots as {{ type_double() }})
            / nullif(cast(grassroots.aux_total as {{ type_double() }}), 0)
            as {{ type_double() }}
        ) as grassroots_share,

        -- cost (第5条, 第7条)
        cast(coalesce(cost.cost_months, 0) as bigint) as cost_months,
        cast(coalesce(cost.total_cost, 0) as decimal(18, 2)) as total_cost,

        -- insurance (第34条)
        cast(coalesce(insurance.person_months, 0) as bigint) as person_months,
        cast(coalesce(insurance.person_months_with_gap, 0) as bigint) as person_months_with_gap,
        cast(
            1 - cast(insurance.person_months_with_gap as {{ type_double() }})
            / nullif(cast(insurance.person_months as {{ type_double() }}), 0)
            as {{ type_double() }}
        ) as coverage_rate,

        -- the compliance register
        cast(coalesce(findings.findings, 0) as bigint) as findings,
        cast(coalesce(findings.findings_high, 0) as bigint) as findings_high

    from quota
    left join provinces
        on quota.province_code = provinces.province_code
    left join grassroots
        on quota.province_code = grassroots.province_code
        and quota.year = grassroots.year
    left join cost
        on quota.province_code = cost.province_code
        and quota.year = cost.year
    left join insurance
        on quota.province_code = insurance.province_code
        and quota.year = insurance.year
    left join findings
        on quota.province_code = findings.province_code
        and quota.year = findings.year

)

select * from final
