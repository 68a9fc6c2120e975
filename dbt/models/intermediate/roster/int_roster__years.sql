-- Province x calendar year with at least one roster month of the province. A year Y is
-- *closed* when all 12 months of Y are roster months of the province and its as-of date is on
-- or after (Y+1)-03-31, so the assessment grace window (Art. 28) has passed
-- (docs/rules-interpretation.md).
with

calendar as (

    select * from {{ ref('int_roster__calendar') }}

),

years as (

    select
        province_code,
        year,
        count(*) as roster_months,
        max(month) as latest_month,
        max(as_of_date) as as_of_date
    from calendar
    group by province_code, year

),

final as (

    select
        province_code,
        year,
        cast(roster_months as integer) as roster_months,
        latest_month,
        as_of_date,
        roster_months = 12
            and as_of_date >= {{ date_from_parts('year + 1', 3, 31) }} as is_closed
    from years

)

select * from final
