-- Why: Art. 27 岗前培训 — every recruit is trained before first duty, and the province's
-- classes take only places_per_quarter recruits a quarter (var
-- recruitment_places_per_quarter_share): the plan of a quarter, all bureaus and both
-- categories of the province together, must fit in them on either basis. Returns the quarters that do not.
select
    province_code,
    plan_year,
    quota_basis,
    quarter,
    max(places_per_quarter) as places_per_quarter,
    sum(planned_hires) as planned_hires
from {{ ref('recruitment_plan') }}
group by province_code, plan_year, quota_basis, quarter
having sum(planned_hires) > max(places_per_quarter)
