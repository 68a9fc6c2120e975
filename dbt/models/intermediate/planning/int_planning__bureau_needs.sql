-- Bureau x year need indicators for planning (第6条 倾斜基层; workload-based staffing):
-- headcount of the year and its grassroots part, police strength, population served,
-- incidents and the workload model (vars in dbt_project.yml). Years = years with roster months.
with

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

divisions as (

    select * from {{ ref('ref_divisions') }}

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
        on years.latest_month = person_months.month
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

final as (

    select
        bureaus.unit_code as bureau_code,
        years.year,
        bureaus.tier as bureau_tier,
        bureaus.prefecture_code,
        years.roster_months as months_observed,

        -- staff (headcount of the year)
        cast(coalesce(headcount.aux_total, 0) as bigint) as aux_total,
        cast(coalesce(headcount.aux_grassroots, 0) as bigint) as aux_grassroots,
        {{ safe_ratio('headcount.aux_grassroots', 'headcount.aux_total') }} as grassroots_share,

        -- police and population (population is given for county bureaus; else the division seed)
        cast(police_by_bureau.police_count as bigint) as police_count,
        cast(
            case
                when bureaus.tier = 'county'
                    then coalesce(bureaus.population, divisions.population)
            end
        as bigint) as population,

        -- incidents and workload (annualised to 12 months from the roster months observed)
        cast(coalesce(incidents_by_bureau.incidents, 0) as bigint) as incidents,
        cast(coalesce(incidents_by_bureau.workload_hours, 0) as double precision) as workload_hours,
        cast(coalesce(incidents_by_bureau.incidents, 0) as double precision) * 12.0 / years.roster_months
            as annual_incidents,
        cast(coalesce(incidents_by_bureau.workload_hours, 0) as double precision) * 12.0
            / years.roster_months as annual_workload_hours

    from bureaus
    cross join years
    left join divisions
        on cast(divisions.admin_code as varchar) = bureaus.admin_code
    left join headcount
        on headcount.bureau_code = bureaus.unit_code
        and headcount.year = years.year
    left join police_by_bureau
        on police_by_bureau.bureau_code = bureaus.unit_code
        and police_by_bureau.year = years.year
    left join incidents_by_bureau
        on incidents_by_bureau.bureau_code = bureaus.unit_code
        and incidents_by_bureau.year = years.year

),

workload_model as (

    select
        *,
        -- required FTE = annual workload / (available hours x target incident share) x relief factor
        annual_workload_hours
            / ({{ var('available_hours_per_person') }} * {{ var('target_incident_share') }})
            * {{ var('relief_factor') }} as required_fte,
        annual_workload_hours / {{ var('target_incident_share') }} * {{ var('proactive_share') }}
            as proactive_hours
    from final

)

select * from workload_model
