-- The roster months present (docs/rules-interpretation.md, "Common terms"): the data window
-- ends on the last day of the latest roster month, the as-of date.
with

roster as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

months as (

    select distinct snapshot_month as month
    from roster

),

window_bounds as (

    select
        min(month) as first_roster_month,
        max(month) as last_roster_month
    from months

),

final as (

    select
        months.month,
        {{ month_end('months.month') }} as month_end,
        cast(extract(year from months.month) as integer) as year,
        cast(extract(month from months.month) as integer) as month_no,
        window_bounds.first_roster_month,
        window_bounds.last_roster_month,
        {{ month_end('window_bounds.last_roster_month') }} as as_of_date,
        months.month = max(months.month) over (
            partition by extract(year from months.month)
        ) as is_latest_month_of_year
    from months
    cross join window_bounds

)

select * from final
