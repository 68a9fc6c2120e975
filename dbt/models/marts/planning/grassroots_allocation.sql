-- County bureau x year: are grassroots units staffed for their workload? (第6条 倾斜基层)
-- Staffing model (staffing_need): required_fte = reactive + proactive patrol + fixed posts
-- x relief factor + civilian support, in FTE of the available hours per person.
with

needs as (

    select * from {{ ref('int_planning__bureau_needs') }}
    where bureau_tier = 'county'

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

-- the same county's figures a year earlier (last year beside this year)
prior as (

    select bureau_code, year + 1 as year, aux_total, required_fte
    from needs

),

final as (

    select
        -- grain
        cast(needs.bureau_code as {{ type_string() }}) as bureau_code,
        cast(needs.year as integer) as year,

        -- where
        cast(units.unit_name as {{ type_string() }}) as bureau_name,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(needs.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(units.effective_admin_code as {{ type_string() }}) as admin_code,

        -- staff
        cast(needs.aux_total as bigint) as aux_total,
        cast(needs.aux_grassroots as bigint) as aux_grassroots,
        cast(needs.grassroots_share as {{ type_double() }}) as grassroots_share,
        cast(needs.police_count as bigint) as police_count,
        cast({{ safe_ratio('needs.aux_total', 'needs.police_count') }} as {{ type_double() }}) as aux_per_police,
        cast(needs.population as bigint) as population,
        cast(needs.population_is_estimate as boolean) as population_is_estimate,
        cast(
            {{ safe_ratio('needs.aux_total', 'needs.population') }} * 10000 as {{ type_double() }}
        ) as aux_per_10k_population,

        -- workload
        cast(needs.months_observed as integer) as months_observed,
        cast(needs.incidents as bigint) as incidents,
        cast(needs.workload_hours as {{ type_double() }}) as workload_hours,
        cast(needs.annual_workload_hours as {{ type_double() }}) as annual_workload_hours,
        cast(needs.proactive_hours as {{ type_double() }}) as proactive_hours,
        cast(needs.required_fte as {{ type_double() }}) as required_fte,
        cast(needs.aux_total - needs.required_fte as {{ type_double() }}) as staffing_gap,
        cast(needs.reactive_hours as {{ type_double() }}) as reactive_hours,
        cast(needs.fixed_positions as {{ type_double() }}) as fixed_positions,
        cast(needs.fixed_post_fte as {{ type_double() }}) as fixed_post_fte,
        cast(needs.support_fte as {{ type_double() }}) as support_fte,
        cast(needs.required_fte_duty as {{ type_double() }}) as required_fte_duty,
        cast(needs.required_fte_civilian as {{ type_double() }}) as required_fte_civilian,

        -- assumptions of the staffing model
        cast(needs.available_hours_per_fte as {{ type_double() }}) as available_hours_per_person,
        cast(1 - {{ var('proactive_share') }} as {{ type_double() }}) as target_incident_share,
        cast(needs.relief_factor as {{ type_double() }}) as relief_factor,

        -- last year beside this year
        cast(prior.aux_total as bigint) as prior_aux_total,
        cast(needs.aux_total - prior.aux_total as bigint) as aux_total_change,
        cast(prior.required_fte as {{ type_double() }}) as prior_required_fte,
        cast(needs.required_fte - prior.required_fte as {{ type_double() }}) as required_fte_change
    from needs
    left join units
        on units.unit_code = needs.bureau_code
    left join prior
        on prior.bureau_code = needs.bureau_code
        and prior.year = needs.year

)

select * from final
