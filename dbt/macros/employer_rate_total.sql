{#- Σ employer social insurance rates of a row of int_ref__insurance_rates_by_year (第34条):
    pension + medical + maternity (0 when merged into medical) + unemployment + injury;
    0 when the row is missing. Used by budget_projection and salary_adjustment_cost. -#}
{% macro employer_rate_total(rates) -%}
    cast(coalesce(
        coalesce({{ rates }}.pension_employer_rate, 0)
        + coalesce({{ rates }}.medical_employer_rate, 0)
        + case when {{ rates }}.maternity_merged then 0
            else coalesce({{ rates }}.maternity_employer_rate, 0) end
        + coalesce({{ rates }}.unemployment_employer_rate, 0)
        + coalesce({{ rates }}.injury_employer_rate, 0),
    0) as {{ type_double() }})
{%- endmacro %}
