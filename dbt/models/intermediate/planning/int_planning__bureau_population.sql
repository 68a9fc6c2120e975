-- Bureau: residents served (第6条 倾斜基层; staffing model posts per 100,000 residents).
-- County bureaus only: org_units.population of the bureau, else ref_divisions.population of
-- its admin code; population_is_estimate = the figure used is the divisions seed's and the
-- seed marks it derived (ref_divisions.is_estimate). Province and prefecture bureaus: null.
with

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

divisions as (

    select * from {{ ref('ref_divisions') }}

),

bureaus as (

    select * from units
    where is_bureau

),

final as (

    select
        bureaus.unit_code as bureau_code,
        bureaus.tier as bureau_tier,
        bureaus.province_code,
        bureaus.prefecture_code,
        cast(
            case
                when bureaus.tier = 'county'
                    then coalesce(bureaus.population, divisions.population)
            end
        as bigint) as population,
        case
            when bureaus.tier <> 'county' then null
            when bureaus.population is null and divisions.population is null then null
            -- the bureau's own figure, unless it is just the seed's estimate repeated
            when bureaus.population is not null
                and (divisions.population is null or bureaus.population <> divisions.population)
                then false
            else coalesce(cast(divisions.is_estimate as boolean), false)
        end as population_is_estimate
    from bureaus
    left join divisions
        on cast(divisions.admin_code as {{ type_string() }}) = bureaus.admin_code

)

select * from final
