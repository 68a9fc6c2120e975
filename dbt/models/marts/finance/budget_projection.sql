-- Bureau x budget year: next year's cost of the auxiliary workforce at the proposed quotas
-- (第5条 所需经费列入本级财政预算, 第7条 经费保障, 第33条 动态调整, 第34条 社会保险和意外伤害保险).
-- The costing is macros/whatif/budget_projection.sql (formulas in its header), run here over
-- budget_inputs with the dbt vars and the budget year's rates; the finance page's re-costing
-- runs the same macro over this published table (marts.budget_projection_whatif), so at the
-- published assumptions it returns this table.
--   planned_headcount  = Σ proposed_quota of the bureau (quota_proposal, both categories)
--   base_monthly_gross = average gross pay per paid person-month of the bureau over the last 12
--                        roster months (its province's average when the bureau has none), in yuan
--   budget year, rates year and the province average are each province's own
--   contribution base  = the year's floor..ceiling of the rates year (latest ≤ budget year);
--   employer rate      = Σ employer rates (maternity left out when merged into medical)
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
        province_code,
        cast(coalesce({{ var_or_null('budget_year') }}, max(year)) as integer) as budget_year
    from proposal
    group by province_code

),

budget_rates as (

    select
        latest.province_code,
        rates.*
    from rates
    inner join (
        select budget.province_code, max(rates.year) as year
        from budget
        inner join rates
            on rates.year <= budget.budget_year
        group by budget.province_code
    ) as latest
        on latest.year = rates.year

),

-- each province's last 12 roster months
recent_months as (

    select province_code, month
    from (
        select
            province_code,
            month,
            row_number() over (partition by province_code order by month desc) as recency_rank
        from calendar
    ) as ranked
    where recency_rank <= 12

),

recent_pay as (

    select
        person_months.province_code,
        person_months.bureau_code,
        payroll.gross_pay
    from payroll
    inner join person_months
        on person_months.person_key = payroll.person_key
        and person_months.month = payroll.pay_month
    inner join recent_months
        on recent_months.province_code = person_months.province_code
        and recent_months.month = payroll.pay_month

),

province_pay as (

    select province_code, avg(gross_pay) as monthly_gross
    from recent_pay
    group by province_code

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

budget_inputs as (

    select
        planned.bureau_code,
        budget.budget_year as year,
        units.tier as funding_level,
        units.province_code,
        units.prefecture_code,
        planned.base_year,
        planned.current_quota,
        planned.current_headcount,
        planned.planned_headcount,
        {{ money('coalesce(bureau_pay.monthly_gross, province_pay.monthly_gross, 0)') }}
            as base_monthly_gross,
        {{ money('budget_rates.base_floor') }} as base_floor,
        {{ money('budget_rates.base_ceiling') }} as base_ceiling,
        budget_rates.year as rates_year,
        {{ money(var('accident_premium_per_head')) }} as accident_premium_per_head,
        {{ money(var('other_cost_per_head')) }} as other_cost_per_head
    from planned
    left join units
        on units.unit_code = planned.bureau_code
    inner join budget
        on budget.province_code = units.province_code
    left join province_pay
        on province_pay.province_code = units.province_code
    left join budget_rates
        on budget_rates.province_code = units.province_code
    left join bureau_pay
        on bureau_pay.bureau_code = planned.bureau_code

),

budget_parameters as (

    select
        budget.province_code,
        cast({{ var('salary_growth') }} as {{ type_double() }}) as salary_growth,
        {{ employer_rate_total('budget_rates') }} as employer_rate
    from budget
    left join budget_rates
        on budget_rates.province_code = budget.province_code

),

final as (

    {{ budget_projection_sql('budget_inputs', 'budget_parameters', per_province=true) }}

)

select * from final
