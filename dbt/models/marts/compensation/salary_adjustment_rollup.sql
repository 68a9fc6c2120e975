-- Scope (prefecture | province) x year under review x target: the pay adjustment's totals
-- (第33条 薪酬动态调整; 第34条 社会保险), the only place the 薪酬调整测算表 reads totals from.
--   prefecture scope = the bureau rows of salary_adjustment_cost of the prefecture's bureaus
--                      (its prefecture bureau and its counties), scope code = prefecture_code,
--                      bureau_code = the prefecture bureau;
--   province scope   = every bureau row of the province (the province bureau's too), scope
--                      code = the province bureau's prefecture_code, bureau_code = the
--                      province bureau;
--   each measure = Σ over the scope's bureau rows at the same year and target (a person who
--   moved counts in each bureau, as in the bureau rows); adjustment_cost = pay_gap +
--   employer_insurance holds per row because it holds per bureau row.
-- Money stays unblanked here: the dashboards' reader shows it only where the part of it not
-- shown bureau by bureau cannot reveal a group of 1-4 people (dashboards/lib/db.py).
with

adjustment as (

    select * from {{ ref('salary_adjustment_cost') }}

),

-- each bureau row once in its prefecture (not the province bureau's) and once in the province
scoped as (

    {{ rollup_scopes('adjustment') }}

),

totals as (

    select
        province_code,
        scope_level,
        scope_code,
        scope_bureau_code,
        scope_name,
        year,
        target_pct,
        max(target_ratio) as target_ratio,
        count(*) as bureaus,
        sum(people) as people,
        sum(paid_person_months) as paid_person_months,
        sum(people_below_target) as people_below_target,
        sum(pay_gap) as pay_gap,
        sum(employer_insurance) as employer_insurance,
        sum(adjustment_cost) as adjustment_cost
    from scoped
    group by
        province_code, scope_level, scope_code, scope_bureau_code, scope_name, year, target_pct

),

final as (

    select
        -- grain
        cast(totals.province_code as {{ type_string() }}) as province_code,
        cast(totals.scope_level as {{ type_string() }}) as scope_level,
        cast(totals.scope_code as {{ type_string() }}) as scope_code,
        cast(totals.year as integer) as year,
        cast(totals.target_pct as integer) as target_pct,

        -- the scope, as the scoped reader filters it
        cast(totals.scope_name as {{ type_string() }}) as scope_name,
        cast(totals.scope_code as {{ type_string() }}) as prefecture_code,
        cast(totals.scope_bureau_code as {{ type_string() }}) as bureau_code,

        -- the target
        cast(totals.target_ratio as {{ type_double() }}) as target_ratio,

        -- people
        cast(totals.bureaus as bigint) as bureaus,
        cast(totals.people as bigint) as people,
        cast(totals.paid_person_months as bigint) as paid_person_months,
        cast(totals.people_below_target as bigint) as people_below_target,

        -- money (yuan for the year under review)
        cast(totals.pay_gap as decimal(18, 2)) as pay_gap,
        cast(totals.employer_insurance as decimal(18, 2)) as employer_insurance,
        cast(totals.adjustment_cost as decimal(18, 2)) as adjustment_cost
    from totals

)

select * from final
