-- Bureau x proposal year x category: the quota request a level files for approval (用人额度申报表;
-- 第6条: each level proposes its quota, 机构编制 and 财政 approve; 总量控制, 动态调整).
-- One formula per figure: current, proposed and the bounds are quota_proposal's, the bureau's
-- own request quota_utilization's, the need staffing_need's; this model puts them side by side
-- and says why the proposal is what it is (reason_code, from quota_proposal's bounds):
--   new_request       a request (> 0) for the year with no key in the proposal (no quota, no
--                     staff in the base year): outside the allocation, approved on its own
--   no_current_quota  current_quota = 0: the damping bound is a share of it, so 0 .. 0
--   held_by_bound     lower_bound = upper_bound: the bound is under one place either way
--   no_need           need_based_quota = 0: no indicator to share by; lower bound, or the
--                     places left once every key with need is at its upper bound
--   growth_limited    damped_quota at upper_bound (> current): need asks more than the bound
--   reduction_limited damped_quota at lower_bound (< current): need asks less than the bound
--   need_share        otherwise: the need share of the province total, rounded
-- (the damped quota, not the rounded one, is compared: a key rounded up to its upper bound was
-- not limited by it). change = proposed − current.
with

proposal as (

    select * from {{ ref('quota_proposal') }}

),

inputs as (

    select * from {{ ref('quota_proposal_inputs') }}

),

quotas as (

    select * from {{ ref('quota_utilization') }}

),

need as (

    select * from {{ ref('staffing_need') }}

),

bureaus as (

    select * from {{ ref('dim_bureau') }}

),

settings as (

    select
        province_code,
        max(year) as proposal_year,
        max(base_year) as base_year,
        max(damping_bound) as damping_bound
    from proposal
    group by province_code

),

need_year as (

    select province_code, max(need_year) as need_year
    from inputs
    group by province_code

),

requests as (

    select quotas.province_code, quotas.bureau_code, quotas.category, quotas.requested_quota
    from quotas
    inner join settings
        on settings.province_code = quotas.province_code
        and settings.proposal_year = quotas.year

),

keys as (

    select province_code, bureau_code, category from proposal
    union
    select province_code, bureau_code, category from requests where requested_quota > 0

),

joined as (

    select
        keys.bureau_code,
        keys.category,
        settings.proposal_year,
        settings.base_year,
        need_year.need_year,
        settings.damping_bound,
        proposal.bureau_code is not null as in_proposal,
        coalesce(proposal.current_quota, 0) as current_quota,
        proposal.headcount,
        need.required_fte,
        requests.requested_quota,
        proposal.proposed_quota,
        proposal.lower_bound,
        proposal.upper_bound,
        proposal.need_based_quota,
        proposal.damped_quota
    from keys
    inner join settings
        on settings.province_code = keys.province_code
    left join need_year
        on need_year.province_code = keys.province_code
    left join proposal
        on proposal.bureau_code = keys.bureau_code
        and proposal.category = keys.category
    left join requests
        on requests.bureau_code = keys.bureau_code
        and requests.category = keys.category
    left join need
        on need.bureau_code = keys.bureau_code
        and need.category = keys.category
        and need.year = need_year.need_year

),

reasoned as (

    select
        *,
        case
            when not in_proposal then 'new_request'
            when current_quota = 0 then 'no_current_quota'
            when lower_bound = upper_bound then 'held_by_bound'
            when need_based_quota <= 0 then 'no_need'
            when damped_quota >= upper_bound then 'growth_limited'
            when damped_quota <= lower_bound then 'reduction_limited'
            else 'need_share'
        end as reason_code,
        cast(cast(round(damping_bound * 100) as integer) as {{ type_string() }}) as bound_pct,
        cast(current_quota as {{ type_string() }}) as current_text,
        cast(upper_bound as {{ type_string() }}) as upper_text,
        cast(lower_bound as {{ type_string() }}) as lower_text,
        cast({{ round_to('damped_quota', 1) }} as {{ type_string() }}) as damped_text
    from joined

),

final as (

    select
        -- grain
        cast(reasoned.bureau_code as {{ type_string() }}) as bureau_code,
        cast(reasoned.proposal_year as integer) as year,
        cast(reasoned.category as {{ type_string() }}) as category,

        -- where
        cast(bureaus.bureau_name as {{ type_string() }}) as bureau_name,
        cast(bureaus.tier as {{ type_string() }}) as bureau_tier,
        cast(bureaus.province_code as {{ type_string() }}) as province_code,
        cast(bureaus.prefecture_code as {{ type_string() }}) as prefecture_code,
        cast(reasoned.base_year as integer) as base_year,
        cast(reasoned.need_year as integer) as need_year,

        -- base year
        cast(reasoned.current_quota as bigint) as current_quota,
        cast(reasoned.headcount as bigint) as headcount,
        cast(reasoned.required_fte as {{ type_double() }}) as required_fte,

        -- request and proposal
        cast(reasoned.requested_quota as bigint) as requested_quota,
        cast(reasoned.proposed_quota as bigint) as proposed_quota,
        cast(reasoned.proposed_quota - reasoned.current_quota as bigint) as change,
        cast(reasoned.lower_bound as bigint) as lower_bound,
        cast(reasoned.upper_bound as bigint) as upper_bound,
        cast(reasoned.damping_bound as {{ type_double() }}) as damping_bound,

        -- why
        cast(reasoned.reason_code as {{ type_string() }}) as reason_code,
        cast(case reasoned.reason_code
            when 'new_request' then '新申报额度：基准年无额度、无在岗人员，不在总量测算之内，需单独报批'
            when 'no_current_quota' then '现无核定额度：动态调整幅度以现额度为基数，测算无法安排，需单独报批'
            when 'held_by_bound' then '现额度 ' || current_text || ' 人，±' || bound_pct
                || '% 的动态调整幅度不足 1 人，额度不变'
            when 'no_need' then '无需求测算指标（需求份额为 0）：按动态调整下限 ' || lower_text
                || ' 人安排，总量有余时分得剩余名额'
            when 'growth_limited' then '增幅受动态调整幅度限制：按上限 ' || upper_text
                || ' 人安排（现额度 ' || current_text || ' 人 × (1 + ' || bound_pct || '%)，向下取整）'
            when 'reduction_limited' then '减幅受动态调整幅度限制：按下限 ' || lower_text
                || ' 人安排（现额度 ' || current_text || ' 人 × (1 − ' || bound_pct || '%)，向上取整）'
            else '按需求份额测算 ' || damped_text || ' 人（总量控制内），取整安排'
        end as {{ type_string() }}) as reason,
        cast(case reasoned.reason_code
            when 'new_request' then 'New request: no quota or staff in the base year, outside the allocation; approved on its own'
            when 'no_current_quota' then 'No approved quota now: the damping bound is a share of it, so the allocation cannot place any; approved on its own'
            when 'held_by_bound' then 'Quota ' || current_text || ': a ±' || bound_pct
                || '% damping bound is under one place, quota unchanged'
            when 'no_need' then 'No need indicator (need share 0): lower bound ' || lower_text
                || ', plus places left over once every key with need is at its upper bound'
            when 'growth_limited' then 'Growth limited by the damping bound: upper bound '
                || upper_text || ' (quota ' || current_text || ' × (1 + ' || bound_pct || '%), rounded down)'
            when 'reduction_limited' then 'Reduction limited by the damping bound: lower bound '
                || lower_text || ' (quota ' || current_text || ' × (1 − ' || bound_pct || '%), rounded up)'
            else 'Need share of the province total: ' || damped_text || ', rounded'
        end as {{ type_string() }}) as reason_en
    from reasoned
    left join bureaus
        on bureaus.bureau_code = reasoned.bureau_code

)

select * from final
