-- Province x category x rate kind (x tenure band for attrition): the separation rates the
-- latest forecast of the province applies (workforce_forecast; 第6条 动态调整, 第16条, 第28条), estimated from the
-- roster history before the latest roster month (int_workforce__separation_rates):
--   attrition             monthly hazard = attrition separations ÷ person-months at risk;
--                         annual_rate = 1 − (1 − monthly)^12;
--   contract_non_renewal  contract ends not renewed ÷ contract ends (monthly_rate holds
--                         the share; annual_rate null).
with

rates as (

    select * from {{ ref('int_workforce__separation_rates') }}

),

origins as (

    select * from {{ ref('int_workforce__origins') }}
    where is_forecast_origin

),

final as (

    select
        -- grain
        cast(rates.province_code as {{ type_string() }}) as province_code,
        cast(rates.category as {{ type_string() }}) as category,
        cast(rates.rate_kind as {{ type_string() }}) as rate_kind,
        cast(rates.tenure_band as {{ type_string() }}) as tenure_band,

        -- measures
        cast(rates.person_months as bigint) as person_months,
        cast(rates.contract_ends as bigint) as contract_ends,
        cast(rates.separations as bigint) as separations,
        cast(rates.monthly_rate as {{ type_double() }}) as monthly_rate,
        cast(rates.annual_rate as {{ type_double() }}) as annual_rate,

        -- the window the rates come from
        cast(rates.window_start as date) as window_start,
        cast(rates.window_end as date) as window_end
    from rates
    inner join origins
        on origins.province_code = rates.province_code
        and origins.origin_month = rates.origin_month

)

select * from final
