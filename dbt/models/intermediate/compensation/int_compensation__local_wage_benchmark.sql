-- Prefecture x year: the local average wage to compare auxiliary pay with (第33条 参照当地社会
-- 平均收入水平). benchmark_year = the latest published year <= the year (statistics come out a
-- year or more late). A prefecture without a published row falls back to the province row.
-- local_avg_wage_is_estimate: the seed row is an estimate, or a prefecture uses the province
-- figure in place of its own (a published province wage is not the prefecture's wage).
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}

),

wages as (

    select * from {{ ref('ref_average_wage') }}
    where scope = '{{ var("benchmark_wage_scope") }}'

),

keys as (

    select distinct prefecture_code, year
    from person_months
    where prefecture_code is not null

),

candidates as (

    select
        keys.prefecture_code,
        keys.year,
        wages.year as benchmark_year,
        wages.avg_annual_wage,
        case
            when cast(wages.prefecture_code as {{ type_string() }}) = keys.prefecture_code
                then cast(wages.is_estimate as boolean)
            else true
        end as is_estimate,
        -- own prefecture first, then the province; within each, the latest year <= year
        row_number() over (
            partition by keys.prefecture_code, keys.year
            order by
                case when cast(wages.prefecture_code as {{ type_string() }}) = keys.prefecture_code then 0 else 1 end,
                wages.year desc
        ) as preference
    from keys
    inner join wages
        on (
            cast(wages.prefecture_code as {{ type_string() }}) = keys.prefecture_code
            or cast(wages.prefecture_code as {{ type_string() }}) = substr(keys.prefecture_code, 1, 2) || '0000'
        )
        and wages.year <= keys.year

),

final as (

    select
        cast(prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(year as integer) as year,
        cast(benchmark_year as integer) as benchmark_year,
        cast(avg_annual_wage as decimal(18, 2)) as local_avg_wage,
        cast(is_estimate as boolean) as local_avg_wage_is_estimate
    from candidates
    where preference = 1

)

select * from final
