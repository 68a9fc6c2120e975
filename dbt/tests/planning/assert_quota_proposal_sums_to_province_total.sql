-- Why: Art. 6 总量控制 — the proposal distributes a fixed provincial total; if the integer
-- rounding (largest remainder) or the damping redistribution leaks or invents a single place,
-- the province would approve a total nobody decided. Returns a row when a province's Σ proposed ≠ its total.
with

proposal as (

    select * from {{ ref('quota_proposal') }}

),

totals as (

    select
        province_code,
        year,
        max(province_total) as province_total,
        min(province_total) as min_province_total,
        sum(proposed_quota) as proposed_total
    from proposal
    group by province_code, year

)

select *
from totals
where proposed_total <> province_total
    or min_province_total <> province_total
