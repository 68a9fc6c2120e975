{#-
    Generic test: the combination of columns is unique (nulls compare equal, so a finding
    with a null person_key still collides with another null person_key finding).
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
with grouped as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as n_rows
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
)
select * from grouped
{% endtest %}
