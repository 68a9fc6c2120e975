-- One row per province: the parameters the published quota proposal ran with (dbt vars in
-- dbt_project.yml: province_total, damping_bound, grassroots_weight, indicator_weights; the
-- province's total = the var, else Σ current_quota of its bureaus), so that the dashboards'
-- what-if starts from them and reproduces the mart at these settings.
{%- set w = var('indicator_weights') %}
with

inputs as (

    select * from {{ ref('quota_proposal_inputs') }}

),

final as (

    select
        -- grain
        cast(province_code as {{ type_string() }}) as province_code,

        -- parameters
        cast(coalesce({{ var_or_null('province_total') }}, sum(current_quota)) as bigint)
            as province_total,
        cast({{ var('damping_bound') }} as {{ type_double() }}) as damping_bound,
        cast({{ var('grassroots_weight') }} as {{ type_double() }}) as grassroots_weight,
        cast({{ w.population }} as {{ type_double() }}) as w_population,
        cast({{ w.incidents }} as {{ type_double() }}) as w_incidents,
        cast({{ w.workload }} as {{ type_double() }}) as w_workload,
        cast({{ w.current }} as {{ type_double() }}) as w_current
    from inputs
    group by province_code

)

select * from final
