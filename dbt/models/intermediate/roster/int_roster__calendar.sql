-- Province x month: the roster months present (docs/rules-interpretation.md, "Common terms"):
-- the data window ends on the last day of the latest roster month, the as-of date. Each
-- province has its own months (its bureaus deliver on their own schedule): a row's province is
-- that of its unit (int_org__unit_bureaus), else its unit code's first 2 digits.
with

roster as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

months as (

    select distinct
        coalesce(units.province_code, {{ province_code('roster.unit_code') }}) as province_code,
        roster.snapshot_month as month
    from roster
    left join units
        on units.unit_code = roster.unit_code

),

window_bounds as (

    select
        province_code,
        min(month) as first_roster_month,
        max(month) as last_roster_month
    from months
    group by province_code

),

final as (

    select
        months.province_code,
        months.month,
        {{ month_end('months.month') }} as month_end,
        cast(extract(year from months.month) as integer) as year,
        cast(extract(month from months.month) as integer) as month_no,
        window_bounds.first_roster_month,
        window_bounds.last_roster_month,
        {{ month_end('window_bounds.last_roster_month') }} as as_of_date,
        months.month = max(months.month) over (
            partition by months.province_code, extract(year from months.month)
        ) as is_latest_month_of_year
    from months
    inner join window_bounds
        on window_bounds.province_code = months.province_code

)

select * from final
