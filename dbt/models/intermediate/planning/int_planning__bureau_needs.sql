-- Bureau x year need indicators for planning (第6条 倾斜基层; workload-based staffing):
-- headcount of the year and its grassroots part, police strength, population served,
-- incidents and the staffing model's required FTE (int_planning__staffing_need: reactive,
-- proactive, fixed posts, civilian support; vars in dbt_project.yml). Years = years with
-- roster months.
with

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

person_months as (

    select * from {{ ref('int_roster__person_months') }}

),

years as (

    select * from {{ ref('int_roster__years') }}

),

police as (

    select * from {{ ref('stg_police_strength__officers') }}

),

incidents as (

    select * from {{ ref('int_incidents__incidents') }}

),

staffing as (

    select * from {{ ref('int_planning__staffing_need') }}

),

population as (

    select * from {{ ref('int_planning__bureau_population') }}

),

bureaus as (

    select * from units
    where is_bureau

),

headcount as (

    select
        person_months.bureau_code,
        years.year,
        count(distinct person_months.person_key) as aux_total,
        count(distinct case when person_months.is_grassroots then person_months.person_key end)
            as aux_grassroots
    from person_months
    inner join years
        on years.province_code = person_months.province_code
        and years.latest_month = person_months.month
    where person_months.counts_in_headcount
    group by 1, 2

),

police_by_bureau as (

    select
        units.bureau_code,
        cast(police.year as integer) as year,
        sum(police.police_count) as police_count
    from police
    inner join units
        on units.unit_code = police.unit_code
    group by 1, 2

),

incidents_by_bureau as (

    select
        bureau_code,
        year,
        count(*) as incidents,
        sum(auxiliary_staff_hours) as workload_hours
    from incidents
    group by 1, 2

),

staffing_by_bureau as (

    select
        bureau_code,
        year,
        sum(case when category = 'duty' then required_fte else 0 end) as required_fte_duty,
        sum(case when category = 'civilian' then required_fte else 0 end) as required_fte_civilian,
        sum(reactive_hours) as reactive_hours,
        sum(proactive_hours) as proactive_hours,
        sum(fixed_positions) as fixed_positions,
        sum(fixed_cover_hours) as fixed_cover_hours,
        sum(fixed_post_fte) as fixed_post_fte,
        sum(support_fte) as support_fte,
        max(available_hours_per_fte) as available_hours_per_fte
    from staffing
    group by 1, 2

),

final as (

    select
        bureaus.unit_code as bureau_code,
        years.year,
        bureaus.province_code,
        bureaus.tier as bureau_tier,
        bureaus.prefecture_code,
        years.roster_months as months_observed,

        -- staff (headcount of the year)
        cast(coalesce(headcount.aux_total, 0) as bigint) as aux_total,
        cast(coalesce(headcount.aux_grassroots, 0) as bigint) as aux_grassroots,
        {{ safe_ratio('headcount.aux_grassroots', 'headcount.aux_total') }} as grassroots_share,

        -- police and population (population is given for county bureaus; else the division seed)
        cast(police_by_bureau.police_count as bigint) as police_count,
        cast(population.population as bigint) as population,
        population.population_is_estimate,

        -- incidents and workload (annualised to 12 months from the roster months observed)
        cast(coalesce(incidents_by_bureau.incidents, 0) as bigint) as incidents,
        cast(coalesce(incidents_by_bureau.workload_hours, 0) as {{ type_double() }}) as workload_hours,
        cast(coalesce(incidents_by_bureau.incidents, 0) as {{ type_double() }}) * 12.0 / years.roster_months
            as annual_incidents,
        cast(coalesce(incidents_by_bureau.workload_hours, 0) as {{ type_double() }}) * 12.0
            / years.roster_months as annual_workload_hours,

        -- staffing model (int_planning__staffing_need)
        staffing_by_bureau.reactive_hours,
        staffing_by_bureau.proactive_hours,
        staffing_by_bureau.fixed_positions,
        staffing_by_bureau.fixed_post_fte,
        staffing_by_bureau.support_fte,
        staffing_by_bureau.available_hours_per_fte,
        staffing_by_bureau.fixed_cover_hours / nullif(staffing_by_bureau.fixed_positions, 0)
            / staffing_by_bureau.available_hours_per_fte as relief_factor,
        staffing_by_bureau.required_fte_duty,
        staffing_by_bureau.required_fte_civilian,
        staffing_by_bureau.required_fte_duty + staffing_by_bureau.required_fte_civilian
            as required_fte

    from bureaus
    inner join years
        on years.province_code = bureaus.province_code
    left join population
        on population.bureau_code = bureaus.unit_code
    left join headcount
        on headcount.bureau_code = bureaus.unit_code
        and headcount.year = years.year
    left join police_by_bureau
        on police_by_bureau.bureau_code = bureaus.unit_code
        and police_by_bureau.year = years.year
    left join incidents_by_bureau
        on incidents_by_bureau.bureau_code = bureaus.unit_code
        and incidents_by_bureau.year = years.year
    left join staffing_by_bureau
        on staffing_by_bureau.bureau_code = bureaus.unit_code
        and staffing_by_bureau.year = years.year

)

select * from final
