-- Bureau x budget year: next year's cost of the auxiliary workforce at the proposed quotas
-- (第5条 所需经费列入本级财政预算, 第33条 动态调整, 第34条 社会保险和意外伤害保险).
--   planned_headcount  = Σ proposed_quota of the bureau (quota_proposal, both categories)
--   pay_cost           = planned x monthly gross per paid person-month (last 12 roster months)
--                        x 12 x (1 + salary_growth)
--   employer_insurance = planned x 12 x contribution base x Σ employer rates of the budget year
--                        (base = projected monthly gross clamped to the year's floor..ceiling;
--                        maternity left out when merged into medical)
--   accident_premium   = planned x accident_premium_per_head; other_cost = planned x other_cost_per_head
with

proposal as (

    select * from {{ ref('quota_proposal') }}

),

person_months as (

    select * from {{ ref('int_roster__person_months') }}

),

payroll as (

    select * from {{ ref('stg_payroll__monthly_pay') }}

),

calendar as (

    select * from {{ ref('int_roster__calendar') }}

),

rates as (

    select * from {{ ref('int_ref__insurance_rates_by_year') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

budget as (

    select
        cast(coalesce({{ var_or_null('budget_year') }}, max(year)) as integer) as budget_year
    from proposal

),

budget_rates as (

    select rates.*
    from rates
    inner join (
        select max(rates.year) as year
        from rates
        cross join budget
        where rates.year <= budget.budget_year
    ) as latest
        on latest.year = rates.year

),

recent_months as (

    select month
    from (
        select month, row_number() over (order by month desc) as recency_rank
        from calendar
    ) as ranked
    where recency_rank <= 12

),

recent_pay as (

    select
        person_months.bureau_code,
        payroll.gross_pay
    from payroll
    inner join recent_months
        on recent_months.month = payroll.pay_month
    inner join person_months
        on person_months.person_key = payroll.person_key
        and person_months.month = payroll.pay_month

),

province_pay as (

    select avg(gross_pay) as monthly_gross from recent_pay

),

bureau_pay as (

    select bureau_code, avg(gross_pay) as monthly_gross
    from recent_pay
    group by bureau_code

),

planned as (

    select
        bureau_code,
        max(base_year) as base_year,
        sum(current_quota) as current_quota,
        sum(headcount) as current_headcount,
        sum(proposed_quota) as planned_headcount
    from proposal
    group by bureau_code

),

projected as (

    select
        planned.*,
        budget.budget_year,
        units.tier as funding_level,
        units.prefecture_code,
        cast(coalesce(bureau_pay.monthly_gross, province_pay.monthly_gross, 0) as double precision)
            as base_monthly_gross,
        cast(coalesce(bureau_pay.monthly_gross, province_pay.monthly_gross, 0) as double precision)
            * (1 + {{ var('salary_growth') }}) as projected_monthly_gross,
        budget_rates.year as rates_year,
        cast(budget_rates.base_floor as double precision) as base_floor,
        cast(budget_rates.base_ceiling as double precision) as base_ceiling,
        coalesce(budget_rates.pension_employer_rate, 0)
            + coalesce(budget_rates.medical_employer_rate, 0)
            + case when budget_rates.maternity_merged then 0
                else coalesce(budget_rates.maternity_employer_rate, 0) end
            + coalesce(budget_rates.unemployment_employer_rate, 0)
            + coalesce(budget_rates.injury_employer_rate, 0) as employer_rate_total
    from planned
    cross join budget
    cross join province_pay
    left join budget_rates
        on 1 = 1
    left join bureau_pay
        on bureau_pay.bureau_code = planned.bureau_code
    left join units
        on units.unit_code = planned.bureau_code

),

costed as (

    select
        *,
        least(greatest(projected_monthly_gross, coalesce(base_floor, projected_monthly_gross)),
            coalesce(base_ceiling, projected_monthly_gross)) as contribution_base,
        {{ money('planned_headcount * projected_monthly_gross * 12') }} as pay_cost,
        {{ money('planned_headcount * 12 * employer_rate_total
            * least(greatest(projected_monthly_gross, coalesce(base_floor, projected_monthly_gross)),
                coalesce(base_ceiling, projected_monthly_gross))') }} as employer_insurance,
        {{ money('planned_headcount * ' ~ var('accident_premium_per_head')) }} as accident_premium,
        {{ money('planned_headcount * ' ~ var('other_cost_per_head')) }} as other_cost
    from projected

),

final as (

    select
        -- grain
        cast(bureau_code as varchar) as bureau_code,
        cast(budget_year as integer) as year,

        -- who pays
        cast(funding_level as varchar) as funding_level,
        cast(prefecture_code as varchar) as prefecture_code,

        -- people
        cast(base_year as integer) as base_year,
        cast(current_quota as bigint) as current_quota,
        cast(current_headcount as bigint) as current_headcount,
        cast(planned_headcount as bigint) as planned_headcount,

        -- money (yuan per year)
        pay_cost,
        employer_insurance,
        accident_premium,
        other_cost,
        cast(pay_cost + employer_insurance + accident_premium + other_cost as decimal(18, 2))
            as total_cost,
        {{ money('(pay_cost + employer_insurance + accident_premium + other_cost) / nullif(planned_headcount, 0)') }}
            as cost_per_head,

        -- assumptions
        {{ money('base_monthly_gross') }} as base_monthly_gross,
        cast({{ var('salary_growth') }} as double precision) as salary_growth,
        {{ money('contribution_base') }} as contribution_base,
        cast(rates_year as integer) as rates_year,
        cast(employer_rate_total as double precision) as employer_rate,
        {{ money(var('accident_premium_per_head')) }} as accident_premium_per_head,
        {{ money(var('other_cost_per_head')) }} as other_cost_per_head
    from costed

)

select * from final
