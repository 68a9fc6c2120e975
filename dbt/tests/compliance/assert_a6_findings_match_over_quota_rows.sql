-- Why: the compliance page and the planning page must agree — every quota_utilization row
-- with over_quota is exactly one A6_OVER_QUOTA finding and vice versa.
with

over_quota as (

    select bureau_code, cast(year as {{ type_string() }}) as period, category
    from {{ ref('quota_utilization') }}
    where over_quota

),

findings as (

    select unit_code as bureau_code, period, detail as category
    from {{ ref('compliance_violations') }}
    where rule_id = 'A6_OVER_QUOTA'

),

missing as (

    select 'missing_finding' as problem, * from over_quota
    except
    select 'missing_finding' as problem, * from findings

),

extra as (

    select 'extra_finding' as problem, * from findings
    except
    select 'extra_finding' as problem, * from over_quota

)

select * from missing
union all
select * from extra
