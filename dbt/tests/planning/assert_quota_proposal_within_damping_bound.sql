-- Why: Art. 6 动态调整 — quotas move gradually; no bureau x category may change by more than
-- the damping bound (var damping_bound) of its current quota in one year. Returns violators.
select *
from {{ ref('quota_proposal') }}
where abs(change) > damping_bound * current_quota + 1e-9
    or proposed_quota < 0
