-- Bureau x month x category: who joined and who left (第10条 招聘, 第6条 动态调整), from the
-- roster's person-months:
--   hire        = the person's first roster month with status active or suspended ("first month
--                 in service"), counted at that row's bureau and category; not counted in the
--                 province's first roster month unless hire_date falls in it (people on the first
--                 roster were mostly hired before the data begins);
--   separation  = the person's first roster month with status separated, at that row's bureau
--                 and category; a person who drops off the roster without a separated row,
--                 before the province's last roster month, separates in the month after their last
--                 roster row, at that row's bureau and category;
--   headcount   = distinct people with status active or suspended on the month's roster.
-- A person counts at most once as a hire and once as a separation over the data.
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

bounds as (

    select province_code, min(month) as first_month, max(month) as last_month
    from person_months
    group by province_code

),

ranked as (

    select
        person_months.*,
        row_number() over (
            partition by person_key, counts_in_headcount order by month
        ) as in_headcount_rank,
        row_number() over (
            partition by person_key, status = 'separated' order by month
        ) as separated_rank,
        row_number() over (partition by person_key order by month desc) as latest_rank,
        sum(case when status = 'separated' then 1 else 0 end) over (
            partition by person_key
        ) as separated_rows
    from person_months

),

hires as (

    select ranked.bureau_code, ranked.prefecture_code, ranked.month, ranked.category
    from ranked
    inner join bounds
        on bounds.province_code = ranked.province_code
    where ranked.counts_in_headcount
        and ranked.in_headcount_rank = 1
        and (
            ranked.month > bounds.first_month
            or ranked.hire_date >= ranked.month
        )

),

separations as (

    select bureau_code, prefecture_code, month, category
    from ranked
    where status = 'separated' and separated_rank = 1

    union all

    -- dropped off the roster with no separated row: the month after the last row
    select
        ranked.bureau_code,
        ranked.prefecture_code,
        {{ dbt.dateadd('month', 1, 'ranked.month') }} as month,
        ranked.category
    from ranked
    inner join bounds
        on bounds.province_code = ranked.province_code
    where ranked.latest_rank = 1
        and ranked.separated_rows = 0
        and ranked.month < bounds.last_month

),

headcount as (

    select
        bureau_code,
        prefecture_code,
        month,
        category,
        count(distinct case when counts_in_headcount then person_key end) as headcount
    from person_months
    group by 1, 2, 3, 4

),

events as (

    select bureau_code, prefecture_code, month, category, 0 as headcount, 1 as hires, 0 as separations
    from hires
    union all
    select bureau_code, prefecture_code, month, category, 0, 0, 1
    from separations
    union all
    select bureau_code, prefecture_code, month, category, headcount, 0, 0
    from headcount

),

aggregated as (

    select
        bureau_code,
        max(prefecture_code) as prefecture_code,
        month,
        category,
        sum(headcount) as headcount,
        sum(hires) as hires,
        sum(separations) as separations
    from events
    where bureau_code is not null
    group by bureau_code, month, category

),

final as (

    select
        -- grain
        cast(aggregated.bureau_code as {{ type_string() }}) as bureau_code,
        cast(aggregated.month as date) as month,
        cast(aggregated.category as {{ type_string() }}) as category,

        -- where
        cast(units.tier as {{ type_string() }}) as bureau_tier,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(aggregated.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(extract(year from aggregated.month) as integer) as year,

        -- measures
        cast(aggregated.headcount as bigint) as headcount,
        cast(aggregated.hires as bigint) as hires,
        cast(aggregated.separations as bigint) as separations,
        cast(aggregated.hires - aggregated.separations as bigint) as net_change
    from aggregated
    left join units
        on units.unit_code = aggregated.bureau_code

)
select * from final
