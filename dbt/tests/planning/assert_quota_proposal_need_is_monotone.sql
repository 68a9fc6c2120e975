-- Why: Art. 6 倾斜基层 / needs-based allocation — before damping, a bureau with a higher need
-- share (within a category) must never receive fewer need-based places than a bureau with a lower one; a
-- category split or rounding step that inverted that order would quietly move staff away
-- from where the workload is. Returns every inverted pair (within a province: each province
-- shares its own total).
with

bureaus as (

    select province_code, bureau_code, category, need_share, need_based_quota
    from {{ ref('quota_proposal') }}

)

select
    higher.province_code,
    higher.category,
    higher.bureau_code as higher_need_bureau,
    lower_need.bureau_code as lower_need_bureau,
    higher.need_share as higher_need_share,
    lower_need.need_share as lower_need_share,
    higher.need_based_quota as higher_need_based_quota,
    lower_need.need_based_quota as lower_need_based_quota
from bureaus as higher
inner join bureaus as lower_need
    on higher.province_code = lower_need.province_code
    and higher.category = lower_need.category
    and higher.need_share > lower_need.need_share
where higher.need_based_quota < lower_need.need_based_quota - 1e-9
