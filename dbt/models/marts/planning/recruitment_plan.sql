-- Plan year x quota basis x bureau x category x quarter: the recruitment plan within the quota
-- (第10条 在用人额度内提出招聘计划; 第6条 用人额度, 倾斜基层; 第13条第（五）项 文化程度;
-- 第27条 岗前培训).
--   requests  = int_planning__recruitment_requests (what each bureau may ask for per quarter
--               without exceeding its cap);
--   places    = floor(recruitment_places_per_quarter_share x Σ approved caps of the province):
--               the recruits the province can take through pre-service training in a quarter,
--               the same on both bases; each province's places serve its own bureaus only;
--   quarter q = the requests of q plus what q - 1 deferred, served in priority order (county
--               bureaus, which own the grassroots 所队, then prefecture, then province bureaus;
--               within a tier the higher vacancy rate (demand ÷ cap) first, then bureau_code,
--               category) while the cumulative demand fits in the places; the rest is
--               deferred to q + 1, and after Q4 it is unmet (next year's plan).
with

requests as (

    select * from {{ ref('int_planning__recruitment_requests') }}

),

places as (

    select
        province_code,
        plan_year,
        cast(
            floor({{ var('recruitment_places_per_quarter_share') }} * sum(cap_quota)) as bigint
        ) as places_per_quarter
    from requests
    where quota_basis = 'approved' and quarter = 1
    group by province_code, plan_year

),

{% for q in range(1, 5) %}
demand_q{{ q }} as (

    select
        requests.*,
        places.places_per_quarter,
        {% if q == 1 -%}
        cast(0 as bigint) as deferred_in,
        requests.requested_hires as demand
        {%- else -%}
        served_q{{ q - 1 }}.deferred_out as deferred_in,
        requests.requested_hires + served_q{{ q - 1 }}.deferred_out as demand
        {%- endif %}
    from requests
    inner join places
        on places.province_code = requests.province_code
        and places.plan_year = requests.plan_year
    {% if q > 1 -%}
    inner join served_q{{ q - 1 }}
        on served_q{{ q - 1 }}.plan_year = requests.plan_year
        and served_q{{ q - 1 }}.quota_basis = requests.quota_basis
        and served_q{{ q - 1 }}.bureau_code = requests.bureau_code
        and served_q{{ q - 1 }}.category = requests.category
    {% endif -%}
    where requests.quarter = {{ q }}

),

ranked_q{{ q }} as (

    select
        *,
        row_number() over (
            partition by province_code, plan_year, quota_basis
            order by
                case when demand > 0 then 0 else 1 end,
                case bureau_tier when 'county' then 1 when 'prefecture' then 2 else 3 end,
                coalesce({{ safe_ratio('demand', 'cap_quota') }}, 0) desc,
                bureau_code,
                category
        ) as priority_rank
    from demand_q{{ q }}

),

queued_q{{ q }} as (

    select
        *,
        sum(demand) over (
            partition by province_code, plan_year, quota_basis
            order by priority_rank
            rows between unbounded preceding and current row
        ) - demand as demand_before
    from ranked_q{{ q }}

),

served_q{{ q }} as (

    select
        *,
        greatest(0, least(demand, places_per_quarter - demand_before)) as planned_hires,
        demand - greatest(0, least(demand, places_per_quarter - demand_before)) as deferred_out
    from queued_q{{ q }}

),
{% endfor %}

served as (

    {% for q in range(1, 5) -%}
    select * from served_q{{ q }}{{ " union all" if not loop.last }}
    {% endfor %}

),

planned as (

    select
        *,
        sum(planned_hires) over (
            partition by plan_year, quota_basis, bureau_code, category
            order by quarter
            rows between unbounded preceding and current row
        ) as cumulative_planned_hires,
        case
            when forecast_headcount_max > cap_quota then 'over_quota'
            when deferred_out > 0 and quarter = 4 then 'deferred_unmet'
            when deferred_out > 0 then 'places_limited'
            when planned_hires > 0 then 'within_quota'
            when quarter_allowance > cumulative_allowed then 'later_quarter_limit'
            else 'no_vacancy'
        end as cap_reason_code
    from served

),

final as (

    select
        -- grain
        cast(plan_year as integer) as plan_year,
        cast(quota_basis as {{ type_string() }}) as quota_basis,
        cast(quarter as integer) as quarter,
        cast(bureau_code as {{ type_string() }}) as bureau_code,
        cast(category as {{ type_string() }}) as category,

        -- the bureau and its place in the queue
        cast(bureau_name as {{ type_string() }}) as bureau_name,
        cast(bureau_tier as {{ type_string() }}) as bureau_tier,
        cast(province_code as {{ type_string() }}) as province_code,
        cast(prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(bureau_tier = 'county' as boolean) as is_grassroots_tier,
        cast(priority_rank as bigint) as priority_rank,

        -- the cap
        cast(quota_year as integer) as quota_year,
        cast(quota_carried_forward as boolean) as quota_carried_forward,
        cast(cap_quota as bigint) as cap_quota,

        -- measures
        cast(forecast_headcount_max as {{ type_double() }}) as forecast_headcount_max,
        cast(requested_hires as bigint) as requested_hires,
        cast(deferred_in as bigint) as deferred_in,
        cast(planned_hires as bigint) as planned_hires,
        cast(deferred_out as bigint) as deferred_out,
        cast(cumulative_planned_hires as bigint) as cumulative_planned_hires,
        cast(forecast_headcount_max + cumulative_planned_hires as {{ type_double() }})
            as headcount_after_plan_max,

        -- why (Chinese first)
        cast(cap_reason_code as {{ type_string() }}) as cap_reason_code,
        cast(
            case cap_reason_code
                when 'over_quota' then '预测人数超出用人额度，暂停招聘'
                when 'deferred_unmet' then '年度岗前培训名额不足，未满足部分列入下年度招聘计划'
                when 'places_limited' then '本季度岗前培训名额已满，未满足部分顺延至下季度'
                when 'within_quota' then '在用人额度内补足预测减员'
                when 'later_quarter_limit' then '后续季度已知入职将占用额度，本季度不再招聘'
                else '本季度无新增空缺，无需招聘'
            end as {{ type_string() }}
        ) as cap_reason,
        cast(
            case cap_reason_code
                when 'over_quota' then 'Forecast headcount above the quota: no recruitment'
                when 'deferred_unmet' then 'The year''s pre-service training places fall short: the rest goes to next year''s plan'
                when 'places_limited' then 'This quarter''s pre-service training places are used up: the rest moves to the next quarter'
                when 'within_quota' then 'Replaces forecast separations up to the quota'
                when 'later_quarter_limit' then 'Known hires of a later quarter take up the quota: no recruitment this quarter'
                else 'No new vacancy this quarter: no recruitment'
            end as {{ type_string() }}
        ) as cap_reason_en,

        -- who may apply (第13条第（五）项)
        cast(
            case category when 'civilian' then '大专及以上' else '高中（中专）及以上' end
            as {{ type_string() }}
        ) as education_requirement,
        cast(
            case category
                when 'civilian' then 'junior college (dazhuan) or above'
                else 'senior high school (or secondary vocational school) or above'
            end as {{ type_string() }}
        ) as education_requirement_en,
        cast('第13条第（五）项' as {{ type_string() }}) as education_article,

        -- the shared constraint
        cast(places_per_quarter as bigint) as places_per_quarter
    from planned

)

select * from final
