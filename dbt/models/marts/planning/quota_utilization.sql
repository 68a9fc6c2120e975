-- Bureau x year x category: approved quota vs headcount of the year (第6条 用人额度, 第10条).
with

utilization as (

    select * from {{ ref('int_planning__quota_utilization') }}

),

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

final as (

    select
        -- grain
        cast(utilization.bureau_code as {{ type_string() }}) as bureau_code,
        cast(utilization.year as integer) as year,
        cast(utilization.category as {{ type_string() }}) as category,

        -- where
        cast(units.unit_name as {{ type_string() }}) as bureau_name,
        cast(utilization.bureau_tier as {{ type_string() }}) as bureau_tier,
        cast(utilization.province_code as {{ type_string() }}) as province_code,
        cast(utilization.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- measures
        cast(utilization.headcount_month as date) as headcount_month,
        cast(utilization.approved_quota as bigint) as approved_quota,
        cast(utilization.requested_quota as bigint) as requested_quota,
        cast(utilization.headcount as bigint) as headcount,
        cast(utilization.utilization as {{ type_double() }}) as utilization,
        cast(utilization.vacancies as bigint) as vacancies,
        cast(utilization.over_quota as boolean) as over_quota
    from utilization
    left join units
        on units.unit_code = utilization.bureau_code

)

select * from final
