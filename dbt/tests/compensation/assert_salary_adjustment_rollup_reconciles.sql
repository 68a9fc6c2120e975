-- The province row of salary_adjustment_rollup = Σ its prefecture rows + the province bureau's
-- own row of salary_adjustment_cost, per province, year and target, in every measure (第33条 totals): a
-- bureau counted in no prefecture, or in two, shows here. Returns the rows that differ.
with

rollup as (

    select * from {{ ref('salary_adjustment_rollup') }}

),

adjustment as (

    select * from {{ ref('salary_adjustment_cost') }}

),

parts as (

    select
        province_code, year, target_pct, bureaus, people, people_below_target, pay_gap, employer_insurance,
        adjustment_cost
    from rollup
    where scope_level = 'prefecture'

    union all

    select
        province_code, year, target_pct, 1, people, people_below_target, pay_gap, employer_insurance,
        adjustment_cost
    from adjustment
    where bureau_tier = 'province'

),

summed as (

    select
        province_code,
        year,
        target_pct,
        sum(bureaus) as bureaus,
        sum(people) as people,
        sum(people_below_target) as people_below_target,
        sum(pay_gap) as pay_gap,
        sum(employer_insurance) as employer_insurance,
        sum(adjustment_cost) as adjustment_cost
    from parts
    group by province_code, year, target_pct

),

final as (

    select
        province.province_code,
        province.year,
        province.target_pct,
        province.bureaus,
        summed.bureaus as summed_bureaus,
        province.adjustment_cost,
        summed.adjustment_cost as summed_adjustment_cost
    from rollup as province
    left join summed
        on summed.province_code = province.province_code
        and summed.year = province.year
        and summed.target_pct = province.target_pct
    where province.scope_level = 'province'
        and (
            summed.year is null
            or province.bureaus <> summed.bureaus
            or province.people <> summed.people
            or province.people_below_target <> summed.people_below_target
            or province.pay_gap <> summed.pay_gap
            or province.employer_insurance <> summed.employer_insurance
            or province.adjustment_cost <> summed.adjustment_cost
        )

)

select * from final
