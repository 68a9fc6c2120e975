-- Prefecture x year x category x level: salary_benchmark split by the auxiliary's level
-- (第26条 分类分级管理; 第28条 考核结果作为层级升降的依据并与薪酬挂钩), so a review sees pay
-- against the local average and the minimum wage level by level (第33条).
with

pay_groups as (

    select * from {{ ref('salary_pay_groups') }}
    where is_by_level

),

final as (

    select
        province_code,
        prefecture_code,
        year,
        category,
        level,
        person_months,
        paid_person_months,
        people,
        avg_annual_gross,
        avg_monthly_min_wage_pay,
        local_avg_wage,
        benchmark_year,
        local_avg_wage_is_estimate,
        ratio_to_local_avg,
        avg_min_wage_monthly,
        below_min_wage_months,
        expected_pay_index,
        expected_annual_pay,
        ratio_to_expected_pay
    from pay_groups

)

select * from final
