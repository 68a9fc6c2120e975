{#-
    Σ of a DOUBLE expression that is the same in any order: each term as a DECIMAL(38, 15)
    (exact to 1e-15, far below a person), summed exactly. A parallel float sum may differ in
    its last bits between two builds, and a figure rounded or floored from it (the forecast's
    9 decimals, the plan's whole recruits) then flips; test_rerun_is_noop found it.
-#}
{% macro exact_sum(expr) -%}
    sum(cast({{ expr }} as decimal(38, 15)))
{%- endmacro %}
