-- 工资发放 (payroll): renames and types only; one row per key (pay_month, person_key),
-- keeping the latest load (raw replaces by key, but a row may survive from an older file).
with

source as (

    select * from {{ source('payroll', 'payroll') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by pay_month, person_key
            order by _loaded_at desc, _file desc, _row desc
        ) as version_rank
    from source

),

final as (

    select
        cast(pay_month as date) as pay_month,
        cast(person_key as {{ type_string() }}) as person_key,
        cast(base_pay as decimal(18, 2)) as base_pay,
        cast(level_pay as decimal(18, 2)) as level_pay,
        cast(post_allowance as decimal(18, 2)) as post_allowance,
        cast(hazard_allowance as decimal(18, 2)) as hazard_allowance,
        cast(performance_pay as decimal(18, 2)) as performance_pay,
        cast(overtime_pay as decimal(18, 2)) as overtime_pay,
        cast(other_pay as decimal(18, 2)) as other_pay,
        cast(coalesce(overtime_hours, 0) as decimal(12, 2)) as overtime_hours,
        cast(coalesce(comp_time_hours, 0) as decimal(12, 2)) as comp_time_hours,
        cast(gross_pay as decimal(18, 2)) as gross_pay,
        cast(contribution_base as decimal(18, 2)) as contribution_base,
        cast(pension_er as decimal(18, 2)) as pension_er,
        cast(pension_ee as decimal(18, 2)) as pension_ee,
        cast(medical_er as decimal(18, 2)) as medical_er,
        cast(medical_ee as decimal(18, 2)) as medical_ee,
        cast(maternity_er as decimal(18, 2)) as maternity_er,
        cast(unemployment_er as decimal(18, 2)) as unemployment_er,
        cast(unemployment_ee as decimal(18, 2)) as unemployment_ee,
        cast(injury_er as decimal(18, 2)) as injury_er,

        -- lineage
        cast(_file as {{ type_string() }}) as source_file,
        cast(_row as bigint) as source_row,
        cast(_loaded_at as timestamp) as loaded_at

    from ranked
    where version_rank = 1

)

select * from final
