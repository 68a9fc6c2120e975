-- Why: the compliance page and the audit export parse evidence as JSON; a finding whose
-- evidence is not a JSON object would break the drill-down for that whole page.
select rule_id, finding_id, evidence
from {{ ref('compliance_violations') }}
where {{ is_json_object('evidence') }} = false
