{#-
  The budget of the budget year per bureau (第5条 所需经费列入本级财政预算, 第7条 经费保障,
  第33条 动态调整, 第34条 社会保险和意外伤害保险), ONE implementation for the mart
  `budget_projection` and for the finance page's re-costing `marts.budget_projection_whatif(
  p_salary_growth, p_employer_rate)`, a DuckDB table macro publish creates in the snapshot
  over the published mart itself (dagster_project/defs/publish/whatif.py renders this file with
  plain Jinja: use only the two arguments, no ref(), var() or project macros).

  inputs: one row per bureau: bureau_code, year, funding_level, province_code, prefecture_code, base_year,
          current_quota, current_headcount, planned_headcount, base_monthly_gross,
          base_floor, base_ceiling, rates_year, accident_premium_per_head, other_cost_per_head
          (money as DECIMAL(18,2), as published).
  params: salary_growth, employer_rate (Σ employer rates of rates_year): one row for every
          bureau (the what-if), or with per_province one row per province_code (the mart:
          each province's budget year has its own rates year).

    projected_monthly_gross = base_monthly_gross x (1 + salary_growth)
    pay_cost           = planned_headcount x projected_monthly_gross x 12
    contribution_base  = projected_monthly_gross clamped to base_floor..base_ceiling
    employer_insurance = planned_headcount x 12 x contribution_base x employer_rate
    accident_premium   = planned_headcount x accident_premium_per_head
    other_cost         = planned_headcount x other_cost_per_head
    total_cost         = pay_cost + employer_insurance + accident_premium + other_cost
  Money is rounded as the project's money() macro does: round(DECIMAL(38,4), 2) → DECIMAL(18,2).
-#}
{% macro budget_projection_sql(inputs, params, per_province=false) -%}
with

budget_inputs as (

    select * from {{ inputs }}

),

parameters as (

    select * from {{ params }}

),

projected as (

    select
        budget_inputs.bureau_code,
        budget_inputs.year,
        budget_inputs.funding_level,
        budget_inputs.province_code,
        budget_inputs.prefecture_code,
        budget_inputs.base_year,
        budget_inputs.current_quota,
        budget_inputs.current_headcount,
        budget_inputs.planned_headcount,
        budget_inputs.base_monthly_gross,
        budget_inputs.base_floor,
        budget_inputs.base_ceiling,
        budget_inputs.rates_year,
        budget_inputs.accident_premium_per_head,
        budget_inputs.other_cost_per_head,
        cast(parameters.salary_growth as {{ type_double() }}) as salary_growth,
        cast(parameters.employer_rate as {{ type_double() }}) as employer_rate,
        cast(budget_inputs.base_monthly_gross as {{ type_double() }})
            * (1 + cast(parameters.salary_growth as {{ type_double() }})) as projected_monthly_gross
    from budget_inputs
    {%- if per_province %}
    inner join parameters
        on parameters.province_code = budget_inputs.province_code
    {%- else %}
    cross join parameters
    {%- endif %}

),

based as (

    select
        *,
        least(
            greatest(projected_monthly_gross,
                coalesce(cast(base_floor as {{ type_double() }}), projected_monthly_gross)),
            coalesce(cast(base_ceiling as {{ type_double() }}), projected_monthly_gross)
        ) as contribution_base
    from projected

),

costed as (

    select
        *,
        cast(round(cast(planned_headcount * projected_monthly_gross * 12 as decimal(38, 4)), 2)
            as decimal(18, 2)) as pay_cost,
        cast(round(cast(planned_headcount * 12 * employer_rate * contribution_base
            as decimal(38, 4)), 2) as decimal(18, 2)) as employer_insurance,
        cast(round(cast(planned_headcount * accident_premium_per_head as decimal(38, 4)), 2)
            as decimal(18, 2)) as accident_premium,
        cast(round(cast(planned_headcount * other_cost_per_head as decimal(38, 4)), 2)
            as decimal(18, 2)) as other_cost
    from based

),

final as (

    select
        -- grain
        cast(bureau_code as {{ type_string() }}) as bureau_code,
        cast(year as integer) as year,

        -- who pays
        cast(funding_level as {{ type_string() }}) as funding_level,
        cast(province_code as {{ type_string() }}) as province_code,
        cast(prefecture_code as {{ type_string() }}) as prefecture_code,

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
        cast(round(cast(
            cast(pay_cost + employer_insurance + accident_premium + other_cost as {{ type_double() }})
            / nullif(planned_headcount, 0)
        as decimal(38, 4)), 2) as decimal(18, 2))
            as cost_per_head,

        -- assumptions
        cast(base_monthly_gross as decimal(18, 2)) as base_monthly_gross,
        cast(salary_growth as {{ type_double() }}) as salary_growth,
        cast(round(cast(contribution_base as decimal(38, 4)), 2) as decimal(18, 2))
            as contribution_base,
        cast(rates_year as integer) as rates_year,
        cast(employer_rate as {{ type_double() }}) as employer_rate,
        cast(accident_premium_per_head as decimal(18, 2)) as accident_premium_per_head,
        cast(other_cost_per_head as decimal(18, 2)) as other_cost_per_head,
        cast(base_floor as decimal(18, 2)) as base_floor,
        cast(base_ceiling as decimal(18, 2)) as base_ceiling
    from costed

)

select * from final
{%- endmacro %}
