-- Province x origin x category x rate kind (x tenure band for attrition): the separation rates the
-- forecast of that origin applies, estimated from the roster history in the origin's window
-- only (int_workforce__origins; 第6条 动态调整, 第16条, 第28条), each province from its own
-- person-months:
--   attrition             monthly hazard = attrition separations ÷ person-months at risk
--                         (counting in headcount, outcome known, not due to retire), per
--                         category x tenure band (band on the next month's first day);
--   contract_non_renewal  non-renewed contract ends ÷ contract ends, per category.
-- Retirements are not a rate: the forecast takes them from the statutory age.
-- annual_rate = 1 − (1 − monthly_rate)^12 for attrition; a non-renewal rate is a share of
-- contract ends (monthly_rate holds it, annual_rate is null). applied_monthly_rate is what the forecast uses:
-- the band's rate, or the category's over all bands when the band has no person-months in the
-- window, or 0 when the category has none either.
with

person_months as (

    select * from {{ ref('int_workforce__person_months') }}
    where has_outcome

),

origins as (

    select * from {{ ref('int_workforce__origins') }}

),

categories as (

    select 'civilian' as category
    union all
    select 'duty'

),

bands as (

    {%- for label, first_month in tenure_bands() %}
    select '{{ label }}' as tenure_band, {{ first_month }} as band_first_month
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

monthly as (

    select
        province_code,
        month,
        category,
        next_month_tenure_band as tenure_band,
        sum(case when not is_due_to_retire then 1 else 0 end) as person_months,
        sum(case when separation_kind = 'attrition' then 1 else 0 end) as attrition_separations,
        sum(case when is_contract_end then 1 else 0 end) as contract_ends,
        sum(case when is_contract_end and separation_kind = 'contract' then 1 else 0 end)
            as non_renewals
    from person_months
    group by 1, 2, 3, 4

),

windowed as (

    select
        monthly.province_code,
        origins.origin_month,
        origins.window_start,
        origins.window_end,
        monthly.category,
        monthly.tenure_band,
        sum(monthly.person_months) as person_months,
        sum(monthly.attrition_separations) as attrition_separations,
        sum(monthly.contract_ends) as contract_ends,
        sum(monthly.non_renewals) as non_renewals
    from origins
    inner join monthly
        on monthly.province_code = origins.province_code
        and monthly.month between origins.window_start and origins.window_end
    group by 1, 2, 3, 4, 5, 6

),

attrition as (

    select
        origins.province_code,
        origins.origin_month,
        origins.window_start,
        origins.window_end,
        categories.category,
        bands.tenure_band,
        bands.band_first_month,
        coalesce(windowed.person_months, 0) as person_months,
        coalesce(windowed.attrition_separations, 0) as separations,
        {{ safe_ratio('windowed.attrition_separations', 'windowed.person_months') }} as monthly_rate,
        {{ safe_ratio(
            'sum(coalesce(windowed.attrition_separations, 0)) over (partition by origins.province_code, origins.origin_month, categories.category)',
            'sum(coalesce(windowed.person_months, 0)) over (partition by origins.province_code, origins.origin_month, categories.category)'
        ) }} as category_monthly_rate
    from origins
    cross join categories
    cross join bands
    left join windowed
        on windowed.province_code = origins.province_code
        and windowed.origin_month = origins.origin_month
        and windowed.category = categories.category
        and windowed.tenure_band = bands.tenure_band

),

non_renewal as (

    select
        origins.province_code,
        origins.origin_month,
        origins.window_start,
        origins.window_end,
        categories.category,
        sum(coalesce(windowed.contract_ends, 0)) as contract_ends,
        sum(coalesce(windowed.non_renewals, 0)) as separations
    from origins
    cross join categories
    left join windowed
        on windowed.province_code = origins.province_code
        and windowed.origin_month = origins.origin_month
        and windowed.category = categories.category
    group by 1, 2, 3, 4, 5

),

rates as (

    select
        province_code,
        origin_month,
        category,
        'attrition' as rate_kind,
        tenure_band,
        band_first_month,
        person_months,
        cast(null as bigint) as contract_ends,
        separations,
        monthly_rate,
        coalesce(monthly_rate, category_monthly_rate, 0) as applied_monthly_rate,
        window_start,
        window_end
    from attrition

    union all

    select
        province_code,
        origin_month,
        category,
        'contract_non_renewal' as rate_kind,
        cast(null as {{ type_string() }}) as tenure_band,
        cast(null as integer) as band_first_month,
        cast(null as bigint) as person_months,
        contract_ends,
        separations,
        {{ safe_ratio('separations', 'contract_ends') }} as monthly_rate,
        coalesce({{ safe_ratio('separations', 'contract_ends') }}, 0) as applied_monthly_rate,
        window_start,
        window_end
    from non_renewal

),

final as (

    select
        -- grain
        province_code,
        origin_month,
        category,
        rate_kind,
        tenure_band,

        -- attributes
        band_first_month,
        window_start,
        window_end,

        -- measures
        cast(person_months as bigint) as person_months,
        cast(contract_ends as bigint) as contract_ends,
        cast(separations as bigint) as separations,
        monthly_rate,
        case when rate_kind = 'attrition' then 1 - power(1 - monthly_rate, 12) end as annual_rate,
        applied_monthly_rate
    from rates

)

select * from final
