-- One row per bureau (局: a unit of tier province, prefecture or county; 第6条, 第26条): the
-- directory every dashboard page joins to for names, tiers, the prefecture and map position.
with

units as (

    select * from {{ ref('int_org__unit_bureaus') }}

),

divisions as (

    select * from {{ ref('ref_divisions') }}

),

owned as (

    select
        bureau_code,
        count(*) as units,
        sum(case when is_grassroots then 1 else 0 end) as grassroots_units
    from units
    group by bureau_code

),

bureaus as (

    select * from units
    where is_bureau

),

final as (

    select
        -- the bureau
        cast(bureaus.unit_code as {{ type_string() }}) as bureau_code,
        cast(bureaus.unit_name as {{ type_string() }}) as bureau_name,
        cast(bureaus.tier as {{ type_string() }}) as tier,
        cast(bureaus.agency as {{ type_string() }}) as agency,

        -- the bureau above (第6条: quotas of prefecture and county bureaus are approved by the level above)
        cast(parent.bureau_code as {{ type_string() }}) as parent_bureau_code,
        cast(bureaus.prefecture_bureau_code as {{ type_string() }}) as prefecture_bureau_code,
        cast(bureaus.province_code as {{ type_string() }}) as province_code,
        cast(bureaus.prefecture_code as {{ type_string() }}) as prefecture_code,

        -- the division it serves
        cast(bureaus.effective_admin_code as {{ type_string() }}) as admin_code,
        cast(divisions.name as {{ type_string() }}) as division_name,
        cast(coalesce(bureaus.population, divisions.population) as bigint) as population,
        cast(divisions.longitude as {{ type_double() }}) as longitude,
        cast(divisions.latitude as {{ type_double() }}) as latitude,

        -- what it owns
        cast(coalesce(owned.units, 0) as bigint) as units,
        cast(coalesce(owned.grassroots_units, 0) as bigint) as grassroots_units
    from bureaus
    left join units as parent
        on parent.unit_code = bureaus.parent_code
    left join divisions
        on cast(divisions.admin_code as {{ type_string() }}) = bureaus.effective_admin_code
    left join owned
        on owned.bureau_code = bureaus.unit_code

)

select * from final
