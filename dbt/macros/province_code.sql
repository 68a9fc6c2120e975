{#-
    The province (GB/T 2260 code) of a division code: its first 2 digits + '0000' (a
    province's code is the root of every division code under it). One definition for the org
    tree (int_org__unit_bureaus) and the marts whose grain is a prefecture or a division.
-#}
{% macro province_code(admin_code) -%}
    substr({{ admin_code }}, 1, 2) || '0000'
{%- endmacro %}
