-- County bureau x year: are grassroots units staffed for their workload? (第6条 倾斜基层)
-- Workload model: required_fte = annual auxiliary staff-hours on incidents
-- / (available hours per person x target share of time on incidents) x relief factor.
with

needs as (

    select * from {{ ref('int_planning__bureau_needs') }}
    where bureau_tier = 'county'

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

final as (

    select
        -- grain
        cast(needs.bureau_code as varchar) as bureau_code,
        cast(needs.year as integer) as year,

        -- where
        cast(units.unit_name as varchar) as bureau_name,
        cast(needs.prefecture_code as varchar) as prefecture_code,
        cast(units.effective_admin_code as varchar) as admin_code,

        -- staff
        cast(needs.aux_total as bigint) as aux_total,
        cast(needs.aux_grassroots as bigint) as aux_grassroots,
        cast(needs.grassroots_share as double precision) as grassroots_share,
        cast(needs.police_count as bigint) as police_count,
        cast({{ safe_ratio('needs.aux_total', 'needs.police_count') }} as double precision) as aux_per_police,
        cast(needs.population as bigint) as population,
        cast(
            {{ safe_ratio('needs.aux_total', 'needs.population') }} * 10000 as double precision
        ) as aux_per_10k_population,

        -- workload
        cast(needs.months_observed as integer) as months_observed,
        cast(needs.incidents as bigint) as incidents,
        cast(needs.workload_hours as double precision) as workload_hours,
        cast(needs.annual_workload_hours as double precision) as annual_workload_hours,
        cast(needs.proactive_hours as double precision) as proactive_hours,
        cast(needs.required_fte as double precision) as required_fte,
        cast(needs.aux_total - needs.required_fte as double precision) as staffing_gap,

        -- assumptions of the workload model
        cast({{ var('available_hours_per_person') }} as double precision) as available_hours_per_person,
        cast({{ var('target_incident_share') }} as double precision) as target_incident_share,
        cast({{ var('relief_factor') }} as double precision) as relief_factor
    from needs
    left join units
        on units.unit_code = needs.bureau_code

)

select * from final
