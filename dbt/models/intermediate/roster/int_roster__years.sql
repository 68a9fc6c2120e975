-- One row per calendar year with at least one roster month. A year Y is *closed* when all 12
-- months of Y are roster months present and the as-of date is on or after (Y+1)-03-31, so
-- the assessment grace window (Art. 28) has passed (docs/rules-interpretation.md).
with

calendar as (

    select * from {{ ref('int_roster__calendar') }}

),

years as (

    select
        year,
        count(*) as roster_months,
        max(month) as latest_month,
        max(as_of_date) as as_of_date
    from calendar
    group by year

),

final as (

    select
        year,
        cast(roster_months as integer) as roster_months,
        latest_month,
        as_of_date,
        roster_months = 12
            and as_of_date >= {{ date_from_parts('year + 1', 3, 31) }} as is_closed
    from years

)

select * from final
