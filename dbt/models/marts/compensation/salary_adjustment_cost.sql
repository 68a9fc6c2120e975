-- Bureau x year under review x target: what it would have cost to pay every auxiliary at
-- least a target share of the local average wage (第33条 薪酬动态调整: 参照当地社会平均收入水平).
-- Per person, not per group average: a person below the target costs money even when the
-- average of the group is above it.
--   year under review = the province's latest closed year (int_roster__years.is_closed)
--   per person and bureau: paid_months = person-months in service with a payroll row,
--     gross_pay = Σ their gross_pay;
--     pay_gap_person(t) = max(0, t x local_avg_wage x paid_months ÷ 12 − gross_pay)
--   pay_gap = Σ pay_gap_person; employer_insurance = pay_gap x employer_rate (Σ employer rates
--   of the latest rates year ≤ the year, 第34条; the raise lifts the contribution base by as much);
--   adjustment_cost = pay_gap + employer_insurance.
-- Targets: a grid of percentages (var adjustment_target_pcts), one row per bureau and target,
-- so the salary page only picks a row: no pay of a person leaves the warehouse.
{%- set grid = var('adjustment_target_pcts') %}
with

person_months as (

    select * from {{ ref('int_payroll__person_months_in_service') }}

),

years as (

    select * from {{ ref('int_roster__years') }}

),

benchmark as (

    select * from {{ ref('int_compensation__local_wage_benchmark') }}

),

rates as (

    select * from {{ ref('int_ref__insurance_rates_by_year') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

review as (

    select province_code, max(year) as year
    from years
    where is_closed
    group by province_code

),

review_rates_year as (

    -- the latest rates year <= the year under review (null if there is none)
    select review.province_code, max(rates.year) as year
    from review
    left join rates
        on rates.year <= review.year
    group by review.province_code

),

review_rates as (

    select
        review_rates_year.province_code,
        {{ employer_rate_total('rates') }} as employer_rate
    from review_rates_year
    left join rates
        on rates.year = review_rates_year.year

),

targets as (

    {%- for pct in range(grid['lowest'], grid['highest'] + 1, grid['step']) %}
    select cast({{ pct }} as integer) as target_pct
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

-- one row per person and bureau of the year under review (a move between bureaus splits it)
person_pay as (

    select
        person_months.bureau_code,
        person_months.province_code,
        person_months.prefecture_code,
        person_months.year,
        person_months.person_key,
        sum(case when person_months.has_payroll then 1 else 0 end) as paid_months,
        sum(coalesce(person_months.gross_pay, 0)) as gross_pay
    from person_months
    inner join review
        on review.province_code = person_months.province_code
        and review.year = person_months.year
    group by 1, 2, 3, 4, 5

),

person_gap as (

    select
        person_pay.*,
        targets.target_pct,
        benchmark.local_avg_wage,
        greatest(
            0,
            targets.target_pct / 100.0 * cast(benchmark.local_avg_wage as {{ type_double() }})
                * person_pay.paid_months / 12.0
            - cast(person_pay.gross_pay as {{ type_double() }})
        ) as pay_gap
    from person_pay
    cross join targets
    left join benchmark
        on benchmark.prefecture_code = person_pay.prefecture_code
        and benchmark.year = person_pay.year
    where person_pay.paid_months > 0

),

bureau_gap as (

    select
        province_code,
        bureau_code,
        year,
        target_pct,
        max(local_avg_wage) as local_avg_wage,
        count(distinct person_key) as people,
        sum(paid_months) as paid_person_months,
        count(distinct case when pay_gap > 0 then person_key end) as people_below_target,
        sum(coalesce(pay_gap, 0)) as pay_gap
    from person_gap
    group by 1, 2, 3, 4

),

final as (

    select
        -- grain
        cast(bureau_gap.bureau_code as {{ type_string() }}) as bureau_code,
        cast(bureau_gap.year as integer) as year,
        cast(bureau_gap.target_pct as integer) as target_pct,

        -- where
        cast(units.tier as {{ type_string() }}) as bureau_tier,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(units.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- the target
        cast(bureau_gap.target_pct / 100.0 as {{ type_double() }}) as target_ratio,
        cast(bureau_gap.local_avg_wage as decimal(18, 2)) as local_avg_wage,
        {{ money('bureau_gap.target_pct / 100.0 * bureau_gap.local_avg_wage') }}
            as target_annual_pay,

        -- people
        cast(bureau_gap.people as bigint) as people,
        cast(bureau_gap.paid_person_months as bigint) as paid_person_months,
        cast(bureau_gap.people_below_target as bigint) as people_below_target,

        -- money (yuan for the year under review)
        {{ money('bureau_gap.pay_gap') }} as pay_gap,
        cast(review_rates.employer_rate as {{ type_double() }}) as employer_rate,
        {{ money('bureau_gap.pay_gap * review_rates.employer_rate') }} as employer_insurance,
        cast(
            {{ money('bureau_gap.pay_gap') }}
            + {{ money('bureau_gap.pay_gap * review_rates.employer_rate') }}
        as decimal(18, 2)) as adjustment_cost
    from bureau_gap
    inner join review_rates
        on review_rates.province_code = bureau_gap.province_code
    left join units
        on units.unit_code = bureau_gap.bureau_code

)

select * from final
