-- Unit x month x category for units with anyone on that month's roster (output contract).
-- headcount = active + suspended (suspended people still hold a quota place, 第6条/第32条).
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('month', 'select month from ' ~ ref('int_roster__person_months')) }}",
    **incremental_by_month('month'),
) }}
with

person_months as (

    select * from {{ ref('int_roster__person_months') }}
    where {{ is_changed_month('month', ['roster']) }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

aggregated as (

    select
        month,
        unit_code,
        category,
        count(distinct case when counts_in_headcount then person_key end) as headcount,
        count(distinct case when status = 'active' then person_key end) as active,
        count(distinct case when status = 'suspended' then person_key end) as suspended,
        count(distinct case when is_hired_in_month then person_key end) as hires,
        count(distinct case when is_separated_in_month then person_key end) as separations,
        count(distinct case when is_in_service then person_key end) as in_service,
        count(distinct person_key) as on_roster
    from person_months
    group by 1, 2, 3

),

final as (

    select
        -- grain
        cast(aggregated.month as date) as month,
        cast(aggregated.unit_code as {{ type_string() }}) as unit_code,
        cast(aggregated.category as {{ type_string() }}) as category,

        -- where
        cast(units.bureau_code as {{ type_string() }}) as bureau_code,
        cast(units.province_code as {{ type_string() }}) as province_code,
        cast(units.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(units.tier as {{ type_string() }}) as unit_tier,
        cast(units.unit_kind as {{ type_string() }}) as unit_kind,
        cast(coalesce(units.is_grassroots, false) as boolean) as is_grassroots,
        cast(extract(year from aggregated.month) as integer) as year,

        -- measures
        cast(aggregated.headcount as bigint) as headcount,
        cast(aggregated.active as bigint) as active,
        cast(aggregated.suspended as bigint) as suspended,
        cast(aggregated.hires as bigint) as hires,
        cast(aggregated.separations as bigint) as separations,
        cast(aggregated.in_service as bigint) as in_service,
        cast(aggregated.on_roster as bigint) as on_roster,

        -- incremental bookkeeping (macros/incremental/incremental_months.sql)
        cast({{ loaded_at_watermark() }} as timestamp) as loaded_at_watermark
    from aggregated
    left join units
        on units.unit_code = aggregated.unit_code

)

select * from final
