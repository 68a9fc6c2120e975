{#-
    Generic test: the combination of columns is unique (nulls compare equal, so a finding
    with a null person_key still collides with another null person_key finding).

    Rows are first grouped by a 64-bit hash of the combination and only colliding hashes are
    compared in full: grouping ~50 M rows of long keys (incident id, 64-character person
    key) directly needs a hash table of several GB, which spills at province scale.
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
{%- set columns = combination_of_columns | join(', ') %}
with hashed as (
    select {{ columns }}, {{ row_hash(combination_of_columns) }} as row_hash
    from {{ model }}
),
colliding as (
    select row_hash from hashed group by row_hash having count(*) > 1
),
grouped as (
    select
        {{ columns }},
        count(*) as n_rows
    from hashed
    where row_hash in (select row_hash from colliding)
    group by {{ columns }}
    having count(*) > 1
)
select * from grouped
{% endtest %}
