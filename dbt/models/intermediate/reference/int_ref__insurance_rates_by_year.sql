-- Social insurance rates pivoted to one row per year (Art. 34): employer and employee rates
-- per type, the contribution base floor and ceiling of the year, and whether maternity
-- insurance is merged into medical insurance that year.
with

rates as (

    select * from {{ ref('ref_insurance_rates') }}

),

final as (

    select
        cast(year as integer) as year,

        -- employer rates (share of the contribution base)
        {%- for t in ['pension', 'medical', 'maternity', 'unemployment', 'injury'] %}
        max(case when insurance_type = '{{ t }}' then cast(employer_rate as {{ type_double() }}) end)
            as {{ t }}_employer_rate,
        {%- endfor %}

        -- employee rates
        {%- for t in ['pension', 'medical', 'maternity', 'unemployment', 'injury'] %}
        max(case when insurance_type = '{{ t }}' then cast(employee_rate as {{ type_double() }}) end)
            as {{ t }}_employee_rate,
        {%- endfor %}

        -- base bounds of the year (monthly, yuan)
        cast(max(base_floor) as decimal(18, 2)) as base_floor,
        cast(max(base_ceiling) as decimal(18, 2)) as base_ceiling,

        -- maternity merged into medical (生育保险并入医疗保险)
        coalesce(
            max(case when insurance_type = 'maternity' and merged_into_medical then 1 else 0 end) = 1,
            false
        ) as maternity_merged

    from rates
    group by year

)

select * from final
