-- Minimum monthly wage in force per province x wage class x roster month (Art. 33; docs/
-- rules-interpretation.md): the row of the province's class with the latest valid_from <= the
-- month's first day. Months before a class's first valid_from have no row.
with

min_wage as (

    select * from {{ ref('ref_min_wage') }}

),

calendar as (

    select * from {{ ref('int_roster__calendar') }}

),

candidates as (

    select
        calendar.month,
        min_wage.province_code,
        min_wage.wage_class,
        min_wage.valid_from,
        min_wage.monthly_amount,
        min_wage.hourly_amount,
        row_number() over (
            partition by calendar.month, min_wage.province_code, min_wage.wage_class
            order by min_wage.valid_from desc
        ) as recency_rank
    from calendar
    inner join min_wage
        on min_wage.province_code = calendar.province_code
        and cast(min_wage.valid_from as date) <= calendar.month

),

final as (

    select
        month,
        cast(province_code as {{ type_string() }}) as province_code,
        cast(wage_class as {{ type_string() }}) as wage_class,
        cast(valid_from as date) as valid_from,
        cast(monthly_amount as decimal(18, 2)) as monthly_amount,
        cast(hourly_amount as decimal(18, 2)) as hourly_amount
    from candidates
    where recency_rank = 1

)

select * from final
