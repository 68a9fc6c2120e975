-- Auxiliary pay against the local average wage, the minimum wage and an Art. 33
-- expected-pay index, computed once for two grains with grouping sets: prefecture x year x
-- category (salary_benchmark) and the same split by level (salary_benchmark_by_level).
-- Ephemeral: it is inlined into those two marts and never published on its own.
{{ config(materialized='ephemeral', contract={'enforced': false}) }}
with

person_months as (

    select * from {{ ref('int_payroll__person_months_in_service') }}

),

benchmark as (

    select * from {{ ref('int_compensation__local_wage_benchmark') }}

),

post_weights as (

    select * from {{ ref('ref_post_weights') }}

),

-- composite post weight (professionalism, danger, intensity averaged), relative to the mean post
post_index as (

    select
        post,
        (professionalism + danger + intensity) / 3.0
            / avg((professionalism + danger + intensity) / 3.0) over () as post_weight_index
    from post_weights

),

aggregated as (

    select
        person_months.prefecture_code,
        person_months.year,
        person_months.category,
        person_months.level,
        -- false on the rows summed over every level (level is never null in the roster)
        grouping(person_months.level) = 0 as is_by_level,
        count(*) as person_months,
        sum(case when person_months.has_payroll then 1 else 0 end) as paid_person_months,
        count(distinct person_months.person_key) as people,
        sum(person_months.gross_pay) as gross_pay,
        sum(person_months.min_wage_pay) as min_wage_pay,
        sum(
            case when person_months.min_wage_pay < person_months.min_wage_monthly then 1 else 0 end
        ) as below_min_wage_months,
        avg(person_months.min_wage_monthly) as avg_min_wage_monthly,
        avg(post_index.post_weight_index) as expected_pay_index
    from person_months
    left join post_index
        on post_index.post = person_months.post
    where person_months.prefecture_code is not null
    group by grouping sets (
        (person_months.prefecture_code, person_months.year, person_months.category),
        (
            person_months.prefecture_code,
            person_months.year,
            person_months.category,
            person_months.level
        )
    )

),

final as (

    select
        -- grain
        cast({{ province_code('aggregated.prefecture_code') }} as {{ type_string() }}) as province_code,
        cast(aggregated.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(aggregated.year as integer) as year,
        cast(aggregated.category as {{ type_string() }}) as category,
        cast(aggregated.level as integer) as level,
        aggregated.is_by_level,

        -- volume
        cast(aggregated.person_months as bigint) as person_months,
        cast(aggregated.paid_person_months as bigint) as paid_person_months,
        cast(aggregated.people as bigint) as people,

        -- actual pay
        {{ money(safe_ratio('aggregated.gross_pay', 'aggregated.paid_person_months') ~ ' * 12') }}
            as avg_annual_gross,
        {{ money(safe_ratio('aggregated.min_wage_pay', 'aggregated.paid_person_months')) }}
            as avg_monthly_min_wage_pay,

        -- local average wage
        cast(benchmark.local_avg_wage as decimal(18, 2)) as local_avg_wage,
        cast(benchmark.benchmark_year as integer) as benchmark_year,
        cast(benchmark.local_avg_wage_is_estimate as boolean) as local_avg_wage_is_estimate,
        cast(
            {{ safe_ratio('aggregated.gross_pay', 'aggregated.paid_person_months') }} * 12
            / nullif(benchmark.local_avg_wage, 0)
        as {{ type_double() }}) as ratio_to_local_avg,

        -- minimum wage
        {{ money('aggregated.avg_min_wage_monthly') }} as avg_min_wage_monthly,
        cast(aggregated.below_min_wage_months as bigint) as below_min_wage_months,

        -- Art. 33 expected pay from post weights
        cast(aggregated.expected_pay_index as {{ type_double() }}) as expected_pay_index,
        {{ money('benchmark.local_avg_wage * aggregated.expected_pay_index') }}
            as expected_annual_pay,
        cast(
            {{ safe_ratio('aggregated.gross_pay', 'aggregated.paid_person_months') }} * 12
            / nullif(benchmark.local_avg_wage * aggregated.expected_pay_index, 0)
        as {{ type_double() }}) as ratio_to_expected_pay
    from aggregated
    left join benchmark
        on benchmark.prefecture_code = aggregated.prefecture_code
        and benchmark.year = aggregated.year

)

select * from final
