-- Prefecture x year x category: auxiliary pay against the local average wage, the minimum wage
-- and an Art. 33 expected-pay index (第33条 参照当地同类岗位及社会平均收入水平，结合岗位专业性、
-- 危险性、劳动强度). Computed in salary_pay_groups with the per-level split
-- (salary_benchmark_by_level), so the two grains always agree.
with

pay_groups as (

    select * from {{ ref('salary_pay_groups') }}
    where not is_by_level

),

final as (

    select
        province_code,
        prefecture_code,
        year,
        category,
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
