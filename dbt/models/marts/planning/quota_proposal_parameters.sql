-- One row: the parameters the published quota proposal ran with (dbt vars in
-- dbt_project.yml: province_total, damping_bound, grassroots_weight, indicator_weights), so
-- that the dashboards' what-if starts from them and reproduces the mart at these settings.
{%- set w = var('indicator_weights') %}
with

inputs as (

    select * from {{ ref('quota_proposal_inputs') }}

),

final as (

    select
        cast(coalesce({{ var_or_null('province_total') }}, sum(current_quota)) as bigint)
            as province_total,
        cast({{ var('damping_bound') }} as double precision) as damping_bound,
        cast({{ var('grassroots_weight') }} as double precision) as grassroots_weight,
        cast({{ w.population }} as double precision) as w_population,
        cast({{ w.incidents }} as double precision) as w_incidents,
        cast({{ w.workload }} as double precision) as w_workload,
        cast({{ w.current }} as double precision) as w_current
    from inputs

)

select * from final
