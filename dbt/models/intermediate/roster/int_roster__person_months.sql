-- Every roster row (person x month) with the flags the marts and rules share:
--   counts_in_headcount: status active or suspended (suspended people still hold a quota place);
--   is_in_service: status active or suspended AND hire_date <= the month's first day
--     (docs/rules-interpretation.md: a separated row never counts; a mid-month hire never
--     counts, so partial first months raise no pay or insurance alarm).
{{ config(
    materialized='incremental',
    on_schema_change='fail',
    post_hook="{{ delete_vanished_months('month', 'select snapshot_month from ' ~ source('roster', 'roster')) }}",
    **incremental_by_month('month'),
) }}
with

roster as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}
    where {{ is_changed_month('snapshot_month', ['roster']) }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

final as (

    select
        -- grain
        roster.snapshot_month as month,
        roster.person_key,

        -- calendar
        {{ month_end('roster.snapshot_month') }} as month_end,
        cast(extract(year from roster.snapshot_month) as integer) as year,

        -- where
        roster.unit_code,
        units.bureau_code,
        units.county_bureau_code,
        -- the unit's province; a unit missing from org_units: its code's first 2 digits
        coalesce(units.province_code, {{ province_code('roster.unit_code') }}) as province_code,
        units.prefecture_code,
        units.effective_admin_code,
        coalesce(units.is_grassroots, false) as is_grassroots,

        -- who
        roster.category,
        roster.post,
        roster.level,
        roster.education,
        roster.birth_date,
        roster.hire_date,
        roster.contract_start,
        roster.contract_end,
        roster.status,
        roster.status_since,

        -- flags
        roster.status in ('active', 'suspended') as counts_in_headcount,
        roster.status in ('active', 'suspended')
            and roster.hire_date <= roster.snapshot_month as is_in_service,
        roster.hire_date >= roster.snapshot_month
            and roster.hire_date <= {{ month_end('roster.snapshot_month') }} as is_hired_in_month,
        roster.status = 'separated'
            and roster.status_since >= roster.snapshot_month
            and roster.status_since <= {{ month_end('roster.snapshot_month') }}
            as is_separated_in_month,

        -- incremental bookkeeping (macros/incremental/incremental_months.sql)
        {{ loaded_at_watermark() }} as loaded_at_watermark

    from roster
    left join units
        on units.unit_code = roster.unit_code

)

select * from final
