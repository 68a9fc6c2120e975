-- A13_EDUCATION_BELOW_REQUIREMENT (第13条第五项): duty staff need at least senior high school
-- (高中; 中专 ranks with 高中), civilian staff at least junior college (大专), unless the
-- recruitment record relaxed the requirement (relaxed_by_notice). Period = hire month.
with

people as (

    select * from {{ ref('int_roster__person_latest') }}

),

findings as (

    select
        unit_code,
        person_key,
        cast(null as {{ type_string() }}) as incident_id,
        {{ format_month('hire_month') }} as period,
        cast(null as {{ type_string() }}) as detail,
        {{ json_object([
            ('category', 'category'),
            ('education', 'education'),
            ('education_rank', 'education_rank'),
            ('required_rank', "case when category = 'duty' then 2 else 3 end"),
            ('relaxed_by_notice', 'relaxed_by_notice'),
        ]) }} as evidence,
        {{ evidence_rows([evidence_row('roster', 'source_file', 'source_row')]) }} as evidence_rows
    from people
    where not coalesce(relaxed_by_notice, false)
        and (
            (category = 'duty' and education_rank < 2)
            or (category = 'civilian' and education_rank < 3)
        )

),

final as (

    select {{ rule_columns('A13_EDUCATION_BELOW_REQUIREMENT') }}
    from findings

)

select * from final
