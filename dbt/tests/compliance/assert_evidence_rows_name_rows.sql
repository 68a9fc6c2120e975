-- Why: an inspector acts on a finding by opening the clerk's file at the row it names
-- (issue 13). Every finding must point to at least one landing row, each with a file and a
-- spreadsheet row (evidence_row emits an object only
-- for a record that exists). A6 is the one exception: a bureau with staff and no quota row at all
-- exceeds a quota of 0 that no row states.
with

findings as (

    select rule_id, finding_id, evidence_rows
    from {{ ref('compliance_violations') }}

)

select rule_id, finding_id, evidence_rows
from findings
where evidence_rows not like '[%]'
    or (rule_id <> 'A6_OVER_QUOTA' and {{ json_array_length('evidence_rows') }} = 0)
