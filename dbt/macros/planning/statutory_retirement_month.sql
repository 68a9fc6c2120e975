{#-
    The month a person reaches the statutory retirement age (法定退休年龄), as the first day of
    that month, under 《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》
    (2024-09-13, in force 2025-01-01) and its annexed 《国务院关于渐进式延迟法定退休年龄的办法》
    Art. 1: from 2025 the age rises one month every `months_per_step` months of birth, up to
    `max_delay_months` (men 60 -> 63 and women 55 -> 58: every 4 months, at most 36; women 50 ->
    55: every 2 months, at most 60).

        delay  = 0 for a birth month before first_birth_month_delayed, else
                 min(max_delay_months, floor(months from first_birth_month_delayed to the
                 birth month / months_per_step) + 1)
        result = birth month + base_age_years x 12 + delay months

    e.g. a man born 1965-01: delay 1, retires 2025-02 (60 years 1 month); born 1976-09: 140
    months after 1965-01, floor(140 / 4) + 1 = 36, retires 2039-09 at 63.
    `rule` is the alias of a ref_retirement_rules row (gender x category).
-#}
{% macro statutory_retirement_month(birth_date, rule) -%}
    {%- set birth_month = month_start(birth_date) -%}
    {%- set months_after_first -%}
        (12 * (extract(year from {{ birth_month }}) - extract(year from {{ rule }}.first_birth_month_delayed))
            + extract(month from {{ birth_month }}) - extract(month from {{ rule }}.first_birth_month_delayed))
    {%- endset -%}
    {%- set delay_months -%}
        case
            when {{ birth_month }} < {{ rule }}.first_birth_month_delayed then 0
            else least(
                {{ rule }}.max_delay_months,
                cast(floor(cast({{ months_after_first }} as {{ type_double() }}) / {{ rule }}.months_per_step) as integer) + 1
            )
        end
    {%- endset -%}
    cast({{ dbt.dateadd('month', rule ~ '.base_age_years * 12 + ' ~ delay_months, birth_month) }} as date)
{%- endmacro %}
