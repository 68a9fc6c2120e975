-- Person attributes for person-grain rules (A13, A15, A27, A29): the person's latest roster
-- row (max snapshot_month); unit_code of a finding is that row's unit.
with

roster as (

    select * from {{ ref('stg_roster__monthly_snapshots') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

ranked as (

    select
        roster.*,
        row_number() over (
            partition by person_key order by snapshot_month desc
        ) as recency_rank,
        min(snapshot_month) over (partition by person_key) as first_snapshot_month,
        count(*) over (partition by person_key) as roster_months
    from roster

),

final as (

    select
        ranked.person_key,
        ranked.snapshot_month as latest_month,
        ranked.first_snapshot_month,
        cast(ranked.roster_months as integer) as roster_months,
        ranked.unit_code,
        units.bureau_code,
        -- the unit's province; a unit missing from org_units: its code's first 2 digits
        coalesce(units.province_code, {{ province_code('ranked.unit_code') }}) as province_code,
        units.prefecture_code,
        ranked.gender,
        ranked.birth_date,
        ranked.nationality,
        ranked.education,
        case ranked.education
            when 'junior_middle' then 1
            when 'senior_high' then 2
            when 'secondary_vocational' then 2  -- 中专 ranks with 高中 (Art. 13)
            when 'junior_college' then 3
            when 'bachelor' then 4
            when 'postgraduate' then 5
        end as education_rank,
        ranked.category,
        ranked.post,
        ranked.level,
        ranked.hire_date,
        {{ month_start('ranked.hire_date') }} as hire_month,
        ranked.contract_start,
        ranked.contract_end,
        ranked.status,
        ranked.status_since,
        ranked.separation_reason,
        ranked.priority_group,
        ranked.background_check,
        ranked.background_reason,
        ranked.relaxed_by_notice,

        -- lineage: the roster row these attributes come from (evidence_rows of the rules)
        ranked.source_file,
        ranked.source_row
    from ranked
    left join units
        on units.unit_code = ranked.unit_code
    where ranked.recency_rank = 1

)

select * from final
