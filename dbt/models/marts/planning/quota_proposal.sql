-- Bureau x next year x category: next year's quotas (第6条: 总量控制, 倾斜基层, 动态调整, 分类使用),
-- each province allocating its own total (quota_proposal_parameters has a row per province).
-- The method is macros/whatif/quota_proposal.sql (its header gives the five steps), run over
-- quota_proposal_inputs with the parameters of quota_proposal_parameters (the dbt vars). The
-- dashboards' what-if runs the same macro in the snapshot (marts.quota_proposal_whatif), so at
-- the published parameters it returns this table row for row.
with

proposal as (

    {{ quota_proposal_sql(
        ref('quota_proposal_inputs'), ref('quota_proposal_parameters'), per_province=true
    ) }}

)

select * from proposal
