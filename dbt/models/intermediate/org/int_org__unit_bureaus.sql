-- Every unit with its owning bureau (局): the nearest ancestor-or-self whose tier is
-- province, prefecture or county (output contract, "Bureau"). A station counts for the
-- county above it, never for the prefecture above that county.
with recursive

units as (

    select * from {{ ref('stg_org_units__units') }}

),

-- ancestor-or-self chain of every unit: depth 0 is the unit itself, depth 1 its parent...
ancestry as (

    select
        unit_code,
        unit_code as ancestor_code,
        parent_code as ancestor_parent_code,
        0 as depth
    from units

    union all

    select
        ancestry.unit_code,
        parents.unit_code as ancestor_code,
        parents.parent_code as ancestor_parent_code,
        ancestry.depth + 1 as depth
    from ancestry
    inner join units as parents
        on parents.unit_code = ancestry.ancestor_parent_code
    where ancestry.depth < 20  -- guard against a cycle in a bad org file

),

ancestors as (

    select
        ancestry.unit_code,
        ancestry.depth,
        ancestor.unit_code as ancestor_code,
        ancestor.tier as ancestor_tier,
        ancestor.admin_code as ancestor_admin_code
    from ancestry
    inner join units as ancestor
        on ancestor.unit_code = ancestry.ancestor_code

),

nearest as (

    select
        unit_code,

        -- owning bureau: nearest ancestor-or-self of a bureau tier
        min(case when ancestor_tier in ('province', 'prefecture', 'county') then depth end)
            as bureau_depth,
        min(case when ancestor_tier = 'county' then depth end) as county_depth,
        min(case when ancestor_tier = 'prefecture' then depth end) as prefecture_depth,
        min(case when ancestor_tier = 'province' then depth end) as province_depth,
        min(case when ancestor_admin_code is not null then depth end) as admin_depth

    from ancestors
    group by unit_code

),

resolved as (

    select
        nearest.unit_code,
        max(case when ancestors.depth = nearest.bureau_depth then ancestors.ancestor_code end)
            as bureau_code,
        max(case when ancestors.depth = nearest.county_depth then ancestors.ancestor_code end)
            as county_bureau_code,
        max(case when ancestors.depth = nearest.prefecture_depth then ancestors.ancestor_code end)
            as prefecture_bureau_code,
        max(case when ancestors.depth = nearest.province_depth then ancestors.ancestor_code end)
            as province_bureau_code,
        max(case when ancestors.depth = nearest.admin_depth then ancestors.ancestor_admin_code end)
            as effective_admin_code
    from nearest
    inner join ancestors
        on ancestors.unit_code = nearest.unit_code
    group by nearest.unit_code

),

final as (

    select
        -- the unit
        units.unit_code,
        units.unit_name,
        units.parent_code,
        units.tier,
        units.unit_kind,
        units.unit_kind = 'grassroots' as is_grassroots,
        units.tier in ('province', 'prefecture', 'county') as is_bureau,
        units.agency,
        units.admin_code,
        units.population,

        -- admin code for reference lookups (min wage class, divisions): own, else nearest ancestor's
        resolved.effective_admin_code,

        -- owning bureau and the bureaus above it
        resolved.bureau_code,
        bureau.tier as bureau_tier,
        bureau.unit_name as bureau_name,
        resolved.county_bureau_code,
        resolved.prefecture_bureau_code,
        resolved.province_bureau_code,

        -- province (GB/T 2260 code): the root of the unit's tree, the first 2 digits of its
        -- (nearest) admin code + '0000'; every province-wide figure is partitioned by it
        {{ province_code('resolved.effective_admin_code') }} as province_code,

        -- prefecture (GB/T 2260 code): admin code of the prefecture bureau; province-level
        -- units (no prefecture above them) carry the province's code
        coalesce(
            prefecture.admin_code,
            case
                when resolved.county_bureau_code is not null
                    then substr(resolved.effective_admin_code, 1, 4) || '00'
            end,
            province.admin_code
        ) as prefecture_code

    from units
    left join resolved
        on resolved.unit_code = units.unit_code
    left join units as bureau
        on bureau.unit_code = resolved.bureau_code
    left join units as prefecture
        on prefecture.unit_code = resolved.prefecture_bureau_code
    left join units as province
        on province.unit_code = resolved.province_bureau_code

)

select * from final
