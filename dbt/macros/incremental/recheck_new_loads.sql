{#-
    The costliest tests of the incident staff re-check only what changed (GitHub issue 6:
    a new month's build spent 80 s proving again that old months are still unique).
    Both serve keys that can only repeat within one incident, so within one month.

    dbt's `where` test config, plus two placeholders:
    * `__staff_loaded_since_last_build__` (staging): the incident months with staff rows
      loaded after the incident models last ran (their `loaded_at_watermark`); every row a
      load adds or replaces gets a new `_loaded_at`, so months nothing touched passed this
      test before. On a first build, a --full-refresh and in unit tests: `true`, every row.
    * `__months_of_this_build__` (an incremental model): the months this run recomputed, i.e.
      rows with the model's newest `loaded_at_watermark` (every row after a full build).

    The watermark is read through the graph, not ref(): a ref would make the test wait for
    int_incidents__incidents, which would by then have moved its watermark past the new rows.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- set where = where | replace('__staff_loaded_since_last_build__', staff_loaded_since_last_build()) -%}
        {%- set where = where | replace('__months_of_this_build__',
            'loaded_at_watermark = (select max(loaded_at_watermark) from ' ~ relation ~ ')') -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{% macro staff_loaded_since_last_build() -%}
    {#- called outside the `execute` branch, so parsing records the dependency -#}
    {%- set staff = source('incident_staff', 'incident_staff') -%}
    {%- set built = none -%}
    {%- if execute and not flags.FULL_REFRESH -%}
        {%- set node = graph.nodes.get('model.auxforce.int_incidents__incidents') -%}
        {%- set built = adapter.get_relation(
            database=node.database, schema=node.schema, identifier=node.alias) -%}
    {%- endif -%}
    {%- if built is none -%}
        true
    {%- else -%}
        incident_month in (
            select distinct incident_month
            from {{ staff }}
            where _loaded_at > (
                select coalesce(max(loaded_at_watermark), cast('1900-01-01' as timestamp))
                from {{ built }}
            )
        )
    {%- endif -%}
{%- endmacro %}
