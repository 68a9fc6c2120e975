-- Bureau x roster year x incident type: reactive workload of auxiliaries (staffing model,
-- 第6条 / 第8条: auxiliaries attend under police lead).
--   attending_staff_hours = Σ handling_minutes ÷ 60 x (police + auxiliaries attending, at least 1);
--   auxiliary_share       = Σ auxiliaries attending ÷ Σ (police + auxiliaries) of the type
--                           (incident staff rows; 0 when nobody is recorded);
--   reactive_hours        = attending_staff_hours x auxiliary_share (observed);
--   annual_reactive_hours = reactive_hours x 12 ÷ roster months of the year.
with

incidents as (

    select * from {{ ref('int_incidents__incidents') }}

),

years as (

    select * from {{ ref('int_roster__years') }}

),

by_type as (

    select
        province_code,
        bureau_code,
        year,
        incident_type,
        count(*) as incidents,
        -- whole minutes summed, then hours: an integer sum is the same in any order, so a
        -- rebuild gives the same figures to the last bit (a sum of doubles need not)
        cast(sum(handling_minutes) as {{ type_double() }}) / 60.0 as handling_hours,
        cast(sum(handling_minutes * greatest(auxiliary_staff + police_staff, 1))
            as {{ type_double() }}) / 60.0 as attending_staff_hours,
        sum(auxiliary_staff) as auxiliary_attendances,
        sum(police_staff) as police_attendances
    from incidents
    where bureau_code is not null
    group by 1, 2, 3, 4

),

shared as (

    select
        by_type.*,
        coalesce(
            cast(auxiliary_attendances as {{ type_double() }})
                / nullif(auxiliary_attendances + police_attendances, 0),
            0
        ) as auxiliary_share,
        years.roster_months as months_observed
    from by_type
    inner join years
        on years.province_code = by_type.province_code
        and years.year = by_type.year

),

final as (

    select
        *,
        attending_staff_hours * auxiliary_share as reactive_hours,
        attending_staff_hours * auxiliary_share * 12.0 / months_observed as annual_reactive_hours
    from shared

)

select * from final
